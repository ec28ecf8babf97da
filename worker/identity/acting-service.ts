import { sql } from 'drizzle-orm'
import { households, inviteCodes, residencies, users } from '../../db/schema'
import type { Db } from '../lib/env'
import { auditIfChangedStatement, auditStatement } from '../lib/audit'
import { requireUser, type SessionUser } from '../lib/auth'
import { newInviteCode, normalizeInviteCode, sha256Hex } from '../lib/crypto'
import { runBatch } from '../lib/db'
import { AppError, conflict, forbidden, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { now } from '../lib/time'
import { assertMayActFor } from './acting'
import { holdsRole } from './authz'
import { ledBuildingIdsSql } from './grid-scope'
import { toHousehold, type HouseholdRow } from './households'
import { INVITE_CODE_TTL_MS } from './residency-service'
import type { ActingResident, RegisterOfflineResidentInput } from './acting-schemas'

// 代办 in identity (decision 019): registering a resident who has no WeChat, finding the residents
// one may act for, and the code with which she later takes her account over.

/** The prefix of an offline resident's openid: WeChat's openids never contain a colon. */
export const OFFLINE_OPENID_PREFIX = 'offline:'

type ResidentRow = HouseholdRow & {
  userId: string
  nickname: string
  realName: string | null
  via: string
  phone: string | null
  registeredBy: string | null
  claimedAt: number | null
}

const residentColumns = sql`u.id AS userId, u.nickname AS nickname, r.real_name AS realName, r.via AS via,
  u.phone AS phone, u.registered_by AS registeredBy, u.claimed_at AS claimedAt,
  h.id AS id, h.community_id AS communityId, h.unit AS unit, h.room AS room, h.floor_area_dm2 AS floorAreaDm2,
  b.id AS buildingId, b.name AS buildingName, c.name AS compoundName`

const residentJoins = sql`FROM residencies r
  JOIN users u ON u.id = r.user_id
  JOIN households h ON h.id = r.household_id
  JOIN buildings b ON b.id = h.building_id
  JOIN compounds c ON c.id = b.compound_id`

function toResident(row: ResidentRow): ActingResident {
  return {
    userId: row.userId,
    nickname: row.nickname,
    // Real names only when staff or her 楼组长 entered them (decision 019; the grid's rule).
    realName: row.via === 'registered' ? row.realName : null,
    phone: row.phone,
    household: toHousehold(row),
    offline: row.registeredBy !== null && row.claimedAt === null,
  }
}

/** Staff of the community, or a 楼组长 / 网格员 of the household's building. */
async function assertMayRegisterIn(db: Db, actor: SessionUser, householdId: string) {
  const row = await db.get<{ communityId: string; leads: number }>(sql`
    SELECT h.community_id AS communityId, h.building_id IN ${ledBuildingIdsSql(actor.id)} AS leads
    FROM households h WHERE h.id = ${householdId}`)
  if (!row) throw new AppError('VALIDATION_FAILED', '所选住户不存在，请刷新后重新选择')
  if (Number(row.leads) === 1) return row.communityId
  if (await holdsRole(db, actor, row.communityId, ['staff', 'admin'])) return row.communityId
  throw forbidden('只有本社区的工作人员，或这栋楼的楼组长、网格员可以登记居民')
}

/**
 * Registers a resident who has no WeChat: an account nobody can sign in to (decision 019) and a
 * verified residency in the household, in one batch. The same name twice in one household is
 * refused inside the INSERT (two helpers registering 张阿姨 at once leave one account).
 */
export async function registerOfflineResident(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
  input: RegisterOfflineResidentInput,
): Promise<ActingResident> {
  const signedIn = requireUser(actor)
  const householdCommunity = await assertMayRegisterIn(db, signedIn, input.householdId)
  if (householdCommunity !== communityId)
    throw new AppError('VALIDATION_FAILED', '所选住户不属于本社区，请重新选择')
  const id = newId()
  const residencyId = newId()
  const at = now()
  const sameName = sql`SELECT 1 FROM ${residencies} WHERE household_id = ${input.householdId}
    AND status = 'verified' AND real_name = ${input.realName}`
  await runBatch(db, [
    db.run(sql`
      INSERT INTO ${users} (id, openid, nickname, current_community_id, registered_by, registered_at, phone, created_at)
      SELECT ${id}, ${OFFLINE_OPENID_PREFIX + id}, ${input.nickname}, ${communityId}, ${signedIn.id}, ${at}, ${input.phone ?? null}, ${at}
      WHERE NOT EXISTS (${sameName})`),
    db.run(sql`
      INSERT INTO ${residencies} (id, user_id, household_id, community_id, status, via, real_name, is_representative, verified_at, verified_by)
      SELECT ${residencyId}, ${id}, ${input.householdId}, ${communityId}, 'verified', 'registered', ${input.realName}, 0, ${at}, ${signedIn.id}
      WHERE EXISTS (SELECT 1 FROM ${users} WHERE id = ${id})`),
    // After the residency's INSERT: written only if she was registered.
    auditIfChangedStatement(db, {
      communityId,
      actorUserId: signedIn.id,
      onBehalfOfUserId: id,
      action: 'resident.register',
      targetType: 'user',
      targetId: id,
      after: { householdId: input.householdId, name: input.nickname, consentConfirmed: true },
    }),
  ])
  const created = await residentById(db, id, communityId)
  if (!created) throw conflict(`这一户已登记过名为“${input.realName}”的居民，请在列表中找到她`)
  return created
}

async function residentById(db: Db, userId: string, communityId: string) {
  const row = await db.get<ResidentRow>(sql`SELECT ${residentColumns} ${residentJoins}
    WHERE r.user_id = ${userId} AND r.community_id = ${communityId} AND r.status = 'verified'
    ORDER BY r.verified_at LIMIT 1`)
  return row ? toResident(row) : null
}

/**
 * The residents `actor` may act for in a community: all its verified residents for staff, those
 * of her buildings for a 楼组长 / 网格员. Searched by 称呼, 姓名 or room. A view of identities,
 * audited like the staff's residents list.
 */
export async function listActingResidents(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
  query: { q?: string },
): Promise<{ items: ActingResident[] }> {
  const signedIn = requireUser(actor)
  const staff = await holdsRole(db, signedIn, communityId, ['staff', 'admin'])
  const scope = staff ? sql`` : sql`AND h.building_id IN ${ledBuildingIdsSql(signedIn.id)}`
  const q = query.q?.trim()
  const search = q
    ? sql`AND (u.nickname LIKE ${`%${q}%`} OR (r.via = 'registered' AND r.real_name LIKE ${`%${q}%`}) OR h.room LIKE ${`%${q}%`})`
    : sql``
  const rows = await db.all<ResidentRow>(sql`SELECT ${residentColumns} ${residentJoins}
    WHERE r.community_id = ${communityId} AND r.status = 'verified' AND u.id <> ${signedIn.id} ${scope} ${search}
    ORDER BY b.name, h.unit, h.room, u.nickname LIMIT 60`)
  if (!staff && rows.length === 0) {
    // Nobody in scope: say whether the caller has any scope here at all.
    const leads = await db.get(sql`SELECT 1 AS one FROM households h
      WHERE h.community_id = ${communityId} AND h.building_id IN ${ledBuildingIdsSql(signedIn.id)} LIMIT 1`)
    if (!leads) throw forbidden('只有本社区的工作人员、楼组长或网格员可以代办')
  }
  await runBatch(db, [
    auditStatement(db, {
      communityId,
      actorUserId: signedIn.id,
      action: 'identities.view',
      targetType: 'community',
      targetId: communityId,
      after: { view: 'acting_residents', ...(q ? { q } : {}) },
    }),
  ])
  return { items: rows.map(toResident) }
}

/** One resident as the 代办 pages show her (the banner's name, her household). */
export async function actingResident(
  db: Db,
  actor: SessionUser | null,
  residentUserId: string,
): Promise<ActingResident & { communityId: string }> {
  const acting = await assertMayActFor(db, actor, residentUserId)
  const found = await residentById(db, residentUserId, acting.communityId)
  if (!found) throw notFound('居民')
  return { ...found, communityId: acting.communityId }
}

/**
 * An invite code that hands the offline resident's account to whoever signs in with it (she, on
 * her new phone). A new code replaces her earlier open one. Shown once, like household codes.
 */
export async function issueClaimCode(
  db: Db,
  actor: SessionUser | null,
  residentUserId: string,
): Promise<{ code: string; expiresAt: number }> {
  const acting = await assertMayActFor(db, actor, residentUserId)
  const row = await db.get<{
    registeredBy: string | null
    claimedAt: number | null
    householdId: string
    communityId: string
  }>(sql`SELECT u.registered_by AS registeredBy, u.claimed_at AS claimedAt, r.household_id AS householdId,
      r.community_id AS communityId
    FROM users u JOIN residencies r ON r.user_id = u.id AND r.status = 'verified'
    WHERE u.id = ${residentUserId} ORDER BY r.verified_at LIMIT 1`)
  if (!row || row.registeredBy === null || row.claimedAt !== null)
    throw new AppError('INVALID_STATE', '这位居民已经用自己的微信登录，不需要认领码')
  const code = newInviteCode()
  const at = now()
  const expiresAt = at + INVITE_CODE_TTL_MS
  await runBatch(db, [
    db.run(sql`UPDATE ${inviteCodes} SET revoked_at = ${at}
      WHERE claims_user_id = ${residentUserId} AND used_at IS NULL AND revoked_at IS NULL`),
    db.insert(inviteCodes).values({
      id: newId(),
      communityId: row.communityId,
      householdId: row.householdId,
      codeHash: await sha256Hex(normalizeInviteCode(code)),
      createdBy: acting.actedBy,
      createdAt: at,
      expiresAt,
      claimsUserId: residentUserId,
    }),
    auditStatement(db, {
      communityId: row.communityId,
      actorUserId: acting.actedBy,
      onBehalfOfUserId: residentUserId,
      action: 'resident.claim_code',
      targetType: 'user',
      targetId: residentUserId,
      after: { expiresAt },
    }),
  ])
  return { code, expiresAt }
}

/** Households of a community the caller may register residents in (door-number search). */
export async function householdsForRegistering(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
  room: string,
) {
  const signedIn = requireUser(actor)
  const staff = await holdsRole(db, signedIn, communityId, ['staff', 'admin'])
  const scope = staff ? sql`` : sql`AND h.building_id IN ${ledBuildingIdsSql(signedIn.id)}`
  const rows = await db.all<HouseholdRow>(sql`SELECT h.id AS id, h.community_id AS communityId,
      h.unit AS unit, h.room AS room, h.floor_area_dm2 AS floorAreaDm2, b.id AS buildingId,
      b.name AS buildingName, c.name AS compoundName
    FROM ${households} h JOIN buildings b ON b.id = h.building_id JOIN compounds c ON c.id = b.compound_id
    WHERE h.community_id = ${communityId} AND h.room LIKE ${`%${room.trim()}%`} ${scope}
    ORDER BY c.name, b.name, h.unit, h.room LIMIT 30`)
  if (!staff && rows.length === 0) {
    const leads = await db.get(sql`SELECT 1 AS one FROM households h
      WHERE h.community_id = ${communityId} AND h.building_id IN ${ledBuildingIdsSql(signedIn.id)} LIMIT 1`)
    if (!leads) throw forbidden('只有本社区的工作人员、楼组长或网格员可以登记居民')
  }
  return { items: rows.map(toHousehold) }
}
