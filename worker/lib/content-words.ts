import AhoCorasick from 'modern-ahocorasick'
import type { ContentWordKind } from '../../db/schema'

// The local half of the text check (decision 013): a word list matched with Aho–Corasick on a
// normalised copy of the text, so the usual evasions still match — full-width letters (ＳＢ),
// capitals, spaces, punctuation, symbols and emoji between the characters (傻 逼, 傻*逼, 傻😀逼).
// Matches are reported as the resident wrote them, so the message can say what to change.

/**
 * Shipped with the app and applied in every street until the street lifts a word (kind
 * 'allow' in content_words). Kept short on purpose: WeChat's own check covers the long tail
 * where it is configured; streets add their local words on the staff screen.
 */
export const DEFAULT_WORDS: readonly { word: string; kind: Exclude<ContentWordKind, 'allow'> }[] = [
  // Abuse of a neighbour.
  { word: '傻逼', kind: 'block' },
  { word: '煞笔', kind: 'block' },
  { word: '操你妈', kind: 'block' },
  { word: '草泥马', kind: 'block' },
  { word: '你妈的', kind: 'block' },
  { word: '狗日的', kind: 'block' },
  { word: '王八蛋', kind: 'block' },
  { word: '去死吧', kind: 'block' },
  { word: '贱人', kind: 'block' },
  { word: '婊子', kind: 'block' },
  // Scams and illegal trade that reach community boards.
  { word: '代开发票', kind: 'block' },
  { word: '刷单返利', kind: 'block' },
  { word: '网络赌博', kind: 'block' },
  { word: '六合彩', kind: 'block' },
  { word: '信用卡套现', kind: 'block' },
  { word: '裸聊', kind: 'block' },
  { word: '出售枪支', kind: 'block' },
  // Advertising: not refused (a neighbour may mean well), but a person looks first.
  { word: '加微信', kind: 'review' },
  { word: '加我微信', kind: 'review' },
  { word: '投资理财', kind: 'review' },
  { word: '免费领取', kind: 'review' },
]

/** Letters and digits survive normalisation; everything else (spaces, punctuation, symbols, emoji) is dropped. */
const KEEP = /[\p{L}\p{N}]/u

/**
 * The text as the matcher sees it: NFKC per character (full-width → half-width), lower case,
 * letters and digits only; `origin[i]` is where normalised character i came from in the text.
 */
export function normalise(text: string): {
  text: string
  origin: { start: number; end: number }[]
} {
  let out = ''
  const origin: { start: number; end: number }[] = []
  let index = 0
  for (const char of text) {
    const start = index
    index += char.length
    for (const unit of char.normalize('NFKC').toLowerCase()) {
      if (!KEEP.test(unit)) continue
      out += unit
      for (let k = 0; k < unit.length; k++) origin.push({ start, end: index })
    }
  }
  return { text: out, origin }
}

/** A listed word as it is stored and matched: normalised, never empty. */
export function normaliseWord(word: string): string {
  return normalise(word).text
}

export type WordHit = { word: string; kind: Exclude<ContentWordKind, 'allow'>; written: string }

export type WordMatcher = { find(text: string): WordHit[] }

/**
 * A compiled list: the defaults with the street's changes applied (a street word overrides the
 * default of the same word; 'allow' removes it).
 */
export function compileWords(
  streetWords: readonly { word: string; kind: ContentWordKind }[],
): WordMatcher {
  const kinds = new Map<string, ContentWordKind>()
  for (const { word, kind } of DEFAULT_WORDS) kinds.set(normaliseWord(word), kind)
  for (const { word, kind } of streetWords) kinds.set(normaliseWord(word), kind)
  const listed = [...kinds].filter(
    (entry): entry is [string, Exclude<ContentWordKind, 'allow'>] =>
      entry[0] !== '' && entry[1] !== 'allow',
  )
  if (listed.length === 0) return { find: () => [] }
  const matcher = new AhoCorasick(listed.map(([pattern, kind]) => ({ pattern, data: kind })))
  return {
    find(text) {
      const { text: plain, origin } = normalise(text)
      const hits = new Map<string, WordHit>()
      for (const match of matcher.search(plain)) {
        const written = text.slice(origin[match.start]!.start, origin[match.end - 1]!.end)
        hits.set(written, { word: match.pattern, kind: match.data!, written })
      }
      return [...hits.values()]
    },
  }
}
