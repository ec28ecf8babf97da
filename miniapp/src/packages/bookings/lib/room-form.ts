// The room form of the manager screens: a draft with text fields as typed, checked here with
// the same rules as the API (worker/bookings/schemas.ts RoomBody, RoomRulesBody and
// centre-admin-service#updateRoomRules) so mistakes show next to the field before sending.
import type { RoomAdmin, RoomInput, RoomRules, WhoMayBook } from '@/packages/bookings/api'

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const
export const WEEKDAY_NAMES: Record<string, string> = {
  1: '周一',
  2: '周二',
  3: '周三',
  4: '周四',
  5: '周五',
  6: '周六',
  7: '周日',
}
export const SLOT_CHOICES = [15, 30, 60] as const
export const WHO_LABELS: Record<WhoMayBook, string> = {
  residents: '认证居民',
  groups: '登记团队（三自组织）',
  staff: '仅工作人员',
}

export type Range = [string, string]

export type RoomDraft = {
  name: string
  capacity: string
  /** Comma- or 、-separated, as typed. */
  facilities: string
  openingHours: Record<string, Range[]>
  slotMinutes: number
  minMinutes: string
  maxMinutes: string
  horizonDays: string
  minNoticeMinutes: string
  needsApproval: boolean
  whoMayBook: WhoMayBook
  checkinCode: string
}

export type RoomErrors = Partial<Record<keyof RoomDraft, string>>

const DEFAULT_HOURS: Range[] = [
  ['08:30', '12:00'],
  ['13:30', '21:00'],
]

/** A new room: the demo centre's usual hours every day, 30-minute slots, up to 4 hours, 14 days ahead. */
export function newRoomDraft(checkinCode: string): RoomDraft {
  return {
    name: '',
    capacity: '',
    facilities: '',
    openingHours: Object.fromEntries(
      WEEKDAYS.map((d) => [d, DEFAULT_HOURS.map((r) => [...r] as Range)]),
    ),
    slotMinutes: 30,
    minMinutes: '30',
    maxMinutes: '240',
    horizonDays: '14',
    minNoticeMinutes: '60',
    needsApproval: false,
    whoMayBook: 'residents',
    checkinCode,
  }
}

/** A random 6-digit check-in code for a new room (the manager may change it). */
export function randomCheckinCode(random = Math.random): string {
  return String(Math.floor(100000 + random() * 900000))
}

export function draftOf(room: RoomAdmin, fallbackCode: string): RoomDraft {
  const base = newRoomDraft(fallbackCode)
  const r = room.rules
  return {
    ...base,
    name: room.name,
    capacity: String(room.capacity),
    facilities: room.facilities.join('、'),
    ...(r
      ? {
          openingHours: Object.fromEntries(
            WEEKDAYS.map((d) => [d, (r.openingHours[d] ?? []).map((x) => [...x] as Range)]),
          ),
          slotMinutes: r.slotMinutes,
          minMinutes: String(r.minSlots * r.slotMinutes),
          maxMinutes: String(r.maxSlots * r.slotMinutes),
          horizonDays: String(r.horizonDays),
          minNoticeMinutes: String(r.minNoticeMinutes),
          needsApproval: r.needsApproval,
          whoMayBook: r.whoMayBook,
          checkinCode: r.checkinCode,
        }
      : {}),
  }
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN)

export function splitFacilities(text: string): string[] {
  return text
    .split(/[,，、;；\n]/)
    .map((f) => f.trim())
    .filter(Boolean)
}

/** The first problem with one day's ranges, in words, or null. */
export function rangesProblem(day: string, ranges: Range[], slotMinutes: number): string | null {
  const sorted = [...ranges].sort((a, b) => minutes(a[0]) - minutes(b[0]))
  for (let i = 0; i < sorted.length; i++) {
    const [open, close] = sorted[i]!
    if (minutes(close) <= minutes(open))
      return `${WEEKDAY_NAMES[day]}的 ${open}–${close} 结束应晚于开始`
    if ((minutes(close) - minutes(open)) % slotMinutes !== 0)
      return `${WEEKDAY_NAMES[day]}的 ${open}–${close} 不是 ${slotMinutes} 分钟的整数倍`
    const next = sorted[i + 1]
    if (next && minutes(next[0]) < minutes(close)) return `${WEEKDAY_NAMES[day]}的开放时段有重叠`
  }
  return ranges.length > 6 ? `${WEEKDAY_NAMES[day]}最多 6 个开放时段` : null
}

