import { env } from 'cloudflare:workers'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { releaseNoShows } from '../../worker/bookings/manage-service'
import { createDb } from '../../worker/lib/db'
import { DAY, MINUTE, shanghaiMidnight } from '../../worker/lib/time'
import {
  addRoom,
  bookAt,
  book,
  bookingRows,
  CENTRE,
  freezeClock,
  isChineseMessage,
  liveMinutes,
  NOW,
  sh,
  statusOf,
  verifiedResident,
} from './booking-helpers'
import { dbCount, dbRows, demoSessions, resetRateLimits, seedDemo } from './helpers'
import { assertStatus, client, failed, rawRequest, send, succeeded } from './client'

// The edges of every booking rule, with the clock frozen at Tuesday 2026-12-01 10:00 Shanghai.
// Demo rooms: open 08:30–12:00 and 13:30–21:00 every day, 30-minute slots, 1–8 slots,
// 14-day horizon, 60-minute notice.

const session = demoSessions()
const slotState = (day: any, startsAt: number) =>
  day.body.slots.find((s: any) => s.startsAt === startsAt)

beforeAll(async () => {
  freezeClock()
  await seedDemo()
})
afterEach(async () => {
  vi.setSystemTime(NOW)
  await resetRateLimits()
})
afterAll(() => {
  vi.useRealTimers()
})

describe('POST /api/bookings — back to back', () => {
  it('accepts a booking ending at 10:00 and another starting at 10:00 in the same room', async () => {
    const [a, b] = [await verifiedResident('b2b-a'), await verifiedResident('b2b-b')]
    const first = await bookAt(a.token, 'rm-art', '2026-12-02', '09:00', '10:00')
    const second = await bookAt(b.token, 'rm-art', '2026-12-02', '10:00', '11:00')
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(second.status, JSON.stringify(second.body)).toBe(201)
    expect(succeeded(first).body.booked[0]).toMatchObject({
      startsAt: sh('2026-12-02', '09:00'),
      endsAt: sh('2026-12-02', '10:00'),
      status: 'confirmed',
    })
    const slots = await dbRows<{ slot_start: number; booking_id: string }>(
      "SELECT slot_start, booking_id FROM booking_slots WHERE room_id = 'rm-art' AND slot_start >= ? AND slot_start < ? ORDER BY slot_start",
      sh('2026-12-02', '09:00'),
      sh('2026-12-02', '11:00'),
    )
    expect(slots.map((s) => s.booking_id)).toEqual([
      succeeded(first)!.body.booked[0]!.id,
      succeeded(first)!.body.booked[0]!.id,
      succeeded(second)!.body.booked[0]!.id,
      succeeded(second)!.body.booked[0]!.id,
    ])
  })

  it('refuses a booking overlapping both by one slot (09:30–10:30) with 409 该时段已被预约', async () => {
    const c = await verifiedResident('b2b-c')
    const res = await bookAt(c.token, 'rm-art', '2026-12-02', '09:30', '10:30')
    assertStatus(res, 409)
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', message: '该时段已被预约' })
    expect(await dbCount('SELECT COUNT(*) AS n FROM bookings WHERE user_id = ?', c.userId)).toBe(0)
  })
})

