// What a resident is told before booking, cancelling and checking in: a room's rules in one
// line, the late-cancel warning, the check-in window. Only the booking subpackage says these,
// so they live here rather than with the 预约 tab (main package, decision 009). Pure.
import type { BookableRoom, Booking, CentrePolicy } from '@/packages/bookings/api'
import { clock, durationText, MINUTE } from './time'

/** One line of a room's rules: "每段 30 分钟 · 最长 4 小时 · 可提前 14 天 · 至少提前 1 小时". */
export function roomRulesText(
  room: Pick<BookableRoom, 'slotMinutes' | 'maxSlots' | 'horizonDays' | 'minNoticeMinutes'>,
): string {
  const parts = [
    `每段 ${room.slotMinutes} 分钟`,
    `最长 ${durationText(room.slotMinutes * room.maxSlots)}`,
    `可提前 ${room.horizonDays} 天预约`,
  ]
  if (room.minNoticeMinutes > 0) parts.push(`至少提前 ${durationText(room.minNoticeMinutes)}`)
  return parts.join(' · ')
}

/**
 * Community roles that count as the centre's staff (staff rooms, and resident rooms without a
 * residency), as identity/authz.ts#isCentreStaff has it; the centre's own managers count too
 * (their grant is per centre: `managesCentre`). The API decides; this only avoids offering what
 * it would refuse.
 */
const STAFF_ROLES = ['staff', 'admin', 'committee']

export function isStaffViewer(
  roles: { role: string }[] | undefined,
  managesCentre = false,
): boolean {
  return managesCentre || (roles ?? []).some((r) => STAFF_ROLES.includes(r.role))
}

/** True when cancelling now counts as a missed check-in (confirmed bookings only, after the cutoff). */
export function isLateCancel(
  booking: Pick<Booking, 'status' | 'startsAt'>,
  policy: Pick<CentrePolicy, 'cancelCutoffMinutes'>,
  now: number,
): boolean {
  return (
    booking.status === 'confirmed' && now > booking.startsAt - policy.cancelCutoffMinutes * MINUTE
  )
}

/** The text of the cancel confirmation: always states the cutoff rule, and whether it applies now. */
export function cancelWarning(
  booking: Pick<Booking, 'status' | 'startsAt'>,
  policy: Pick<CentrePolicy, 'cancelCutoffMinutes' | 'noShowLimit' | 'noShowFreezeDays'> | null,
  now: number,
): { late: boolean; text: string } {
  if (booking.status === 'pending')
    return { late: false, text: '这条预约还在等待审批，取消后时段会让给其他人。' }
  if (!policy)
    return { late: false, text: '取消后时段会让给其他人。临近开始时取消会计为一次未签到。' }
  const cutoff = durationText(policy.cancelCutoffMinutes)
  const rule = `30 天内未签到 ${policy.noShowLimit} 次将暂停预约 ${policy.noShowFreezeDays} 天。`
  if (isLateCancel(booking, policy, now)) {
    return { late: true, text: `距开始已不足 ${cutoff}，现在取消会计为一次未签到。${rule}` }
  }
  return {
    late: false,
    text: `开始前 ${cutoff}以内取消会计为未签到；现在取消不计（请在 ${clock(booking.startsAt - policy.cancelCutoffMinutes * MINUTE)} 前取消）。`,
  }
}

/** When the check-in opens and closes for a confirmed booking, in words; null once it does not apply. */
export function checkinHint(
  booking: Pick<Booking, 'status' | 'startsAt' | 'canCheckIn'>,
  policy: Pick<CentrePolicy, 'checkinOpensMinutesBefore' | 'checkinGraceMinutes'> | null,
  now: number,
): string | null {
  if (booking.status !== 'confirmed' || !policy) return null
  const opens = booking.startsAt - policy.checkinOpensMinutesBefore * MINUTE
  const closes = booking.startsAt + policy.checkinGraceMinutes * MINUTE
  if (booking.canCheckIn || (now >= opens && now <= closes)) {
    return `请在 ${clock(closes)} 前签到，逾时预约会被释放并计为未签到。`
  }
  if (now < opens) return `签到时间 ${clock(opens)}–${clock(closes)}：到场后输入房间门口的签到码。`
  return null
}
