// What the 附议 button of a detail page says and does, for each kind of viewer. Pure.
import type { SuggestionStatus } from '@/packages/suggestions/api'

export type SupportButton =
  /** a verified resident who has not supported yet */
  | 'support'
  /** supported, may take it back */
  | 'withdraw'
  /** the author's own support counts from the start and cannot be withdrawn */
  | 'author'
  | 'login'
  /** signed in, not (yet) a resident of this community */
  | 'verify'
  /** no longer collecting supports: answered, closed, merged, hidden, or awaiting moderation */
  | 'closed'

const OPEN: SuggestionStatus[] = ['published', 'accepted', 'adopted', 'in_progress', 'reopened']

export function isOpenForSupport(s: { status: SuggestionStatus; hidden: boolean }): boolean {
  return OPEN.includes(s.status) && !s.hidden
}

export function supportButton(
  s: {
    status: SuggestionStatus
    hidden: boolean
    viewer: { isAuthor: boolean; supported: boolean; canSupport: boolean }
  },
  signedIn: boolean,
): SupportButton {
  if (s.viewer.isAuthor) return 'author'
  if (s.viewer.supported) return isOpenForSupport(s) ? 'withdraw' : 'closed'
  if (!isOpenForSupport(s)) return 'closed'
  if (!signedIn) return 'login'
  return s.viewer.canSupport ? 'support' : 'verify'
}