describe('POST /api/bookings — opening hours 08:30–12:00 and 13:30–21:00 (Shanghai)', () => {
  const OUTSIDE = '请按开放时间内的整段时间预约（每段 30 分钟）'
  const cases: [string, string, string, number][] = [
    ['starts at opening 08:30', '08:30', '09:00', 201],
    ['starts before opening 08:00', '08:00', '08:30', 400],
    ['starts before and ends after opening 08:00–09:00', '08:00', '09:00', 400],
    ['ends at the lunch closure 12:00', '11:30', '12:00', 201],
    ['runs into the lunch closure 11:30–12:30', '11:30', '12:30', 400],
    ['spans the lunch closure 11:00–14:00', '11:00', '14:00', 400],
    ['starts inside the lunch closure 12:00', '12:00', '12:30', 400],
    ['ends at reopening 13:00–13:30 (closed)', '13:00', '13:30', 400],
    ['starts at reopening 13:30', '13:30', '14:00', 201],
    ['ends at closing 20:30–21:00', '20:30', '21:00', 201],
    ['starts at closing 21:00', '21:00', '21:30', 400],
    ['runs past closing 20:30–21:30', '20:30', '21:30', 400],
    ['starts off a slot boundary 09:10', '09:10', '09:40', 400],
    ['ends off a slot boundary 09:00–09:45', '09:00', '09:45', 400],
  ]
  let token: string, userId: string
  beforeAll(async () => {
    ;({ token, userId } = await verifiedResident('hours'))
  })

  it.each(cases)('%s → %i', async (_label, from, to, status) => {
    const before = await dbCount('SELECT COUNT(*) AS n FROM bookings WHERE user_id = ?', userId)
    const res = await bookAt(token, 'rm-council', '2026-12-02', from, to)
    expect(res.status, JSON.stringify(res.body)).toBe(status)
    if (status === 201) {
      expect(succeeded(res).body.booked[0]).toMatchObject({
        startsAt: sh('2026-12-02', from),
        endsAt: sh('2026-12-02', to),
      })
      expect(await dbCount('SELECT COUNT(*) AS n FROM bookings WHERE user_id = ?', userId)).toBe(
        before + 1,
      )
    } else {
      expect(failed(res).body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: OUTSIDE })
      expect(await dbCount('SELECT COUNT(*) AS n FROM bookings WHERE user_id = ?', userId)).toBe(
        before,
      )
    }
  })

  it('lists exactly the open slots of the day in GET /api/rooms/{id}/day', async () => {
    const day = await send(
      client().rooms[':id'].day.$get({
        param: { id: 'rm-council' },
        query: { date: '2026-12-02' },
      }),
    )
    assertStatus(day, 200)
    const starts = day.body.slots.map((s) => s.startsAt)
    expect(starts).toHaveLength(7 + 15)
    expect(starts[0]).toBe(sh('2026-12-02', '08:30'))
    expect(starts).toContain(sh('2026-12-02', '11:30'))
    expect(starts).not.toContain(sh('2026-12-02', '12:00'))
    expect(starts).not.toContain(sh('2026-12-02', '13:00'))
    expect(starts).toContain(sh('2026-12-02', '13:30'))
    expect(starts.at(-1)).toBe(sh('2026-12-02', '20:30'))
    expect(day.body.slots.at(-1)!.endsAt).toBe(sh('2026-12-02', '21:00'))
  })
})

describe('POST /api/bookings — length (1–8 slots of 30 minutes)', () => {
  it('accepts the maximum of 8 slots (4 hours)', async () => {
    const r = await verifiedResident('len-max')
    const res = await bookAt(r.token, 'rm-council', '2026-12-03', '14:00', '18:00')
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(
      await dbCount(
        'SELECT COUNT(*) AS n FROM booking_slots WHERE booking_id = ?',
        succeeded(res)!.body.booked[0]!.id,
      ),
    ).toBe(8)
  })

  it('refuses 9 slots with 一次最多预约 240 分钟', async () => {
    const r = await verifiedResident('len-over')
    const res = await bookAt(r.token, 'rm-council', '2026-12-03', '09:00', '11:30')
    assertStatus(res, 201)
    const over = await bookAt(r.token, 'rm-council', '2026-12-03', '13:30', '18:00')
    assertStatus(over, 400)
    expect(over.body.error.message).toBe('一次最多预约 240 分钟')
    expect(await dbCount('SELECT COUNT(*) AS n FROM bookings WHERE user_id = ?', r.userId)).toBe(1)
  })

  it('refuses an empty or reversed interval', async () => {
    const r = await verifiedResident('len-empty')
    for (const [from, to] of [
      ['09:00', '09:00'],
      ['10:00', '09:00'],
    ] as const) {
      const res = await bookAt(r.token, 'rm-council', '2026-12-04', from, to)
      assertStatus(res, 400)
      expect(res.body.error.code).toBe('VALIDATION_FAILED')
      expect(isChineseMessage(res.body.error.message)).toBe(true)
    }
    expect(await dbCount('SELECT COUNT(*) AS n FROM bookings WHERE user_id = ?', r.userId)).toBe(0)
  })

  it("refuses fewer than the room's minimum slots (2 → 30 minutes is 400, 60 minutes is 201)", async () => {
    await addRoom('rm-b-min', { minSlots: 2 })
    const r = await verifiedResident('len-min')
    const short = await bookAt(r.token, 'rm-b-min', '2026-12-02', '09:00', '09:30')
    assertStatus(short, 400)
    expect(short.body.error.message).toBe('至少预约 60 分钟')
    const ok = await bookAt(r.token, 'rm-b-min', '2026-12-02', '09:00', '10:00')
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
  })
})

