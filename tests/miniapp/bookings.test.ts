import { describe, expect, it } from 'vitest'
import { CreateBookingBody } from '../../worker/bookings/schemas'
import { slotsOfDay } from '../../worker/bookings/opening-hours'
import type { Booking, BookingResult, CalendarItem, Slot, SlotState } from '@/packages/bookings/api'
import { roomBadges, splitBookings } from '@/packages/bookings/lib/booking-view'
import {
  addDays,
  atTime,
  bookingWhen,
  clock,
  clockRange,
  dateStrip,
  dayStart,
  dayTitle,
  durationText,
  isoWeekday,
  mondayOf,
  shanghaiDay,
  suggestedSearch,
  timeChoices,
  weekdayName,
} from '@/packages/bookings/lib/time'
import {
  codeFromScan,
  EMPTY_DRAFT,
  toCreateBody,
  validateDraft,
} from '@/packages/bookings/lib/booking-form'
import {
  cancelWarning,
  checkinHint,
  isLateCancel,
  isStaffViewer,
  roomRulesText,
} from '@/packages/bookings/lib/rules-text'
import {
  calendarTone,
  dayAgenda,
  weekCellLevel,
  weekMatrix,
} from '@/packages/bookings/lib/calendar'
import {
  checkOccurrence,
  repeatDates,
  summariseRefusedSeries,
  summariseResult,
  weeksWithinHorizon,
} from '@/packages/bookings/lib/repeat'
import {
  blackoutReason,
  buildSlotGrid,
  isBookableRun,
  lengthChoices,
  selectionFor,
  selectionProblem,
  selectionTimes,
  tapSlot,
} from '@/packages/bookings/lib/slot-grid'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const WEEK = 7 * DAY
/** Tuesday 2026-11-24, 10:00 in Shanghai (02:00 UTC). */
const NOW = Date.UTC(2026, 10, 24, 2, 0)
const DATE = '2026-11-25' // Wednesday, "明天"
const HOURS = Object.fromEntries(
  [1, 2, 3, 4, 5, 6, 7].map((d) => [
    String(d),
    [
      ['08:30', '12:00'],
      ['13:30', '21:00'],
    ] as [string, string][],
  ]),
)
const at = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+08:00`)

/** The demo room's 22 slots on DATE, all free unless `states` says otherwise ("HH:MM" → state). */
function daySlots(
  states: Record<string, SlotState> = {},
  labels: Record<string, string> = {},
): Slot[] {
  return slotsOfDay(HOURS, 30, DATE).map((s) => {
    const state = states[clock(s.startsAt)] ?? 'free'
    return { ...s, state, label: labels[clock(s.startsAt)] ?? state }
  })
}
const indexOf = (slots: Slot[], hhmm: string) => slots.findIndex((s) => clock(s.startsAt) === hhmm)

function booking(over: Partial<Booking> = {}): Booking {
  return {
    id: 'bk-1',
    centreId: 'ct-qingwu',
    room: { id: 'rm-art', name: '书画室' },
    group: null,
    purpose: '书法练习',
    headcount: 6,
    startsAt: at(DATE, '14:00'),
    endsAt: at(DATE, '15:00'),
    status: 'confirmed',
    statusLabel: '已预约',
    seriesId: null,
    rejectReason: null,
    cancelReason: null,
    lateCancel: false,
    checkedInAt: null,
    actedBy: null,
    isOwner: true,
    canCancel: true,
    canCheckIn: false,
    createdAt: NOW - DAY,
    ...over,
  }
}

const POLICY = {
  residentMinutesPerWeek: 360,
  groupMinutesPerWeek: 720,
  cancelCutoffMinutes: 120,
  checkinOpensMinutesBefore: 15,
  checkinGraceMinutes: 15,
  noShowLimit: 3,
  noShowFreezeDays: 14,
}

describe('Shanghai time in words', () => {
  it('puts instants on the Shanghai calendar day, also around UTC midnight', () => {
    expect(shanghaiDay(Date.UTC(2026, 10, 24, 15, 59))).toBe('2026-11-24') // 23:59 in Shanghai
    expect(shanghaiDay(Date.UTC(2026, 10, 24, 16, 0))).toBe('2026-11-25') // 00:00 next day
    expect(dayStart('2026-11-25')).toBe(Date.UTC(2026, 10, 24, 16, 0))
    expect(atTime('2026-11-25', '09:30')).toBe(Date.UTC(2026, 10, 25, 1, 30))
    expect(clock(Date.UTC(2026, 10, 25, 1, 30))).toBe('09:30')
  })

  it('writes a range with 24:00 for an end at midnight', () => {
    expect(clockRange(at(DATE, '20:30'), at(DATE, '21:00'))).toBe('20:30–21:00')
    expect(clockRange(at(DATE, '23:00'), at('2026-11-26', '00:00'))).toBe('23:00–24:00')
  })

  it('counts days across months and years and knows the weekday', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-11-25', -3)).toBe('2026-11-22')
    expect(isoWeekday('2026-11-29')).toBe(7)
    expect(weekdayName('2026-11-25')).toBe('周三')
    expect(mondayOf('2026-11-29')).toBe('2026-11-23')
    expect(mondayOf('2026-11-23')).toBe('2026-11-23')
  })

  it('names days relative to today, with the year only when it differs', () => {
    expect(dayTitle('2026-11-24', '2026-11-24')).toBe('今天 11月24日 周二')
    expect(dayTitle('2026-11-25', '2026-11-24')).toBe('明天 11月25日 周三')
    expect(dayTitle('2026-11-26', '2026-11-24')).toBe('后天 11月26日 周四')
    expect(dayTitle('2026-11-27', '2026-11-24')).toBe('11月27日 周五')
    expect(dayTitle('2027-01-04', '2026-12-30')).toBe('2027年1月4日 周一')
    expect(bookingWhen(at(DATE, '09:00'), at(DATE, '10:30'), NOW)).toBe(
      '明天 11月25日 周三 09:00–10:30',
    )
  })

  it('builds the date strip from today to the horizon, in Shanghai even late at night UTC', () => {
    const strip = dateStrip(Date.UTC(2026, 10, 23, 17, 0), 14) // 01:00 on the 24th in Shanghai
    expect(strip).toHaveLength(14)
    expect(strip[0]).toEqual({ date: '2026-11-24', top: '今天', bottom: '11/24' })
    expect(strip[1]!.top).toBe('明天')
    expect(strip[3]).toEqual({ date: '2026-11-27', top: '周五', bottom: '11/27' })
    expect(strip[13]!.date).toBe('2026-12-07')
  })

  it('suggests a search time that can still be booked today, else 09:00–10:00', () => {
    expect(suggestedSearch('2026-11-25', NOW)).toEqual({ start: '09:00', end: '10:00' }) // tomorrow
    expect(suggestedSearch('2026-11-24', NOW)).toEqual({ start: '11:00', end: '12:00' }) // 10:00 now, an hour's notice
    expect(suggestedSearch('2026-11-24', NOW + 10 * MIN)).toEqual({ start: '11:30', end: '12:30' })
    expect(suggestedSearch('2026-11-24', Date.UTC(2026, 10, 23, 23, 0))).toEqual({
      start: '09:00',
      end: '10:00',
    }) // 07:00
    expect(suggestedSearch('2026-11-24', Date.UTC(2026, 10, 24, 12, 30))).toEqual({
      start: '09:00',
      end: '10:00',
    }) // 20:30, too late
  })

  it('says durations and offers half-hour search times', () => {
    expect(durationText(30)).toBe('30 分钟')
    expect(durationText(60)).toBe('1 小时')
    expect(durationText(90)).toBe('1.5 小时')
    expect(durationText(240)).toBe('4 小时')
    const times = timeChoices('08:00', '10:00')
    expect(times).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00'])
  })
})

describe('the slot grid', () => {
  it('groups the day into 上午 / 下午 / 晚上 and labels each state in a word', () => {
    const slots = daySlots({
      '09:00': 'taken',
      '14:00': 'mine',
      '19:00': 'too_far',
      '08:30': 'past',
    })
    const grid = buildSlotGrid(slots, null)
    expect(grid.sections.map((s) => [s.title, s.cells.length])).toEqual([
      ['上午', 7],
      ['下午', 9],
      ['晚上', 6],
    ])
    const cell = (t: string) => grid.sections.flatMap((s) => s.cells).find((c) => c.time === t)!
    expect(cell('09:00')).toMatchObject({ kind: 'taken', label: '已预约', selectable: false })
    expect(cell('14:00')).toMatchObject({ kind: 'mine', label: '我的预约' })
    expect(cell('19:00').label).toBe('未开放')
    expect(cell('08:30').label).toBe('已过')
    expect(cell('10:00')).toMatchObject({ kind: 'free', label: '可预约', selectable: true })
    expect(grid.freeCount).toBe(18)
  })

  it('shows my booking that waits for approval as 待审批', () => {
    const slots = daySlots({ '14:00': 'mine', '14:30': 'mine', '16:00': 'mine' })
    const grid = buildSlotGrid(slots, null, [
      { startsAt: at(DATE, '14:00'), endsAt: at(DATE, '15:00'), status: 'pending' },
      { startsAt: at(DATE, '16:00'), endsAt: at(DATE, '16:30'), status: 'confirmed' },
    ])
    const labels = grid.sections
      .flatMap((s) => s.cells)
      .filter((c) => c.kind === 'pending' || c.kind === 'mine')
      .map((c) => `${c.time} ${c.label}`)
    expect(labels).toEqual(['14:00 待审批', '14:30 待审批', '16:00 我的预约'])
  })

  it('marks the chosen run as 已选 and lists blackouts once per run with their reason', () => {
    const slots = daySlots(
      { '15:00': 'blackout', '15:30': 'blackout', '16:00': 'blackout', '20:00': 'blackout' },
      {
        '15:00': '暂停开放：设备检修',
        '15:30': '暂停开放：设备检修',
        '16:00': '暂停开放：设备检修',
        '20:00': '暂停开放：社区晚会',
      },
    )
    const grid = buildSlotGrid(slots, {
      start: indexOf(slots, '10:00'),
      end: indexOf(slots, '11:00'),
    })
    const selected = grid.sections
      .flatMap((s) => s.cells)
      .filter((c) => c.kind === 'selected')
      .map((c) => c.time)
    expect(selected).toEqual(['10:00', '10:30', '11:00'])
    expect(grid.closures).toEqual([
      { range: '15:00–16:30', reason: '设备检修' },
      { range: '20:00–20:30', reason: '社区晚会' },
    ])
    expect(blackoutReason('暂停开放：节日闭馆')).toBe('节日闭馆')
    expect(blackoutReason('暂停开放')).toBe('')
  })
})

describe('choosing a range on the grid', () => {
  const slots = daySlots({ '10:30': 'taken' })
  const i = (t: string) => indexOf(slots, t)

  it('starts with the first tap, extends to a later free slot, and clears on the start', () => {
    let r = tapSlot(slots, null, i('14:00'), 8, 30)
    expect(r.selection).toEqual({ start: i('14:00'), end: i('14:00') })
    r = tapSlot(slots, r.selection, i('15:30'), 8, 30)
    expect(r.selection).toEqual({ start: i('14:00'), end: i('15:30') })
    expect(selectionTimes(slots, r.selection!)).toEqual({
      startsAt: at(DATE, '14:00'),
      endsAt: at(DATE, '16:00'),
    })
    // Shorter again: the end moves back.
    r = tapSlot(slots, r.selection, i('14:30'), 8, 30)
    expect(r.selection).toEqual({ start: i('14:00'), end: i('14:30') })
    expect(tapSlot(slots, r.selection, i('14:00'), 8, 30).selection).toBeNull()
  })

  it('starts over when the tap is before the start', () => {
    const r = tapSlot(slots, { start: i('14:00'), end: i('15:00') }, i('13:30'), 8, 30)
    expect(r.selection).toEqual({ start: i('13:30'), end: i('13:30') })
  })

  it('never spans a taken slot or the midday closure', () => {
    let r = tapSlot(slots, { start: i('09:00'), end: i('09:00') }, i('11:00'), 8, 30)
    expect(r.selection).toEqual({ start: i('11:00'), end: i('11:00') })
    expect(r.message).toContain('中间有不能预约的时段')
    r = tapSlot(slots, { start: i('11:30'), end: i('11:30') }, i('13:30'), 8, 30)
    expect(r.selection).toEqual({ start: i('13:30'), end: i('13:30') })
    expect(isBookableRun(slots, i('11:30'), i('13:30'))).toBe(false)
  })

  it('refuses more than the room allows and explains a taken slot', () => {
    const start = { start: i('13:30'), end: i('13:30') }
    const long = tapSlot(slots, start, i('17:30'), 8, 30) // 9 slots
    expect(long.selection).toEqual(start)
    expect(long.message).toBe('一次最多预约 4 小时')
    expect(tapSlot(slots, start, i('17:00'), 8, 30).selection).toEqual({
      start: i('13:30'),
      end: i('17:00'),
    })
    const taken = tapSlot(slots, start, i('10:30'), 8, 30)
    expect(taken).toEqual({ selection: start, message: '这个时段已被预约' })
  })

  it('offers lengths up to the next closed slot and the room maximum', () => {
    expect(lengthChoices(slots, i('09:00'), 1, 8)).toEqual([1, 2, 3])
    expect(lengthChoices(slots, i('13:30'), 1, 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(lengthChoices(slots, i('13:30'), 2, 4)).toEqual([2, 3, 4])
    expect(lengthChoices(slots, i('20:30'), 1, 8)).toEqual([1])
  })

  it('carries a chosen time over from the any-room search only while it is still free', () => {
    expect(selectionFor(slots, at(DATE, '09:00'), at(DATE, '10:00'))).toEqual({
      start: i('09:00'),
      end: i('09:30'),
    })
    expect(selectionFor(slots, at(DATE, '10:00'), at(DATE, '11:00'))).toBeNull()
    expect(selectionFor(slots, at(DATE, '09:15'), at(DATE, '10:00'))).toBeNull()
  })

  it('says what is missing before booking', () => {
    expect(selectionProblem(null, 1, 30)).toBe('请先点选开始时段')
    expect(selectionProblem({ start: 0, end: 0 }, 2, 30)).toBe('至少预约 1 小时')
    expect(selectionProblem({ start: 0, end: 1 }, 2, 30)).toBeNull()
  })
})

describe('weekly repeats', () => {
  it('repeats the same Shanghai time each week, at most 12 times', () => {
    const dates = repeatDates(at(DATE, '19:00'), at(DATE, '20:30'), 3)
    expect(
      dates.map((d) => `${shanghaiDay(d.startsAt)} ${clockRange(d.startsAt, d.endsAt)}`),
    ).toEqual(['2026-11-25 19:00–20:30', '2026-12-02 19:00–20:30', '2026-12-09 19:00–20:30'])
    expect(repeatDates(0, 1, 20)).toHaveLength(12)
    expect(repeatDates(0, 1, 0)).toHaveLength(1)
  })

  it('counts the weeks inside the booking horizon', () => {
    expect(weeksWithinHorizon(at(DATE, '19:00'), NOW, 14)).toBe(2) // 11-25 and 12-02; 12-09 is beyond 14 days
    expect(weeksWithinHorizon(at(DATE, '19:00'), NOW, 90)).toBe(12)
    expect(weeksWithinHorizon(NOW + 15 * DAY, NOW, 14)).toBe(0)
  })

  it('checks one date of a series against its day', () => {
    const slots = daySlots(
      { '19:30': 'taken', '20:00': 'blackout' },
      { '20:00': '暂停开放：社区晚会' },
    )
    expect(
      checkOccurrence({ startsAt: at(DATE, '18:00'), endsAt: at(DATE, '19:00') }, slots),
    ).toMatchObject({ free: true, reason: null })
    expect(
      checkOccurrence({ startsAt: at(DATE, '19:00'), endsAt: at(DATE, '20:00') }, slots),
    ).toMatchObject({ free: false, reason: '该时段已被预约' })
    expect(
      checkOccurrence({ startsAt: at(DATE, '20:00'), endsAt: at(DATE, '21:00') }, slots).reason,
    ).toBe('暂停开放：社区晚会')
    expect(
      checkOccurrence({ startsAt: at(DATE, '11:30'), endsAt: at(DATE, '14:00') }, slots).reason,
    ).toBe('不在开放时间内')
    expect(
      checkOccurrence(
        { startsAt: at(DATE, '18:00'), endsAt: at(DATE, '19:00') },
        daySlots({ '18:00': 'too_far', '18:30': 'too_far' }),
      ).reason,
    ).toBe('超出可预约的天数')
  })

  it('lists exactly which dates were booked and which were not, with reasons', () => {
    const b1 = booking({ startsAt: at(DATE, '19:00'), endsAt: at(DATE, '20:00') })
    const b3 = booking({
      id: 'bk-3',
      startsAt: at(DATE, '19:00') + 2 * WEEK,
      endsAt: at(DATE, '20:00') + 2 * WEEK,
    })
    const result: BookingResult = {
      booked: [b1, b3],
      notBooked: [
        {
          startsAt: at(DATE, '19:00') + WEEK,
          endsAt: at(DATE, '20:00') + WEEK,
          reason: '该时段已被预约',
        },
      ],
    }
    const summary = summariseResult(result, NOW)
    expect(summary.title).toBe('已预约 2 次，1 次未预约')
    expect(summary.tone).toBe('warn')
    expect(summary.booked).toEqual([
      { when: '明天 11月25日 周三 19:00–20:00', note: '已预约' },
      { when: '12月9日 周三 19:00–20:00', note: '已预约' },
    ])
    expect(summary.notBooked).toEqual([
      { when: '12月2日 周三 19:00–20:00', note: '该时段已被预约' },
    ])
  })

  it('words single bookings and pending ones', () => {
    expect(summariseResult({ booked: [booking()], notBooked: [] }, NOW).title).toBe('预约成功')
    const pending = summariseResult(
      { booked: [booking({ status: 'pending', statusLabel: '待审批' })], notBooked: [] },
      NOW,
    )
    expect(pending.title).toBe('已提交，等待审批')
    expect(pending.booked[0]!.note).toContain('待审批')
    expect(
      summariseResult({ booked: [booking(), booking({ id: 'b2' })], notBooked: [] }, NOW).title,
    ).toBe('2 次全部预约成功')
    const none = summariseResult(
      {
        booked: [],
        notBooked: [
          {
            startsAt: at(DATE, '19:00'),
            endsAt: at(DATE, '20:00'),
            reason: '只能预约 14 天以内的时段',
          },
        ],
      },
      NOW,
    )
    expect(none).toMatchObject({ title: '没有预约成功', tone: 'danger' })
  })

  it('explains an all-or-nothing refusal date by date from the server message', () => {
    const planned = repeatDates(at(DATE, '19:00'), at(DATE, '20:00'), 3)
    const summary = summariseRefusedSeries(
      planned,
      '部分日期无法预约，整组未预约：2026-12-02（该时段已被预约）',
      NOW,
    )
    expect(summary.booked).toEqual([])
    expect(summary.notBooked.map((l) => l.note)).toEqual([
      '这一天可以预约，但其他日期有冲突，整组未预约',
      '该时段已被预约',
      '这一天可以预约，但其他日期有冲突，整组未预约',
    ])
    expect(
      summariseRefusedSeries(planned, '整组未预约：该时段刚刚无法预约，请刷新后重试', NOW),
    ).toMatchObject({
      message: '整组未预约：该时段刚刚无法预约，请刷新后重试',
      notBooked: expect.arrayContaining([expect.objectContaining({ note: '未预约' })]),
    })
  })
})

describe('rooms and my bookings in words', () => {
  it('badges rooms that need approval or are kept for groups or staff', () => {
    expect(roomBadges({ needsApproval: true, whoMayBook: 'residents' }).map((b) => b.text)).toEqual(
      ['需审批'],
    )
    expect(roomBadges({ needsApproval: false, whoMayBook: 'groups' }).map((b) => b.text)).toEqual([
      '团队专用',
    ])
    expect(roomBadges({ needsApproval: true, whoMayBook: 'staff' }).map((b) => b.text)).toEqual([
      '工作人员专用',
      '需审批',
    ])
    expect(roomBadges({ needsApproval: false, whoMayBook: 'residents' })).toEqual([])
    expect(
      roomRulesText({ slotMinutes: 30, maxSlots: 8, horizonDays: 14, minNoticeMinutes: 60 }),
    ).toBe('每段 30 分钟 · 最长 4 小时 · 可提前 14 天预约 · 至少提前 1 小时')
  })

  it('knows who books as the centre staff (no residency needed), as the API does', () => {
    expect(isStaffViewer([{ role: 'staff' }])).toBe(true)
    expect(isStaffViewer([{ role: 'admin' }])).toBe(true)
    expect(isStaffViewer([{ role: 'committee' }])).toBe(true)
    expect(isStaffViewer([{ role: 'planner' }])).toBe(false)
    expect(isStaffViewer(undefined)).toBe(false)
    // The centre's manager holds no community role: her grant is per centre.
    expect(isStaffViewer([], true)).toBe(true)
  })

  it('puts coming bookings first, soonest on top, and the rest latest first', () => {
    const later = booking({ id: 'later', startsAt: NOW + 3 * DAY, endsAt: NOW + 3 * DAY + HOUR })
    const soon = booking({
      id: 'soon',
      status: 'pending',
      startsAt: NOW + HOUR,
      endsAt: NOW + 2 * HOUR,
    })
    const running = booking({
      id: 'running',
      status: 'checked_in',
      startsAt: NOW - HOUR,
      endsAt: NOW + HOUR,
    })
    const cancelled = booking({
      id: 'cancelled',
      status: 'cancelled',
      cancelReason: '本人取消',
      startsAt: NOW + 2 * DAY,
      endsAt: NOW + 2 * DAY + HOUR,
    })
    const old = booking({
      id: 'old',
      status: 'checked_in',
      startsAt: NOW - 3 * DAY,
      endsAt: NOW - 3 * DAY + HOUR,
    })
    const released = booking({
      id: 'released',
      status: 'released',
      startsAt: NOW - DAY,
      endsAt: NOW - DAY + HOUR,
    })
    const rejected = booking({
      id: 'rejected',
      status: 'rejected',
      rejectReason: '当天布展',
      startsAt: NOW + 4 * DAY,
      endsAt: NOW + 4 * DAY + HOUR,
    })
    const closed = booking({
      id: 'closed',
      status: 'cancelled',
      cancelReason: '设备检修',
      startsAt: NOW + DAY,
      endsAt: NOW + DAY + HOUR,
    })
    const { upcoming, changed, past } = splitBookings(
      [old, later, rejected, cancelled, soon, released, closed, running],
      NOW,
    )
    expect(upcoming.map((b) => b.id)).toEqual(['running', 'soon', 'later'])
    // Turned down or called off by the centre: shown apart, so the resident sees why.
    expect(changed.map((b) => b.id)).toEqual(['closed', 'rejected'])
    expect(past.map((b) => b.id)).toEqual(['cancelled', 'released', 'old'])
  })

  it('warns that cancelling within the cutoff counts as a missed check-in', () => {
    const b = booking({ startsAt: NOW + 3 * HOUR })
    expect(isLateCancel(b, POLICY, NOW)).toBe(false)
    const early = cancelWarning(b, POLICY, NOW)
    expect(early.late).toBe(false)
    expect(early.text).toContain('开始前 2 小时以内取消会计为未签到')
    expect(early.text).toContain('11:00 前取消')
    const late = cancelWarning(b, POLICY, NOW + 90 * MIN)
    expect(late.late).toBe(true)
    expect(late.text).toContain('现在取消会计为一次未签到')
    expect(late.text).toContain('30 天内未签到 3 次将暂停预约 14 天')
    // Pending bookings hold no one's time yet: no no-show.
    expect(
      cancelWarning(booking({ status: 'pending', startsAt: NOW + HOUR }), POLICY, NOW).late,
    ).toBe(false)
  })

  it('tells when the check-in window opens and closes', () => {
    const b = booking({ startsAt: at(DATE, '14:00') })
    expect(checkinHint(b, POLICY, NOW)).toBe('签到时间 13:45–14:15：到场后输入房间门口的签到码。')
    expect(checkinHint({ ...b, canCheckIn: true }, POLICY, at(DATE, '13:50'))).toContain(
      '请在 14:15 前签到',
    )
    expect(checkinHint(b, POLICY, at(DATE, '14:30'))).toBeNull()
    expect(checkinHint(booking({ status: 'checked_in' }), POLICY, NOW)).toBeNull()
  })
})

describe('the booking sheet', () => {
  it('checks purpose and headcount against the room capacity', () => {
    expect(validateDraft({ ...EMPTY_DRAFT, purpose: '书法', headcount: '20' }, 20)).toEqual({})
    expect(validateDraft({ ...EMPTY_DRAFT, purpose: ' 书 ', headcount: '21' }, 20)).toEqual({
      purpose: '请写明用途（至少 2 个字），例如：书法练习',
      headcount: '这个房间最多容纳 20 人',
    })
    expect(validateDraft({ ...EMPTY_DRAFT, purpose: '读书会', headcount: '' }, 20).headcount).toBe(
      '请填写人数',
    )
    expect(
      validateDraft({ ...EMPTY_DRAFT, purpose: '读书会', headcount: '2.5' }, 20).headcount,
    ).toBe('人数应为 1 以上的整数')
    expect(validateDraft({ ...EMPTY_DRAFT, purpose: '读书会', headcount: '0' }, 20).headcount).toBe(
      '人数应为 1 以上的整数',
    )
  })

  it('sends a repeat only for a group and only when there is more than one week', () => {
    const times = { startsAt: at(DATE, '19:00'), endsAt: at(DATE, '20:00') }
    const own = toCreateBody('rm-art', times, {
      ...EMPTY_DRAFT,
      purpose: ' 书法练习 ',
      headcount: '6',
      repeatWeeks: 4,
    })
    expect(own).toEqual({ roomId: 'rm-art', ...times, purpose: '书法练习', headcount: 6 })
    const group = toCreateBody('rm-dance', times, {
      purpose: '排练',
      headcount: '20',
      groupId: 'gp-dance',
      repeatWeeks: 4,
      onConflict: 'skip',
    })
    expect(group).toEqual({
      roomId: 'rm-dance',
      ...times,
      purpose: '排练',
      headcount: 20,
      groupId: 'gp-dance',
      repeatWeeks: 4,
      onConflict: 'skip',
    })
    // The worker's own schema accepts both (strict: no unknown fields).
    expect(CreateBookingBody.safeParse(own).success).toBe(true)
    expect(CreateBookingBody.safeParse(group).success).toBe(true)
  })

  it('reads the check-in code from a scanned QR', () => {
    expect(codeFromScan('774120')).toBe('774120')
    expect(codeFromScan(' 774 120 ')).toBe('774120')
    expect(codeFromScan('https://linli.example/#/checkin?room=rm-art&code=774120')).toBe('774120')
    expect(codeFromScan('书画室签到码：774120')).toBe('774120')
    expect(codeFromScan('https://example.com/abc')).toBeNull()
  })
})

describe('the manager calendar', () => {
  const rooms = [
    { id: 'rm-hall', name: '多功能厅' },
    { id: 'rm-art', name: '书画室' },
  ]
  const item = (over: Partial<CalendarItem>): CalendarItem => ({
    id: 'c1',
    room: rooms[0]!,
    group: null,
    bookedBy: '王阿姨',
    purpose: '议事会',
    headcount: 30,
    startsAt: at(DATE, '14:00'),
    endsAt: at(DATE, '16:00'),
    status: 'confirmed',
    statusLabel: '已预约',
    ...over,
  })

  it('lists every room of a day, the empty ones too, in time order', () => {
    const items = [
      item({ id: 'late', startsAt: at(DATE, '19:00'), endsAt: at(DATE, '20:00') }),
      item({ id: 'early' }),
      item({
        id: 'other-day',
        startsAt: at('2026-11-26', '09:00'),
        endsAt: at('2026-11-26', '10:00'),
      }),
    ]
    const agenda = dayAgenda(items, rooms, DATE)
    expect(agenda.map((a) => [a.room.name, a.items.map((i) => i.id)])).toEqual([
      ['多功能厅', ['early', 'late']],
      ['书画室', []],
    ])
  })

  it('sums a week per room and day, counting pending ones', () => {
    const items = [
      item({ id: 'a' }),
      item({ id: 'b', status: 'pending', startsAt: at(DATE, '19:00'), endsAt: at(DATE, '21:00') }),
      item({
        id: 'c',
        room: rooms[1]!,
        startsAt: at('2026-11-29', '09:00'),
        endsAt: at('2026-11-29', '09:30'),
      }),
    ]
    const rows = weekMatrix(items, rooms, '2026-11-23')
    const hall = rows[0]!.cells.find((c) => c.date === DATE)!
    expect(hall).toEqual({ date: DATE, count: 2, minutes: 240, pending: 1 })
    expect(rows[1]!.cells.map((c) => c.count)).toEqual([0, 0, 0, 0, 0, 0, 1])
    expect(weekCellLevel(hall)).toBe(2)
    expect(weekCellLevel(rows[1]!.cells[6]!)).toBe(1)
    expect(weekCellLevel(rows[1]!.cells[0]!)).toBe(0)
    expect(calendarTone('pending')).toBe('warn')
    expect(calendarTone('released')).toBe('danger')
  })
})
