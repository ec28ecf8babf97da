import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm'
import {
  buildings,
  communities,
  compounds,
  households,
  inviteCodes,
  residencies,
  residencyRequests,
  users,
} from '../../db/schema'
import type { Db } from '../lib/env'
import { isUniqueViolation, runBatch } from '../lib/db'
import { auditIfChangedStatement, auditStatement } from '../lib/audit'
import { notifySelectStatement } from '../inbox/notify'

import { newInviteCode, normalizeInviteCode, sha256Hex } from '../lib/crypto'
import { AppError, conflict, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { afterCursor, decodeCursor, toPage } from '../lib/pagination'
import { requireUser, type SessionUser } from '../lib/auth'
import { DAY, now } from '../lib/time'
import { assertConsented, assertStaffOf } from './authz'
import { householdColumns, householdsByIds, selectHouseholds, toHousehold } from './households'
import { vouchesOfRequests } from './grid-residents'
import type { Residency, ResidencyRequest } from './schemas'
import { claimOfflineAccount, claimTargetOf } from './acting-claim'

export const INVITE_CODE_TTL_MS = 30 * DAY
// D1 binds at most 100 parameters per statement; invite-code rows have 8 columns.
const INVITE_ROWS_PER_INSERT = 12

/** Drizzle wraps D1's error ("Failed query: …") and keeps SQLite's message in `cause`. */

// ---------- reading ----------

export async function residenciesOfUser(db: Db, userId: string): Promise<Residency[]> {
  const rows = await db
    .select({ residency: residencies, communityName: communities.name })
    .from(residencies)
    .innerJoin(communities, eq(communities.id, residencies.communityId))
    .where(and(eq(residencies.userId, userId), eq(residencies.status, 'verified')))
    .orderBy(residencies.verifiedAt)
  const householdMap = await householdsByIds(
    db,
    rows.map((r) => r.residency.householdId),
  )
  return rows.map(({ residency, communityName }) => ({
    id: residency.id,
    communityId: residency.communityId,
    communityName,
    household: toHousehold(householdMap.get(residency.householdId)!),
    isRepresentative: residency.isRepresentative,
    verifiedAt: residency.verifiedAt,
    via: residency.via,
  }))
}

const requestColumns = {
  request: residencyRequests,
  communityName: communities.name,
  compoundName: compounds.name,
  buildingName: buildings.name,
  userNickname: users.nickname,
}

type RequestRow = {
  request: typeof residencyRequests.$inferSelect
  communityName: string
  compoundName: string
  buildingName: string
  userNickname: string
}

function toRequest({
  request,
  communityName,
  compoundName,
  buildingName,
}: RequestRow): ResidencyRequest {
  return {
    id: request.id,
    communityId: request.communityId,
    communityName,
    buildingId: request.buildingId,
    compoundName,
    buildingName,
    unit: request.unit,
    room: request.room,
    realName: request.realName,
    note: request.note,
    status: request.status,
    rejectReason: request.rejectReason,
    createdAt: request.createdAt,
    decidedAt: request.decidedAt,
  }
}

function selectRequests(db: Db) {
  return db
    .select(requestColumns)
    .from(residencyRequests)
    .innerJoin(communities, eq(communities.id, residencyRequests.communityId))
    .innerJoin(buildings, eq(buildings.id, residencyRequests.buildingId))
    .innerJoin(compounds, eq(compounds.id, buildings.compoundId))
    .innerJoin(users, eq(users.id, residencyRequests.userId))
}

export async function requestsOfUser(db: Db, userId: string): Promise<ResidencyRequest[]> {
  const rows = await selectRequests(db)
    .where(eq(residencyRequests.userId, userId))
    .orderBy(desc(residencyRequests.createdAt))
    .limit(20)
  return rows.map(toRequest)
}

async function loadRequest(db: Db, requestId: string): Promise<RequestRow> {
  const row = await selectRequests(db).where(eq(residencyRequests.id, requestId)).get()
  if (!row) throw notFound('认证申请')
  return row
}

export async function listRequestsForStaff(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
  query: { status: 'pending' | 'approved' | 'rejected'; cursor?: string; limit: number },
) {
  const staff = await assertStaffOf(db, actor, communityId)
  const cursor = decodeCursor(query.cursor)
  const rows = await selectRequests(db)
    .where(
      and(
        eq(residencyRequests.communityId, communityId),
        eq(residencyRequests.status, query.status),
        afterCursor(residencyRequests.createdAt, residencyRequests.id, cursor, 'asc'),
      ),
    )
    // Oldest first: whoever waited longest is answered first.
    .orderBy(residencyRequests.createdAt, residencyRequests.id)
    .limit(query.limit + 1)
  // The queue shows real names and rooms: a view of identities like the residents list (PIPL).
  await auditStatement(db, {
    communityId,
    actorUserId: staff.id,
    action: 'identities.view',
    targetType: 'community',
    targetId: communityId,
    after: { view: 'residency_requests', status: query.status },
  })
  const page = toPage(rows, query.limit, (r) => ({ k: r.request.createdAt, id: r.request.id }))
  // A 楼组长's word that she knows the requester (decision 018): staff still decide.
  const vouches = await vouchesOfRequests(
    db,
    page.items.map((r) => r.request.id),
  )
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      ...toRequest(r),
      user: { id: r.request.userId, nickname: r.userNickname },
      vouches: vouches.get(r.request.id) ?? [],
    })),
  }
}