describe('POST /api/bookings — 60 minutes notice', () => {
  it('accepts a start exactly 60 minutes from now', async () => {
    const r = await verifiedResident('notice-edge')
    const res = await book(r.token, {
      roomId: 'rm-council',
      startsAt: NOW + 60 * MINUTE,
      endsAt: NOW + 90 * MINUTE,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(succeeded(res)!.body.booked[0]!.startsAt).toBe(sh('2026-12-01', '11:00'))
  })

  it('refuses the same start one millisecond later, with 请至少提前 60 分钟预约', async () => {
    vi.setSystemTime(NOW + 1)
    const r = await verifiedResident('notice-late')
    const res = await book(r.token, {
      roomId: 'rm-art',
      startsAt: NOW + 60 * MINUTE,
      endsAt: NOW + 90 * MINUTE,
    })
    assertStatus(res, 400)
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '请至少提前 60 分钟预约',
    })
    expect(await dbCount('SELECT COUNT(*) AS n FROM bookings WHERE user_id = ?', r.userId)).toBe(0)
  })

  it('refuses a start 30 minutes from now and shows past / too_soon / free slots in /day', async () => {
    const r = await verifiedResident('notice-soon')
    const res = await bookAt(r.token, 'rm-art', '2026-12-01', '10:30', '11:00')
    assertStatus(res, 400)
    const day = await send(
      client(r.token).rooms[':id'].day.$get({
        param: { id: 'rm-art' },
        query: { date: '2026-12-01' },
      }),
    )
    expect(slotState(day, sh('2026-12-01', '09:30'))).toMatchObject({
      state: 'past',
      label: '已过',
    })
    expect(slotState(day, sh('2026-12-01', '10:00'))).toMatchObject({ state: 'too_soon' })
    expect(slotState(day, sh('2026-12-01', '10:30'))).toMatchObject({
      state: 'too_soon',
      label: '需提前预约',
    })
    expect(slotState(day, sh('2026-12-01', '11:00'))).toMatchObject({
      state: 'free',
      label: '可预约',
    })
  })
})

describe('POST /api/bookings — 14-day horizon', () => {
  it('accepts a start 30 minutes before now + 14 days', async () => {
    const r = await verifiedResident('horizon-in')
    const res = await bookAt(r.token, 'rm-art', '2026-12-15', '09:30', '10:00')
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(sh('2026-12-15', '09:30')).toBe(NOW + 14 * DAY - 30 * MINUTE)
  })

  it('refuses a start at exactly now + 14 days with 只能预约 14 天以内的时段', async () => {
    const r = await verifiedResident('horizon-out')
    const res = await bookAt(r.token, 'rm-art', '2026-12-15', '10:00', '10:30')
    assertStatus(res, 400)
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '只能预约 14 天以内的时段',
    })
    expect(await dbCount('SELECT COUNT(*) AS n FROM bookings WHERE user_id = ?', r.userId)).toBe(0)
  })

  it('shows the same edge in /day: 09:30 free, 10:00 too_far', async () => {
    const day = await send(
      client().rooms[':id'].day.$get({
        param: { id: 'rm-council' },
        query: { date: '2026-12-15' },
      }),
    )
    expect(slotState(day, sh('2026-12-15', '09:30')).state).toBe('free')
    expect(slotState(day, sh('2026-12-15', '10:00'))).toMatchObject({
      state: 'too_far',
      label: '尚未开放预约',
    })
  })
})

