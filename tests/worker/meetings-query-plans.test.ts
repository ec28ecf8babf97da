import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../worker/lib/db'
import { buildMeetingListQuery, type MeetingListQuery } from '../../worker/meetings/meeting-service'

// The meeting lists' pages, first and next, each found on the index its order needs: upcoming on
// (community, ends_at) — a community's few coming meetings, sorted after — and past and drafts
// walked on (community, starts_at), the next page starting at the cursor's start time.
const cursor = (k: number | string) => btoa(encodeURIComponent(JSON.stringify({ k, id: 'x' })))
const at = Date.UTC(2026, 11, 1)
const variants: [string, MeetingListQuery, string][] = [
  [
    'upcoming',
    { when: 'upcoming', limit: 20 },
    'meetings_community_ends_idx (community_id=? AND ends_at>?)',
  ],
  [
    'upcoming, next page',
    { when: 'upcoming', limit: 20, cursor: cursor(`0:${at}`) },
    'meetings_community_ends_idx (community_id=? AND ends_at>?)',
  ],
  ['past', { when: 'past', limit: 20 }, 'meetings_community_time_idx (community_id=?)'],
  [
    'past, next page',
    { when: 'past', limit: 20, cursor: cursor(at) },
    'meetings_community_time_idx (community_id=? AND starts_at<?)',
  ],
  ['drafts', { when: 'drafts', limit: 20 }, 'meetings_community_time_idx (community_id=?)'],
  [
    'drafts, next page',
    { when: 'drafts', limit: 20, cursor: cursor(at) },
    'meetings_community_time_idx (community_id=? AND starts_at>?)',
  ],
]

describe('meeting list query plans', () => {
  it.each(variants)('%s: searched on its index', async (_name, query, index) => {
    const { sql, params } = buildMeetingListQuery(createDb(env.DB), 'cm-huaishu', query, at).toSQL()
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>()
    const details = plan.results.map((r) => r.detail)
    expect(details[0], details.join(' | ')).toBe(`SEARCH meetings USING INDEX ${index}`)
    // Past and drafts are read in the index's order; only ties on starts_at are sorted (by id):
    // "RIGHT PART" (SQLite 3.45, Node) or "LAST TERM" (newer, workerd) of the ORDER BY, never all of it.
    if (query.when !== 'upcoming') {
      expect(details.slice(1), details.join(' | ')).toHaveLength(1)
      expect(details[1]).toMatch(/^USE TEMP B-TREE FOR (RIGHT PART|LAST TERM) OF ORDER BY$/)
    }
  })
})
