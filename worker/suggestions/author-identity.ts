import type { Db } from '../lib/env'
import { householdsByIds, toHousehold, type HouseholdRow } from '../identity/households'

/**
 * Who wrote a suggestion and from which household, for the community's staff (product §2: the
 * committee always knows, whatever the author shows publicly) — so that a worker can call an
 * elderly author back. Nickname and household only: real names stay in the audited residents
 * views. One query for the households of a whole moderation queue.
 */
export async function authorIdentities(
  db: Db,
  rows: { id: string; authorHouseholdId: string; authorNickname: string | null }[],
): Promise<Map<string, { nickname: string; household: string }>> {
  const households = await householdsByIds(db, [...new Set(rows.map((r) => r.authorHouseholdId))])
  return new Map(
    rows.map((r) => [r.id, authorIdentity(r.authorNickname, households.get(r.authorHouseholdId))]),
  )
}

/** One author's identity for staff, from the author's nickname and household row. */
export function authorIdentity(nickname: string | null, household: HouseholdRow | undefined) {
  return {
    nickname: nickname ?? '已注销用户',
    household: household ? toHousehold(household).label : '',
  }
}
