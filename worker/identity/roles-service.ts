import { and, desc, eq } from 'drizzle-orm'
import { communities, residencies, roleGrants, users, type Role } from '../../db/schema'
import type { Db } from '../lib/env'
import { isUniqueViolation, runBatch } from '../lib/db'
import { auditStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import { conflict, notFound, AppError } from '../lib/errors'
import { newId } from '../lib/ids'
import { now } from '../lib/time'
import { assertAdminOf, assertStaffOf } from './authz'

export async function rolesOfUser(db: Db, userId: string) {
  return db
    .select({
      communityId: roleGrants.communityId,
      communityName: communities.name,
      role: roleGrants.role,
    })
    .from(roleGrants)
    .innerJoin(communities, eq(communities.id, roleGrants.communityId))
    .where(eq(roleGrants.userId, userId))
    .orderBy(communities.name, roleGrants.role)
}

async function grantRows(db: Db, communityId: string) {
  const grants = await db
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      nickname: users.nickname,
      role: roleGrants.role,
      grantedAt: roleGrants.grantedAt,
    })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(eq(roleGrants.communityId, communityId))
    .orderBy(desc(roleGrants.grantedAt))
  // Real names come from the person's residency in this community, when they have one.
  const names = await db
    .select({ userId: residencies.userId, realName: residencies.realName })
    .from(residencies)
    .where(and(eq(residencies.communityId, communityId), eq(residencies.status, 'verified')))
  return grants.map((g) => ({
    ...g,
    realName: names.find((n) => n.userId === g.userId && n.realName)?.realName ?? null,
  }))
}

export async function listRoleGrants(db: Db, actor: SessionUser | null, communityId: string) {
  const staff = await assertStaffOf(db, actor, communityId)
  // The list shows real names: a view of identities, audited like the residents list.
  await auditStatement(db, {
    communityId,
    actorUserId: staff.id,
    action: 'identities.view',
    targetType: 'community',
    targetId: communityId,
    after: { view: 'roles' },
  })
  return { items: await grantRows(db, communityId) }
}

export async function grantRole(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
  input: { userId: string; role: Role },
) {
  const admin = await assertAdminOf(db, actor, communityId)
  const target = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.id, input.userId))
    .get()
  if (!target) throw notFound('用户')
  const id = newId()
  try {
    await runBatch(db, [
      db.insert(roleGrants).values({
        id,
        communityId,
        userId: input.userId,
        role: input.role,
        grantedBy: admin.id,
        grantedAt: now(),
      }),
      auditStatement(db, {
        communityId,
        actorUserId: admin.id,
        action: 'role.grant',
        targetType: 'user',
        targetId: input.userId,
        after: { role: input.role },
      }),
    ])
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('该用户已经拥有这个角色')
    throw error
  }
  const grant = (await grantRows(db, communityId)).find((g) => g.id === id)
  if (!grant) throw new AppError('INTERNAL', '分配角色失败，请重试')
  return grant
}

export async function revokeRoleGrant(db: Db, actor: SessionUser | null, grantId: string) {
  const grant = await db.select().from(roleGrants).where(eq(roleGrants.id, grantId)).get()
  if (!grant) throw notFound('角色')
  const admin = await assertAdminOf(db, actor, grant.communityId)
  if (grant.userId === admin.id && grant.role === 'admin') {
    // Keeps a community from locking itself out of role management by accident.
    throw conflict('不能撤销自己的管理员角色，请由另一位管理员操作')
  }
  await runBatch(db, [
    db.delete(roleGrants).where(eq(roleGrants.id, grantId)),
    auditStatement(db, {
      communityId: grant.communityId,
      actorUserId: admin.id,
      action: 'role.revoke',
      targetType: 'user',
      targetId: grant.userId,
      before: { role: grant.role },
    }),
  ])
  return { ok: true as const }
}
