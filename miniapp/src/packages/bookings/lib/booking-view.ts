// How rooms and bookings read on the 预约 tab: badges, status colours, what is coming up.
// Pure, shared by the tab and the booking subpackage. The tab ships in the main package, which
// WeChat caps (decision 009): what only the subpackage says (room rules, cancel and check-in
// warnings) is in ./rules-text.ts.
import type { BookableRoom, Booking, BookingStatus } from '@/packages/bookings/api'

export type Tone = 'accent' | 'ok' | 'warn' | 'danger' | 'plain'

/** 需审批 / 团队专用 / 工作人员专用: what a resident must know before choosing a room. */
export function roomBadges(
  room: Pick<BookableRoom, 'needsApproval' | 'whoMayBook'>,
): { text: string; tone: Tone }[] {
  const out: { text: string; tone: Tone }[] = []
  if (room.whoMayBook === 'groups') out.push({ text: '团队专用', tone: 'accent' })
  if (room.whoMayBook === 'staff') out.push({ text: '工作人员专用', tone: 'plain' })
  if (room.needsApproval) out.push({ text: '需审批', tone: 'warn' })
  return out
}

export const STATUS_TONES: Record<BookingStatus, Tone> = {
  pending: 'warn',
  confirmed: 'ok',
  checked_in: 'ok',
  rejected: 'danger',
  cancelled: 'plain',
  released: 'danger',
}

const LIVE: BookingStatus[] = ['pending', 'confirmed', 'checked_in']

/** The API's cancel reason when residents cancel themselves (booking-service.ts#cancelBooking). */
const SELF_CANCELLED = '本人取消'

/**
 * Coming up (soonest first: what to act on); future bookings the centre turned down or called
 * off (rejected, cancelled for a blackout), which the resident must not miss; and the rest,
 * latest first.
 */
export function splitBookings(
  items: Booking[],
  now: number,
): { upcoming: Booking[]; changed: Booking[]; past: Booking[] } {
  const upcoming = items
    .filter((b) => LIVE.includes(b.status) && b.endsAt > now)
    .sort((a, b) => a.startsAt - b.startsAt)
  const changed = items
    .filter(
      (b) =>
        b.endsAt > now &&
        (b.status === 'rejected' ||
          (b.status === 'cancelled' && b.cancelReason !== SELF_CANCELLED)),
    )
    .sort((a, b) => a.startsAt - b.startsAt)
  const past = items
    .filter((b) => !upcoming.includes(b) && !changed.includes(b))
    .sort((a, b) => b.startsAt - a.startsAt)
  return { upcoming, changed, past }
}