describe('POST /api/bookings — blackout edges (rm-art closed 14:00–15:00)', () => {
  const date = '2026-12-03'
  beforeAll(async () => {
    const manager = await session('centre-qian')
    const res = await send(
      client(manager).centres[':id'].blackouts.$post({
        param: { id: CENTRE },
        json: {
          roomId: 'rm-art',
          startsAt: sh(date, '14:00'),
          endsAt: sh(date, '15:00'),
          reason: '消防检查',
        },
      }),
    )
    if (res.status !== 200 || res.body.created !== true)
      throw new Error(`blackout: ${res.status} ${JSON.stringify(res.body)}`)
  })

  const cases: [string, string, string, number][] = [
    ['inside it (14:30–15:00)', '14:30', '15:00', 409],
    ['at its start (14:00–14:30)', '14:00', '14:30', 409],
    ['overlapping its start (13:30–14:30)', '13:30', '14:30', 409],
    ['covering it (13:30–15:30)', '13:30', '15:30', 409],
    ['ending at its start (13:30–14:00)', '13:30', '14:00', 201],
    ['starting at its end (15:00–15:30)', '15:00', '15:30', 201],
  ]
  it.each(cases)('a booking %s → %i', async (_label, from, to, status) => {
    const r = await verifiedResident('blackout')
    const res = await bookAt(r.token, 'rm-art', date, from, to)
    expect(res.status, JSON.stringify(res.body)).toBe(status)
    if (status === 409) {
      expect(failed(res).body.error).toMatchObject({
        code: 'CONFLICT',
        message: '该时段暂停开放：消防检查',
      })
      expect(await dbCount('SELECT COUNT(*) AS n FROM bookings WHERE user_id = ?', r.userId)).toBe(
        0,
      )
    }
  })

  it('marks exactly the two covered slots as blackout in /day', async () => {
    const day = await send(
      client().rooms[':id'].day.$get({ param: { id: 'rm-art' }, query: { date } }),
    )
    expect(
      succeeded(day)
        .body.slots.filter((s) => s.state === 'blackout')
        .map((s) => s.startsAt),
    ).toEqual([sh(date, '14:00'), sh(date, '14:30')])
    expect(slotState(day, sh(date, '14:00')).label).toBe('暂停开放：消防检查')
  })

  it('does not close other rooms', async () => {
    const r = await verifiedResident('blackout-other')
    const hall = await bookAt(r.token, 'rm-hall', date, '14:00', '15:00')
    expect(hall.status, JSON.stringify(hall.body)).toBe(201)
    expect(succeeded(hall)!.body.booked[0]!.status).toBe('pending')
  })

  it('a whole-centre blackout closes every room, and free-rooms finds none', async () => {
    const manager = await session('centre-qian')
    const res = await send(
      client(manager).centres[':id'].blackouts.$post({
        param: { id: CENTRE },
        json: {
          startsAt: sh('2026-12-04', '18:00'),
          endsAt: sh('2026-12-04', '19:00'),
          reason: '街道活动',
        },
      }),
    )
    expect(succeeded(res).body.created).toBe(true)
    const r = await verifiedResident('blackout-centre')
    for (const room of ['rm-art', 'rm-council', 'rm-hall']) {
      const attempt = await bookAt(r.token, room, '2026-12-04', '18:30', '19:00')
      assertStatus(attempt, 409)
      expect(attempt.body.error.message).toBe('该时段暂停开放：街道活动')
    }
    const free = await send(
      client().centres[':id']['free-rooms'].$get({
        param: { id: CENTRE },
        query: { date: '2026-12-04', start: '18:00', end: '19:00' },
      }),
    )
    assertStatus(free, 200)
    expect(free.body.rooms).toEqual([])
    const after = await send(
      client().centres[':id']['free-rooms'].$get({
        param: { id: CENTRE },
        query: { date: '2026-12-04', start: '19:00', end: '20:00' },
      }),
    )
    expect(succeeded(after).body.rooms.map((x) => x.id)).toContain('rm-art')
  })
})

