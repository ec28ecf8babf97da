import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { DAY, MINUTE, shanghaiMidnight } from '../../worker/lib/time'
import {
  addRoom,
  bookAt,
  bookingRows,
  CENTRE,
  demoUserId,
  freezeClock,
  insertBooking,
  insertGroup,
  liveMinutes,
  NOW,
  sh,
  verifiedResident,
} from './booking-helpers'
import { dbCount, dbRows, demoSessions, resetRateLimits, seedDemo } from './helpers'
import { assertStatus, client, failed, send, succeeded } from './client'

// Fairness: weekly quotas of residents and groups (also under concurrent requests), the no-show
// rule with its staff override and waiver, late cancellation, and weekly recurrences.
// Clock frozen at Tuesday 2026-12-01 10:00 Shanghai. Policy: 360 resident-minutes and 720
// group-minutes per Shanghai week, cancel cutoff 120 minutes, 3 no-shows in 30 days → 14 days.

const session = demoSessions()
const WEEK_B = shanghaiMidnight('2026-12-07') // Monday
const WEEK = 7 * DAY
const RESIDENT_FULL = '您本周的预约已达 6 小时上限'
const GROUP_FULL = '团队本周的预约已达 12 小时上限'

beforeAll(async () => {
  freezeClock()
  await seedDemo()
  await addRoom('rm-f-quota')
  await addRoom('rm-f-race-1')
  await addRoom('rm-f-race-2')
  await addRoom('rm-f-noshow')
  // Recurrences need a horizon longer than the demo rooms' 14 days (see the last describe).
  await addRoom('rm-f-rec', { whoMayBook: 'groups', horizonDays: 90 })
})
afterEach(async () => {
  vi.setSystemTime(NOW)
  await resetRateLimits()
})
afterAll(() => {
  vi.useRealTimers()
})

