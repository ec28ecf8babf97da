import { describe, expect, inject, it } from 'vitest'
import { DAY, MINUTE, shanghaiDate, shanghaiMidnight } from '../../worker/lib/time'
import { sql } from './db'
import { http } from '../http-client'

// The booking rules under real concurrency: many residents hit the local server over HTTP at
// once, then the database is checked with SQL. The 1,000-request race runs in-process in
// tests/worker/bookings-flow.test.ts; this one proves the same over real sockets.

const baseUrl = inject('baseUrl')
const COMMUNITY = 'cm-huaishu'
// Two days ahead, so that the e2e journeys booking "tomorrow" never meet these bookings.
const day = shanghaiDate(Date.now() + 2 * DAY)
const at = (hhmm: string) =>
  shanghaiMidnight(day) + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * MINUTE

async function call(method: string, route: string, token?: string, body?: unknown) {
  const response = await http(`${baseUrl}${route}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await response.text()
  try {
    return { status: response.status, body: JSON.parse(text) as any }
  } catch {
    return { status: response.status, body: { text: text.slice(0, 300) } as any }
  }
}

/**
 * n new residents (dev login and consent over HTTP), made residents of one household straight
 * in the database: the race is about rooms, not households, and the seed's free households are
 * left for the journeys that verify through invite codes.
 */
async function newResidents(n: number, prefix: string): Promise<string[]> {
  const version = (await call('GET', '/api/privacy/notice')).body.version
  const people = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const login = (await call('POST', '/api/auth/dev', undefined, { openid: `${prefix}-${i}` }))
        .body
      await call('POST', '/api/me/consent', login.token, { version })
      return { token: login.token as string, userId: login.user.id as string }
    }),
  )
  sql(
    `INSERT INTO residencies (id, user_id, household_id, community_id, status, via, is_representative, verified_at) VALUES ${people
      .map(
        (p, i) =>
          `('rs-${prefix}-${i}', '${p.userId}', 'hh-wutong-1-1-101', '${COMMUNITY}', 'verified', 'request', 0, 0)`,
      )
      .join(', ')}`,
  )
  return people.map((p) => p.token)
}

describe.skipIf(!baseUrl)('room booking under concurrency (local server, local D1)', () => {
  it('books exactly 1 of 300 concurrent requests for one slot: 299 conflicts, no server error', async () => {
    const tokens = await newResidents(50, 'race-one-slot')
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        call('POST', '/api/bookings', tokens[i % tokens.length], {
          roomId: 'rm-council',
          startsAt: at('19:00'),
          endsAt: at('20:00'),
          purpose: '议事',
          headcount: 5,
        }),
      ),
    )
    const statuses = results.map((r) => r.status)
    const unexpected = results.filter((r) => r.status !== 201 && r.status !== 409)
    expect(unexpected.slice(0, 3), JSON.stringify(unexpected.slice(0, 3))).toEqual([])
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(299)
    const [live] = sql<{
      n: number
    }>(`SELECT COUNT(*) AS n FROM bookings WHERE room_id = 'rm-council'
      AND status IN ('pending','confirmed','checked_in') AND starts_at < ${at('20:00')} AND ends_at > ${at('19:00')}`)
    expect(live!.n).toBe(1)
  }, 180_000)

  it('keeps every room free of overlaps under 300 concurrent requests for random intervals', async () => {
    const tokens = await newResidents(50, 'race-random')
    const starts = Array.from({ length: 14 }, (_, i) => at('13:30') + i * 30 * MINUTE)
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => {
        const start = starts[(i * 7919) % starts.length]!
        const slots = 1 + ((i * 31) % 4)
        return call('POST', '/api/bookings', tokens[i % tokens.length], {
          roomId: 'rm-art',
          startsAt: start,
          endsAt: start + slots * 30 * MINUTE,
          purpose: '书画',
          headcount: 4,
        })
      }),
    )
    expect(results.filter((r) => r.status >= 500)).toEqual([])
    expect(results.filter((r) => r.status === 201).length).toBeGreaterThan(0)
    const [overlaps] = sql<{
      n: number
    }>(`SELECT COUNT(*) AS n FROM bookings a JOIN bookings b ON a.room_id = b.room_id AND a.id < b.id
      WHERE a.status IN ('pending','confirmed','checked_in') AND b.status IN ('pending','confirmed','checked_in')
        AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at`)
    expect(overlaps!.n).toBe(0)
  }, 180_000)
})
