import type { Db } from '../lib/env'
import { householdsByIds, toHousehold } from '../identity/households'

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
    rows.map((r) => {
      const household = households.get(r.authorHouseholdId)
      return [
        r.id,
        {
          nickname: r.authorNickname ?? '已注销用户',
          household: household ? toHousehold(household).label : '',
        },
      ]
    }),
  )
}
