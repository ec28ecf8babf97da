import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import {
  buildingGroups,
  grids,
  gridRoleGrants,
  residencyVouches,
  users,
  type GridRole,
} from '../../db/schema'
import type { Db } from '../lib/env'
import { isUniqueViolation, runBatch } from '../lib/db'
import { auditIfChangedStatement, auditStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import { AppError, conflict, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { now } from '../lib/time'
import { assertStaffOf } from './authz'

// 网格员 and 楼组长 (decision 018): roles with a scope (a 网格, a 楼组), granted and revoked by the
// community's staff, each grant and revocation in the audit log. Who they may see is grid-scope.ts.

export const GRID_ROLE_NAMES: Record<GridRole, string> = {
  grid_worker: '网格员',
  building_leader: '楼组长',
}

export type GridRoleGrant = {
  id: string
  role: GridRole
  roleName: string
  userId: string
  nickname: string
  scopeId: string
  scopeName: string
  grantedAt: number
}

/** The live grants of a community (or one scope), with who holds them. */
export async function liveGridGrants(
  db: Db,
  communityId: string,
  scope?: { gridId?: string; buildingGroupId?: string },
): Promise<GridRoleGrant[]> {
  const rows = await db
    .select({
      id: gridRoleGrants.id,
      role: gridRoleGrants.role,
      userId: gridRoleGrants.userId,
      nickname: users.nickname,
      gridId: gridRoleGrants.gridId,
      buildingGroupId: gridRoleGrants.buildingGroupId,
      gridName: grids.name,
      groupName: buildingGroups.name,
      grantedAt: gridRoleGrants.grantedAt,
    })
    .from(gridRoleGrants)
    .innerJoin(users, eq(users.id, gridRoleGrants.userId))
    .leftJoin(grids, eq(grids.id, gridRoleGrants.gridId))
    .leftJoin(buildingGroups, eq(buildingGroups.id, gridRoleGrants.buildingGroupId))
    .where(
      and(
        eq(gridRoleGrants.communityId, communityId),
        isNull(gridRoleGrants.revokedAt),
        scope?.gridId ? eq(gridRoleGrants.gridId, scope.gridId) : undefined,
        scope?.buildingGroupId
          ? eq(gridRoleGrants.buildingGroupId, scope.buildingGroupId)
          : undefined,
      ),
    )
    .orderBy(desc(gridRoleGrants.grantedAt))
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    roleName: GRID_ROLE_NAMES[r.role],
    userId: r.userId,
    nickname: r.nickname,
    scopeId: r.gridId ?? r.buildingGroupId ?? '',
    scopeName: r.gridName ?? r.groupName ?? '',
    grantedAt: r.grantedAt,
  }))
}

/** The grid roles a person holds now, every community (我的 shows the entry from these). */
export async function gridRolesOfUser(db: Db, userId: string) {
  const rows = await db
    .select({
      id: gridRoleGrants.id,
      communityId: gridRoleGrants.communityId,
      role: gridRoleGrants.role,
      gridId: gridRoleGrants.gridId,
      buildingGroupId: gridRoleGrants.buildingGroupId,
      gridName: grids.name,
      groupName: buildingGroups.name,
    })
    .from(gridRoleGrants)
    .leftJoin(grids, eq(grids.id, gridRoleGrants.gridId))
    .leftJoin(buildingGroups, eq(buildingGroups.id, gridRoleGrants.buildingGroupId))
    .where(and(eq(gridRoleGrants.userId, userId), isNull(gridRoleGrants.revokedAt)))
    .orderBy(gridRoleGrants.grantedAt)
  return rows.map((r) => ({
    grantId: r.id,
    communityId: r.communityId,
    role: r.role,
    roleName: GRID_ROLE_NAMES[r.role],
    scopeId: r.gridId ?? r.buildingGroupId ?? '',
    scopeName: r.gridName ?? r.groupName ?? '',
  }))
}

/**
 * Staff grant a grid role. The person must already belong to the community (a verified resident
 * or someone holding a role there): a 楼组长 is a neighbour staff know, not any account.
 */