export function validateRoom(d: RoomDraft): RoomErrors {
  const e: RoomErrors = {}
  const name = d.name.trim()
  if (!name) e.name = '请填写房间名称'
  else if (name.length > 20) e.name = '房间名称不能超过 20 个字'
  const capacity = whole(d.capacity)
  if (!(capacity >= 1 && capacity <= 500)) e.capacity = '容纳人数应为 1–500 的整数'
  const facilities = splitFacilities(d.facilities)
  if (facilities.length > 20) e.facilities = '设施最多 20 项'
  else if (facilities.some((f) => f.length > 20)) e.facilities = '每项设施不能超过 20 个字'
  for (const day of WEEKDAYS) {
    const problem = rangesProblem(day, d.openingHours[day] ?? [], d.slotMinutes)
    if (problem) {
      e.openingHours = problem
      break
    }
  }
  const min = whole(d.minMinutes)
  const max = whole(d.maxMinutes)
  if (!(min > 0) || min % d.slotMinutes !== 0)
    e.minMinutes = `最短时长应为 ${d.slotMinutes} 分钟的整数倍`
  if (!(max > 0) || max % d.slotMinutes !== 0)
    e.maxMinutes = `最长时长应为 ${d.slotMinutes} 分钟的整数倍`
  else if (max / d.slotMinutes > 48)
    e.maxMinutes = `最长不能超过 48 个时段（${(48 * d.slotMinutes) / 60} 小时）`
  else if (min > 0 && min > max) e.maxMinutes = '最长时长不能小于最短时长'
  const horizon = whole(d.horizonDays)
  if (!(horizon >= 1 && horizon <= 90)) e.horizonDays = '可提前预约的天数应为 1–90'
  const notice = whole(d.minNoticeMinutes)
  if (!(notice >= 0 && notice <= 7 * 24 * 60))
    e.minNoticeMinutes = '提前量应为 0 到 10080 分钟（7 天）'
  if (!/^\d{4,8}$/.test(d.checkinCode.trim())) e.checkinCode = '签到码应为 4–8 位数字'
  return e
}

export function toRoomInput(d: RoomDraft): RoomInput {
  return {
    name: d.name.trim(),
    capacity: whole(d.capacity),
    facilities: splitFacilities(d.facilities),
  }
}

export function toRules(d: RoomDraft): RoomRules {
  return {
    openingHours: Object.fromEntries(
      WEEKDAYS.map((day) => [
        day,
        [...(d.openingHours[day] ?? [])].sort((a, b) => minutes(a[0]) - minutes(b[0])),
      ]),
    ),
    slotMinutes: d.slotMinutes,
    minSlots: whole(d.minMinutes) / d.slotMinutes,
    maxSlots: whole(d.maxMinutes) / d.slotMinutes,
    horizonDays: whole(d.horizonDays),
    minNoticeMinutes: whole(d.minNoticeMinutes),
    needsApproval: d.needsApproval,
    whoMayBook: d.whoMayBook,
    checkinCode: d.checkinCode.trim(),
  }
}

/** "周一至周五 08:30–12:00、13:30–21:00；周六、周日 休息" — the opening hours on one line. */
export function hoursText(hours: Record<string, Range[]>): string {
  const label = (day: string) => {
    const ranges = hours[day] ?? []
    return ranges.length ? ranges.map(([a, b]) => `${a}–${b}`).join('、') : '不开放'
  }
  const groups: { days: string[]; text: string }[] = []
  for (const day of WEEKDAYS) {
    const text = label(day)
    const last = groups[groups.length - 1]
    if (last && last.text === text) last.days.push(day)
    else groups.push({ days: [day], text })
  }
  return groups
    .map((g) => {
      const days =
        g.days.length > 2
          ? `${WEEKDAY_NAMES[g.days[0]!]}至${WEEKDAY_NAMES[g.days[g.days.length - 1]!]}`
          : g.days.map((d) => WEEKDAY_NAMES[d]).join('、')
      return `${days} ${g.text}`
    })
    .join('；')
}
