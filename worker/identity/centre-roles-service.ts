import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { centreRoleGrants, centres, users, type CentreRole } from '../../db/schema'
import type { Db } from '../lib/env'
import { abortUnlessStatement, isAbort, isUniqueViolation, runBatch } from '../lib/db'
import { auditStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import { conflict, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { now } from '../lib/time'
import { assertAdminServedBy, assertStaffServedBy } from './authz'
import type { CentreRoleGrant } from './schemas'

// 邻里中心管理员, granted per centre (decision 020): who runs a centre is a grant an admin of a
// community it serves makes and revokes, audited, never a consequence of another role.

const granter = alias(users, 'granter')

/** Former managers shown under the live ones (to appoint one again), most recent first. */
const FORMER_SHOWN = 20

async function grantRows(db: Db, centreId: string, grantId?: string): Promise<CentreRoleGrant[]> {
  const rows = await db
    .select({
      id: centreRoleGrants.id,
      centreId: centreRoleGrants.centreId,
      userId: centreRoleGrants.userId,
      nickname: users.nickname,
      role: centreRoleGrants.role,
      grantedAt: centreRoleGrants.grantedAt,
      grantedById: centreRoleGrants.grantedBy,
      grantedByName: granter.nickname,
      revokedAt: centreRoleGrants.revokedAt,
    })
    .from(centreRoleGrants)
    .innerJoin(users, eq(users.id, centreRoleGrants.userId))
    .leftJoin(granter, eq(granter.id, centreRoleGrants.grantedBy))
    .where(
      and(
        eq(centreRoleGrants.centreId, centreId),
        grantId ? eq(centreRoleGrants.id, grantId) : undefined,
      ),
    )
    // Live grants first (revoked_at IS NULL sorts as 0), then the latest revoked.
    .orderBy(
      sql`${centreRoleGrants.revokedAt} IS NOT NULL`,
      desc(centreRoleGrants.revokedAt),
      desc(centreRoleGrants.grantedAt),
    )
  const live = rows.filter((r) => r.revokedAt === null)
  // A person who is a manager again is not listed among the former ones too.
  const former = rows
    .filter((r) => r.revokedAt !== null && !live.some((l) => l.userId === r.userId))
    .filter((r, i, all) => all.findIndex((o) => o.userId === r.userId) === i)
    .slice(0, FORMER_SHOWN)
  return [...live, ...former].map(({ grantedById, grantedByName, ...r }) => ({
    ...r,
    grantedBy: grantedById ? { id: grantedById, nickname: grantedByName ?? '' } : null,
  }))
}

/** The managers of a centre, and its former ones: for staff of a community it serves. */
export async function listCentreRoleGrants(db: Db, actor: SessionUser | null, centreId: string) {
  const centre = await db.select({ id: centres.id }).from(centres).where(eq(centres.id, centreId))
  if (centre.length === 0) throw notFound('邻里中心')
  await assertStaffServedBy(db, actor, centreId)
  return { items: await grantRows(db, centreId) }
}

export async function grantCentreRole(
  db: Db,
  actor: SessionUser | null,
  centreId: string,
  input: { userId: string; role: CentreRole },
): Promise<CentreRoleGrant> {
  const centre = await db.select({ id: centres.id }).from(centres).where(eq(centres.id, centreId))
  if (centre.length === 0) throw notFound('邻里中心')
  const { user: admin, communityId } = await assertAdminServedBy(db, actor, centreId)
  const target = await db
    .select({ id: users.id, openid: users.openid })
    .from(users)
    .where(eq(users.id, input.userId))
    .get()
  // A deleted account keeps its row as 已注销用户 (decision 004): nobody to appoint.
  if (!target || target.openid.startsWith('deleted:')) throw notFound('用户')
  const id = newId()
  try {
    await runBatch(db, [
      db.insert(centreRoleGrants).values({
        id,
        centreId,
        userId: input.userId,
        role: input.role,
        grantedBy: admin.id,
        grantedAt: now(),
      }),
      auditStatement(db, {
        communityId,
        actorUserId: admin.id,
        action: 'centre_role.grant',
        targetType: 'centre',
        targetId: centreId,
        after: { userId: input.userId },
      }),
    ])
  } catch (error) {
    // The live-grant unique index decides between two admins granting at once.
    if (isUniqueViolation(error)) throw conflict('这位已经是该邻里中心的管理员')
    throw error
  }
  const [grant] = await grantRows(db, centreId, id)
  return grant!
}

export async function revokeCentreRoleGrant(db: Db, actor: SessionUser | null, grantId: string) {
  const grant = await db
    .select()
    .from(centreRoleGrants)
    .where(eq(centreRoleGrants.id, grantId))
    .get()
  if (!grant) throw notFound('任命')
  const { user: admin, communityId } = await assertAdminServedBy(db, actor, grant.centreId)
  // Conditional on being live, and the batch stops when it missed: of two revocations at once
  // only one lands and is audited, the other is told so.
  try {
    await runBatch(db, [
      db
        .update(centreRoleGrants)
        .set({ revokedAt: now(), revokedBy: admin.id })
        .where(and(eq(centreRoleGrants.id, grantId), isNull(centreRoleGrants.revokedAt))),
      abortUnlessStatement(db, sql`changes() > 0`),
      auditStatement(db, {
        communityId,
        actorUserId: admin.id,
        action: 'centre_role.revoke',
        targetType: 'centre',
        targetId: grant.centreId,
        before: { userId: grant.userId },
      }),
    ])
  } catch (error) {
    if (isAbort(error)) throw conflict('这项任命已经撤销')
    throw error
  }
  return { ok: true as const }
}
