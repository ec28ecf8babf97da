import type { ConventionDiff } from '@/packages/conventions/api'

// The compare view: the API says which articles were added, removed or changed (article n of one
// version against article n of the other); inside a changed article the words that changed are
// marked, character by character (Chinese has no spaces to split words on).

export type Segment = { kind: 'same' | 'added' | 'removed'; text: string }

/** Beyond this many character pairs the article is shown as wholly replaced (keeps phones fast). */
const MAX_CELLS = 400_000

/** Character diff by longest common subsequence; adjacent pieces of one kind are merged. */
export function textDiff(from: string, to: string): Segment[] {
  const a = Array.from(from)
  const b = Array.from(to)
  // Common prefix and suffix are cheap and make the table small for typical edits.
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  const out: Segment[] = []
  const push = (kind: Segment['kind'], text: string) => {
    if (!text) return
    const last = out[out.length - 1]
    if (last && last.kind === kind) last.text += text
    else out.push({ kind, text })
  }
  push('same', a.slice(0, start).join(''))

  const n = midA.length
  const m = midB.length
  if (n * m > MAX_CELLS) {
    push('removed', midA.join(''))
    push('added', midB.join(''))
  } else {
    // lcs[i][j] = length of the LCS of midA[i..] and midB[j..], in one flat array.
    const width = m + 1
    const lcs = new Uint16Array((n + 1) * width)
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] =
          midA[i] === midB[j]
            ? lcs[(i + 1) * width + j + 1]! + 1
            : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!)
      }
    }
    let i = 0
    let j = 0
    // Removals before additions at each change, so "旧→新" reads in that order.
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        push('same', midA[i]!)
        i++
        j++
      } else if (j >= m || (i < n && lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
        push('removed', midA[i]!)
        i++
      } else {
        push('added', midB[j]!)
        j++
      }
    }
  }
  push('same', a.slice(endA).join(''))
  return regroup(out)
}

/**
 * Orders each run of changes as all removals, then all additions ("删 删 增 增" rather than
 * "删 增 删 增"), which is how a person compares two wordings.
 */
function regroup(segments: Segment[]): Segment[] {
  const out: Segment[] = []
  let removed = ''
  let added = ''
  const flush = () => {
    if (removed) out.push({ kind: 'removed', text: removed })
    if (added) out.push({ kind: 'added', text: added })
    removed = ''
    added = ''
  }
  for (const s of segments) {
    if (s.kind === 'same') {
      flush()
      out.push(s)
    } else if (s.kind === 'removed') removed += s.text
    else added += s.text
  }
  flush()
  return out
}

export type ArticleRow = {
  article: number
  change: 'same' | 'changed' | 'added' | 'removed'
  /** What to show: for a changed article the marked differences, otherwise the one text. */
  segments: Segment[]
}

export type DiffView = {
  title: { changed: boolean; segments: Segment[] }
  preamble: { changed: boolean; segments: Segment[] }
  articles: ArticleRow[]
  counts: { added: number; removed: number; changed: number; same: number }
  /** "新增 1 条，修改 2 条" or "两个版本的条文相同". */
  summary: string
}

function field(
  from: string,
  to: string,
  changed: boolean,
): { changed: boolean; segments: Segment[] } {
  return {
    changed,
    segments: changed ? textDiff(from, to) : to ? [{ kind: 'same', text: to }] : [],
  }
}

export function diffView(diff: ConventionDiff): DiffView {
  const counts = { added: 0, removed: 0, changed: 0, same: 0 }
  const articles = diff.articles.map((a): ArticleRow => {
    counts[a.change]++
    if (a.change === 'changed')
      return { article: a.article, change: a.change, segments: textDiff(a.from ?? '', a.to ?? '') }
    if (a.change === 'added')
      return {
        article: a.article,
        change: a.change,
        segments: [{ kind: 'added', text: a.to ?? '' }],
      }
    if (a.change === 'removed')
      return {
        article: a.article,
        change: a.change,
        segments: [{ kind: 'removed', text: a.from ?? '' }],
      }
    return { article: a.article, change: a.change, segments: [{ kind: 'same', text: a.to ?? '' }] }
  })
  const parts = [
    counts.added && `新增 ${counts.added} 条`,
    counts.removed && `删除 ${counts.removed} 条`,
    counts.changed && `修改 ${counts.changed} 条`,
  ].filter(Boolean)
  const extra = [diff.title.changed && '标题', diff.preamble.changed && '前言'].filter(Boolean)
  let summary: string
  if (parts.length === 0 && extra.length === 0) summary = '两个版本的内容相同'
  else if (parts.length === 0) summary = `条文相同，${extra.join('和')}有改动`
  else summary = `${parts.join('，')}${extra.length ? `；${extra.join('和')}有改动` : ''}`
  return {
    title: field(diff.title.from, diff.title.to, diff.title.changed),
    preamble: field(diff.preamble.from, diff.preamble.to, diff.preamble.changed),
    articles,
    counts,
    summary,
  }
}

export const CHANGE_NAMES: Record<ArticleRow['change'], string> = {
  same: '未改动',
  changed: '有修改',
  added: '新增',
  removed: '删除',
}