// ---------- residents verifying themselves ----------

export async function claimInviteCode(
  db: Db,
  actor: SessionUser | null,
  code: string,
): Promise<Residency> {
  const user = assertConsented(actor)
  const codeHash = await sha256Hex(normalizeInviteCode(code))
  // A code for an offline resident's account (代办, decision 019): she takes it over.
  const claimTarget = await claimTargetOf(db, codeHash)
  if (claimTarget) {
    const residentUserId = await claimOfflineAccount(db, user, codeHash, claimTarget)
    const claimed = await residenciesOfUser(db, residentUserId)
    return claimed.find((r) => r.communityId === claimTarget.communityId) ?? claimed[0]!
  }
  const at = now()
  const residencyId = newId()
  try {
    // One batch: consume the code only if it is still open, and create the residency only if
    // this request consumed it (changes() of the UPDATE). Two residents racing for one code:
    // exactly one UPDATE matches.
    await runBatch(db, [
      db
        .update(inviteCodes)
        .set({ usedAt: at, usedBy: user.id })
        .where(
          and(
            eq(inviteCodes.codeHash, codeHash),
            isNull(inviteCodes.usedAt),
            isNull(inviteCodes.revokedAt),
            gt(inviteCodes.expiresAt, at),
          ),
        ),
      db.run(sql`
        INSERT INTO ${residencies} (id, user_id, household_id, community_id, status, via, is_representative, verified_at, verified_by)
        SELECT ${residencyId}, ${user.id}, household_id, community_id, 'verified', 'invite_code', 0, ${at}, created_by
        FROM ${inviteCodes} WHERE code_hash = ${codeHash} AND used_by = ${user.id} AND used_at = ${at} AND changes() > 0`),
      db.run(sql`
        UPDATE ${users} SET current_community_id = (SELECT community_id FROM ${residencies} WHERE id = ${residencyId})
        WHERE id = ${user.id} AND current_community_id IS NULL AND EXISTS (SELECT 1 FROM ${residencies} WHERE id = ${residencyId})`),
      // The household's other residents hear that someone joined with its slip: a slip used by
      // the wrong person is noticed by the people it concerns, not only by the 居委会.
      notifySelectStatement(
        db,
        sql`SELECT r.user_id FROM ${residencies} r JOIN ${residencies} mine ON mine.household_id = r.household_id
            WHERE mine.id = ${residencyId} AND r.status = 'verified' AND r.user_id <> ${user.id}`,
        {
          kind: 'residency.invite_claimed',
          title: '有新成员加入您家',
          body: `“${user.nickname}”用居委会发给您家的邀请码完成了居民认证。如果您不认识这位邻居，请联系居委会。`,
          subject: user.nickname,
          link: '/packages/identity/pages/verify/index',
        },
        at,
      ),
    ])
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('您已经是这一户的认证居民，无需重复认证')
    throw error
  }
  const created = (await residenciesOfUser(db, user.id)).find((r) => r.id === residencyId)
  if (!created)
    throw new AppError('VALIDATION_FAILED', '邀请码无效、已过期或已被使用，请向居委会核对')
  return created
}

