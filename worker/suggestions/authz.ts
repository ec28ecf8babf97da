import type { SuggestionStatus } from '../../db/schema'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { notFound } from '../lib/errors'
import { holdsRole } from '../identity/authz'

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

export async function canView(db: Db, actor: SessionUser | null, s: Visibility): Promise<boolean> {
  if (isPublic(s)) return true
  if (actor?.id === s.authorUserId) return true
  return holdsRole(db, actor, s.communityId, ['staff', 'admin', 'planner'])
}

/** A suggestion the actor may not see answers exactly like one that does not exist. */
export async function assertCanView(
  db: Db,
  actor: SessionUser | null,
  s: Visibility,
): Promise<void> {
  if (!(await canView(db, actor, s))) throw notFound('建议')
}
