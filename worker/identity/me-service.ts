import { eq, isNull, like } from 'drizzle-orm'
import {
  centreRoleGrants,
  centres,
  communities,
  residencies,
  roleGrants,
  streets,
  users,
} from '../../db/schema'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { DEV_OPENID_PREFIX, getUser } from './auth-service'
import { residenciesOfUser, requestsOfUser } from './residency-service'
import { rolesOfUser } from './roles-service'
import { gridScopesOfUser } from './grid-roles-service'
import type { Me } from './schemas'

export async function getMe(db: Db, sessionUser: Pick<SessionUser, 'id'>): Promise<Me> {
  const user = await getUser(db, sessionUser.id)
  const [currentCommunity, residencyList, roles, residencyRequests, gridRoles] = await Promise.all([
    user.currentCommunityId
      ? db
          .select({ id: communities.id, name: communities.name, streetName: streets.name })
          .from(communities)
          .innerJoin(streets, eq(streets.id, communities.streetId))
          .where(eq(communities.id, user.currentCommunityId))
          .get()
      : undefined,
    residenciesOfUser(db, user.id),
    rolesOfUser(db, user.id),
    requestsOfUser(db, user.id),
    gridScopesOfUser(db, user.id),
  ])
  return {
    user,
    currentCommunity: currentCommunity ?? null,
    residencies: residencyList,
    roles,
    residencyRequests,
    gridRoles,
  }
}

export const ROLE_NAMES = {
  staff: '居委会工作人员',
  committee: '议事会成员',
  planner: '街巷规划师',
  admin: '管理员',
  // No longer a community role (decision 020: granted per centre); kept so that the 操作记录 of
  // grants made before still reads in words.
  centre_manager: '邻里中心管理员',
}

/** The dev-login picker: each demo user with what they are, so a developer picks the right one. */
export async function listDevUsers(db: Db) {
  const rows = await db
    .select({ id: users.id, openid: users.openid, nickname: users.nickname })
    .from(users)
    .where(like(users.openid, `${DEV_OPENID_PREFIX}%`))
    .orderBy(users.openid)
  const [grants, centreGrants, lives] = await Promise.all([
    db
      .select({ userId: roleGrants.userId, role: roleGrants.role, communityName: communities.name })
      .from(roleGrants)
      .innerJoin(communities, eq(communities.id, roleGrants.communityId)),
    db
      .select({ userId: centreRoleGrants.userId, centreName: centres.name })
      .from(centreRoleGrants)
      .innerJoin(centres, eq(centres.id, centreRoleGrants.centreId))
      .where(isNull(centreRoleGrants.revokedAt)),
    db
      .select({ userId: residencies.userId, status: residencies.status })
      .from(residencies)
      .where(eq(residencies.status, 'verified')),
  ])
  return {
    users: rows.map((u) => {
      const roles = grants
        .filter((g) => g.userId === u.id)
        .map((g) => `${g.communityName}${ROLE_NAMES[g.role]}`)
        .concat(centreGrants.filter((g) => g.userId === u.id).map((g) => `${g.centreName}管理员`))
      const resident = lives.some((l) => l.userId === u.id)
      const description = [...roles, resident ? '已认证居民' : '未认证居民'].join(' · ')
      return { key: u.openid.slice(DEV_OPENID_PREFIX.length), nickname: u.nickname, description }
    }),
  }
}
