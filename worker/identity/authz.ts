import { and, eq, inArray } from 'drizzle-orm'
import { centreCommunities, roleGrants, type Role } from '../../db/schema'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { AppError, forbidden } from '../lib/errors'
import { requireUser } from '../lib/auth'
import { PRIVACY_NOTICE } from './privacy'

// Authorization rules, one function per rule. Other domains call these; none reads role_grants itself.

export async function rolesOf(db: Db, userId: string, communityId: string): Promise<Role[]> {
  const rows = await db
    .select({ role: roleGrants.role })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), eq(roleGrants.communityId, communityId)))
  return rows.map((r) => r.role)
}

async function assertAnyRole(
  db: Db,
  user: SessionUser | null,
  communityId: string,
  roles: Role[],
  message: string,
) {
  const signedIn = requireUser(user)
  const held = await db
    .select({ role: roleGrants.role })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.userId, signedIn.id),
        eq(roleGrants.communityId, communityId),
        inArray(roleGrants.role, roles),
      ),
    )
    .get()
  if (!held) throw forbidden(message)
  return signedIn
}

/** 居委会 work: verify residents, issue invite codes, read the audit log. */
export function assertStaffOf(db: Db, user: SessionUser | null, communityId: string) {
  return assertAnyRole(
    db,
    user,
    communityId,
    ['staff', 'admin'],
    '只有本社区的工作人员可以进行此操作',
  )
}

/** Granting and revoking roles. */
export function assertAdminOf(db: Db, user: SessionUser | null, communityId: string) {
  return assertAnyRole(db, user, communityId, ['admin'], '只有本社区的管理员可以分配角色')
}

/** Personal data (real name, room) may only be sent after the current privacy notice was accepted. */
export function assertConsented(user: SessionUser | null): SessionUser {
  const signedIn = requireUser(user)
  if (signedIn.consentVersion !== PRIVACY_NOTICE.version) {
    throw new AppError('CONSENT_REQUIRED', '请先阅读并同意《邻里隐私政策》')
  }
  return signedIn
}

/** True when the user holds one of the roles in the community (for showing, not for allowing). */
export async function holdsRole(
  db: Db,
  user: SessionUser | null,
  communityId: string,
  roles: Role[],
): Promise<boolean> {
  if (!user) return false
  const held = await db
    .select({ role: roleGrants.role })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.userId, user.id),
        eq(roleGrants.communityId, communityId),
        inArray(roleGrants.role, roles),
      ),
    )
    .get()
  return Boolean(held)
}

/** Handling suggestions: 居委会 staff, or a planner (街巷规划师) of the community. */
export function assertStaffOrPlannerOf(db: Db, user: SessionUser | null, communityId: string) {
  return assertAnyRole(
    db,
    user,
    communityId,
    ['staff', 'admin', 'planner'],
    '只有本社区的工作人员或街巷规划师可以进行此操作',
  )
}

/** Drafting conventions and running votes and meetings: 议事会 members (or the community's admin). */
export function assertCommitteeOf(db: Db, user: SessionUser | null, communityId: string) {
  return assertAnyRole(
    db,
    user,
    communityId,
    ['committee', 'admin'],
    '只有本社区的议事会成员可以进行此操作',
  )
}

/** Running meetings (议事会 and 三会): 议事会 members, 居委会 staff, or the community's admin. */
export function assertMeetingOrganiserOf(db: Db, user: SessionUser | null, communityId: string) {
  return assertAnyRole(
    db,
    user,
    communityId,
    ['committee', 'staff', 'admin'],
    '只有本社区的议事会成员或工作人员可以进行此操作',
  )
}

/** Running a 邻里中心: its managers (or an admin) in any community the centre serves. */
export async function assertCentreManagerOf(db: Db, user: SessionUser | null, centreId: string) {
  const signedIn = requireUser(user)
  const held = await db
    .select({ role: roleGrants.role })
    .from(roleGrants)
    .innerJoin(centreCommunities, eq(centreCommunities.communityId, roleGrants.communityId))
    .where(
      and(
        eq(roleGrants.userId, signedIn.id),
        eq(centreCommunities.centreId, centreId),
        inArray(roleGrants.role, ['centre_manager', 'admin']),
      ),
    )
    .get()
  if (!held) throw forbidden('只有本邻里中心的管理员可以进行此操作')
  return signedIn
}

/** True when the user works for a community the centre serves (staff-only rooms). */
export async function isCentreStaff(
  db: Db,
  user: SessionUser | null,
  centreId: string,
): Promise<boolean> {
  if (!user) return false
  const held = await db
    .select({ role: roleGrants.role })
    .from(roleGrants)
    .innerJoin(centreCommunities, eq(centreCommunities.communityId, roleGrants.communityId))
    .where(
      and(
        eq(roleGrants.userId, user.id),
        eq(centreCommunities.centreId, centreId),
        inArray(roleGrants.role, ['staff', 'centre_manager', 'admin', 'committee']),
      ),
    )
    .get()
  return Boolean(held)
}
