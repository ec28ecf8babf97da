import { and, eq, isNull, like } from 'drizzle-orm'
import {
  communities, privacyConsents, residencies, residencyRequests, roleGrants, sessions, streets, users,
} from '../../db/schema'
import type { Db } from '../lib/env'
import { runBatch } from '../lib/db'
import type { SessionUser } from '../lib/auth'
import { DEV_OPENID_PREFIX, getUser } from './auth-service'
import { residenciesOfUser, requestsOfUser } from './residency-service'
import { suggestionDataOf } from '../suggestions/personal-data'
import { conventionDataOf } from '../conventions/personal-data'
import { bookingDataOf } from '../bookings/personal-data'
import { forgetMeetingsStatements, meetingDataOf } from '../meetings/personal-data'
import { rolesOfUser } from './roles-service'
import type { Me } from './schemas'

export async function getMe(db: Db, sessionUser: SessionUser): Promise<Me> {
  const user = await getUser(db, sessionUser.id)
  const [currentCommunity, residencyList, roles, residencyRequests] = await Promise.all([
    user.currentCommunityId
      ? db.select({ id: communities.id, name: communities.name, streetName: streets.name })
          .from(communities)
          .innerJoin(streets, eq(streets.id, communities.streetId))
          .where(eq(communities.id, user.currentCommunityId))
          .get()
      : undefined,
    residenciesOfUser(db, user.id),
    rolesOfUser(db, user.id),
    requestsOfUser(db, user.id),
  ])
  return { user, currentCommunity: currentCommunity ?? null, residencies: residencyList, roles, residencyRequests }
}

const ROLE_NAMES = { staff: '居委会工作人员', committee: '议事会成员', planner: '街巷规划师', centre_manager: '邻里中心管理员', admin: '管理员' }

/** The dev-login picker: each demo user with what they are, so a developer picks the right one. */
export async function listDevUsers(db: Db) {
  const rows = await db
    .select({ id: users.id, openid: users.openid, nickname: users.nickname })
    .from(users)
    .where(like(users.openid, `${DEV_OPENID_PREFIX}%`))
    .orderBy(users.openid)
  const [grants, lives] = await Promise.all([
    db.select({ userId: roleGrants.userId, role: roleGrants.role, communityName: communities.name })
      .from(roleGrants).innerJoin(communities, eq(communities.id, roleGrants.communityId)),
    db.select({ userId: residencies.userId, status: residencies.status }).from(residencies).where(eq(residencies.status, 'verified')),
  ])
  return {
    users: rows.map((u) => {
      const roles = grants.filter((g) => g.userId === u.id).map((g) => `${g.communityName}${ROLE_NAMES[g.role]}`)
      const resident = lives.some((l) => l.userId === u.id)
      const description = [...roles, resident ? '已认证居民' : '未认证居民'].join(' · ')
      return { key: u.openid.slice(DEV_OPENID_PREFIX.length), nickname: u.nickname, description }
    }),
  }
}

/** Everything we hold about the user (PIPL: the right to a copy). */
export async function exportMyData(db: Db, sessionUser: SessionUser) {
  const me = await getMe(db, sessionUser)
  const [account, consents, allResidencies, suggestionData, conventionData, bookingData, meetingData] = await Promise.all([
    db.select({ openid: users.openid, createdAt: users.createdAt, consentedAt: users.consentedAt }).from(users).where(eq(users.id, sessionUser.id)).get(),
    db.select({ version: privacyConsents.version, acceptedAt: privacyConsents.acceptedAt }).from(privacyConsents).where(eq(privacyConsents.userId, sessionUser.id)),
    db.select({ id: residencies.id, householdId: residencies.householdId, status: residencies.status, realName: residencies.realName,
      verifiedAt: residencies.verifiedAt, revokedAt: residencies.revokedAt, revokeReason: residencies.revokeReason })
      .from(residencies).where(eq(residencies.userId, sessionUser.id)),
    // Each domain answers for its own tables.
    suggestionDataOf(db, sessionUser.id),
    conventionDataOf(db, sessionUser.id),
    bookingDataOf(db, sessionUser.id),
    meetingDataOf(db, sessionUser.id),
  ])
  return {
    exportedAt: Date.now(),
    account: { ...me.user, openid: account?.openid ?? '', createdAt: account?.createdAt ?? 0 },
    privacyConsents: consents,
    residencies: allResidencies,
    residencyRequests: me.residencyRequests,
    roles: me.roles,
    suggestions: suggestionData,
    conventions: conventionData,
    bookings: bookingData,
    meetings: meetingData,
  }
}

/**
 * Deletes the account (PIPL): personal data is erased, the row stays as "已注销用户" so that
 * public records (suggestions, audit entries) keep a consistent author without naming anyone.
 */
export async function deleteMyAccount(db: Db, sessionUser: SessionUser) {
  const at = Date.now()
  await runBatch(db, [
    ...(await forgetMeetingsStatements(db, sessionUser.id, at)),
    db.update(sessions).set({ revokedAt: at }).where(and(eq(sessions.userId, sessionUser.id), isNull(sessions.revokedAt))),
    db.update(residencies)
      .set({ status: 'revoked', isRepresentative: false, realName: null, revokedAt: at, revokeReason: '用户注销账号' })
      .where(and(eq(residencies.userId, sessionUser.id), eq(residencies.status, 'verified'))),
    db.update(residencies).set({ realName: null }).where(eq(residencies.userId, sessionUser.id)),
    db.update(residencyRequests).set({ realName: '', note: null }).where(eq(residencyRequests.userId, sessionUser.id)),
    db.delete(roleGrants).where(eq(roleGrants.userId, sessionUser.id)),
    db.update(users)
      .set({ openid: `deleted:${sessionUser.id}`, nickname: '已注销用户', currentCommunityId: null })
      .where(eq(users.id, sessionUser.id)),
  ])
  return { ok: true as const }
}
