// Shanghai wall-clock helpers for meetings (UTC+8, no daylight saving; computed by hand because
// Intl time-zone data is not reliable inside every WeChat JS engine). Pure: tested in node.

const OFFSET = 8 * 60 * 60 * 1000
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const pad = (n: number) => String(n).padStart(2, '0')
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** "2026-11-24" of the Shanghai day containing `ms`. */
export function shanghaiDate(ms: number): string {
  const d = new Date(ms + OFFSET)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** "19:00" in Shanghai. */
export function clock(ms: number): string {
  const d = new Date(ms + OFFSET)
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** UTC ms of "HH:MM" on a Shanghai date; NaN when either is malformed. */
export function atShanghai(date: string, hhmm: string): number {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const tm = /^(\d{1,2}):(\d{2})$/.exec(hhmm)
  if (!dm || !tm) return NaN
  return (
    Date.UTC(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]), Number(tm[1]), Number(tm[2])) - OFFSET
  )
}

export function addDays(date: string, days: number): string {
  return shanghaiDate(atShanghai(date, '12:00') + days * DAY)
}

/** "11月24日 周二" */
export function dayLabel(ms: number): string {
  const d = new Date(ms + OFFSET)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS[d.getUTCDay()]}`
}

/**
 * When a meeting takes place, as an older resident reads it: "今天 19:00–21:00",
 * "明天 …", otherwise "11月24日 周二 19:00–21:00" (with the year when it is not this year's).
 */
export function meetingWhen(startsAt: number, endsAt: number, now: number): string {
  const day = shanghaiDate(startsAt)
  const today = shanghaiDate(now)
  const range = `${clock(startsAt)}–${clock(endsAt)}`
  if (day === today) return `今天 ${range}`
  if (day === addDays(today, 1)) return `明天 ${range}`
  if (day === addDays(today, -1)) return `昨天 ${range}`
  const year = day.slice(0, 4) === today.slice(0, 4) ? '' : `${day.slice(0, 4)}年`
  return `${year}${dayLabel(startsAt)} ${range}`
}
