import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { ROUND_TRIPS_HEADER } from '../../worker/lib/db'
import { HOUR, MINUTE } from '../../worker/lib/time'
import {
  COMMUNITY,
  dbRows,
  dbRun,
  demoSessions,
  freezeClock,
  NOW,
  resetRateLimits,
  seedDemo,
} from './meeting-helpers'
import { assertStatus, client, send } from './client'

// The meeting lists (即将召开 / 往期 / 草稿) a page of 20 cards at a time, keyset-paged: every
// meeting exactly once and in order, even where many start at the same minute and some are
// cancelled — page boundaries fall inside such ties on purpose.

const login = demoSessions()
type When = 'upcoming' | 'past' | 'drafts'
type Row = { id: string; status: string; starts_at: number; ends_at: number }

/**
 * 150 meetings: upcoming in 7 start times (8 meetings each, every fourth cancelled), an ongoing
 * one, past ones in 9 start times (6 each, some cancelled), drafts in 5 (6 each). Ids are not in
 * insertion order, so a tie broken by rowid instead of id shows.
 */
async function seedMeetings() {
  const rows: string[] = []
  const add = (n: number, status: string, startsAt: number) => {
    const id = `mt-page-${String((n * 37) % 1000).padStart(3, '0')}`
    rows.push(
      `('${id}', '${COMMUNITY}', 'council', '第 ${n} 次议事会', '议事', ${startsAt}, ${startsAt + 2 * HOUR}, NULL, NULL, '居委会会议室', 30, ${startsAt - 10 * 24 * HOUR}, ${startsAt - HOUR}, 'residents', '${status}', '123456', NULL, NULL, 'us-committee-wu', ${status === 'draft' ? 'NULL' : NOW - 24 * HOUR}, ${NOW - 48 * HOUR}, ${NOW - 48 * HOUR})`,
    )
  }
  let n = 0
  for (let t = 0; t < 7; t++)
    for (let i = 0; i < 8; i++)
      add(n++, i % 4 === 3 ? 'cancelled' : 'published', NOW + (t + 1) * 24 * HOUR + 30 * MINUTE)
  add(n++, 'published', NOW - 30 * MINUTE) // ongoing: started, not ended
  for (let t = 0; t < 9; t++)
    for (let i = 0; i < 6; i++)
      add(n++, i === 2 ? 'cancelled' : 'published', NOW - (t + 1) * 24 * HOUR)
  for (let t = 0; t < 5; t++)
    for (let i = 0; i < 6; i++) add(n++, 'draft', NOW + (t + 2) * 24 * HOUR)
  for (let i = 0; i < rows.length; i += 50)
    await dbRun(`INSERT INTO meetings (id, community_id, type, title, description, starts_at, ends_at, room_id, booking_id, address, capacity,
      signup_opens_at, signup_closes_at, audience, status, checkin_code, minutes, minutes_published_at, created_by, published_at, created_at, updated_at)
      VALUES ${rows.slice(i, i + 50).join(', ')}`)
}

/** The order each list promises, computed here from the rows (not by the app's SQL). */
async function expectedIds(when: When): Promise<string[]> {
  const all = await dbRows<Row>(
    'SELECT id, status, starts_at, ends_at FROM meetings WHERE community_id = ?',
    COMMUNITY,
  )
  const byId = (a: Row, b: Row) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  const cancelled = (r: Row) => (r.status === 'cancelled' ? 1 : 0)
  const rows =
    when === 'upcoming'
      ? all
          .filter((r) => r.status !== 'draft' && r.ends_at >= NOW)
          .sort((a, b) => cancelled(a) - cancelled(b) || a.starts_at - b.starts_at || byId(a, b))
      : when === 'past'
        ? all
            .filter((r) => r.status !== 'draft' && r.ends_at < NOW)
            .sort((a, b) => b.starts_at - a.starts_at || byId(b, a))
        : all
            .filter((r) => r.status === 'draft')
            .sort((a, b) => a.starts_at - b.starts_at || byId(a, b))
  return rows.map((r) => r.id)
}

function page(token: string | undefined, when: When, cursor?: string | null) {
  return send(
    client(token).communities[':id'].meetings.$get({
      param: { id: COMMUNITY },
      query: { when, ...(cursor ? { cursor } : {}) },
    }),
  )
}

/** Every page of a list, from the first on, with each page's size. */
async function pageThrough(token: string | undefined, when: When) {
  const seen: { id: string; status: string }[] = []
  const sizes: number[] = []
  let cursor: string | null = null
  do {
    const res = await page(token, when, cursor)
    assertStatus(res, 200)
    sizes.push(res.body.items.length)
    seen.push(...res.body.items)
    cursor = res.body.nextCursor
  } while (cursor && sizes.length < 20)
  return { seen, sizes }
}

