import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import { centreCommunities, centreRoleGrants, roleGrants, type Role } from '../../db/schema'
import { known, readBatch, type Read } from '../lib/db'
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

/**
 * The centres a person manages now, as a subquery (`… IN ${managedCentreIdsSql(id)}`): for a
 * list or a count in one statement. Only a live per-centre grant counts (decision 020).
 */
export function managedCentreIdsSql(userId: string): SQL {
  return sql`(SELECT centre_id FROM centre_role_grants
    WHERE user_id = ${userId} AND role = 'manager' AND revoked_at IS NULL)`
}

/**
 * Running a 邻里中心 (its calendar, approvals, rooms, blackouts, no-shows, the people who booked):
 * only a manager granted for this centre. No community role implies it, admin included
 * (decision 020): an admin of a community the centre serves may grant it, not use it unasked.
 */
export async function assertCentreManagerOf(db: Db, user: SessionUser | null, centreId: string) {
  const signedIn = requireUser(user)
  const held = await db
    .select({ id: centreRoleGrants.id })
    .from(centreRoleGrants)
    .where(
      and(
        eq(centreRoleGrants.userId, signedIn.id),
        eq(centreRoleGrants.centreId, centreId),
        eq(centreRoleGrants.role, 'manager'),
        isNull(centreRoleGrants.revokedAt),
      ),
    )
    .get()
  if (!held) throw forbidden('只有本邻里中心的管理员可以进行此操作')
  return signedIn
}

/**
 * Granting and revoking a centre's managers: an admin of a community the centre serves (the
 * centre is shared, so any of them may). Returns that community: the audit row is filed under
 * it, where the admin's colleagues read it.
 */
export async function assertAdminServedBy(db: Db, user: SessionUser | null, centreId: string) {
  const signedIn = requireUser(user)
  const held = await db
    .select({ communityId: roleGrants.communityId })
    .from(roleGrants)
    .innerJoin(centreCommunities, eq(centreCommunities.communityId, roleGrants.communityId))
    .where(
      and(
        eq(roleGrants.userId, signedIn.id),
        eq(centreCommunities.centreId, centreId),
        eq(roleGrants.role, 'admin'),
      ),
    )
    .orderBy(asc(roleGrants.communityId))
    .get()
  if (!held) throw forbidden('只有本邻里中心所服务社区的管理员可以任命邻里中心管理员')
  return { user: signedIn, communityId: held.communityId }
}

/** Who the list of a centre's managers is shown to: staff of a community the centre serves. */
export async function assertStaffServedBy(db: Db, user: SessionUser | null, centreId: string) {
  const signedIn = requireUser(user)
  const held = await db
    .select({ role: roleGrants.role })
    .from(roleGrants)
    .innerJoin(centreCommunities, eq(centreCommunities.communityId, roleGrants.communityId))
    .where(
      and(
        eq(roleGrants.userId, signedIn.id),
        eq(centreCommunities.centreId, centreId),
        inArray(roleGrants.role, ['staff', 'admin']),
      ),
    )
    .get()
  if (!held) throw forbidden('只有本邻里中心所服务社区的工作人员可以查看')
  return signedIn
}

/**
 * Who may book the centre's staff-only rooms (and book resident rooms without a residency): the
 * people who work there or for a community it serves — its granted managers, and the staff,
 * admins and 议事会 members of a served community (decision 020). This lets someone book a room,
 * never read anyone's bookings, so it stays wider than assertCentreManagerOf. One statement.
 */
export async function isCentreStaff(
  db: Db,
  user: SessionUser | null,
  centreId: string,
): Promise<boolean> {
  if (!user) return false
  const [staff] = await readBatch(db, [isCentreStaffRead(db, user, centreId)])
  return staff
}

/** isCentreStaff as one read of a batch (decision 021); the centre may be a subquery. */
export function isCentreStaffRead(
  db: Db,
  user: SessionUser | null,
  centreId: string | SQL,
): Read<boolean> {
  if (!user) return known(false)
  const userId = user.id
  return {
    statement: db.all(sql`
      SELECT 1 AS one WHERE ${centreId} IN ${managedCentreIdsSql(userId)}
        OR EXISTS (SELECT 1 FROM role_grants g
          JOIN centre_communities cc ON cc.community_id = g.community_id
          WHERE g.user_id = ${userId} AND cc.centre_id = ${centreId}
            AND g.role IN ('staff', 'admin', 'committee'))`),
    map: (rows) => rows.length > 0,
  }
}
