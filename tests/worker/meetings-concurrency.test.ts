import { env } from 'cloudflare:workers'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createMeeting,
  dbCount,
  dbRows,
  demoSessions,
  freezeClock,
  loginNew,
  meetingBody,
  resetRateLimits,
  seedDemo,
  sh,
  type Res,
} from './meeting-helpers'
import { assertStatus, client, send, succeeded } from './client'

// The rules of seats that must hold under concurrency, checked in the database afterwards.

const login = demoSessions()

/** `count` fresh verified residents of 槐树社区 (residencies inserted directly). */
async function residents(prefix: string, count: number) {
  const people = await Promise.all(
    Array.from({ length: count }, (_, i) => loginNew(`${prefix}-${i}`)),
  )
  await env.DB.batch(
    people.map((p, i) =>
      env.DB.prepare(
        `INSERT INTO residencies (id, user_id, household_id, community_id, status, via, is_representative, verified_at)
    VALUES (?, ?, 'hh-wutong-3-1-101', 'cm-huaishu', 'verified', 'request', 0, 0)`,
      ).bind(`rs-${prefix}-${i}`, p.userId),
    ),
  )
  return people
}

type Row = { user_id: string; seq: number; status: string; promoted_at: number | null }
const registrations = (meetingId: string) =>
  dbRows<Row>(
    'SELECT user_id, seq, status, promoted_at FROM meeting_registrations WHERE meeting_id = ? ORDER BY seq',
    meetingId,
  )

