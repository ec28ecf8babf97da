import { env } from 'cloudflare:workers'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDb } from '../../worker/lib/db'
import { DAY, MINUTE } from '../../worker/lib/time'
import { releaseNoShows } from '../../worker/bookings/manage-service'
import {
  bookAt,
  CENTRE,
  demoUserId,
  freezeClock,
  insertBooking,
  NOW,
  sh,
  statusOf,
  verifiedResident,
} from './booking-helpers'
import { dbCount, dbRows, dbRun, demoSessions, resetRateLimits, seedDemo } from './helpers'
import { assertStatus, client, failed, rawRequest, send, succeeded } from './client'

// Approving and rejecting pending bookings (多功能厅 and 共享厨房 need approval), with managers
// racing each other. Three managers of the centre, each granted 邻里中心管理员 for it (decision
// 020): centre-qian (by the seed), staff-zhao and staff-sun (admins of the two communities it
// serves, granted below: being an admin alone would not let them decide).

const session = demoSessions()
let managers: string[]
let seq = 0

/** A pending booking of resident-wang in the 多功能厅, on a half-hour of its own (holding its slot). */
async function pending(): Promise<string> {
  const n = seq++
  const startsAt = sh('2026-12-09', '08:30') + (n % 7) * 30 * MINUTE + Math.floor(n / 7) * DAY
  return insertBooking({
    roomId: 'rm-hall',
    userId: demoUserId('resident-wang'),
    startsAt,
    endsAt: startsAt + 30 * MINUTE,
    status: 'pending',
  })
}

const approve = (token: string, id: string) =>
  send(client(token).bookings[':id'].approve.$post({ param: { id } }))
const reject = (token: string, id: string, reason = '当天另有安排') =>
  send(client(token).bookings[':id'].reject.$post({ param: { id }, json: { reason } }))
const decisionAudits = (id: string) =>
  dbCount(
    "SELECT COUNT(*) AS n FROM audit_log WHERE target_type = 'booking' AND target_id = ? AND action IN ('booking.approve', 'booking.reject')",
    id,
  )

beforeAll(async () => {
  freezeClock()
  await seedDemo()
  for (const admin of ['staff-zhao', 'staff-sun'])
    await dbRun(
      "INSERT INTO centre_role_grants (id, centre_id, user_id, role, granted_by, granted_at) VALUES (?, 'ct-qingwu', ?, 'manager', ?, 0)",
      `cg-${admin}`,
      demoUserId(admin),
      demoUserId(admin),
    )
  managers = [await session('centre-qian'), await session('staff-zhao'), await session('staff-sun')]
})
beforeEach(async () => {
  await resetRateLimits()
})
afterAll(() => {
  vi.useRealTimers()
})

describe('POST /api/bookings — a needs-approval room', () => {
  it('gives a pending booking that holds its slot until decided: a second request is 409', async () => {
    const [a, b] = [await verifiedResident('hold-a'), await verifiedResident('hold-b')]
    const first = await bookAt(a.token, 'rm-kitchen', '2026-12-02', '14:00', '15:00', {
      headcount: 6,
    })
    assertStatus(first, 201)
    expect(first.body.booked[0]).toMatchObject({ status: 'pending', statusLabel: '待审批' })
    const second = await bookAt(b.token, 'rm-kitchen', '2026-12-02', '14:30', '15:30', {
      headcount: 6,
    })
    assertStatus(second, 409)
    expect(second.body.error.message).toBe('该时段已被预约')
  })
})

