// All instants are UTC epoch milliseconds; communities live in Asia/Shanghai (UTC+8, no DST).
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000
export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export function now(): number {
  return Date.now()
}

/** "2026-11-23" for the Shanghai calendar day containing the instant. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** "2026-11-23 09:30" in Shanghai time, for logs, CSV and printed lists. */
export function shanghaiDateTime(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

/** UTC ms of 00:00 Shanghai time on the given "YYYY-MM-DD". */
export function shanghaiMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a Shanghai calendar date "YYYY-MM-DD". */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay()
  return day === 0 ? 7 : day
}

/** UTC ms of Monday 00:00 Shanghai time of the week containing the instant. */
export function shanghaiWeekStart(ms: number): number {
  const date = shanghaiDate(ms)
  return shanghaiMidnight(date) - (isoWeekday(date) - 1) * DAY
}

/** "08:30" → 510 (minutes after midnight). */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h! * 60 + m!
}

const WEEKDAY_NAMES = ['一', '二', '三', '四', '五', '六', '日']

/** "12月5日（周六）15:00" in Shanghai time: how a notice or message tells a resident the time. */
export function shanghaiSpoken(ms: number): string {
  const date = shanghaiDate(ms)
  const [, month, day] = date.split('-').map(Number)
  return `${month}月${day}日（周${WEEKDAY_NAMES[isoWeekday(date) - 1]}）${shanghaiDateTime(ms).slice(11, 16)}`
}

/**
 * "12月7日（周一）09:00–12:00", or "12月20日（周日）09:00–12月21日（周一）18:00" across days: a
 * span of time in a notice, in the same words as shanghaiSpoken (every notice reads one way).
 */
export function shanghaiSpokenRange(startsAt: number, endsAt: number): string {
  const end =
    shanghaiDate(endsAt) === shanghaiDate(startsAt)
      ? shanghaiDateTime(endsAt).slice(11, 16)
      : shanghaiSpoken(endsAt)
  return `${shanghaiSpoken(startsAt)}–${end}`
}