describe('meeting seats under concurrency', () => {
  let committee: string
  beforeAll(async () => {
    await seedDemo()
    freezeClock()
    committee = await login('committee-wu')
  })
  beforeEach(resetRateLimits)

  it('500 sign-ups for 50 seats plus 100 duplicates: 50 confirmed, 450 waitlisted in arrival order, no duplicates', async () => {
    const m = await createMeeting(committee, {
      capacity: 50,
      roomId: undefined,
      address: '槐树社区文化广场',
    })
    const people = await residents('rush', 500)
    const attempts = [...people.map((p) => p.token), ...people.slice(0, 100).map((p) => p.token)]
    const results: Res[] = await Promise.all(
      attempts.map((token) =>
        send(client(token).meetings[':id'].registration.$post({ param: { id: m.id } })),
      ),
    )

    expect(results.filter((r) => r.status >= 500)).toEqual([])
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([200]))
    const rows = await registrations(m.id)
    expect(rows).toHaveLength(500)
    expect(new Set(rows.map((r) => r.user_id)).size).toBe(500)
    // Arrival order is the seq (dense 1..500): the first 50 arrivals hold the seats.
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1))
    expect(rows.slice(0, 50).every((r) => r.status === 'confirmed')).toBe(true)
    expect(rows.slice(50).every((r) => r.status === 'waitlisted')).toBe(true)
    // Each person's answer agrees with the table (duplicates see the same place).
    const statusOf = new Map(rows.map((r) => [r.user_id, r.status]))
    for (const [i, r] of results.entries())
      expect(r.body.meeting.my!.status).toBe(statusOf.get(people[i % 500]!.userId))
    const lastSeq = rows[499]!.user_id
    const last = await send(
      client(people.find((p) => p.userId === lastSeq)!.token).meetings[':id'].$get({
        param: { id: m.id },
      }),
    )
    expect(succeeded(last).body.my).toMatchObject({ status: 'waitlisted', waitlistPosition: 450 })
  }, 120_000)

  it('20 cancellations racing 20 sign-ups: confirmed = min(capacity, active), promotions first in first out', async () => {
    const m = await createMeeting(committee, {
      capacity: 30,
      roomId: undefined,
      address: '居委会',
      title: '并发取消测试',
    })
    const early = await residents('early', 60)
    for (const p of early)
      await send(client(p.token).meetings[':id'].registration.$post({ param: { id: m.id } }))
    const before = await registrations(m.id)
    expect(before.filter((r) => r.status === 'confirmed')).toHaveLength(30)
    const newcomers = await residents('late', 20)
    const leavers = early.slice(0, 20)
    const results = await Promise.all([
      ...leavers.map((p) =>
        send(client(p.token).meetings[':id'].registration.$delete({ param: { id: m.id } })),
      ),
      ...newcomers.map((p) =>
        send(client(p.token).meetings[':id'].registration.$post({ param: { id: m.id } })),
      ),
    ])
    expect(results.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([])

    const rows = await registrations(m.id)
    const live = rows.filter((r) => r.status !== 'cancelled')
    const confirmed = live.filter((r) => r.status === 'confirmed')
    const waitlisted = live.filter((r) => r.status === 'waitlisted')
    expect(live).toHaveLength(60)
    expect(confirmed).toHaveLength(Math.min(30, live.length))
    // Nobody twice: one live row per person.
    expect(new Set(live.map((r) => r.user_id)).size).toBe(live.length)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM (SELECT user_id FROM meeting_registrations WHERE meeting_id = ? AND status <> 'cancelled' GROUP BY user_id HAVING COUNT(*) > 1)",
        m.id,
      ),
    ).toBe(0)
    // FIFO: every confirmed person arrived before every waitlisted one.
    expect(Math.max(...confirmed.map((r) => r.seq))).toBeLessThan(
      Math.min(...waitlisted.map((r) => r.seq)),
    )
    // The 20 seats freed went to the 20 who waited longest (seq 31..50), each told once.
    const promoted = rows.filter((r) => r.promoted_at !== null).map((r) => r.seq)
    expect(promoted.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 31))
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM notifications WHERE kind = 'meeting.promoted' AND link LIKE ?",
        `%${m.id}`,
      ),
    ).toBe(20)
  }, 60_000)

  it('a meeting and residents racing for one room slot: exactly one wins each time', async () => {
    const residentsForRooms = await residents('room', 10)
    for (let round = 0; round < 10; round++) {
      const date = `2026-12-0${2 + (round % 7)}`
      const from = `${String(9 + Math.floor(round / 7) * 2).padStart(2, '0')}:00`
      const to = `${String(10 + Math.floor(round / 7) * 2).padStart(2, '0')}:00`
      const startsAt = sh(date, from)
      const endsAt = sh(date, to)
      const [meeting, ...bookings] = await Promise.all([
        send(
          client(committee).communities[':id'].meetings.$post({
            param: { id: 'cm-huaishu' },
            json: meetingBody({
              title: `抢房间 ${round}`,
              roomId: 'rm-art',
              capacity: 10,
              startsAt,
              endsAt,
              signupClosesAt: startsAt - 3600_000,
            }),
          }),
        ),
        ...residentsForRooms.slice(0, 3).map((p) =>
          send(
            client(p.token).bookings.$post({
              json: { roomId: 'rm-art', startsAt, endsAt, purpose: '兴趣小组', headcount: 4 },
            }),
          ),
        ),
      ])
      const winners = [meeting.status === 201, ...bookings.map((b) => b.status === 201)].filter(
        Boolean,
      )
      expect(winners, JSON.stringify([meeting.body, ...bookings.map((b) => b.body)])).toHaveLength(
        1,
      )
      expect([meeting, ...bookings].filter((r) => r.status >= 500)).toEqual([])
      const holders = await dbRows<{ n: number }>(
        'SELECT COUNT(DISTINCT booking_id) AS n FROM booking_slots WHERE room_id = ? AND slot_start >= ? AND slot_start < ?',
        'rm-art',
        startsAt,
        endsAt,
      )
      expect(holders[0]!.n).toBe(1)
      if (meeting.status !== 201) {
        assertStatus(meeting, 409)
        expect(
          await dbCount('SELECT COUNT(*) AS n FROM meetings WHERE title = ?', `抢房间 ${round}`),
        ).toBe(0)
      }
    }
  }, 60_000)
})