describe('POST /api/bookings/{id}/approve and /reject — two managers at once', () => {
  it('two managers approving the same booking at once: exactly one 200, the other 409 with details.currentStatus (5 rounds)', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await pending()
      const results = await Promise.all([approve(managers[0]!, id), approve(managers[1]!, id)])
      const statuses = results.map((r) => r.status).sort()
      expect(statuses, JSON.stringify(results.map((r) => r.body))).toEqual([200, 409])
      const loser = results.find((r) => r.status === 409)!
      expect(loser.body.error).toMatchObject({
        code: 'INVALID_STATE',
        details: { currentStatus: 'confirmed' },
      })
      expect(loser.body.error.message).toContain('无需审批')
      const [row] = await dbRows<{ status: string; decided_by: string }>(
        'SELECT status, decided_by FROM bookings WHERE id = ?',
        id,
      )
      const winner = results[0]!.status === 200 ? 'us-centre-qian' : 'us-staff-zhao'
      expect(row).toEqual({ status: 'confirmed', decided_by: winner })
      expect(await decisionAudits(id)).toBe(1)
      expect(
        await dbCount('SELECT COUNT(*) AS n FROM booking_slots WHERE booking_id = ?', id),
      ).toBe(1)
    }
  })

  it("approve and reject at once: one wins, the loser is 409 with the winner's status; slots held only if approved (6 rounds)", async () => {
    for (let round = 0; round < 6; round++) {
      const id = await pending()
      const [first, second] =
        round % 2 ? [managers[0]!, managers[1]!] : [managers[1]!, managers[0]!]
      const [a, r] = await Promise.all([approve(first, id), reject(second, id)])
      expect([a.status, r.status].sort()).toEqual([200, 409])
      const final = await statusOf(id)
      expect(final).toBe(a.status === 200 ? 'confirmed' : 'rejected')
      const loser = a.status === 409 ? a : r
      expect(failed(loser).body.error.details).toEqual({ currentStatus: final })
      expect(
        await dbCount('SELECT COUNT(*) AS n FROM booking_slots WHERE booking_id = ?', id),
      ).toBe(final === 'confirmed' ? 1 : 0)
      expect(await decisionAudits(id)).toBe(1)
    }
  })

  it('all six (manager × decision) pairs at once, three rounds: exactly one succeeds, five are 409, no 5xx', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await pending()
      const results = await Promise.all(managers.flatMap((m) => [approve(m, id), reject(m, id)]))
      const statuses = results.map((r) => r.status)
      expect(statuses.filter((s) => s === 200)).toHaveLength(1)
      expect(statuses.filter((s) => s === 409)).toHaveLength(5)
      const final = await statusOf(id)
      expect(['confirmed', 'rejected']).toContain(final)
      expect(
        results
          .filter((r) => r.status === 409)
          .every((r) => r.body.error.details!.currentStatus === final),
      ).toBe(true)
      expect(await decisionAudits(id)).toBe(1)
    }
  })

  it('decides a double submit by the same manager once (one audit row); the second call is 200 or 409 depending on timing', async () => {
    const id = await pending()
    const results = await Promise.all([approve(managers[0]!, id), approve(managers[0]!, id)])
    expect(results.map((r) => r.status)).toContain(200)
    for (const r of results) expect([200, 409]).toContain(r.status)
    expect(await statusOf(id)).toBe('confirmed')
    expect(await decisionAudits(id)).toBe(1)
  })
})

