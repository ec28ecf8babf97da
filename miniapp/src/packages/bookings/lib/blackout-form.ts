// Creating a blackout: a day, a time range (or the whole day), the room or the whole centre, a
// kind and a reason. Checked here like the API does; the API then lists the bookings in the way.
import type { BlackoutInput, BlackoutKind } from '@/packages/bookings/api'
import { addDays, atTime, dayStart } from './time'

export const BLACKOUT_KIND_LABELS: Record<BlackoutKind, string> = {
  public_event: '公益活动',
  maintenance: '维修保养',
  holiday: '节假日',
  other: '其他',
}

export type BlackoutDraft = {
  /** null: the whole centre. */
  roomId: string | null
  fromDate: string
  toDate: string
  allDay: boolean
  start: string
  end: string
  kind: BlackoutKind
  reason: string
}

export function newBlackoutDraft(today: string): BlackoutDraft {
  return {
    roomId: null,
    fromDate: addDays(today, 1),
    toDate: addDays(today, 1),
    allDay: false,
    start: '09:00',
    end: '12:00',
    kind: 'public_event',
    reason: '',
  }
}

export type BlackoutErrors = Partial<Record<'reason' | 'time', string>>

export function blackoutTimes(d: BlackoutDraft): { startsAt: number; endsAt: number } {
  return d.allDay
    ? { startsAt: dayStart(d.fromDate), endsAt: dayStart(addDays(d.toDate, 1)) }
    : { startsAt: atTime(d.fromDate, d.start), endsAt: atTime(d.toDate, d.end) }
}

export function validateBlackout(d: BlackoutDraft, now: number): BlackoutErrors {
  const e: BlackoutErrors = {}
  const reason = d.reason.trim()
  if (!reason) e.reason = '请填写暂停原因，受影响的居民会看到'
  else if (reason.length > 100) e.reason = '暂停原因不能超过 100 个字'
  const { startsAt, endsAt } = blackoutTimes(d)
  if (d.toDate < d.fromDate) e.time = '结束日期不能早于开始日期'
  else if (endsAt <= startsAt) e.time = '结束时间应晚于开始时间'
  else if (endsAt <= now) e.time = '这段时间已经过去了'
  return e
}

export function toBlackoutBody(d: BlackoutDraft, confirm: boolean): BlackoutInput {
  return {
    ...(d.roomId ? { roomId: d.roomId } : {}),
    ...blackoutTimes(d),
    kind: d.kind,
    reason: d.reason.trim(),
    confirm,
  }
}