export async function createResidencyRequest(
  db: Db,
  actor: SessionUser | null,
  input: {
    communityId: string
    buildingId: string
    unit: string
    room: string
    realName: string
    note?: string
  },
): Promise<ResidencyRequest> {
  const user = assertConsented(actor)
  const building = await db
    .select({ communityId: buildings.communityId })
    .from(buildings)
    .where(eq(buildings.id, input.buildingId))
    .get()
  if (!building) throw notFound('楼栋')
  if (building.communityId !== input.communityId)
    throw new AppError('VALIDATION_FAILED', '所选楼栋不属于该社区，请重新选择')
  const id = newId()
  try {
    await db.insert(residencyRequests).values({
      id,
      userId: user.id,
      communityId: input.communityId,
      buildingId: input.buildingId,
      unit: input.unit.replace(/单元$/, ''),
      room: input.room.replace(/室$/, ''),
      realName: input.realName,
      note: input.note || null,
      status: 'pending',
      createdAt: now(),
    })
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict('您在该社区已有一个待审核的申请，请耐心等待居委会审核')
    throw error
  }
  return toRequest(await loadRequest(db, id))
}

// ---------- staff deciding ----------

function alreadyDecided(request: ResidencyRequest) {
  const label = { pending: '待审核', approved: '已通过', rejected: '已驳回' }[request.status]
  return new AppError('INVALID_STATE', `该申请已被处理（当前状态：${label}）`)
}

export async function approveResidencyRequest(
  db: Db,
  actor: SessionUser | null,
  requestId: string,
): Promise<ResidencyRequest> {
  const row = await loadRequest(db, requestId)
  const staff = await assertStaffOf(db, actor, row.request.communityId)
  const { request } = row
  if (request.status !== 'pending') throw alreadyDecided(toRequest(row))
  const household = await db
    .select({ id: households.id })
    .from(households)
    .where(
      and(
        eq(households.buildingId, request.buildingId),
        eq(households.unit, request.unit),
        eq(households.room, request.room),
      ),
    )
    .get()
  if (!household) {
    throw conflict(
      `${row.buildingName} 没有 ${request.unit}单元 ${request.room}室 这一户，请核对后驳回或先登记住户`,
    )
  }
  const at = now()
  const auditId = newId()
  try {
    await runBatch(db, [
      db
        .update(residencyRequests)
        .set({ status: 'approved', decidedAt: at, decidedBy: staff.id })
        .where(and(eq(residencyRequests.id, requestId), eq(residencyRequests.status, 'pending'))),
      db.run(sql`
        INSERT INTO ${residencies} (id, user_id, household_id, community_id, status, via, real_name, is_representative, verified_at, verified_by)
        SELECT ${newId()}, ${request.userId}, ${household.id}, ${request.communityId}, 'verified', 'request', ${request.realName}, 0, ${at}, ${staff.id}
        WHERE changes() > 0`),
      auditIfChangedStatement(
        db,
        {
          communityId: request.communityId,
          actorUserId: staff.id,
          action: 'residency_request.approve',
          targetType: 'residency_request',
          targetId: requestId,
          before: { status: 'pending' },
          after: { status: 'approved', householdId: household.id },
        },
        auditId,
      ),
      db.run(
        sql`UPDATE ${users} SET current_community_id = ${request.communityId} WHERE id = ${request.userId} AND current_community_id IS NULL`,
      ),
      notifySelectStatement(
        db,
        // Only the request that decided it (its audit row exists): a repeated approve tells nobody twice.
        sql`SELECT user_id FROM ${residencyRequests} WHERE id = ${requestId} AND EXISTS (SELECT 1 FROM audit_log WHERE id = ${auditId})`,
        {
          kind: 'residency.approved',
          title: '居民认证已通过',
          body: `您在${row.communityName}的居民认证（${row.buildingName} ${request.unit}单元 ${request.room}室）已通过，现在可以附议、表决、报名和预约了。`,
          subject: row.communityName,
          link: '/packages/identity/pages/verify/index',
        },
        at,
      ),
    ])
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('该居民已经是这一户的认证居民，请驳回这条重复申请')
    throw error
  }
  const after = await loadRequest(db, requestId)
  if (after.request.status !== 'approved' || after.request.decidedBy !== staff.id)
    throw alreadyDecided(toRequest(after))
  return toRequest(after)
}