describe('Asia/Shanghai days, although the worker runs in UTC', () => {
  // Shanghai is UTC+8: a Shanghai morning before 08:00 is still the previous day in UTC. The demo
  // rooms open at 08:30, which is the same day in UTC, so these tests use rooms that open earlier:
  // one open on Mondays only, 06:00–12:00 (Monday 06:00 Shanghai is Sunday 22:00 UTC), and one
  // open around the clock.
  const monday = '2026-12-07'
  const sunday = '2026-12-06'
  beforeAll(async () => {
    await addRoom('rm-b-monday', { openingHours: { 1: [['06:00', '12:00']] } })
    await addRoom('rm-b-allday', {
      openingHours: Object.fromEntries(
        [1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), [['00:00', '24:00']]]),
      ),
    })
  })

  it('books Monday 06:00 Shanghai, which is a Sunday in UTC', async () => {
    const r = await verifiedResident('tz-monday')
    const startsAt = sh(monday, '06:00')
    expect(new Date(startsAt).toISOString()).toBe('2026-12-06T22:00:00.000Z')
    expect(new Date(startsAt).getUTCDay()).toBe(0)
    const res = await book(r.token, {
      roomId: 'rm-b-monday',
      startsAt,
      endsAt: startsAt + 30 * MINUTE,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
  })

  it('refuses Sunday 06:00 Shanghai (closed on Sundays although it is Saturday 22:00 UTC), and Monday 12:00', async () => {
    const r = await verifiedResident('tz-sunday')
    const sundayMorning = await bookAt(r.token, 'rm-b-monday', sunday, '06:00', '06:30')
    assertStatus(sundayMorning, 400)
    expect(sundayMorning.body.error.message).toBe('请按开放时间内的整段时间预约（每段 30 分钟）')
    expect((await bookAt(r.token, 'rm-b-monday', monday, '12:00', '12:30')).status).toBe(400)
    expect(await dbCount('SELECT COUNT(*) AS n FROM bookings WHERE user_id = ?', r.userId)).toBe(0)
  })

  it('lists the Monday slots under the Shanghai date in /day, none on Sunday', async () => {
    const mon = await send(
      client().rooms[':id'].day.$get({ param: { id: 'rm-b-monday' }, query: { date: monday } }),
    )
    expect(succeeded(mon).body.slots).toHaveLength(12)
    expect(succeeded(mon)!.body.slots[0]!.startsAt).toBe(Date.UTC(2026, 11, 6, 22, 0))
    expect(succeeded(mon)!.body.slots.at(-1)!.endsAt).toBe(Date.UTC(2026, 11, 7, 4, 0))
    const sun = await send(
      client().rooms[':id'].day.$get({ param: { id: 'rm-b-monday' }, query: { date: sunday } }),
    )
    expect(succeeded(sun).body.slots).toEqual([])
  })

  it('ends a day at 24:00 Shanghai: 23:30–24:00 is bookable, 23:30–00:30 crosses into the next day and is not', async () => {
    const r = await verifiedResident('tz-midnight')
    const late = await bookAt(r.token, 'rm-b-allday', '2026-12-03', '23:30', '24:00')
    expect(late.status, JSON.stringify(late.body)).toBe(201)
    expect(succeeded(late)!.body.booked[0]!.endsAt).toBe(shanghaiMidnight('2026-12-04'))
    const across = await book(r.token, {
      roomId: 'rm-b-allday',
      startsAt: sh('2026-12-04', '23:30'),
      endsAt: sh('2026-12-05', '00:30'),
    })
    assertStatus(across, 400)
  })

  it('counts the weekly quota from Monday 00:00 Shanghai (Sunday 16:00 UTC)', async () => {
    const r = await verifiedResident('tz-week')
    // 6 hours (the resident quota) on Sunday 2026-12-06 fill the Shanghai week of Mon 11-30.
    expect((await bookAt(r.token, 'rm-b-allday', sunday, '13:30', '17:30')).status).toBe(201)
    expect((await bookAt(r.token, 'rm-b-allday', sunday, '21:30', '23:30')).status).toBe(201)
    const full = await bookAt(r.token, 'rm-b-allday', sunday, '23:30', '24:00')
    assertStatus(full, 409)
    expect(full.body.error.message).toBe('您本周的预约已达 6 小时上限')
    // Monday 00:00 and 07:00 Shanghai are still Sunday in UTC, but already the next Shanghai week.
    const midnight = await bookAt(r.token, 'rm-b-allday', monday, '00:00', '00:30')
    expect(midnight.status, JSON.stringify(midnight.body)).toBe(201)
    expect(new Date(succeeded(midnight)!.body.booked[0]!.startsAt).toISOString()).toBe(
      '2026-12-06T16:00:00.000Z',
    )
    const morning = await bookAt(r.token, 'rm-b-allday', monday, '07:00', '07:30')
    expect(morning.status, JSON.stringify(morning.body)).toBe(201)
    expect(
      await liveMinutes(
        { userId: r.userId },
        shanghaiMidnight('2026-11-30'),
        shanghaiMidnight(monday),
      ),
    ).toBe(360)
    expect(
      await liveMinutes(
        { userId: r.userId },
        shanghaiMidnight(monday),
        shanghaiMidnight(monday) + 7 * DAY,
      ),
    ).toBe(60)
  })
})