export async function grantGridRole(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
  input: { userId: string; role: GridRole; scopeId: string },
) {
  const staff = await assertStaffOf(db, actor, communityId)
  const scopeTable = input.role === 'grid_worker' ? 'grids' : 'building_groups'
  const scope = await db.get<{ name: string }>(
    sql`SELECT name FROM ${sql.raw(scopeTable)} WHERE id = ${input.scopeId} AND community_id = ${communityId}`,
  )
  if (!scope) throw notFound(input.role === 'grid_worker' ? '网格' : '楼组')
  const member = await db.get<{ one: number }>(sql`
    SELECT 1 AS one FROM users u WHERE u.id = ${input.userId} AND (
      EXISTS (SELECT 1 FROM residencies r WHERE r.user_id = u.id AND r.community_id = ${communityId} AND r.status = 'verified')
      OR EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.community_id = ${communityId}))`)
  if (!member) {
    throw new AppError(
      'VALIDATION_FAILED',
      '只能指定本社区已认证的居民或工作人员，请先请对方完成居民认证',
    )
  }
  const id = newId()
  try {
    await runBatch(db, [
      db.insert(gridRoleGrants).values({
        id,
        communityId,
        userId: input.userId,
        role: input.role,
        gridId: input.role === 'grid_worker' ? input.scopeId : null,
        buildingGroupId: input.role === 'building_leader' ? input.scopeId : null,
        grantedBy: staff.id,
        grantedAt: now(),
      }),
      auditStatement(db, {
        communityId,
        actorUserId: staff.id,
        action: 'grid_role.grant',
        targetType: 'user',
        targetId: input.userId,
        after: { role: input.role, scope: scope.name },
      }),
    ])
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`对方已经是这里的${GRID_ROLE_NAMES[input.role]}`)
    throw error
  }
  const grant = (await liveGridGrants(db, communityId)).find((g) => g.id === id)
  if (!grant) throw new AppError('INTERNAL', '指定失败，请重试')
  return grant
}

/** Staff revoke a grid role: the row stays with its revocation; the audit row only if it landed. */
export async function revokeGridRole(db: Db, actor: SessionUser | null, grantId: string) {
  const grant = await db.select().from(gridRoleGrants).where(eq(gridRoleGrants.id, grantId)).get()
  if (!grant) throw notFound('任命')
  const staff = await assertStaffOf(db, actor, grant.communityId)
  if (grant.revokedAt !== null) throw conflict('这项任命已经撤销')
  await runBatch(db, [
    db
      .update(gridRoleGrants)
      .set({ revokedAt: now(), revokedBy: staff.id })
      .where(and(eq(gridRoleGrants.id, grantId), isNull(gridRoleGrants.revokedAt))),
    auditIfChangedStatement(db, {
      communityId: grant.communityId,
      actorUserId: staff.id,
      action: 'grid_role.revoke',
      targetType: 'user',
      targetId: grant.userId,
      before: { role: grant.role },
    }),
  ])
  return { ok: true as const }
}

/** The person's grid roles (live and past) and the requests she vouched for: her export. */
export async function gridExport(db: Db, userId: string) {
  const [roles, vouches] = await Promise.all([
    db
      .select({
        role: gridRoleGrants.role,
        grid: grids.name,
        buildingGroup: buildingGroups.name,
        grantedAt: gridRoleGrants.grantedAt,
        revokedAt: gridRoleGrants.revokedAt,
      })
      .from(gridRoleGrants)
      .leftJoin(grids, eq(grids.id, gridRoleGrants.gridId))
      .leftJoin(buildingGroups, eq(buildingGroups.id, gridRoleGrants.buildingGroupId))
      .where(eq(gridRoleGrants.userId, userId)),
    db
      .select({
        requestId: residencyVouches.requestId,
        role: residencyVouches.role,
        createdAt: residencyVouches.createdAt,
      })
      .from(residencyVouches)
      .where(eq(residencyVouches.voucherUserId, userId)),
  ])
  return { roles, vouches }
}

/** The 网格 and 楼组 a person looks after now, as 我的 lists them (the entry to the grid pages). */
export async function gridScopesOfUser(db: Db, userId: string) {
  return (await gridRolesOfUser(db, userId)).map((r) => ({
    kind: r.role === 'grid_worker' ? ('grid' as const) : ('building_group' as const),
    id: r.scopeId,
    name: r.scopeName,
    roleName: r.roleName,
    communityId: r.communityId,
  }))
}