export async function rejectResidencyRequest(
  db: Db,
  actor: SessionUser | null,
  requestId: string,
  reason: string,
): Promise<ResidencyRequest> {
  const row = await loadRequest(db, requestId)
  const staff = await assertStaffOf(db, actor, row.request.communityId)
  if (row.request.status !== 'pending') throw alreadyDecided(toRequest(row))
  const at = now()
  const auditId = newId()
  await runBatch(db, [
    db
      .update(residencyRequests)
      .set({ status: 'rejected', rejectReason: reason, decidedAt: at, decidedBy: staff.id })
      .where(and(eq(residencyRequests.id, requestId), eq(residencyRequests.status, 'pending'))),
    auditIfChangedStatement(
      db,
      {
        communityId: row.request.communityId,
        actorUserId: staff.id,
        action: 'residency_request.reject',
        targetType: 'residency_request',
        targetId: requestId,
        before: { status: 'pending' },
        after: { status: 'rejected', reason },
      },
      auditId,
    ),
    notifySelectStatement(
      db,
      sql`SELECT user_id FROM ${residencyRequests} WHERE id = ${requestId} AND EXISTS (SELECT 1 FROM audit_log WHERE id = ${auditId})`,
      {
        kind: 'residency.rejected',
        title: '居民认证未通过',
        body: `您在${row.communityName}的居民认证申请未通过。原因：${reason}。可以核对后重新申请，或联系居委会。`,
        subject: row.communityName,
        link: '/packages/identity/pages/verify/index',
      },
      at,
    ),
  ])
  const after = await loadRequest(db, requestId)
  if (after.request.status !== 'rejected' || after.request.decidedBy !== staff.id)
    throw alreadyDecided(toRequest(after))
  return toRequest(after)
}

async function loadResidency(db: Db, residencyId: string) {
  const row = await db.select().from(residencies).where(eq(residencies.id, residencyId)).get()
  if (!row) throw notFound('居民认证')
  return row
}

export async function revokeResidency(
  db: Db,
  actor: SessionUser | null,
  residencyId: string,
  reason: string,
) {
  const residency = await loadResidency(db, residencyId)
  const staff = await assertStaffOf(db, actor, residency.communityId)
  if (residency.status !== 'verified') throw new AppError('INVALID_STATE', '该居民认证已被撤销')
  const at = now()
  await runBatch(db, [
    db
      .update(residencies)
      .set({
        status: 'revoked',
        isRepresentative: false,
        revokedAt: at,
        revokedBy: staff.id,
        revokeReason: reason,
      })
      .where(and(eq(residencies.id, residencyId), eq(residencies.status, 'verified'))),
    auditIfChangedStatement(db, {
      communityId: residency.communityId,
      actorUserId: staff.id,
      action: 'residency.revoke',
      targetType: 'residency',
      targetId: residencyId,
      before: { status: 'verified', isRepresentative: residency.isRepresentative },
      after: { status: 'revoked', reason },
    }),
  ])
  return { ok: true as const }
}

