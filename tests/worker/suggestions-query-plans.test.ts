import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../worker/lib/db'
import { buildListQuery, type ListQuery } from '../../worker/suggestions/list-service'

// Every list and search query of 金点子 must be served by an index: no full scan of a table.
const variants: [string, Partial<ListQuery>][] = [
  ['newest', { sort: 'new' }],
  ['most supported', { sort: 'support' }],
  ['recently updated', { sort: 'updated' }],
  ['by status', { sort: 'new', status: 'adopted' }],
  ['by category', { sort: 'support', category: 'lighting' }],
  ['by alley', { sort: 'updated', alleyId: 'al-huaishu-2' }],
  ['overdue', { sort: 'new', overdue: 'true' }],
  ['search', { sort: 'new', q: '路灯太暗' }],
  ['search, a lone term', { sort: 'new', q: '路灯' }],
  ['search in a category', { sort: 'new', q: '青石巷', category: 'lighting' }],
  ['search in an alley', { sort: 'new', q: '路灯', alleyId: 'al-huaishu-2' }],
  [
    'search, next page',
    {
      sort: 'new',
      q: '路灯',
      cursor: btoa(encodeURIComponent(JSON.stringify({ k: '1:-2.5', id: 'x' }))),
    },
  ],
  ['single-character search', { sort: 'new', q: '灯' }],
  [
    'next page',
    { sort: 'support', cursor: btoa(encodeURIComponent(JSON.stringify({ k: 5, id: 'x' }))) },
  ],
]

async function planOf(variant: Partial<ListQuery>): Promise<string[]> {
  const query = buildListQuery(createDb(env.DB), 'cm-huaishu', {
    limit: 20,
    sort: 'new',
    ...variant,
  } as ListQuery)
  const { sql, params } = query!.toSQL()
  const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>()
  return plan.results.map((r) => r.detail)
}

describe('suggestion list query plans', () => {
  it.each(variants)('%s uses indexes only', async (_name, variant) => {
    const details = await planOf(variant)
    // A full scan reads "SCAN <table>" without "USING … INDEX"; the FTS virtual table is searched
    // by its own index; "matches" are a search's matched rows as FTS5 yields them, "ranked" its
    // page (limit + 1 rows) joined to the cards after, "search_tier" one row and the at most limit + 1
    // rows it counts (decision 012).
    const fullScans = details.filter(
      (d) =>
        /^SCAN /.test(d) &&
        !/USING (COVERING )?INDEX|VIRTUAL TABLE|^SCAN (ranked|matches|search_tier|\(subquery-\d+\)|CONSTANT ROW)$/.test(
          d,
        ),
    )
    expect(fullScans, details.join(' | ')).toEqual([])
  })

  it.each(variants.filter(([name]) => name.startsWith('search')))(
    '%s: the FTS index drives, searched once, and only the page is joined to the cards',
    async (_name, variant) => {
      const details = await planOf(variant)
      // The MATCH is the outer loop; a rowid handed to FTS5 as well ("INDEX 0:=M…") would run the
      // MATCH again per row (seconds on 20,000 suggestions).
      expect(details.slice(0, 3), details.join(' | ')).toEqual([
        'CO-ROUTINE ranked',
        'CO-ROUTINE matches',
        expect.stringMatching(/^SCAN suggestions_fts VIRTUAL TABLE INDEX 0:M/),
      ])
      expect(details.join(' | ')).not.toMatch(/suggestions_fts VIRTUAL TABLE INDEX 0:=/)
      // A matched row's filters are read from its narrow copy by rowid; the wide row is read
      // only for the page (after the ranking), by the index lists of a category or alley
      // ("c", covering) and for the text of a row that passed them ("s").
      const scanRanked = details.indexOf('SCAN ranked')
      expect(scanRanked, details.join(' | ')).toBeGreaterThan(2)
      expect(details.slice(0, scanRanked), details.join(' | ')).toContain(
        'SEARCH suggestion_search USING INTEGER PRIMARY KEY (rowid=?)',
      )
      expect(
        details.slice(0, scanRanked).filter((d) => d.startsWith('SEARCH suggestions ')),
        details.join(' | '),
      ).toEqual([])
      // Users (the card's author) are joined after the ranking, once per row of the page.
      expect(details.findIndex((d) => d.startsWith('SEARCH users'))).toBeGreaterThan(scanRanked)
    },
  )
})