describe('POST /api/bookings/{id}/check-in — window 15 minutes before to 15 minutes after the start', () => {
  const start = sh('2026-12-02', '16:00')
  const checkIn = (token: string, id: string, code = '774120') =>
    send(client(token).bookings[':id']['check-in'].$post({ param: { id }, json: { code } }))

  it('opens exactly 15 minutes before the start (409 one millisecond earlier, with the opening time)', async () => {
    const r = await verifiedResident('checkin-open')
    const id = succeeded(await bookAt(r.token, 'rm-art', '2026-12-02', '16:00', '16:30')).body
      .booked[0]!.id
    vi.setSystemTime(start - 15 * MINUTE - 1)
    const early = await checkIn(r.token, id)
    assertStatus(early, 409)
    expect(early.body.error.message).toBe('签到从 15:45 开始')
    vi.setSystemTime(start - 15 * MINUTE)
    const wrong = await checkIn(r.token, id, '000000')
    assertStatus(wrong, 400)
    expect(wrong.body.error.message).toBe('签到码不正确，请核对房间门口的签到码')
    const ok = await checkIn(r.token, id, ' 774 120 ')
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(ok.body).toMatchObject({ status: 'checked_in', checkedInAt: start - 15 * MINUTE })
  })

  it('closes exactly 15 minutes after the start; the scheduled release agrees to the millisecond', async () => {
    const r = await verifiedResident('checkin-close')
    const [onTime, tooLate] = [
      succeeded(await bookAt(r.token, 'rm-art', '2026-12-02', '16:30', '17:00'))!.body.booked[0]!
        .id,
      succeeded(await bookAt(r.token, 'rm-council', '2026-12-02', '16:30', '17:00'))!.body
        .booked[0]!.id,
    ]
    const closes = sh('2026-12-02', '16:45')
    // At the last millisecond of the window the release leaves the bookings alone, and check-in works.
    await releaseNoShows(createDb(env.DB), closes)
    expect(await statusOf(tooLate)).toBe('confirmed')
    vi.setSystemTime(closes)
    expect((await checkIn(r.token, onTime)).status).toBe(200)
    vi.setSystemTime(closes + 1)
    const late = await checkIn(r.token, tooLate, '502913')
    assertStatus(late, 409)
    expect(late.body.error.message).toBe('已超过签到时间，预约已释放')
    await releaseNoShows(createDb(env.DB), closes + 1)
    expect([await statusOf(onTime), await statusOf(tooLate)]).toEqual(['checked_in', 'released'])
  })
})

describe('POST /api/bookings — headcount and capacity', () => {
  it('accepts the capacity (20 in 书画室) and refuses 21 with 人数超过房间容量（20 人）', async () => {
    const r = await verifiedResident('capacity')
    const full = await bookAt(r.token, 'rm-art', '2026-12-04', '09:00', '09:30', { headcount: 20 })
    expect(full.status, JSON.stringify(full.body)).toBe(201)
    const over = await bookAt(r.token, 'rm-art', '2026-12-04', '09:30', '10:00', { headcount: 21 })
    assertStatus(over, 400)
    expect(over.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '人数超过房间容量（20 人）',
    })
    expect(await dbCount('SELECT COUNT(*) AS n FROM bookings WHERE user_id = ?', r.userId)).toBe(1)
  })
})