describe('GET /api/communities/:id/meetings, page by page', () => {
  let committee: string, wang: string
  beforeAll(async () => {
    await seedDemo()
    freezeClock()
    await seedMeetings()
    ;[committee, wang] = await Promise.all([login('committee-wu'), login('resident-wang')])
  })
  beforeEach(async () => {
    await resetRateLimits()
    vi.setSystemTime(NOW)
  })

  it.each(['upcoming', 'past'] as const)(
    '%s: 20 cards a page, every meeting exactly once, in order',
    async (when) => {
      const expected = await expectedIds(when)
      expect(expected.length).toBeGreaterThan(45)
      for (const token of [undefined, wang]) {
        const { seen, sizes } = await pageThrough(token, when)
        expect(sizes.slice(0, -1)).toEqual(sizes.slice(0, -1).map(() => 20))
        expect(sizes.length).toBe(Math.ceil(expected.length / 20))
        expect(seen.map((m) => m.id)).toEqual(expected)
      }
    },
  )

  it('upcoming: cancelled meetings come after every live one, ties at one minute kept whole', async () => {
    const { seen } = await pageThrough(undefined, 'upcoming')
    const statuses = seen.map((m) => m.status)
    const firstCancelled = statuses.indexOf('cancelled')
    expect(firstCancelled).toBeGreaterThan(20)
    expect(statuses.slice(firstCancelled).every((s) => s === 'cancelled')).toBe(true)
  })

  it('drafts: an organiser pages through them all; residents, other staff and visitors still may not', async () => {
    const expected = await expectedIds('drafts')
    expect(expected.length).toBe(30)
    const { seen, sizes } = await pageThrough(committee, 'drafts')
    expect(sizes).toEqual([20, 10])
    expect(seen.map((m) => m.id)).toEqual(expected)

    const first = await page(committee, 'drafts')
    assertStatus(first, 200)
    const next = first.body.nextCursor!
    for (const [token, status] of [
      [wang, 403],
      [await login('staff-sun'), 403],
      [undefined, 401],
    ] as const) {
      const res = await page(token, 'drafts', next)
      expect(res.status).toBe(status)
    }
  })

  it('a later page carries the viewer’s own place and the counts of its meetings', async () => {
    const expected = await expectedIds('upcoming')
    const onPageTwo = expected[25]!
    await dbRun(
      `INSERT INTO meeting_registrations (id, meeting_id, user_id, seq, status, created_at) VALUES
        ('rg-page-1', ?1, 'us-resident-wang', 1, 'confirmed', ?2),
        ('rg-page-2', ?1, 'us-resident-zhang', 2, 'confirmed', ?2)`,
      onPageTwo,
      NOW - HOUR,
    )
    const first = await page(wang, 'upcoming')
    assertStatus(first, 200)
    const second = await page(wang, 'upcoming', first.body.nextCursor)
    assertStatus(second, 200)
    const card = second.body.items.find((m) => m.id === onPageTwo)
    expect(card).toMatchObject({ confirmedCount: 2, my: { status: 'confirmed' } })
  })

  it('a next page is one round trip, signed in or not, as the first (round-trips.test.ts)', async () => {
    const cases: [When, string | undefined, number][] = [
      ['upcoming', undefined, 1],
      ['upcoming', wang, 1],
      ['past', undefined, 1],
      ['past', wang, 1],
      ['drafts', committee, 1],
    ]
    for (const [when, token, trips] of cases) {
      const first = await page(token, when)
      assertStatus(first, 200)
      const next = await page(token, when, first.body.nextCursor)
      assertStatus(next, 200)
      expect(next.body.items.length, when).toBeGreaterThan(0)
      expect(Number(next.headers.get(ROUND_TRIPS_HEADER)), when).toBe(trips)
    }
  })

  it('answers a cursor it did not issue with a clear 400', async () => {
    const upcoming = await page(undefined, 'upcoming')
    assertStatus(upcoming, 200)
    const forged = [
      'not-a-cursor',
      btoa('{"k":"x"}'),
      btoa(encodeURIComponent(JSON.stringify({ k: 'abc', id: 'mt-page-001' }))),
    ]
    for (const cursor of forged) {
      const res = await page(undefined, 'past', cursor)
      assertStatus(res, 400)
      expect(res.body.error.message).toBe('分页参数无效，请刷新后重试')
    }
    // An upcoming cursor (two keys) is not a past one (one key), and the other way round.
    const crossed = await page(undefined, 'past', upcoming.body.nextCursor)
    assertStatus(crossed, 400)
    expect(crossed.body.error.message).toBe('分页参数无效，请刷新后重试')
    const past = await page(undefined, 'past')
    assertStatus(past, 200)
    const back = await page(undefined, 'upcoming', past.body.nextCursor)
    assertStatus(back, 400)
  })
})