export async function setRepresentative(
  db: Db,
  actor: SessionUser | null,
  residencyId: string,
): Promise<Residency> {
  const residency = await loadResidency(db, residencyId)
  const staff = await assertStaffOf(db, actor, residency.communityId)
  if (residency.status !== 'verified')
    throw new AppError('INVALID_STATE', '该居民认证已被撤销，不能设为户代表')
  const previous = await db
    .select({ id: residencies.id })
    .from(residencies)
    .where(
      and(
        eq(residencies.householdId, residency.householdId),
        eq(residencies.status, 'verified'),
        eq(residencies.isRepresentative, true),
      ),
    )
    .get()
  // Unset and set in one batch: the partial unique index keeps one 户代表 per household even
  // when two staff pick different people at the same moment.
  await runBatch(db, [
    // Unset only while the new 户代表 is still verified, so a revocation racing this call can
    // never leave the household without one.
    db
      .update(residencies)
      .set({ isRepresentative: false })
      .where(
        and(
          eq(residencies.householdId, residency.householdId),
          eq(residencies.status, 'verified'),
          eq(residencies.isRepresentative, true),
          sql`EXISTS (SELECT 1 FROM residencies r WHERE r.id = ${residencyId} AND r.status = 'verified')`,
        ),
      ),
    db
      .update(residencies)
      .set({ isRepresentative: true })
      .where(and(eq(residencies.id, residencyId), eq(residencies.status, 'verified'))),
    auditIfChangedStatement(db, {
      communityId: residency.communityId,
      actorUserId: staff.id,
      action: 'residency.set_representative',
      targetType: 'household',
      targetId: residency.householdId,
      before: { representativeResidencyId: previous?.id ?? null },
      after: { representativeResidencyId: residencyId },
    }),
  ])
  const updated = (await residenciesOfUser(db, residency.userId)).find((r) => r.id === residencyId)
  if (!updated) throw new AppError('INVALID_STATE', '该居民认证已被撤销，不能设为户代表')
  return updated
}

// ---------- staff views of people (each view is audited: PIPL) ----------

export async function listHouseholdsForStaff(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
  buildingId: string,
) {
  const staff = await assertStaffOf(db, actor, communityId)
  const building = await db
    .select({ communityId: buildings.communityId })
    .from(buildings)
    .where(eq(buildings.id, buildingId))
    .get()
  if (!building || building.communityId !== communityId) throw notFound('楼栋')
  const at = now()
  const [rows, residentRows, inviteRows] = await Promise.all([
    selectHouseholds(db)
      .where(eq(households.buildingId, buildingId))
      .orderBy(households.unit, households.room),
    db
      .select({
        residencyId: residencies.id,
        householdId: residencies.householdId,
        userId: residencies.userId,
        realName: residencies.realName,
        nickname: users.nickname,
        isRepresentative: residencies.isRepresentative,
      })
      .from(residencies)
      .innerJoin(users, eq(users.id, residencies.userId))
      .innerJoin(households, eq(households.id, residencies.householdId))
      .where(and(eq(households.buildingId, buildingId), eq(residencies.status, 'verified'))),
    db
      .select({ householdId: inviteCodes.householdId, expiresAt: inviteCodes.expiresAt })
      .from(inviteCodes)
      .innerJoin(households, eq(households.id, inviteCodes.householdId))
      .where(
        and(
          eq(households.buildingId, buildingId),
          isNull(inviteCodes.usedAt),
          isNull(inviteCodes.revokedAt),
          gt(inviteCodes.expiresAt, at),
        ),
      ),
  ])
  await auditStatement(db, {
    communityId,
    actorUserId: staff.id,
    action: 'identities.view',
    targetType: 'building',
    targetId: buildingId,
  })
  return {
    items: rows.map((row) => ({
      ...toHousehold(row),
      residents: residentRows
        .filter((r) => r.householdId === row.id)
        .map(({ residencyId, userId, realName, nickname, isRepresentative }) => ({
          residencyId,
          userId,
          realName,
          nickname,
          isRepresentative,
        })),
      openInvite: inviteRows.find((i) => i.householdId === row.id)
        ? { expiresAt: inviteRows.find((i) => i.householdId === row.id)!.expiresAt }
        : null,
    })),
  }
}

export async function listResidentsForStaff(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
  query: { cursor?: string; limit: number },
) {
  const staff = await assertStaffOf(db, actor, communityId)
  const cursor = decodeCursor(query.cursor)
  const rows = await db
    .select({ residency: residencies, nickname: users.nickname, household: householdColumns })
    .from(residencies)
    .innerJoin(users, eq(users.id, residencies.userId))
    .innerJoin(households, eq(households.id, residencies.householdId))
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .innerJoin(compounds, eq(compounds.id, buildings.compoundId))
    .where(
      and(
        eq(residencies.communityId, communityId),
        eq(residencies.status, 'verified'),
        afterCursor(residencies.verifiedAt, residencies.id, cursor, 'desc'),
      ),
    )
    .orderBy(desc(residencies.verifiedAt), desc(residencies.id))
    .limit(query.limit + 1)
  await auditStatement(db, {
    communityId,
    actorUserId: staff.id,
    action: 'identities.view',
    targetType: 'community',
    targetId: communityId,
  })
  const page = toPage(rows, query.limit, (r) => ({ k: r.residency.verifiedAt, id: r.residency.id }))
  return {
    nextCursor: page.nextCursor,
    items: page.items.map(({ residency, nickname, household }) => ({
      residencyId: residency.id,
      userId: residency.userId,
      realName: residency.realName,
      nickname,
      household: toHousehold(household),
      isRepresentative: residency.isRepresentative,
      verifiedAt: residency.verifiedAt,
      via: residency.via,
    })),
  }
}