describe('POST /api/bookings — who may book', () => {
  it('refuses the groups-only 舞蹈房 without a group (403)', async () => {
    const res = await bookAt(
      await session('resident-zhang'),
      'rm-dance',
      '2026-12-04',
      '14:00',
      '15:00',
    )
    assertStatus(res, 403)
    expect(res.body.error.message).toBe('这个房间只接受登记团队（三自组织）预约，请以团队名义预约')
  })

  it('accepts the 舞蹈房 for the group from its leader, refuses it from a member who is not the leader', async () => {
    const leader = await bookAt(
      await session('resident-li'),
      'rm-dance',
      '2026-12-04',
      '14:00',
      '15:00',
      { groupId: 'gp-dance' },
    )
    expect(leader.status, JSON.stringify(leader.body)).toBe(201)
    expect(succeeded(leader)!.body.booked[0]!.group).toEqual({
      id: 'gp-dance',
      name: '槐树广场舞队',
    })
    const member = await bookAt(
      await session('resident-wang'),
      'rm-dance',
      '2026-12-04',
      '15:00',
      '16:00',
      { groupId: 'gp-dance' },
    )
    assertStatus(member, 403)
    expect(member.body.error.message).toBe('只有团队负责人可以为团队预约')
  })

  it('refuses the staff-only 儿童托管室 to a resident (403) and books it for the centre manager and for staff of a served community (201)', async () => {
    const resident = await bookAt(
      await session('resident-zhang'),
      'rm-kids',
      '2026-12-04',
      '09:00',
      '10:00',
    )
    assertStatus(resident, 403)
    expect(resident.body.error.message).toBe('这个房间只供工作人员预约')
    const manager = await bookAt(
      await session('centre-qian'),
      'rm-kids',
      '2026-12-04',
      '09:00',
      '10:00',
    )
    expect(manager.status, JSON.stringify(manager.body)).toBe(201)
    const otherCommunityStaff = await bookAt(
      await session('staff-sun'),
      'rm-kids',
      '2026-12-04',
      '10:00',
      '11:00',
    )
    expect(otherCommunityStaff.status, JSON.stringify(otherCommunityStaff.body)).toBe(201)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM bookings WHERE room_id = 'rm-kids' AND user_id = 'us-resident-zhang'",
      ),
    ).toBe(0)
  })

  it('refuses an unverified user (403 请先完成居民认证后再预约) and an anonymous caller (401)', async () => {
    const chen = await bookAt(
      await session('newcomer-chen'),
      'rm-art',
      '2026-12-04',
      '11:00',
      '11:30',
    )
    assertStatus(chen, 403)
    expect(chen.body.error).toMatchObject({
      code: 'FORBIDDEN',
      message: '请先完成居民认证后再预约',
    })
    const anonymous = await book(undefined, {
      roomId: 'rm-art',
      startsAt: sh('2026-12-04', '11:00'),
      endsAt: sh('2026-12-04', '11:30'),
    })
    assertStatus(anonymous, 401)
    expect(
      await dbCount("SELECT COUNT(*) AS n FROM bookings WHERE user_id = 'us-newcomer-chen'"),
    ).toBe(0)
  })
})

