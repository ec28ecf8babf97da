import { sql, type SQL } from 'drizzle-orm'

// What other layers need of ownership (decision 011): who acts for which owner. The Civil Code
// votes (conventions) put these conditions inside their own statements, so that "may this user
// cast this owner's ballot" is decided in the same SQL as the ballot itself.

/** SQL: the owner row linked to the user's account in the community (owners_user_uq finds it). */
export function ownersOfUserSql(communityId: string | SQL, userId: string): SQL {
  return sql`(SELECT id FROM owners WHERE community_id = ${communityId} AND user_id = ${userId})`
}

/** SQL: the owners whose live, unexpired written 委托 names the user as proxy at `at`. */
export function ownersByProxySql(userId: string, at: number): SQL {
  return sql`(SELECT owner_id FROM owner_proxies WHERE proxy_user_id = ${userId} AND revoked_at IS NULL AND (valid_until IS NULL OR valid_until > ${at}))`
}

/** "89.50" or "89.5" (m²) → 8950 (dm²), exactly: no floating point on the way. */
export function parseAreaDm2(text: string): number {
  const [whole, fraction = ''] = text.trim().split('.')
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
}
