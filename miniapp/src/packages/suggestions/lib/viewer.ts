// What the signed-in person may do with 金点子 in a community, from /api/me's roles. For showing
// entries only: the API decides (a FORBIDDEN answer is shown as such).
import type { Me } from '@/api/types'

export type IdeasPowers = {
  /** 居委会 staff or admin: moderation queue, answers, settings. */
  canModerate: boolean
  /** Staff, admin or 街巷规划师: progress updates, overdue list. */
  canHandle: boolean
}

export function ideasPowers(
  me: Pick<Me, 'roles'> | null | undefined,
  communityId: string | null,
): IdeasPowers {
  if (!me || !communityId) return { canModerate: false, canHandle: false }
  const roles = me.roles.filter((r) => r.communityId === communityId).map((r) => r.role)
  const canModerate = roles.includes('staff') || roles.includes('admin')
  return { canModerate, canHandle: canModerate || roles.includes('planner') }
}

/** Suggestions with news, counted once even when listed both as mine and as supported. */
export function unreadCount(...lists: { id: string; unread: boolean }[][]): number {
  return new Set(
    lists
      .flat()
      .filter((s) => s.unread)
      .map((s) => s.id),
  ).size
}