describe('POST /api/bookings — bad input', () => {
  const startsAt = sh('2026-12-05', '09:00')
  const endsAt = sh('2026-12-05', '10:00')
  const valid = { roomId: 'rm-art', startsAt, endsAt, purpose: '读书会', headcount: 4 }
  const cases: [string, unknown, string][] = [
    ['an unknown field', { ...valid, colour: 'red' }, '不接受的字段：colour'],
    ['no purpose', { ...valid, purpose: undefined }, '请填写用途'],
    ['a one-character purpose after trimming', { ...valid, purpose: '  书 ' }, '用途至少 2 个字'],
    [
      'a purpose over 100 characters',
      { ...valid, purpose: '书'.repeat(101) },
      '用途不能超过 100 个字',
    ],
    ['headcount 0', { ...valid, headcount: 0 }, '人数至少 1 人'],
    ['headcount as text', { ...valid, headcount: '4' }, '请填写人数'],
    ['a start that is not a number', { ...valid, startsAt: '明天上午' }, '请选择开始时间'],
    ['no end', { ...valid, endsAt: undefined }, '请选择结束时间'],
    ['a fractional start', { ...valid, startsAt: startsAt + 0.5 }, '开始时间'],
    ['no room', { ...valid, roomId: undefined }, '请填写房间'],
    ['13 weeks of repetition', { ...valid, repeatWeeks: 13 }, '最多按周重复 12 周'],
    ['an unknown conflict mode', { ...valid, onConflict: 'maybe' }, '无效选项'],
  ]

  it.each(cases)(
    'refuses %s with 400 and a Chinese message, storing nothing',
    async (_label, body, text) => {
      const token = await session('resident-zhang')
      const before = await dbCount('SELECT COUNT(*) AS n FROM bookings')
      const res = await rawRequest('POST', '/api/bookings', {
        token,
        body: body as Record<string, unknown>,
      })
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      expect(res.body.error.code).toBe('VALIDATION_FAILED')
      expect(res.body.error.message).toMatch(/^提交的内容有误：/)
      expect(res.body.error.message).toContain(text)
      expect(isChineseMessage(res.body.error.message.replace('colour', ''))).toBe(true)
      expect(res.body.error.issues.length).toBeGreaterThan(0)
      expect(await dbCount('SELECT COUNT(*) AS n FROM bookings')).toBe(before)
    },
  )

  it('refuses a body that is not JSON with 请求内容不是有效的 JSON', async () => {
    const res = await rawRequest('POST', '/api/bookings', {
      token: await session('resident-zhang'),
      body: '{"roomId": "rm-art",',
    })
    assertStatus(res, 400)
    expect(res.body.error.message).toBe('请求内容不是有效的 JSON')
  })

  it('answers an unknown room or group with 404 in Chinese', async () => {
    const token = await session('resident-li')
    const room = await send(
      client(token).bookings.$post({ json: { ...valid, roomId: 'rm-nowhere' } }),
    )
    assertStatus(room, 404)
    expect(room.body.error.message).toBe('房间不存在或已删除')
    const group = await send(
      client(token).bookings.$post({ json: { ...valid, groupId: 'gp-nowhere' } }),
    )
    assertStatus(group, 404)
    expect(group.body.error.message).toBe('团队不存在或已删除')
    expect(await bookingRows('starts_at = ?', startsAt)).toEqual([])
  })

  it('refuses a malformed or impossible date in GET /api/rooms/{id}/day and free-rooms', async () => {
    const bad = await send(
      client().rooms[':id'].day.$get({ param: { id: 'rm-art' }, query: { date: '2026-12-1' } }),
    )
    assertStatus(bad, 400)
    expect(bad.body.error.message).toContain('日期格式应为 YYYY-MM-DD')
    for (const date of ['2026-13-01', '2026-02-30']) {
      const impossible = await send(
        client().rooms[':id'].day.$get({ param: { id: 'rm-art' }, query: { date } }),
      )
      expect(impossible.status, `${date}: ${JSON.stringify(impossible.body)}`).toBe(400)
      expect(isChineseMessage(failed(impossible).body.error.message)).toBe(true)
      const free = await send(
        client().centres[':id']['free-rooms'].$get({
          param: { id: CENTRE },
          query: { date, start: '09:00', end: '10:00' },
        }),
      )
      assertStatus(free, 400)
    }
    const reversed = await send(
      client().centres[':id']['free-rooms'].$get({
        param: { id: CENTRE },
        query: { date: '2026-12-05', start: '10:00', end: '09:00' },
      }),
    )
    assertStatus(reversed, 400)
    expect(reversed.body.error.message).toBe('结束时间应晚于开始时间')
  })
})
