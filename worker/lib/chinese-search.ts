// Chinese full-text search on SQLite FTS5 without a Chinese tokenizer: text is indexed as
// overlapping character bigrams ("背街小巷" → "背街 街小 小巷"), latin words and numbers as
// whole lower-case words. A query is cut the same way and every token must match, so any
// 2+ character Chinese phrase finds the rows containing it.

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
 * An FTS5 MATCH expression for what a resident typed, or null when nothing searchable is left.
 * Every token is quoted, so FTS5 operators typed by users are plain text. A lone Chinese
 * character next to other words ("12号") is a prefix token, so it matches the bigrams it starts
 * ("12 号门口" is indexed as "12 号门 门口").
 */
export function matchExpression(query: string): string | null {
  const unique = [...new Set(tokens(query))].slice(0, 16)
  if (unique.length === 0) return null
  return unique
    .map((t) => `"${t.replace(/"/g, '""')}"${t.length === 1 && CJK.test(t) ? '*' : ''}`)
    .join(' AND ')
}

/** A single Chinese character cannot be matched against bigrams; callers fall back to LIKE. */
export function isSingleCharacter(query: string): boolean {
  const trimmed = query.trim()
  return trimmed.length === 1 && CJK.test(trimmed)
}
