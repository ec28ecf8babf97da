// The booking sheet's fields, checked before they are sent (the server checks them again).
import type { CreateBookingBody } from '@/packages/bookings/api'

export type BookingDraft = {
  purpose: string
  headcount: string
  /** Booking for this group (the viewer leads it), or for oneself. */
  groupId: string | null
  repeatWeeks: number
  onConflict: 'all_or_nothing' | 'skip'
}

export const EMPTY_DRAFT: BookingDraft = {
  purpose: '',
  headcount: '',
  groupId: null,
  repeatWeeks: 1,
  onConflict: 'all_or_nothing',
}

export type DraftErrors = Partial<Record<'purpose' | 'headcount', string>>

/** Matches the server's rules: purpose 2–100 characters, 1 ≤ headcount ≤ the room's capacity. */
export function validateDraft(draft: BookingDraft, capacity: number): DraftErrors {
  const errors: DraftErrors = {}
  const purpose = draft.purpose.trim()
  if (purpose.length < 2) errors.purpose = '请写明用途（至少 2 个字），例如：书法练习'
  else if (purpose.length > 100) errors.purpose = '用途不能超过 100 个字'
  const raw = draft.headcount.trim()
  const n = Number(raw)
  if (!raw) errors.headcount = '请填写人数'
  else if (!/^\d+$/.test(raw) || n < 1) errors.headcount = '人数应为 1 以上的整数'
  else if (n > capacity) errors.headcount = `这个房间最多容纳 ${capacity} 人`
  return errors
}

export function toCreateBody(
  roomId: string,
  times: { startsAt: number; endsAt: number },
  draft: BookingDraft,
): CreateBookingBody {
  const body: CreateBookingBody = {
    roomId,
    startsAt: times.startsAt,
    endsAt: times.endsAt,
    purpose: draft.purpose.trim(),
    headcount: Number(draft.headcount.trim()),
  }
  if (draft.groupId) {
    body.groupId = draft.groupId
    if (draft.repeatWeeks > 1) {
      body.repeatWeeks = draft.repeatWeeks
      body.onConflict = draft.onConflict
    }
  }
  return body
}

/**
 * The code from a scanned QR at the room door: the digits themselves, a link carrying
 * `code=…`, or the first run of 4–8 digits in the text. Null when there is none.
 */
export function codeFromScan(text: string): string | null {
  const trimmed = text.trim()
  const param = /[?&#]code=(\d{4,8})(?:\D|$)/.exec(trimmed)
  if (param) return param[1]!
  const digits = trimmed.replace(/\s/g, '')
  if (/^\d{4,8}$/.test(digits)) return digits
  const run = /(?:^|\D)(\d{4,8})(?:\D|$)/.exec(trimmed)
  return run ? run[1]! : null
}