export async function issueInviteCodes(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
  householdIds: string[],
) {
  const staff = await assertStaffOf(db, actor, communityId)
  const uniqueIds = [...new Set(householdIds)]
  const found = await householdsByIds(db, uniqueIds)
  const foreign = uniqueIds.filter((id) => found.get(id)?.communityId !== communityId)
  if (foreign.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      `有 ${foreign.length} 户不属于本社区或不存在，请刷新后重试`,
    )
  const at = now()
  const expiresAt = at + INVITE_CODE_TTL_MS
  const issued = await Promise.all(
    uniqueIds.map(async (householdId) => {
      const code = newInviteCode()
      return {
        householdId,
        code,
        row: {
          id: newId(),
          communityId,
          householdId,
          codeHash: await sha256Hex(normalizeInviteCode(code)),
          createdBy: staff.id,
          createdAt: at,
          expiresAt,
        },
      }
    }),
  )
  const inserts = []
  for (let i = 0; i < issued.length; i += INVITE_ROWS_PER_INSERT) {
    inserts.push(
      db.insert(inviteCodes).values(issued.slice(i, i + INVITE_ROWS_PER_INSERT).map((x) => x.row)),
    )
  }
  // A new code replaces any open one of the same household, so a lost printout cannot be used.
  const revokes = []
  for (let i = 0; i < uniqueIds.length; i += 90) {
    revokes.push(
      db
        .update(inviteCodes)
        .set({ revokedAt: at })
        .where(
          and(
            inArray(inviteCodes.householdId, uniqueIds.slice(i, i + 90)),
            isNull(inviteCodes.usedAt),
            isNull(inviteCodes.revokedAt),
            // An offline resident's claim code (decision 019) is hers, not the household's.
            isNull(inviteCodes.claimsUserId),
          ),
        ),
    )
  }
  await runBatch(db, [
    ...revokes,
    ...inserts,
    auditStatement(db, {
      communityId,
      actorUserId: staff.id,
      action: 'invite_codes.issue',
      targetType: 'community',
      targetId: communityId,
      after: { householdIds: uniqueIds, expiresAt },
    }),
  ])
  return {
    items: issued.map(({ householdId, code }) => ({
      householdId,
      householdLabel: toHousehold(found.get(householdId)!).label,
      code,
      expiresAt,
    })),
  }
}

/**
 * The user's verified household in a community (the first one, if several), for the domains
 * that count people and households: suggestions, votes, sign-ups, bookings.
 */
export async function residencyIn(db: Db, userId: string, communityId: string) {
  const row = await db
    .select({
      householdId: residencies.householdId,
      buildingName: buildings.name,
      compoundName: compounds.name,
    })
    .from(residencies)
    .innerJoin(households, eq(households.id, residencies.householdId))
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .innerJoin(compounds, eq(compounds.id, buildings.compoundId))
    .where(
      and(
        eq(residencies.userId, userId),
        eq(residencies.communityId, communityId),
        eq(residencies.status, 'verified'),
      ),
    )
    .orderBy(residencies.verifiedAt)
    .get()
  return row ?? null
}

/** Only verified residents of the community take part (support, vote, sign up, book). */
export async function assertResidentOf(db: Db, actor: SessionUser | null, communityId: string) {
  const user = requireUser(actor)
  const residency = await residencyIn(db, user.id, communityId)
  if (!residency) throw new AppError('FORBIDDEN', '请先完成本社区的居民认证')
  return { user, residency }
}
