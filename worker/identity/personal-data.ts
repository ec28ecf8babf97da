import { and, eq, isNull } from 'drizzle-orm'
import {
  centreRoleGrants,
  centres,
  gridRoleGrants,
  inviteCodes,
  ownerProxies,
  owners,
  privacyConsents,
  residencies,
  residencyRequests,
  residencyVouches,
  roleGrants,
  sessions,
  unitOwners,
  unitTitles,
  users,
} from '../../db/schema'
import type { PersonalData } from '../lib/personal-data'
import { getMe } from './me-service'
import { ownershipExport } from './ownership-service'
import { gridExport } from './grid-roles-service'

/**
 * The account, its consents, residencies, requests and roles. Deletion erases the personal data
 * and keeps the users row as "已注销用户" so that public records (suggestions, audit entries)
 * keep a consistent author without naming anyone (decision 004). Invite codes name the staff
 * who made them and the account that used them; they expire and stay as the record.
 *
 * Ownership (decision 011) is exported in full, certificate numbers included. On deletion the
 * owner row is kept and unlinked from the account: the owner register is the community's record
 * of who holds each unit (the Civil Code votes need it whether or not the owner uses the app), so
 * the owner stays recorded by name, with the title and its certificate number; 委托 naming the
 * account as proxy are revoked (the account that could act is gone).
 *
 * 网格员 / 楼组长 grants and vouches (decision 018) are exported; on deletion live grants are
 * revoked and the rows stay, as staff's record of who looked after which buildings and who vouched
 * for a request they decided (the account itself becomes "已注销用户").
 *
 * 邻里中心管理员 grants (decision 020) are exported; on deletion live ones are revoked and the rows
 * stay, as the record of who ran the centre when.
 */
export const identityPersonalData: PersonalData = {
  domain: 'identity',
  tables: [
    users,
    sessions,
    privacyConsents,
    residencies,
    residencyRequests,
    roleGrants,
    inviteCodes,
    owners,
    unitTitles,
    unitOwners,
    ownerProxies,
    gridRoleGrants,
    residencyVouches,
    centreRoleGrants,
  ],
  async exportOf(db, userId) {
    const [me, account, consents, allResidencies, ownership, grid] = await Promise.all([
      getMe(db, { id: userId }),
      db
        .select({
          openid: users.openid,
          createdAt: users.createdAt,
          consentedAt: users.consentedAt,
          phone: users.phone,
          registeredBy: users.registeredBy,
          registeredAt: users.registeredAt,
          claimedAt: users.claimedAt,
        })
        .from(users)
        .where(eq(users.id, userId))
        .get(),
      db
        .select({ version: privacyConsents.version, acceptedAt: privacyConsents.acceptedAt })
        .from(privacyConsents)
        .where(eq(privacyConsents.userId, userId)),
      db
        .select({
          id: residencies.id,
          householdId: residencies.householdId,
          status: residencies.status,
          realName: residencies.realName,
          verifiedAt: residencies.verifiedAt,
          revokedAt: residencies.revokedAt,
          revokeReason: residencies.revokeReason,
        })
        .from(residencies)
        .where(eq(residencies.userId, userId)),
      ownershipExport(db, userId),
      gridExport(db, userId),
    ])
    const centreRoles = await db
      .select({
        centreId: centreRoleGrants.centreId,
        centreName: centres.name,
        role: centreRoleGrants.role,
        grantedAt: centreRoleGrants.grantedAt,
        revokedAt: centreRoleGrants.revokedAt,
      })
      .from(centreRoleGrants)
      .innerJoin(centres, eq(centres.id, centreRoleGrants.centreId))
      .where(eq(centreRoleGrants.userId, userId))
    return {
      account: {
        ...me.user,
        openid: account?.openid ?? '',
        createdAt: account?.createdAt ?? 0,
        // 代办 (decision 019): who registered her without WeChat, her phone as staff entered it.
        phone: account?.phone ?? null,
        registeredBy: account?.registeredBy ?? null,
        registeredAt: account?.registeredAt ?? null,
        claimedAt: account?.claimedAt ?? null,
      },
      privacyConsents: consents,
      residencies: allResidencies,
      residencyRequests: me.residencyRequests,
      roles: me.roles,
      centreRoles,
      ownership,
      grid,
    }
  },
  async forgetStatements(db, userId, at) {
    return [
      db
        .update(sessions)
        .set({ revokedAt: at })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt))),
      db
        .update(residencies)
        .set({
          status: 'revoked',
          isRepresentative: false,
          realName: null,
          revokedAt: at,
          revokeReason: '用户注销账号',
        })
        .where(and(eq(residencies.userId, userId), eq(residencies.status, 'verified'))),
      db.update(residencies).set({ realName: null }).where(eq(residencies.userId, userId)),
      db
        .update(residencyRequests)
        .set({ realName: '', note: null })
        .where(eq(residencyRequests.userId, userId)),
      db.delete(roleGrants).where(eq(roleGrants.userId, userId)),
      db
        .update(ownerProxies)
        .set({ revokedAt: at })
        .where(and(eq(ownerProxies.proxyUserId, userId), isNull(ownerProxies.revokedAt))),
      db.update(owners).set({ userId: null }).where(eq(owners.userId, userId)),
      db
        .update(gridRoleGrants)
        .set({ revokedAt: at })
        .where(and(eq(gridRoleGrants.userId, userId), isNull(gridRoleGrants.revokedAt))),
      db
        .update(centreRoleGrants)
        .set({ revokedAt: at })
        .where(and(eq(centreRoleGrants.userId, userId), isNull(centreRoleGrants.revokedAt))),
      db
        .update(users)
        .set({
          openid: `deleted:${userId}`,
          nickname: '已注销用户',
          currentCommunityId: null,
          phone: null,
        })
        .where(eq(users.id, userId)),
    ]
  },
}