describe('weekly quota of a resident (360 minutes per Shanghai week)', () => {
  it('accepts up to 6 hours and refuses the booking that would exceed them with 409 您本周的预约已达 6 小时上限', async () => {
    const r = await verifiedResident('quota')
    expect((await bookAt(r.token, 'rm-f-quota', '2026-12-07', '13:30', '17:30')).status).toBe(201)
    const second = await bookAt(r.token, 'rm-f-quota', '2026-12-08', '09:00', '11:00')
    assertStatus(second, 201)
    const over = await bookAt(r.token, 'rm-f-quota', '2026-12-09', '09:00', '09:30')
    assertStatus(over, 409)
    expect(over.body.error).toMatchObject({ code: 'CONFLICT', message: RESIDENT_FULL })
    expect(await liveMinutes({ userId: r.userId }, WEEK_B, WEEK_B + WEEK)).toBe(360)
    expect(await bookingRows('user_id = ?', r.userId)).toHaveLength(2)

    // The next Shanghai week has its own 6 hours.
    expect((await bookAt(r.token, 'rm-f-quota', '2026-12-14', '09:00', '09:30')).status).toBe(201)
    // Cancelling gives the minutes back.
    expect(
      (
        await send(
          client(r.token).bookings[':id'].cancel.$post({
            param: { id: second.body.booked[0]!.id },
          }),
        )
      ).status,
    ).toBe(200)
    expect((await bookAt(r.token, 'rm-f-quota', '2026-12-09', '09:00', '09:30')).status).toBe(201)
    expect(await liveMinutes({ userId: r.userId }, WEEK_B, WEEK_B + WEEK)).toBe(270)
  })

  it('counts a pending booking (approval room) against the quota', async () => {
    const r = await verifiedResident('quota-pending')
    const pending = await bookAt(r.token, 'rm-hall', '2026-12-10', '13:30', '17:30')
    expect(succeeded(pending)!.body.booked[0]!.status).toBe('pending')
    expect((await bookAt(r.token, 'rm-f-quota', '2026-12-10', '18:00', '20:00')).status).toBe(201)
    const over = await bookAt(r.token, 'rm-f-quota', '2026-12-10', '20:00', '20:30')
    assertStatus(over, 409)
    expect(over.body.error.message).toBe(RESIDENT_FULL)
  })

  it('holds under 20 concurrent requests from the same resident for different free slots', async () => {
    const r = await verifiedResident('quota-race')
    const requests = []
    for (const room of ['rm-f-race-1', 'rm-f-race-2']) {
      for (const date of ['2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12']) {
        for (const from of ['14:00', '15:00'])
          requests.push({ room, date, from, to: from === '14:00' ? '15:00' : '16:00' })
      }
    }
    expect(requests).toHaveLength(20)
    const results = await Promise.all(
      requests.map((q) => bookAt(r.token, q.room, q.date, q.from, q.to)),
    )
    const statuses = results.map((x) => x.status)
    expect(statuses.filter((s) => s >= 500)).toEqual([])
    expect(statuses.filter((s) => s === 201)).toHaveLength(6)
    expect(statuses.filter((s) => s === 409)).toHaveLength(14)
    expect(
      results.filter((x) => x.status === 409).every((x) => x.body.error.message === RESIDENT_FULL),
    ).toBe(true)
    const [row] = await dbRows<{ m: number; n: number }>(
      `SELECT COALESCE(SUM(ends_at - starts_at), 0) / 60000 AS m, COUNT(*) AS n FROM bookings
       WHERE user_id = ? AND status IN ('pending', 'confirmed', 'checked_in') AND starts_at >= ? AND starts_at < ?`,
      r.userId,
      WEEK_B,
      WEEK_B + WEEK,
    )
    expect(row!.m).toBeLessThanOrEqual(360)
    expect(row!.m).toBe(360)
    expect(row!.n).toBe(6)
    // Every booking row has its slots and no orphan slots exist.
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM booking_slots s JOIN bookings b ON b.id = s.booking_id WHERE b.user_id = ?`,
        r.userId,
      ),
    ).toBe(12)
  })
})

describe('weekly quota of a group (720 minutes per Shanghai week)', () => {
  it("accepts up to 12 hours for gp-dance and refuses more with 409 团队本周的预约已达 12 小时上限, leaving the leader's own quota alone", async () => {
    const li = await session('resident-li')
    for (const date of ['2026-12-07', '2026-12-08', '2026-12-09']) {
      const res = await bookAt(li, 'rm-dance', date, '13:30', '17:30', { groupId: 'gp-dance' })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
    }
    const over = await bookAt(li, 'rm-dance', '2026-12-10', '13:30', '14:00', {
      groupId: 'gp-dance',
    })
    assertStatus(over, 409)
    expect(over.body.error).toMatchObject({ code: 'CONFLICT', message: GROUP_FULL })
    expect(await liveMinutes({ groupId: 'gp-dance' }, WEEK_B, WEEK_B + WEEK)).toBe(720)
    const personal = await bookAt(li, 'rm-f-quota', '2026-12-10', '09:00', '10:00')
    expect(personal.status, JSON.stringify(personal.body)).toBe(201)
    expect(succeeded(personal)!.body.booked[0]!.group).toBeNull()
  })

  it('holds under 16 concurrent one-hour requests of the group leader: exactly 12 booked', async () => {
    const zhang = await session('resident-zhang')
    const group = await insertGroup('gp-f-race', demoUserId('resident-zhang'))
    const requests = []
    for (const date of ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10']) {
      for (const from of ['08:30', '09:30', '10:30', '14:00'])
        requests.push({
          date,
          from,
          to: `${String(Number(from.slice(0, 2)) + 1).padStart(2, '0')}${from.slice(2)}`,
        })
    }
    const results = await Promise.all(
      requests.map((q) => bookAt(zhang, 'rm-f-rec', q.date, q.from, q.to, { groupId: group })),
    )
    const statuses = results.map((x) => x.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(12)
    expect(statuses.filter((s) => s === 409)).toHaveLength(4)
    expect(await liveMinutes({ groupId: group }, WEEK_B, WEEK_B + WEEK)).toBe(720)
  })
})

describe('no-show rule (3 missed check-ins in 30 days → no new bookings for 14 days)', () => {
  /** Released bookings (missed check-ins) of the user starting at the given Shanghai dates, 09:00. */
  const noShows = (userId: string, dates: string[]) =>
    Promise.all(
      dates.map((d) =>
        insertBooking({
          roomId: 'rm-f-noshow',
          userId,
          startsAt: sh(d, '09:00'),
          endsAt: sh(d, '09:30'),
          status: 'released',
        }),
      ),
    )

  it('refuses a new booking after 3 no-shows with 403 and the date the freeze ends', async () => {
    const r = await verifiedResident('noshow-3')
    await noShows(r.userId, ['2026-11-28', '2026-11-29', '2026-11-30'])
    const res = await bookAt(r.token, 'rm-art', '2026-12-08', '09:00', '09:30')
    assertStatus(res, 403)
    expect(res.body.error).toMatchObject({
      code: 'FORBIDDEN',
      message: '30 天内有 3 次预约未签到，2026-12-14 前暂停预约；如有特殊情况请联系邻里中心',
    })
    expect(await bookingRows("user_id = ? AND status != 'released'", r.userId)).toEqual([])
  })

  it('holds under 10 concurrent requests of the frozen resident: none booked', async () => {
    const r = await verifiedResident('noshow-race')
    await noShows(r.userId, ['2026-11-27', '2026-11-29', '2026-11-30'])
    const results = await Promise.all(
      [
        '09:00',
        '10:00',
        '11:00',
        '14:00',
        '15:00',
        '16:00',
        '17:00',
        '18:00',
        '19:00',
        '20:00',
      ].map((from, i) =>
        bookAt(
          r.token,
          i % 2 ? 'rm-f-race-1' : 'rm-f-race-2',
          '2026-12-13',
          from,
          `${Number(from.slice(0, 2))}:30`.padStart(5, '0'),
        ),
      ),
    )
    expect(results.map((x) => x.status)).toEqual(Array(10).fill(403))
    expect(await bookingRows("user_id = ? AND status != 'released'", r.userId)).toEqual([])
  })

  it('does not freeze after 2 no-shows', async () => {
    const r = await verifiedResident('noshow-2')
    await noShows(r.userId, ['2026-11-29', '2026-11-30'])
    expect((await bookAt(r.token, 'rm-f-noshow', '2026-12-08', '09:00', '09:30')).status).toBe(201)
  })

  it('does not freeze when the 3 no-shows do not fall within 30 days', async () => {
    const r = await verifiedResident('noshow-spread')
    await noShows(r.userId, ['2026-10-30', '2026-11-20', '2026-11-30'])
    expect((await bookAt(r.token, 'rm-f-noshow', '2026-12-08', '10:00', '10:30')).status).toBe(201)
  })

  it('lets the freeze end 14 days after the last no-show', async () => {
    const r = await verifiedResident('noshow-over')
    await noShows(r.userId, ['2026-11-15', '2026-11-16', '2026-11-17'])
    expect((await bookAt(r.token, 'rm-f-noshow', '2026-12-08', '10:30', '11:00')).status).toBe(201)
    const r2 = await verifiedResident('noshow-not-over')
    await noShows(r2.userId, ['2026-11-16', '2026-11-17', '2026-11-18'])
    expect((await bookAt(r2.token, 'rm-f-noshow', '2026-12-08', '11:00', '11:30')).status).toBe(403)
  })

  it('lifts the freeze when the centre manager waives one no-show (audited)', async () => {
    const r = await verifiedResident('noshow-waive')
    const [first] = await noShows(r.userId, ['2026-11-28', '2026-11-29', '2026-11-30'])
    expect((await bookAt(r.token, 'rm-f-noshow', '2026-12-09', '09:00', '09:30')).status).toBe(403)
    const waived = await send(
      client(await session('centre-qian')).bookings[':id'].waive.$post({
        param: { id: first! },
        json: { reason: '停电，房间无法进入' },
      }),
    )
    expect(waived.status, JSON.stringify(waived.body)).toBe(200)
    expect((await bookAt(r.token, 'rm-f-noshow', '2026-12-09', '09:00', '09:30')).status).toBe(201)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'booking.waive_no_show' AND target_id = ? AND actor_user_id = 'us-centre-qian'",
        first,
      ),
    ).toBe(1)
  })

  it('refuses to waive a booking that was not a no-show (409 with currentStatus)', async () => {
    const r = await verifiedResident('noshow-nowaive')
    const ok = await bookAt(r.token, 'rm-f-noshow', '2026-12-09', '10:00', '10:30')
    const res = await send(
      client(await session('centre-qian')).bookings[':id'].waive.$post({
        param: { id: succeeded(ok).body.booked[0]!.id },
        json: { reason: '误操作' },
      }),
    )
    assertStatus(res, 409)
    expect(res.body.error.details).toEqual({ currentStatus: 'confirmed' })
  })

  it('lifts the freeze with a staff override recorded in the audit log; a resident cannot override', async () => {
    const r = await verifiedResident('noshow-override')
    await noShows(r.userId, ['2026-11-28', '2026-11-29', '2026-11-30'])
    expect((await bookAt(r.token, 'rm-f-noshow', '2026-12-09', '10:30', '11:00')).status).toBe(403)
    const body = { userId: r.userId, days: 7, reason: '住院期间未能签到，已核实' }
    const denied = await send(
      client(await session('resident-wang')).centres[':id']['no-show-overrides'].$post({
        param: { id: CENTRE },
        json: body,
      }),
    )
    assertStatus(denied, 403)
    expect(
      await dbCount('SELECT COUNT(*) AS n FROM no_show_overrides WHERE user_id = ?', r.userId),
    ).toBe(0)
    const res = await send(
      client(await session('centre-qian')).centres[':id']['no-show-overrides'].$post({
        param: { id: CENTRE },
        json: body,
      }),
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toEqual({ ok: true, until: NOW + 7 * DAY })
    expect((await bookAt(r.token, 'rm-f-noshow', '2026-12-09', '10:30', '11:00')).status).toBe(201)
    const audit = await dbRows<{ after_json: string }>(
      "SELECT after_json FROM audit_log WHERE action = 'no_show.override' AND target_id = ? AND actor_user_id = 'us-centre-qian'",
      r.userId,
    )
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0]!.after_json)).toEqual({
      until: NOW + 7 * DAY,
      reason: '住院期间未能签到，已核实',
    })
    // Once the override ends, the freeze (until 2026-12-14) applies again.
    vi.setSystemTime(NOW + 7 * DAY + MINUTE)
    expect((await bookAt(r.token, 'rm-f-noshow', '2026-12-12', '10:30', '11:00')).status).toBe(403)
  })
})

describe('POST /api/bookings/{id}/cancel — late cancellation (cutoff 120 minutes before the start)', () => {
  it('counts a cancellation inside the cutoff as a no-show: with 2 earlier no-shows the resident is frozen', async () => {
    const r = await verifiedResident('late')
    await Promise.all(
      ['2026-11-29', '2026-11-30'].map((d) =>
        insertBooking({
          roomId: 'rm-f-noshow',
          userId: r.userId,
          startsAt: sh(d, '14:00'),
          endsAt: sh(d, '14:30'),
          status: 'released',
        }),
      ),
    )
    const soon = await bookAt(r.token, 'rm-f-noshow', '2026-12-01', '11:30', '12:00')
    expect(soon.status, JSON.stringify(soon.body)).toBe(201)
    const cancelled = await send(
      client(r.token).bookings[':id'].cancel.$post({
        param: { id: succeeded(soon)!.body.booked[0]!.id },
      }),
    )
    assertStatus(cancelled, 200)
    expect(cancelled.body).toMatchObject({ status: 'cancelled', lateCancel: true })
    const next = await bookAt(r.token, 'rm-f-noshow', '2026-12-10', '09:00', '09:30')
    assertStatus(next, 403)
    expect(next.body.error.message).toBe(
      '30 天内有 3 次预约未签到，2026-12-15 前暂停预约；如有特殊情况请联系邻里中心',
    )
  })

  it('does not count a cancellation exactly at the cutoff; one millisecond later it does', async () => {
    const r = await verifiedResident('cutoff')
    const first = await bookAt(r.token, 'rm-f-noshow', '2026-12-01', '13:30', '14:00')
    const second = await bookAt(r.token, 'rm-f-quota', '2026-12-01', '13:30', '14:00')
    expect([first.status, second.status]).toEqual([201, 201])
    vi.setSystemTime(sh('2026-12-01', '11:30'))
    const a = await send(
      client(r.token).bookings[':id'].cancel.$post({
        param: { id: succeeded(first)!.body.booked[0]!.id },
      }),
    )
    expect(a.body).toMatchObject({ status: 'cancelled', lateCancel: false })
    vi.setSystemTime(sh('2026-12-01', '11:30') + 1)
    const b = await send(
      client(r.token).bookings[':id'].cancel.$post({
        param: { id: succeeded(second)!.body.booked[0]!.id },
      }),
    )
    expect(b.body).toMatchObject({ status: 'cancelled', lateCancel: true })
    expect(
      await dbCount(
        'SELECT late_cancel AS n FROM bookings WHERE id = ?',
        succeeded(first)!.body.booked[0]!.id,
      ),
    ).toBe(0)
    expect(
      await dbCount(
        'SELECT late_cancel AS n FROM bookings WHERE id = ?',
        succeeded(second)!.body.booked[0]!.id,
      ),
    ).toBe(1)
  })

  it('frees the slots of a late-cancelled booking for others', async () => {
    const [r, other] = [
      await verifiedResident('late-free'),
      await verifiedResident('late-free-other'),
    ]
    const soon = await bookAt(r.token, 'rm-f-quota', '2026-12-01', '11:00', '11:30')
    await send(
      client(r.token).bookings[':id'].cancel.$post({
        param: { id: succeeded(soon)!.body.booked[0]!.id },
      }),
    )
    expect((await bookAt(other.token, 'rm-f-quota', '2026-12-01', '11:00', '11:30')).status).toBe(
      201,
    )
  })
})

describe('POST /api/bookings — weekly recurrence by a group leader (repeatWeeks)', () => {
  const zhangId = demoUserId('resident-zhang')
  const weekly = (date: string, from: string, to: string, weeks: number) =>
    Array.from({ length: weeks }, (_, i) => ({
      startsAt: sh(date, from) + i * WEEK,
      endsAt: sh(date, to) + i * WEEK,
    }))

  it('all_or_nothing with one week taken → 409, nothing stored, details.notBooked names exactly that date', async () => {
    const group = await insertGroup('gp-f-aon', zhangId)
    // Thursdays 12-03, 12-10, 12-17, 12-24 19:00–21:00; 12-17 19:30–20:00 is already held by gp-dance.
    await insertBooking({
      roomId: 'rm-f-rec',
      userId: demoUserId('resident-li'),
      groupId: 'gp-dance',
      startsAt: sh('2026-12-17', '19:30'),
      endsAt: sh('2026-12-17', '20:00'),
      status: 'confirmed',
    })
    const res = await bookAt(
      await session('resident-zhang'),
      'rm-f-rec',
      '2026-12-03',
      '19:00',
      '21:00',
      { groupId: group, repeatWeeks: 4, onConflict: 'all_or_nothing' },
    )
    expect(res.status, JSON.stringify(res.body)).toBe(409)
    expect(failed(res).body.error.code).toBe('CONFLICT')
    expect(failed(res).body.error.message).toContain('2026-12-17（该时段已被预约）')
    expect(failed(res).body.error.details!.notBooked).toEqual([
      {
        startsAt: sh('2026-12-17', '19:00'),
        endsAt: sh('2026-12-17', '21:00'),
        reason: '该时段已被预约',
      },
    ])
    expect(await bookingRows('group_id = ?', group)).toEqual([])
    expect(
      await dbCount(
        'SELECT COUNT(*) AS n FROM booking_slots WHERE booking_id IN (SELECT id FROM bookings WHERE group_id = ?)',
        group,
      ),
    ).toBe(0)
  })

  it('skip with one week taken → 201 with booked 3 (one series) and notBooked 1 listing that date and reason', async () => {
    const group = await insertGroup('gp-f-skip', zhangId)
    // Wednesdays 12-02 … 12-23 19:00–20:00; 12-16 20:00 is held, 12-16 19:30 too.
    await insertBooking({
      roomId: 'rm-f-rec',
      userId: demoUserId('resident-li'),
      groupId: 'gp-dance',
      startsAt: sh('2026-12-16', '19:30'),
      endsAt: sh('2026-12-16', '20:30'),
      status: 'confirmed',
    })
    const res = await bookAt(
      await session('resident-zhang'),
      'rm-f-rec',
      '2026-12-02',
      '19:00',
      '20:00',
      { groupId: group, repeatWeeks: 4, onConflict: 'skip' },
    )
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const dates = weekly('2026-12-02', '19:00', '20:00', 4)
    expect(
      succeeded(res).body.booked.map((b) => ({ startsAt: b.startsAt, endsAt: b.endsAt })),
    ).toEqual([dates[0], dates[1], dates[3]])
    expect(succeeded(res).body.notBooked).toEqual([{ ...dates[2], reason: '该时段已被预约' }])
    const seriesIds = new Set(succeeded(res).body.booked.map((b) => b.seriesId))
    expect(seriesIds.size).toBe(1)
    expect([...seriesIds][0]).toEqual(expect.any(String))
    const rows = await bookingRows('group_id = ?', group)
    expect(rows.map((x) => x.starts_at)).toEqual([
      dates[0]!.startsAt,
      dates[1]!.startsAt,
      dates[3]!.startsAt,
    ])
  })

  it('all_or_nothing without conflicts books every week (201, 4 bookings of one series)', async () => {
    const group = await insertGroup('gp-f-all', zhangId)
    const res = await bookAt(
      await session('resident-zhang'),
      'rm-f-rec',
      '2026-12-04',
      '19:00',
      '21:00',
      { groupId: group, repeatWeeks: 4 },
    )
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(succeeded(res).body.booked.map((b) => b.startsAt)).toEqual(
      weekly('2026-12-04', '19:00', '21:00', 4).map((d) => d.startsAt),
    )
    expect(succeeded(res).body.notBooked).toEqual([])
    expect(new Set((await bookingRows('group_id = ?', group)).map((x) => x.series_id)).size).toBe(1)
  })

  it('skip lists a blacked-out week with the blackout reason', async () => {
    const group = await insertGroup('gp-f-blackout', zhangId)
    const manager = await session('centre-qian')
    const blackout = await send(
      client(manager).centres[':id'].blackouts.$post({
        param: { id: CENTRE },
        json: {
          roomId: 'rm-f-rec',
          startsAt: sh('2026-12-12', '00:00'),
          endsAt: sh('2026-12-13', '00:00'),
          reason: '地板打蜡',
        },
      }),
    )
    expect(succeeded(blackout).body.created).toBe(true)
    const res = await bookAt(
      await session('resident-zhang'),
      'rm-f-rec',
      '2026-12-05',
      '19:00',
      '20:00',
      { groupId: group, repeatWeeks: 3, onConflict: 'skip' },
    )
    assertStatus(res, 201)
    expect(res.body.booked).toHaveLength(2)
    expect(res.body.notBooked).toEqual([
      { ...weekly('2026-12-05', '19:00', '20:00', 3)[1], reason: '该时段暂停开放：地板打蜡' },
    ])
  })

  it('all_or_nothing with the group quota full in one week → 409 naming only that week and the quota', async () => {
    const group = await insertGroup('gp-f-quota', zhangId)
    // 12 hours of the group in the week of Mon 12-14 (in another room) fill its quota: Sunday 12-20 cannot be booked.
    for (const d of ['2026-12-14', '2026-12-15', '2026-12-16']) {
      await insertBooking({
        roomId: 'rm-f-race-1',
        userId: zhangId,
        groupId: group,
        startsAt: sh(d, '13:30'),
        endsAt: sh(d, '17:30'),
        status: 'confirmed',
      })
    }
    const res = await bookAt(
      await session('resident-zhang'),
      'rm-f-rec',
      '2026-12-06',
      '08:30',
      '09:30',
      { groupId: group, repeatWeeks: 3 },
    )
    expect(res.status, JSON.stringify(res.body)).toBe(409)
    expect(failed(res).body.error.details!.notBooked).toEqual([
      { ...weekly('2026-12-06', '08:30', '09:30', 3)[2], reason: GROUP_FULL },
    ])
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM bookings WHERE group_id = ? AND room_id = 'rm-f-rec'",
        group,
      ),
    ).toBe(0)
  })

  it('refuses a recurrence from a member who is not the leader, and from a resident without a group (403)', async () => {
    const group = await insertGroup('gp-f-member', zhangId, [demoUserId('resident-wang')])
    const wang = await session('resident-wang')
    const member = await bookAt(wang, 'rm-f-rec', '2026-12-07', '19:00', '20:00', {
      groupId: group,
      repeatWeeks: 4,
    })
    assertStatus(member, 403)
    expect(member.body.error.message).toBe('只有团队负责人可以为团队预约')
    const alone = await bookAt(wang, 'rm-f-quota', '2026-12-07', '19:00', '20:00', {
      repeatWeeks: 2,
    })
    assertStatus(alone, 403)
    expect(alone.body.error.message).toBe('只有团队负责人可以按周重复预约')
    expect(
      await bookingRows(
        'user_id = ? AND starts_at = ?',
        demoUserId('resident-wang'),
        sh('2026-12-07', '19:00'),
      ),
    ).toEqual([])
  })

  it('refuses the whole recurrence (400) when a later week lies beyond the horizon, all or nothing', async () => {
    const li = await session('resident-li')
    const res = await bookAt(li, 'rm-dance', '2026-12-05', '19:00', '20:00', {
      groupId: 'gp-dance',
      repeatWeeks: 4,
      onConflict: 'all_or_nothing',
    })
    assertStatus(res, 400)
    expect(res.body.error.message).toBe('只能预约 14 天以内的时段')
    expect(
      await bookingRows("group_id = 'gp-dance' AND starts_at = ?", sh('2026-12-05', '19:00')),
    ).toEqual([])
  })

  it('books the weeks inside the horizon and lists the later ones when skipping conflicts', async () => {
    const li = await session('resident-li')
    const res = await bookAt(li, 'rm-dance', '2026-12-05', '19:00', '20:00', {
      groupId: 'gp-dance',
      repeatWeeks: 4,
      onConflict: 'skip',
    })
    assertStatus(res, 201)
    // Earlier tests of this file used part of the group's quota of the week of 12-12.
    expect(res.body.booked.map((b) => b.startsAt)).toContain(sh('2026-12-05', '19:00'))
    expect(res.body.booked.length + res.body.notBooked.length).toBe(4)
    expect(
      res.body.notBooked
        .filter((n) => n.reason === '只能预约 14 天以内的时段')
        .map((n) => n.startsAt),
    ).toEqual([sh('2026-12-19', '19:00'), sh('2026-12-26', '19:00')])
  })
})
