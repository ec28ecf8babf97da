import { describe, expect, it, vi } from 'vitest'
import {
  blackoutTimes,
  newBlackoutDraft,
  toBlackoutBody,
  validateBlackout,
} from '@/packages/bookings/lib/blackout-form'
import { checkinUrl, spacedCode } from '@/packages/bookings/lib/door-sign'
import { policyDraft, readPolicy } from '@/packages/bookings/lib/policy-form'
import {
  draftOf,
  hoursText,
  newRoomDraft,
  randomCheckinCode,
  rangesProblem,
  splitFacilities,
  toRoomInput,
  toRules,
  validateRoom,
} from '@/packages/bookings/lib/room-form'
import { heatLevel, heatmap, percent, totals } from '@/packages/bookings/lib/utilisation'
import { codeFromScan } from '@/packages/bookings/lib/booking-form'

// The pure halves of the 邻里中心 manager screens: the room form, blackouts, the policy form,
// utilisation figures and the door sign. Messages match the API's (worker/bookings/schemas.ts).

vi.mock('@tarojs/taro', () => ({ default: {} }))

const at = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+08:00`)

describe('room form', () => {
  it("starts a new room with the usual hours and a 6-digit code, and turns it into the API's bodies", () => {
    const d = {
      ...newRoomDraft(randomCheckinCode(() => 0.5)),
      name: ' 茶话室 ',
      capacity: '12',
      facilities: '茶具、沙发, 空调',
    }
    expect(d.checkinCode).toBe('550000')
    expect(validateRoom(d)).toEqual({})
    expect(toRoomInput(d)).toEqual({
      name: '茶话室',
      capacity: 12,
      facilities: ['茶具', '沙发', '空调'],
    })
    expect(toRules(d)).toMatchObject({
      slotMinutes: 30,
      minSlots: 1,
      maxSlots: 8,
      horizonDays: 14,
      minNoticeMinutes: 60,
      needsApproval: false,
      whoMayBook: 'residents',
    })
    expect(toRules(d).openingHours['7']).toEqual([
      ['08:30', '12:00'],
      ['13:30', '21:00'],
    ])
  })

  it('reads a stored room back as a draft, minutes from slots', () => {
    const d = draftOf(
      {
        id: 'rm',
        centreId: 'ct',
        centreName: '中心',
        name: '书画室',
        capacity: 20,
        facilities: ['书画桌'],
        photos: [],
        rules: {
          openingHours: { 1: [['09:00', '12:00']] },
          slotMinutes: 60,
          minSlots: 2,
          maxSlots: 3,
          horizonDays: 7,
          minNoticeMinutes: 0,
          needsApproval: true,
          whoMayBook: 'groups',
          checkinCode: '1234',
        },
      },
      '999999',
    )
    expect(d).toMatchObject({
      minMinutes: '120',
      maxMinutes: '180',
      slotMinutes: 60,
      checkinCode: '1234',
      needsApproval: true,
      whoMayBook: 'groups',
      facilities: '书画桌',
    })
    expect(d.openingHours['2']).toEqual([])
    expect(toRules(d).minSlots).toBe(2)
  })

  it('says in Chinese what is wrong, field by field', () => {
    const d = {
      ...newRoomDraft('12'),
      name: '',
      capacity: '0',
      minMinutes: '45',
      maxMinutes: '30',
      horizonDays: '120',
      minNoticeMinutes: '-5',
    }
    expect(validateRoom(d)).toEqual({
      name: '请填写房间名称',
      capacity: '容纳人数应为 1–500 的整数',
      minMinutes: '最短时长应为 30 分钟的整数倍',
      maxMinutes: '最长时长不能小于最短时长',
      horizonDays: '可提前预约的天数应为 1–90',
      minNoticeMinutes: '提前量应为 0 到 10080 分钟（7 天）',
      checkinCode: '签到码应为 4–8 位数字',
    })
  })

  it('checks opening hours per day: order, slot multiples and overlaps', () => {
    expect(
      rangesProblem(
        '1',
        [
          ['13:30', '21:00'],
          ['08:30', '12:00'],
        ],
        30,
      ),
    ).toBeNull()
    expect(rangesProblem('1', [['12:00', '09:00']], 30)).toBe('周一的 12:00–09:00 结束应晚于开始')
    expect(rangesProblem('3', [['09:00', '09:45']], 30)).toBe(
      '周三的 09:00–09:45 不是 30 分钟的整数倍',
    )
    expect(
      rangesProblem(
        '7',
        [
          ['09:00', '12:00'],
          ['11:00', '14:00'],
        ],
        60,
      ),
    ).toBe('周日的开放时段有重叠')
    const d = newRoomDraft('1234')
    d.openingHours['2'] = [['09:00', '10:15']]
    expect(validateRoom(d).openingHours).toBe('周二的 09:00–10:15 不是 30 分钟的整数倍')
    expect(
      toRules({
        ...d,
        openingHours: {
          ...d.openingHours,
          2: [
            ['14:00', '15:00'],
            ['09:00', '10:00'],
          ],
        },
      }).openingHours['2'],
    ).toEqual([
      ['09:00', '10:00'],
      ['14:00', '15:00'],
    ])
  })

  it("writes the week's hours on one line, grouping equal days", () => {
    const d = newRoomDraft('1234')
    d.openingHours['6'] = []
    d.openingHours['7'] = []
    expect(hoursText(d.openingHours)).toBe('周一至周五 08:30–12:00、13:30–21:00；周六、周日 不开放')
    expect(splitFacilities('投影仪，音响;白板\n')).toEqual(['投影仪', '音响', '白板'])
  })
})

describe('blackout form', () => {
  const now = at('2026-12-01', '10:00')

  it('covers whole days, or from a time on the first day to a time on the last', () => {
    const d = { ...newBlackoutDraft('2026-12-01'), reason: ' 社区义诊 ' }
    expect(d).toMatchObject({ fromDate: '2026-12-02', kind: 'public_event', roomId: null })
    expect(blackoutTimes(d)).toEqual({
      startsAt: at('2026-12-02', '09:00'),
      endsAt: at('2026-12-02', '12:00'),
    })
    expect(blackoutTimes({ ...d, allDay: true, toDate: '2026-12-03' })).toEqual({
      startsAt: at('2026-12-02', '00:00'),
      endsAt: at('2026-12-04', '00:00'),
    })
    expect(toBlackoutBody({ ...d, roomId: 'rm-art' }, true)).toEqual({
      roomId: 'rm-art',
      startsAt: at('2026-12-02', '09:00'),
      endsAt: at('2026-12-02', '12:00'),
      kind: 'public_event',
      reason: '社区义诊',
      confirm: true,
    })
    expect(toBlackoutBody(d, false)).not.toHaveProperty('roomId')
  })

  it('wants a reason and a time range that ends later and is not over', () => {
    const d = newBlackoutDraft('2026-12-01')
    expect(validateBlackout(d, now)).toEqual({ reason: '请填写暂停原因，受影响的居民会看到' })
    expect(validateBlackout({ ...d, reason: '检修', end: '09:00' }, now)).toEqual({
      time: '结束时间应晚于开始时间',
    })
    expect(validateBlackout({ ...d, reason: '检修', toDate: '2026-11-30' }, now)).toEqual({
      time: '结束日期不能早于开始日期',
    })
    expect(
      validateBlackout({ ...d, reason: '检修', fromDate: '2026-11-30', toDate: '2026-11-30' }, now),
    ).toEqual({ time: '这段时间已经过去了' })
  })
})

describe('policy form', () => {
  const policy = {
    residentMinutesPerWeek: 360,
    groupMinutesPerWeek: 720,
    cancelCutoffMinutes: 120,
    checkinOpensMinutesBefore: 15,
    checkinGraceMinutes: 15,
    noShowLimit: 3,
    noShowFreezeDays: 14,
  }

  it('shows quotas in hours and reads them back in minutes', () => {
    const d = policyDraft(policy)
    expect(d).toMatchObject({
      residentMinutesPerWeek: '6',
      groupMinutesPerWeek: '12',
      cancelCutoffMinutes: '120',
    })
    expect(readPolicy({ ...d, residentMinutesPerWeek: '7.5' })).toEqual({
      policy: { ...policy, residentMinutesPerWeek: 450 },
    })
  })

  it('names the first field out of bounds', () => {
    expect(readPolicy({ ...policyDraft(policy), checkinGraceMinutes: '2' })).toEqual({
      key: 'checkinGraceMinutes',
      error: '开始后多久未签到即释放应在 5–120 分钟之间',
    })
    expect(readPolicy({ ...policyDraft(policy), noShowLimit: '' })).toMatchObject({
      key: 'noShowLimit',
    })
  })
})

describe('utilisation', () => {
  const u = {
    from: '2026-11-01',
    to: '2026-11-30',
    rooms: [
      {
        roomId: 'a',
        roomName: '书画室',
        openMinutes: 600,
        bookedMinutes: 300,
        checkedInMinutes: 150,
      },
      { roomId: 'b', roomName: '舞蹈房', openMinutes: 0, bookedMinutes: 0, checkedInMinutes: 0 },
    ],
    byWeekdayHour: [
      { weekday: 1, hour: 9, openMinutes: 120, bookedMinutes: 120, checkedInMinutes: 60 },
      { weekday: 2, hour: 9, openMinutes: 120, bookedMinutes: 0, checkedInMinutes: 0 },
      { weekday: 1, hour: 14, openMinutes: 120, bookedMinutes: 30, checkedInMinutes: 0 },
    ],
  }

  it('gives shares as percentages, and a dash for a room never open', () => {
    expect(percent(300, 600)).toBe('50%')
    expect(percent(0, 0)).toBe('—')
    expect(totals(u)).toEqual({ openHours: 10, booked: '50%', checkedIn: '25%' })
  })

  it('shades a weekday × hour map by how full it was; closed hours are marked apart', () => {
    expect([
      heatLevel(0, 0),
      heatLevel(0, 60),
      heatLevel(15, 60),
      heatLevel(30, 60),
      heatLevel(45, 60),
      heatLevel(60, 60),
    ]).toEqual([-1, 0, 1, 2, 3, 4])
    const rows = heatmap(u)
    expect(rows.map((r) => r.hour)).toEqual([9, 14])
    expect(rows[0]!.cells.slice(0, 3)).toEqual([
      { weekday: 1, level: 4, text: '100%' },
      { weekday: 2, level: 0, text: '0%' },
      { weekday: 3, level: -1, text: '—' },
    ])
  })
})

describe('door sign', () => {
  it('points its QR code at 我的预约 with the code, which the scanner reads back', () => {
    const url = checkinUrl('https://linli.example/', '318206')
    expect(url).toBe('https://linli.example/#/packages/bookings/pages/mine/index?code=318206')
    expect(codeFromScan(url)).toBe('318206')
  })

  it('spaces long codes in threes for reading at the door', () => {
    expect(spacedCode('318206')).toBe('318 206')
    expect(spacedCode('1234')).toBe('1234')
    expect(spacedCode('12345678')).toBe('123 456 78')
  })
})
