import { sql } from 'drizzle-orm'
import type { Db } from '../lib/env'
import { auditIfChangedStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import { requireUser } from '../lib/auth'
import { runBatch, isUniqueViolation } from '../lib/db'
import { AppError, conflict, forbidden, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { now } from '../lib/time'
import { GRID_ROLE_NAMES } from './grid-roles-service'
import { ledBuildingIdsSql } from './grid-scope'

// The people of some buildings as their 楼组长 or 网格员 sees them (decision 018): households by
// room, residents by nickname — a real name only where staff entered it (a resident registered by
// staff for 代办), never the one a resident typed into her own request — and the pending
// verification requests she may vouch for. Staff still decide every request.

export type BuildingHousehold = {
  id: string
  buildingId: string
  unit: string
  room: string
  /** "槐荫里 5号楼 2单元 301室" */
  label: string
  residents: { nickname: string; realName: string | null; isRepresentative: boolean }[]
}

const inList = (ids: readonly string[]) =>
  sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`

/** Every household of the buildings, with its verified residents (empty households included). */
export async function householdsOfBuildings(
  db: Db,
  buildingIds: readonly string[],
): Promise<BuildingHousehold[]> {
  if (buildingIds.length === 0) return []
  const [homes, people] = await Promise.all([
    db.all<{ id: string; buildingId: string; unit: string; room: string; label: string }>(sql`
      SELECT h.id AS id, h.building_id AS buildingId, h.unit AS unit, h.room AS room,
        cp.name || ' ' || b.name || ' ' || h.unit || '单元 ' || h.room || '室' AS label
      FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds cp ON cp.id = b.compound_id
      WHERE h.building_id IN ${inList(buildingIds)}
      ORDER BY cp.sort_order, b.sort_order, h.unit, h.room`),
    db.all<{
      householdId: string
      nickname: string
      realName: string | null
      isRepresentative: number
    }>(sql`
      SELECT r.household_id AS householdId, u.nickname AS nickname,
        CASE WHEN r.via = 'registered' THEN r.real_name END AS realName,
        r.is_representative AS isRepresentative
      FROM residencies r JOIN households h ON h.id = r.household_id JOIN users u ON u.id = r.user_id
      WHERE r.status = 'verified' AND h.building_id IN ${inList(buildingIds)}
      ORDER BY r.is_representative DESC, r.verified_at`),
  ])
  return homes.map((h) => ({
    ...h,
    residents: people
      .filter((p) => p.householdId === h.id)
      .map((p) => ({
        nickname: p.nickname,
        realName: p.realName,
        isRepresentative: Boolean(p.isRepresentative),
      })),
  }))
}

export type PendingRequestForLeader = {
  id: string
  buildingId: string
  nickname: string
  /** Where she says she lives: "槐荫里 5号楼 2单元 301室". */
  label: string
  createdAt: number
  vouches: number
  vouchedByMe: boolean
}

/**
 * The pending verification requests for the buildings, without the real name and note the
 * requester wrote for staff: the 楼组长 recognises a neighbour by nickname and door.
 */
export async function pendingRequestsOfBuildings(
  db: Db,
  viewerId: string,
  buildingIds: readonly string[],
): Promise<PendingRequestForLeader[]> {
  if (buildingIds.length === 0) return []
  const rows = await db.all<{
    id: string
    buildingId: string
    nickname: string
    label: string
    createdAt: number
    vouches: number
    mine: number
  }>(sql`
    SELECT q.id AS id, q.building_id AS buildingId, u.nickname AS nickname,
      cp.name || ' ' || b.name || ' ' || q.unit || '单元 ' || q.room || '室' AS label,
      q.created_at AS createdAt,
      (SELECT COUNT(*) FROM residency_vouches v WHERE v.request_id = q.id) AS vouches,
      EXISTS (SELECT 1 FROM residency_vouches v WHERE v.request_id = q.id AND v.voucher_user_id = ${viewerId}) AS mine
    FROM residency_requests q
    JOIN users u ON u.id = q.user_id
    JOIN buildings b ON b.id = q.building_id JOIN compounds cp ON cp.id = b.compound_id
    WHERE q.status = 'pending' AND q.building_id IN ${inList(buildingIds)}
    ORDER BY q.created_at, q.id`)
  return rows.map((r) => ({
    id: r.id,
    buildingId: r.buildingId,
    nickname: r.nickname,
    label: r.label,
    createdAt: Number(r.createdAt),
    vouches: Number(r.vouches),
    vouchedByMe: Boolean(r.mine),
  }))
}

/**
 * A 楼组长 (or 网格员) vouches for a pending request of a building she looks after. The insert
 * lands only while the request is pending and she looks after its building at that instant (both
 * in its WHERE); the audit row only if it landed. Vouching twice is refused.
 */
export async function vouchForRequest(db: Db, actor: SessionUser | null, requestId: string) {
  const user = requireUser(actor)
  const request = await db.get<{ communityId: string; buildingId: string; status: string }>(sql`
    SELECT community_id AS communityId, building_id AS buildingId, status
    FROM residency_requests WHERE id = ${requestId}`)
  if (!request) throw notFound('认证申请')
  const role = await db.get<{ role: 'grid_worker' | 'building_leader' }>(sql`
    SELECT g.role AS role FROM grid_role_grants g
    WHERE g.user_id = ${user.id} AND g.revoked_at IS NULL AND ${request.buildingId} IN ${ledBuildingIdsSql(user.id)}
    ORDER BY g.role = 'building_leader' DESC LIMIT 1`)
  if (!role) throw forbidden('只有这栋楼的楼组长或所在网格的网格员可以为申请作证')
  if (request.status !== 'pending')
    throw new AppError('INVALID_STATE', '这份申请已经处理，不需要再作证', undefined, undefined, {
      currentStatus: request.status,
    })
  const auditId = newId()
  try {
    await runBatch(db, [
      db.run(sql`
        INSERT INTO residency_vouches (request_id, voucher_user_id, role, created_at)
        SELECT ${requestId}, ${user.id}, ${role.role}, ${now()}
        WHERE EXISTS (SELECT 1 FROM residency_requests WHERE id = ${requestId} AND status = 'pending')
          AND ${request.buildingId} IN ${ledBuildingIdsSql(user.id)}`),
      auditIfChangedStatement(
        db,
        {
          communityId: request.communityId,
          actorUserId: user.id,
          action: 'residency_request.vouch',
          targetType: 'residency_request',
          targetId: requestId,
          after: { role: role.role },
        },
        auditId,
      ),
    ])
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('您已经为这份申请作过证')
    throw error
  }
  const landed = await db.get<{ one: number }>(
    sql`SELECT 1 AS one FROM audit_log WHERE id = ${auditId}`,
  )
  if (!landed) throw new AppError('INVALID_STATE', '这份申请刚刚被处理，不需要再作证')
  return { ok: true as const, roleName: GRID_ROLE_NAMES[role.role] }
}

/** Who vouched for each request (staff see it on the request). */
export async function vouchesOfRequests(db: Db, requestIds: readonly string[]) {
  const byRequest = new Map<string, { nickname: string; roleName: string; createdAt: number }[]>()
  if (requestIds.length === 0) return byRequest
  const rows = await db.all<{
    requestId: string
    nickname: string
    role: 'grid_worker' | 'building_leader'
    createdAt: number
  }>(sql`
    SELECT v.request_id AS requestId, u.nickname AS nickname, v.role AS role, v.created_at AS createdAt
    FROM residency_vouches v JOIN users u ON u.id = v.voucher_user_id
    WHERE v.request_id IN ${inList(requestIds)}
    ORDER BY v.created_at`)
  for (const r of rows)
    byRequest.set(r.requestId, [
      ...(byRequest.get(r.requestId) ?? []),
      { nickname: r.nickname, roleName: GRID_ROLE_NAMES[r.role], createdAt: Number(r.createdAt) },
    ])
  return byRequest
}

export type BuildingPeople = {
  households: number
  householdsWithResidents: number
  residents: number
  pendingRequests: number
}

/** Households, verified residents and pending requests of each building of a community. */
export async function peopleByBuilding(
  db: Db,
  communityId: string,
): Promise<Map<string, BuildingPeople>> {
  const [homes, people, pending] = await Promise.all([
    db.all<{ buildingId: string; n: number }>(sql`
      SELECT building_id AS buildingId, COUNT(*) AS n FROM households
      WHERE community_id = ${communityId} GROUP BY building_id`),
    db.all<{ buildingId: string; residents: number; households: number }>(sql`
      SELECT h.building_id AS buildingId, COUNT(*) AS residents, COUNT(DISTINCT r.household_id) AS households
      FROM residencies r JOIN households h ON h.id = r.household_id
      WHERE r.community_id = ${communityId} AND r.status = 'verified' GROUP BY h.building_id`),
    db.all<{ buildingId: string; n: number }>(sql`
      SELECT building_id AS buildingId, COUNT(*) AS n FROM residency_requests
      WHERE community_id = ${communityId} AND status = 'pending' GROUP BY building_id`),
  ])
  const figures = new Map<string, BuildingPeople>()
  const at = (id: string) => {
    const current = figures.get(id) ?? {
      households: 0,
      householdsWithResidents: 0,
      residents: 0,
      pendingRequests: 0,
    }
    figures.set(id, current)
    return current
  }
  for (const h of homes) at(h.buildingId).households = Number(h.n)
  for (const p of people) {
    at(p.buildingId).residents = Number(p.residents)
    at(p.buildingId).householdsWithResidents = Number(p.households)
  }
  for (const q of pending) at(q.buildingId).pendingRequests = Number(q.n)
  return figures
}

/**
 * People staff may name 网格员 or 楼组长: verified residents of the community and holders of a
 * community role, found by nickname or room (at most 30).
 */
export async function gridCandidates(db: Db, communityId: string, q: string | undefined) {
  const like = `%${(q ?? '').trim().replace(/[%_]/g, '')}%`
  return db.all<{ userId: string; nickname: string; household: string | null }>(sql`
    SELECT u.id AS userId, u.nickname AS nickname,
      (SELECT cp.name || ' ' || b.name || ' ' || h.unit || '单元 ' || h.room || '室'
         FROM residencies r JOIN households h ON h.id = r.household_id
         JOIN buildings b ON b.id = h.building_id JOIN compounds cp ON cp.id = b.compound_id
         WHERE r.user_id = u.id AND r.community_id = ${communityId} AND r.status = 'verified'
         ORDER BY r.verified_at LIMIT 1) AS household
    FROM users u
    WHERE (EXISTS (SELECT 1 FROM residencies r WHERE r.user_id = u.id AND r.community_id = ${communityId} AND r.status = 'verified')
        OR EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.community_id = ${communityId}))
      AND (u.nickname LIKE ${like} OR EXISTS (
        SELECT 1 FROM residencies r JOIN households h ON h.id = r.household_id
        WHERE r.user_id = u.id AND r.community_id = ${communityId} AND r.status = 'verified'
          AND (h.room LIKE ${like} OR h.unit || '-' || h.room LIKE ${like})))
    ORDER BY u.nickname LIMIT 30`)
}
