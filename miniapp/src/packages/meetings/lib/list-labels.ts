// What a meeting says in a list (the 议事 tab's rows) and the unread count on the 我的 tab.
// These ship in the main package with the tab pages, which WeChat caps (decision 009);
// labels.ts re-exports them beside the subpackage's own labels. Pure (tested in node).
import type { MeetingSummary, MyRegistration, SignupState } from '@/packages/meetings/api'
import { meetingWhen } from './time'

export type Tone = 'accent' | 'ok' | 'warn' | 'danger' | 'plain'

export const SIGNUP_LABELS: Record<SignupState, { text: string; tone: Tone }> = {
  open: { text: '报名中', tone: 'ok' },
  waitlist: { text: '已满，可候补', tone: 'warn' },
  not_yet: { text: '尚未开始报名', tone: 'plain' },
  closed: { text: '报名已截止', tone: 'plain' },
  cancelled: { text: '会议已取消', tone: 'danger' },
  invited_only: { text: '仅限受邀居民', tone: 'plain' },
  draft: { text: '草稿，未发布', tone: 'plain' },
}

/** My place, or null when I have no live registration. */
export function myStateLabel(my: MyRegistration | null): { text: string; tone: Tone } | null {
  if (!my || my.status === 'cancelled') return null
  if (my.checkedIn) return { text: '已签到', tone: 'ok' }
  // 代办 (decision 019): she sees who signed her up.
  const by = my.actedBy ? `（由 ${my.actedBy} 代办）` : ''
  if (my.status === 'confirmed') return { text: `已报名${by}`, tone: 'ok' }
  const waiting = my.waitlistPosition ? `候补第 ${my.waitlistPosition} 位` : '候补中'
  return { text: `${waiting}${by}`, tone: 'warn' }
}

/** "已报名 12/30 · 候补 3" */
export function seatsText(
  m: Pick<MeetingSummary, 'confirmedCount' | 'capacity' | 'waitlistCount'>,
): string {
  const base = `已报名 ${m.confirmedCount}/${m.capacity}`
  return m.waitlistCount > 0 ? `${base} · 候补 ${m.waitlistCount}` : base
}

/**
 * When, as the meeting's page and lists say it: a cancelled meeting's time is what it was
 * planned for ("原定 …"), so nobody reads it as still happening.
 */
export function whenText(
  m: Pick<MeetingSummary, 'status' | 'startsAt' | 'endsAt'>,
  now: number,
): string {
  const when = meetingWhen(m.startsAt, m.endsAt, now)
  return m.status === 'cancelled' ? `原定 ${when}` : when
}

/** The seats line, or null for a cancelled meeting: "已报名 1/10" would read as if it were on. */
export function seatsFact(
  m: Pick<MeetingSummary, 'status' | 'confirmedCount' | 'capacity' | 'waitlistCount'>,
): string | null {
  return m.status === 'cancelled' ? null : seatsText(m)
}

/** "5 条未读" on the entry, "99+" on the tab badge (WeChat cuts badges at 4 characters). */
export function badgeText(unread: number): string | null {
  if (unread <= 0) return null
  return unread > 99 ? '99+' : String(unread)
}
