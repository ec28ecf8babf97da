import { sql } from 'drizzle-orm'
import type { Db } from '../lib/env'
import { requireUser, type SessionUser } from '../lib/auth'
import { AppError, forbidden, notFound } from '../lib/errors'
import { ledBuildingIdsSql } from './grid-scope'

// 代办 (decision 019): staff and 楼组长 act for a resident — often one without WeChat. This is the
// one rule of who may act for whom; every domain that takes `actingFor` asks here first and then
// runs its own rules as the resident, so a 代办 act counts exactly like her own.

export type Acting = {
  /** Who the act is for: the resident (as the domain's services expect a signed-in user). */
  user: SessionUser
  /** Who did it: the staff member or 楼组长, written to the act's `acted_by`. */
  actedBy: string
  /** The community of her residency the actor may act in. */
  communityId: string
}

type ScopeRow = {
  id: string
  nickname: string
  consent_version: string | null
  current_community_id: string | null
  community_id: string
  building_id: string
  staff: number
  leads: number
}

/**
 * May `actor` act for this resident? Yes for staff or an admin of a community where she is a
 * verified resident, and for a 楼组长 / 网格员 whose buildings hold her household. `communityId`
 * narrows it to her residency there (a 金点子 of that community, its meeting), `householdId` to
 * that household (her paper ballot). One query.
 */
export async function assertMayActFor(
  db: Db,
  actor: SessionUser | null,
  residentUserId: string,
  options: { communityId?: string; householdId?: string } = {},
): Promise<Acting> {
  const signedIn = requireUser(actor)
  if (residentUserId === signedIn.id)
    throw new AppError('VALIDATION_FAILED', '不能为自己代办，请直接操作')
  const rows = await db.all<ScopeRow>(sql`
    SELECT u.id, u.nickname, u.consent_version, u.current_community_id, r.community_id, h.building_id,
      EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = ${signedIn.id} AND g.community_id = r.community_id
              AND g.role IN ('staff', 'admin')) AS staff,
      h.building_id IN ${ledBuildingIdsSql(signedIn.id)} AS leads
    FROM users u
    JOIN residencies r ON r.user_id = u.id AND r.status = 'verified'
    JOIN households h ON h.id = r.household_id
    WHERE u.id = ${residentUserId}
      ${options.communityId ? sql`AND r.community_id = ${options.communityId}` : sql``}
      ${options.householdId ? sql`AND r.household_id = ${options.householdId}` : sql``}`)
  if (rows.length === 0)
    throw options.householdId
      ? new AppError('VALIDATION_FAILED', '这位居民不是所选住户的认证居民，请核对')
      : notFound('该居民（或她在本社区的认证）')
  const allowed = rows.find((r) => Number(r.staff) === 1 || Number(r.leads) === 1)
  if (!allowed)
    throw forbidden('只有居民所在社区的工作人员，或她所在楼组的楼组长、网格员可以为她代办')
  return {
    user: {
      id: allowed.id,
      nickname: allowed.nickname,
      consentVersion: allowed.consent_version,
      currentCommunityId: allowed.current_community_id ?? allowed.community_id,
      // The actor's session: nobody can hold a session of an offline resident.
      sessionId: signedIn.sessionId,
    },
    actedBy: signedIn.id,
    communityId: allowed.community_id,
  }
}

/**
 * The user a request acts as: the caller herself, or — with `actingFor` — the resident she acts
 * for, after assertMayActFor. `actedBy` is null when nobody acts for anyone.
 */
export async function actingAs(
  db: Db,
  actor: SessionUser | null,
  actingFor: string | undefined,
  options: { communityId?: string } = {},
): Promise<{ user: SessionUser | null; actedBy: string | null }> {
  if (!actingFor) return { user: actor, actedBy: null }
  return assertMayActFor(db, actor, actingFor, options)
}

/** The nicknames of who acted, for "由 王老师 代办" on the resident's own views. */
export async function actorNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))]
  if (wanted.length === 0) return new Map()
  const rows = await db.all<{ id: string; nickname: string }>(
    sql`SELECT id, nickname FROM users WHERE id IN (${sql.join(
      wanted.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  )
  return new Map(rows.map((r) => [r.id, r.nickname]))
}

/**
 * Her data (PIPL access and deletion) while she cannot sign in: staff or an admin of her
 * community act on her written request (decision 019). Not her 楼组长: deleting an account and
 * handing over a copy of everything held are the 居委会's acts. Once she has claimed the account,
 * she does both herself in 我的.
 */
export async function assertStaffForOfflineResident(
  db: Db,
  actor: SessionUser | null,
  residentUserId: string,
): Promise<{ staffId: string; communityId: string }> {
  const signedIn = requireUser(actor)
  const row = await db.get<{ community_id: string; staff: number; offline: number }>(sql`
    SELECT r.community_id,
      EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = ${signedIn.id} AND g.community_id = r.community_id
              AND g.role IN ('staff', 'admin')) AS staff,
      (u.registered_by IS NOT NULL AND u.claimed_at IS NULL) AS offline
    FROM users u JOIN residencies r ON r.user_id = u.id AND r.status = 'verified'
    WHERE u.id = ${residentUserId}
    ORDER BY staff DESC LIMIT 1`)
  if (!row) throw notFound('该居民')
  if (Number(row.staff) !== 1) throw forbidden('只有居民所在社区的工作人员可以办理')
  if (Number(row.offline) !== 1)
    throw new AppError('INVALID_STATE', '这位居民已经用自己的微信登录，请她在“我的”里自己办理')
  return { staffId: signedIn.id, communityId: row.community_id }
}
