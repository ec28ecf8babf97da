// What residents read about a meeting: type, sign-up state, my place, seats, the resolution.
// Pure functions over the API's shapes (tested in node).
import type {
  MeetingSummary,
  MeetingType,
  MyRegistration,
  Resolution,
  SignupState,
  SuggestionMove,
} from '@/packages/meetings/api'

// What a meeting row and the tab badge say ship with the 议事 and 我的 tabs (main package,
// decision 009), so they live in list-labels.ts; the rest stays with the subpackage.
export {
  badgeText,
  myStateLabel,
  seatsFact,
  seatsText,
  SIGNUP_LABELS,
  whenText,
  type Tone,
} from './list-labels'

export const TYPE_LABELS: Record<MeetingType, string> = {
  council: '议事会',
  hearing: '听证会',
  coordination: '协调会',
  evaluation: '评议会',
}

/** One line under each type in the create form, so the organiser picks the right one. */
export const TYPE_HINTS: Record<MeetingType, string> = {
  council: '居民代表讨论社区公共事务，作出决定',
  hearing: '做决定之前，先听取居民的意见和建议',
  coordination: '有矛盾时请各方坐下来协商解决',
  evaluation: '事情办完后，请居民打分评议',
}

export const MOVE_LABELS: Record<SuggestionMove, string> = {
  none: '不改变建议状态',
  accept: '受理（列入办理）',
  adopt: '采纳',
  not_adopt: '不予采纳',
  complete: '已办结',
  close_unfixed: '关闭（未能解决）',
}

/** What the sign-up button says, or null when there is nothing to sign up to. */
export function signUpAction(signup: SignupState, my: MyRegistration | null): string | null {
  if (my && my.status !== 'cancelled') return null
  if (signup === 'open') return '我要报名'
  if (signup === 'waitlist') return '名额已满，加入候补'
  return null
}

/**
 * What the sign-up card shows to someone who has no place in the meeting yet, like the 金点子 and
 * booking gates do: nothing once the meeting has begun, ended or was cancelled (`none`); `login`
 * for a visitor; `verify` for a signed-in person not verified in the meeting's community (or
 * `pending` while their request waits); `staff` for a 居委会 worker of that community who is not
 * a resident there; `sign_up` for a resident — the normal card with 我要报名 when it is open.
 */
export type SignUpGate = 'none' | 'login' | 'verify' | 'pending' | 'staff' | 'sign_up'

export function signUpGate(
  m: Pick<MeetingSummary, 'communityId' | 'status' | 'startsAt' | 'my'>,
  viewer: {
    residencies: { communityId: string }[]
    roles: { communityId: string }[]
    residencyRequests: { communityId: string; status: string }[]
  } | null,
  now: number,
): SignUpGate {
  if (m.my && m.my.status !== 'cancelled') return 'sign_up'
  if (m.status !== 'published' || now >= m.startsAt) return 'none'
  if (!viewer) return 'login'
  if (viewer.residencies.some((r) => r.communityId === m.communityId)) return 'sign_up'
  if (
    viewer.residencyRequests.some((r) => r.communityId === m.communityId && r.status === 'pending')
  )
    return 'pending'
  if (viewer.roles.some((r) => r.communityId === m.communityId)) return 'staff'
  return 'verify'
}

/** "赞成 8 · 反对 0 · 弃权 1", or null when no vote was taken. */
export function votesText(
  r: Pick<Resolution, 'votesFor' | 'votesAgainst' | 'votesAbstain'>,
): string | null {
  if (r.votesFor === null && r.votesAgainst === null && r.votesAbstain === null) return null
  return `赞成 ${r.votesFor ?? 0} · 反对 ${r.votesAgainst ?? 0} · 弃权 ${r.votesAbstain ?? 0}`
}

/** "2026-11-30" → "2026年11月30日" */
export function dueDateText(date: string | null): string | null {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : null
}

/** Whether the meeting has begun (sign-up, cancel and edits stop; minutes and ratings start). */
export function hasStarted(m: Pick<MeetingSummary, 'startsAt'>, now: number): boolean {
  return now >= m.startsAt
}

export function hasEnded(m: Pick<MeetingSummary, 'endsAt'>, now: number): boolean {
  return now >= m.endsAt
}

/** A check-in code as typed (spaces, full-width digits) or scanned (maybe a URL ending in it). */
export function normalizeCheckinCode(input: string): string {
  const halfWidth = input.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  // The door's QR code is an address of the meeting page carrying `code=…`.
  const param = /[?&]code=([0-9A-Za-z]{4,12})/.exec(halfWidth)
  if (param?.[1]) return param[1].toUpperCase()
  const tail = /([0-9A-Za-z]{4,12})\s*$/.exec(halfWidth.replace(/[\s-]/g, ''))
  return tail?.[1] ? tail[1].toUpperCase() : ''
}
