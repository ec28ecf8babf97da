// Booking times in words, in Asia/Shanghai (UTC+8, no daylight saving) whatever the phone's
// zone. The API speaks UTC ms and "YYYY-MM-DD" Shanghai dates; computed by hand like
// src/lib/format.ts because Intl time-zone data is not reliable inside every WeChat JS engine.
import { formatDate } from '@/lib/format'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
export const WEEK = 7 * DAY
const OFFSET = 8 * HOUR

const pad = (n: number) => String(n).padStart(2, '0')

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']

/** "2026-11-25": the Shanghai calendar day containing the instant. */
export function shanghaiDay(ms: number): string {
  return new Date(ms + OFFSET).toISOString().slice(0, 10)
}

/** UTC ms of 00:00 Shanghai time on "YYYY-MM-DD". */
export function dayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - OFFSET
}

/** UTC ms of "HH:MM" Shanghai time on "YYYY-MM-DD" ("24:00" is the next midnight). */
export function atTime(date: string, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return dayStart(date) + ((h ?? 0) * 60 + (m ?? 0)) * MINUTE
}

export function addDays(date: string, days: number): string {
  return shanghaiDay(dayStart(date) + days * DAY + 12 * HOUR)
}

/** Whole days from `from` to `to` (both "YYYY-MM-DD"). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayStart(to) - dayStart(from)) / DAY)
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay()
  return d === 0 ? 7 : d
}

/** "周三" */
export function weekdayName(date: string): string {
  return `周${WEEKDAYS[isoWeekday(date) - 1]}`
}

/** "三" — for narrow column heads. */
export function weekdayShort(date: string): string {
  return WEEKDAYS[isoWeekday(date) - 1] ?? ''
}

/** The Monday of the week containing the date. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date))
}

/** "09:30" in Shanghai time. */
export function clock(ms: number): string {
  const d = new Date(ms + OFFSET)
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** "09:30–11:00"; an end at midnight reads 24:00, not 00:00. */
export function clockRange(startsAt: number, endsAt: number): string {
  const end =
    shanghaiDay(endsAt) !== shanghaiDay(startsAt) && clock(endsAt) === '00:00'
      ? '24:00'
      : clock(endsAt)
  return `${clock(startsAt)}–${end}`
}

/** "11月25日" */
export function monthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
}

/** "今天" / "明天" / "后天" for the next days, else null. */
export function relativeDay(date: string, today: string): string | null {
  const n = daysBetween(today, date)
  return n === 0 ? '今天' : n === 1 ? '明天' : n === 2 ? '后天' : n === -1 ? '昨天' : null
}

/** "明天 11月25日 周三", "11月30日 周一"; the year only when it is not this year's. */
export function dayTitle(date: string, today: string): string {
  const rel = relativeDay(date, today)
  const base =
    date.slice(0, 4) === today.slice(0, 4) ? monthDay(date) : formatDate(dayStart(date) + 12 * HOUR)
  return `${rel ? `${rel} ` : ''}${base} ${weekdayName(date)}`
}

/** "明天 11月25日 周三 09:30–11:00": one booking's time, as residents say it. */
export function bookingWhen(startsAt: number, endsAt: number, now: number): string {
  return `${dayTitle(shanghaiDay(startsAt), shanghaiDay(now))} ${clockRange(startsAt, endsAt)}`
}

/** "30 分钟", "1 小时", "1.5 小时" */
export function durationText(minutes: number): string {
  if (minutes < 60) return `${minutes} 分钟`
  const hours = Math.round((minutes / 60) * 100) / 100
  return `${hours} 小时`
}

export type StripDay = { date: string; top: string; bottom: string }

/** The date strip: today and the next days up to the booking horizon. */
export function dateStrip(now: number, days: number): StripDay[] {
  const today = shanghaiDay(now)
  return Array.from({ length: Math.max(1, days) }, (_, i) => {
    const date = addDays(today, i)
    return {
      date,
      top: relativeDay(date, today) ?? weekdayName(date),
      bottom: `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`,
    }
  })
}

/** "08:00", "08:30" … "22:00": choices for the any-room search. */
export function timeChoices(from = '07:00', to = '22:00', stepMinutes = 30): string[] {
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))
  const out: string[] = []
  for (let m = toMin(from); m <= toMin(to); m += stepMinutes)
    out.push(`${pad(Math.floor(m / 60))}:${pad(m % 60)}`)
  return out
}

/**
 * A sensible first guess for "哪间都行" on a date: 09:00–10:00, or on today the next half hour
 * that can still be booked (an hour's notice), while the centre is open.
 */
export function suggestedSearch(
  date: string,
  now: number,
  noticeMinutes = 60,
): { start: string; end: string } {
  const fallback = { start: '09:00', end: '10:00' }
  if (date !== shanghaiDay(now)) return fallback
  const earliest = now + noticeMinutes * MINUTE
  const start = Math.ceil((earliest - dayStart(date)) / (30 * MINUTE)) * 30 // minutes after midnight
  if (start <= 9 * 60) return fallback
  if (start + 60 > 21 * 60) return fallback
  const hhmm = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`
  return { start: hhmm(start), end: hhmm(start + 60) }
}
