import type { Role, SuggestionStatus } from '../../db/schema'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { notFound } from '../lib/errors'
import { holdsRole } from '../identity/authz'
import { holdsAny } from '../identity/reads'

// Who may see a suggestion. Acting on one is checked with the identity rules
// (assertStaffOf, assertStaffOrPlannerOf, assertResidentOf) in the services.

type Visibility = {
  communityId: string
  authorUserId: string
  status: SuggestionStatus
  hiddenAt: number | null
}

/** Public once published and not hidden; the author and the community's staff always see it. */
export function isPublic(s: Pick<Visibility, 'status' | 'hiddenAt'>): boolean {
  return s.status !== 'submitted' && s.hiddenAt === null
}

/** The roles that see every suggestion of their community. */
export const SEES_ALL: Role[] = ['staff', 'admin', 'planner']

export async function canView(db: Db, actor: SessionUser | null, s: Visibility): Promise<boolean> {
  if (isPublic(s)) return true
  if (actor?.id === s.authorUserId) return true
  return holdsRole(db, actor, s.communityId, SEES_ALL)
}

/** assertCanView on the viewer's roles in the community, read in the caller's batch (decision 021). */
export function assertMayView(
  actor: SessionUser | null,
  s: Pick<Visibility, 'authorUserId' | 'status' | 'hiddenAt'>,
  roles: Role[],
): void {
  if (!isPublic(s) && actor?.id !== s.authorUserId && !holdsAny(roles, SEES_ALL))
    throw notFound('建议')
}

/** A suggestion the actor may not see answers exactly like one that does not exist. */
export async function assertCanView(
  db: Db,
  actor: SessionUser | null,
  s: Visibility,
): Promise<void> {
  if (!(await canView(db, actor, s))) throw notFound('建议')
}
