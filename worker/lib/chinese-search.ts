// Chinese full-text search on SQLite FTS5 without a Chinese tokenizer: text is indexed as
// overlapping character bigrams ("背街小巷" → "背街 街小 小巷"), latin words and numbers as
// whole lower-case words. A query is cut the same way. A row matches when it shares enough of
// the query's tokens (not all: "路灯坏了" must find "青石巷路灯又不亮了", which has 路灯 but not
// 灯坏 or 坏了), and rows are ranked by how many they share, then by BM25 (decision 012).

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/

function tokens(text: string): string[] {
  const out: string[] = []
  for (const run of text.toLowerCase().match(/[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g) ?? []) {
    if (!CJK.test(run)) {
      out.push(run)
    } else if (run.length === 1) {
      out.push(run)
    } else {
      for (let i = 0; i < run.length - 1; i++) out.push(run.slice(i, i + 2))
    }
  }
  return out
}

/** The text stored in the indexed column. */
export function searchTextOf(...parts: string[]): string {
  return tokens(parts.join(' ')).join(' ')
}

/**
 * The distinct tokens of what a resident typed (at most 16), each with whether it is a prefix: a
 * lone Chinese character next to other words ("12号") matches the bigrams it starts ("12 号门口"
 * is indexed as "12 号门 门口").
 */
export function searchTerms(query: string): { token: string; prefix: boolean }[] {
  return [...new Set(tokens(query))]
    .slice(0, 16)
    .map((token) => ({ token, prefix: token.length === 1 && CJK.test(token) }))
}

/**
 * An FTS5 MATCH expression for rows sharing any of the terms, or null when nothing searchable is
 * left. Every token is quoted, so FTS5 operators typed by users are plain text.
 */
export function matchExpression(
  terms: { token: string; prefix: boolean }[],
  join: 'OR' | 'AND' = 'OR',
): string | null {
  if (terms.length === 0) return null
  return terms
    .map((t) => `"${t.token.replace(/"/g, '""')}"${t.prefix ? '*' : ''}`)
    .join(` ${join} `)
}

/**
 * Whether FTS5 finds a term exactly where the indexed text holds it, so that the index can say
 * which rows hold it (a MATCH of the term alone) instead of reading each row's text. True when
 * every character is one FTS5's unicode61 tokenizer (Unicode 6.1 tables) keeps inside a token:
 * a-z, 0-9 and the CJK ideographs assigned by Unicode 6.1. Anything else (the Yijing hexagrams
 * in U+4DC0–4DFF, ideographs added since, compatibility ideographs) may be a separator to FTS5
 * while this file's cutting keeps it in a bigram; such a term is looked for in the text instead.
 */
export function indexedAsWritten(term: { token: string }): boolean {
  return /^[a-z0-9\u3400-\u4db5\u4e00-\u9fcc]+$/.test(term.token)
}

/**
 * How many of a query's terms a row must share to be listed: a third, rounded up. One of
 * "路灯 灯坏 坏了" is enough; "7弄12号" (7, 弄, 12, 号) needs two, so a row with only 号 is noise.
 */
export function minimumShared(termCount: number): number {
  return Math.ceil(termCount / 3)
}

/**
 * How a term is looked for in the indexed column (tokens joined by single spaces): the needle, and
 * whether the column needs a space put before and after it first so that a token at either end
 * is found. A whole token is " 12 " (padded both ends: "12" alone would be found inside "120"), the
 * start of one " 号" for a prefix term (padded before). A Chinese bigram needs neither: every
 * Chinese token of the column is one character or a bigram, so "路灯" found anywhere is a whole
 * token. Padding copies the column's text for every row ranked, so it is left out where it
 * changes nothing (a search ranks thousands of rows).
 */
export function termNeedle(term: { token: string; prefix: boolean }): {
  needle: string
  padBefore: boolean
  padAfter: boolean
} {
  if (term.prefix) return { needle: ` ${term.token}`, padBefore: true, padAfter: false }
  if (term.token.length === 2 && CJK.test(term.token[0]!) && CJK.test(term.token[1]!))
    return { needle: term.token, padBefore: false, padAfter: false }
  return { needle: ` ${term.token} `, padBefore: true, padAfter: true }
}

/** A single Chinese character cannot be matched against bigrams; callers fall back to LIKE. */
export function isSingleCharacter(query: string): boolean {
  const trimmed = query.trim()
  return trimmed.length === 1 && CJK.test(trimmed)
}