describe('POST /api/bookings/{id}/reject', () => {
  it('frees the slots of a rejected booking: another resident can book them', async () => {
    const [owner, other] = [
      await verifiedResident('rej-owner'),
      await verifiedResident('rej-other'),
    ]
    const held = await bookAt(owner.token, 'rm-hall', '2026-12-03', '19:00', '21:00', {
      headcount: 40,
    })
    expect(succeeded(held)!.body.booked[0]!.status).toBe('pending')
    expect((await bookAt(other.token, 'rm-hall', '2026-12-03', '20:00', '21:00')).status).toBe(409)
    const res = await reject(managers[0]!, succeeded(held)!.body.booked[0]!.id, '当晚有街道会议')
    assertStatus(res, 200)
    const again = await bookAt(other.token, 'rm-hall', '2026-12-03', '20:00', '21:00')
    expect(again.status, JSON.stringify(again.body)).toBe(201)
    const mine = await send(client(owner.token).me.bookings.$get())
    expect(
      succeeded(mine).body.items.find((b) => b.id === succeeded(held)!.body.booked[0]!.id),
    ).toMatchObject({
      status: 'rejected',
      statusLabel: '未获批准',
      rejectReason: '当晚有街道会议',
      canCancel: false,
    })
  })

  it('requires a reason (400 请填写理由), leaving the booking pending', async () => {
    const id = await pending()
    for (const body of [{}, { reason: '   ' }]) {
      const res = await send(
        client(managers[0]).bookings[':id'].reject.$post({
          param: { id },
          json: body as { reason: string },
        }),
      )
      assertStatus(res, 400)
      expect(res.body.error.message).toBe('提交的内容有误：请填写理由')
    }
    expect(await statusOf(id)).toBe('pending')
  })

  it('answers 409 with currentStatus when the booking is no longer pending, and 404 for an unknown booking', async () => {
    const approved = await pending()
    expect((await approve(managers[0]!, approved)).status).toBe(200)
    const late = await reject(managers[1]!, approved)
    assertStatus(late, 409)
    expect(late.body.error.details).toEqual({ currentStatus: 'confirmed' })
    expect(await statusOf(approved)).toBe('confirmed')
    const rejected = await pending()
    expect((await reject(managers[0]!, rejected)).status).toBe(200)
    expect(failed(await approve(managers[1]!, rejected)).body.error.details).toEqual({
      currentStatus: 'rejected',
    })
    const cancelled = await pending()
    expect(
      (
        await send(
          client(await session('resident-wang')).bookings[':id'].cancel.$post({
            param: { id: cancelled },
          }),
        )
      ).status,
    ).toBe(200)
    expect(failed(await approve(managers[0]!, cancelled)).body.error.details).toEqual({
      currentStatus: 'cancelled',
    })
    const unknown = await approve(managers[0]!, 'bk-nowhere')
    assertStatus(unknown, 404)
    expect(unknown.body.error.message).toBe('预约不存在或已删除')
  })
})

describe('GET /api/centres/{id}/calendar?status=pending — the approval queue', () => {
  it('lists pending bookings until they are decided', async () => {
    const id = await pending()
    const row = (
      await dbRows<{ starts_at: number }>('SELECT starts_at FROM bookings WHERE id = ?', id)
    )[0]!
    const path = `/api/centres/${CENTRE}/calendar?from=${row.starts_at}&to=${row.starts_at + MINUTE}&status=pending`
    const before = await rawRequest('GET', path, { token: managers[0] })
    expect(before.body.items.map((i: any) => i.id)).toEqual([id])
    expect(before.body.items[0]).toMatchObject({
      status: 'pending',
      statusLabel: '待审批',
      bookedBy: '王阿姨',
      room: { id: 'rm-hall', name: '多功能厅' },
    })
    await approve(managers[0]!, id)
    expect((await rawRequest('GET', path, { token: managers[0] })).body.items).toEqual([])
  })
})

describe('scheduled release — pending bookings nobody decided', () => {
  it('lapse at their start: rejected with a reason, slots freed; a decided one is kept', async () => {
    const startsAt = NOW + 2 * 60 * MINUTE
    const undecided = await insertBooking({
      roomId: 'rm-kitchen',
      userId: demoUserId('resident-wang'),
      startsAt,
      endsAt: startsAt + 60 * MINUTE,
      status: 'pending',
    })
    await releaseNoShows(createDb(env.DB), startsAt + MINUTE)
    const [row] = await dbRows<{ status: string; reject_reason: string }>(
      'SELECT status, reject_reason FROM bookings WHERE id = ?',
      undecided,
    )
    expect(row).toEqual({ status: 'rejected', reject_reason: '开始前未获审批，已自动取消' })
    expect(
      await dbCount('SELECT COUNT(*) AS n FROM booking_slots WHERE booking_id = ?', undecided),
    ).toBe(0)
    const late = await approve(managers[0]!, undecided)
    assertStatus(late, 409)
    expect(late.body.error.details).toEqual({ currentStatus: 'rejected' })
  })
})
