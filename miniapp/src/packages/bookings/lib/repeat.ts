// Weekly repeats of a group booking: which dates they are, which of them look free now, and
// the result in words — exactly which dates were booked and which were not, and why.
import type { BookingResult, BookingStatus, Slot } from '@/packages/bookings/api'
import { bookingWhen, DAY, shanghaiDay, WEEK } from './time'

export const MAX_REPEAT_WEEKS = 12

export type Occurrence = { startsAt: number; endsAt: number }

/** The first booking and the same time in each following week. */
export function repeatDates(startsAt: number, endsAt: number, weeks: number): Occurrence[] {
  const n = Math.max(1, Math.min(MAX_REPEAT_WEEKS, Math.floor(weeks)))
  return Array.from({ length: n }, (_, w) => ({
    startsAt: startsAt + w * WEEK,
    endsAt: endsAt + w * WEEK,
  }))
}

/**
 * How many weekly dates fall inside the room's booking horizon. The server refuses later weeks:
 * "跳过冲突日期" lists them as not booked, "全部成功才预约" refuses the whole series.
 */
export function weeksWithinHorizon(startsAt: number, now: number, horizonDays: number): number {
  let weeks = 0
  while (weeks < MAX_REPEAT_WEEKS && startsAt + weeks * WEEK < now + horizonDays * DAY) weeks++
  return weeks
}

export type OccurrenceCheck = Occurrence & { free: boolean; reason: string | null }

/** Whether one date of a series is free in its day's slots (for the preview before booking). */
export function checkOccurrence(occurrence: Occurrence, slots: Slot[]): OccurrenceCheck {
  const covered = slots.filter(
    (s) => s.startsAt >= occurrence.startsAt && s.endsAt <= occurrence.endsAt,
  )
  // The slots must cover the whole time without a gap (a closed midday is not bookable).
  const expected =
    covered.length > 0 &&
    covered[0]!.startsAt === occurrence.startsAt &&
    covered[covered.length - 1]!.endsAt === occurrence.endsAt &&
    covered.every((s, i) => i === 0 || covered[i - 1]!.endsAt === s.startsAt)
  if (!expected) return { ...occurrence, free: false, reason: '不在开放时间内' }
  const blocked = covered.find((s) => s.state !== 'free')
  if (!blocked) return { ...occurrence, free: true, reason: null }
  const reasons: Record<Slot['state'], string> = {
    free: '',
    taken: '该时段已被预约',
    mine: '您已预约了该时段',
    blackout: blocked.label,
    past: '时间已过',
    too_soon: '开始得太近',
    too_far: '超出可预约的天数',
  }
  return { ...occurrence, free: false, reason: reasons[blocked.state] }
}

export type ResultLine = { when: string; note: string }

export type ResultSummary = {
  /** "已预约 3 次，2 次未预约" */
  title: string
  tone: 'ok' | 'warn' | 'danger'
  booked: ResultLine[]
  notBooked: ResultLine[]
  /** The server's own explanation, when it gave one for the whole request. */
  message: string | null
}

function bookedNote(status: BookingStatus, statusLabel: string): string {
  return status === 'pending' ? '待审批（审批通过前时段为您保留）' : statusLabel
}

/** The answer of POST /api/bookings in words, one line per date. */
export function summariseResult(result: BookingResult, now: number): ResultSummary {
  const booked = result.booked.map((b) => ({
    when: bookingWhen(b.startsAt, b.endsAt, now),
    note: bookedNote(b.status, b.statusLabel),
  }))
  const notBooked = result.notBooked.map((n) => ({
    when: bookingWhen(n.startsAt, n.endsAt, now),
    note: n.reason,
  }))
  const pending = result.booked.length > 0 && result.booked.every((b) => b.status === 'pending')
  let title: string
  if (notBooked.length === 0) {
    title =
      booked.length === 1
        ? pending
          ? '已提交，等待审批'
          : '预约成功'
        : `${booked.length} 次全部${pending ? '提交，等待审批' : '预约成功'}`
  } else if (booked.length === 0) {
    title = '没有预约成功'
  } else {
    title = `已预约 ${booked.length} 次，${notBooked.length} 次未预约`
  }
  const tone = notBooked.length === 0 ? 'ok' : booked.length === 0 ? 'danger' : 'warn'
  return { title, tone, booked, notBooked, message: null }
}

/**
 * An all-or-nothing series the server refused (409): nothing was booked. Its message names the
 * dates that conflict, as "2026-12-02（该时段已被预约）"; those get their reason, the others are
 * listed as free but not booked because of them.
 */
export function summariseRefusedSeries(
  planned: Occurrence[],
  message: string,
  now: number,
): ResultSummary {
  const reasons = new Map<string, string>()
  // exec in a loop rather than matchAll: older WeChat JS engines lack it.
  const pattern = /(\d{4}-\d{2}-\d{2})（([^）]+)）/g
  for (let m = pattern.exec(message); m; m = pattern.exec(message)) reasons.set(m[1]!, m[2]!)
  return {
    title: '整组没有预约',
    tone: 'danger',
    booked: [],
    notBooked: planned.map((o) => ({
      when: bookingWhen(o.startsAt, o.endsAt, now),
      note:
        reasons.get(shanghaiDay(o.startsAt)) ??
        (reasons.size > 0 ? '这一天可以预约，但其他日期有冲突，整组未预约' : '未预约'),
    })),
    message:
      reasons.size > 0
        ? '选择了“全部成功才预约”：有日期约不上，所以一次也没有预约。可以改选“跳过冲突日期”。'
        : message || null,
  }
}
