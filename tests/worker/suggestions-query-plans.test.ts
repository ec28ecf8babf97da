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
  ['single-character search', { sort: 'new', q: '灯' }],
  [
    'next page',
    { sort: 'support', cursor: btoa(encodeURIComponent(JSON.stringify({ k: 5, id: 'x' }))) },
  ],
]

describe('suggestion list query plans', () => {
  it.each(variants)('%s uses indexes only', async (_name, variant) => {
    const query = buildListQuery(createDb(env.DB), 'cm-huaishu', {
      limit: 20,
      sort: 'new',
      ...variant,
    } as ListQuery)
    const { sql, params } = query!.toSQL()
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>()
    const details = plan.results.map((r) => r.detail)
    // A full scan reads "SCAN <table>" without "USING … INDEX"; the FTS virtual table is searched by its own index.
    const fullScans = details.filter(
      (d) => /^SCAN /.test(d) && !/USING (COVERING )?INDEX|VIRTUAL TABLE/.test(d),
    )
    expect(fullScans, details.join(' | ')).toEqual([])
  })
})
