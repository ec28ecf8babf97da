import { sql } from 'drizzle-orm'
import type { SuggestionCategory, SuggestionStatus } from '../../db/schema'
import type { Db } from '../lib/env'
import { CATEGORY_LABELS, STATUS_LABELS } from './labels'

// The 金点子 put forward from some buildings, for the 楼组长 and 网格员 who look after them
// (decision 018). Public ones only — what any resident of the community sees in the list —
// so a 楼组长 learns which neighbours' ideas are moving without seeing anything held back.

export type SuggestionFromBuildings = {
  id: string
  title: string
  status: SuggestionStatus
  statusLabel: string
  categoryLabel: string
  buildingId: string
  /** "3号楼居民", or the author's nickname when she chose to show it (as the public list shows). */
  authorLabel: string
  supportHouseholdCount: number
  createdAt: number
}

/** The newest public 金点子 authored from households of `buildingIds` (at most `limit`). */
export async function publicSuggestionsFromBuildings(
  db: Db,
  communityId: string,
  buildingIds: readonly string[],
  limit = 50,
): Promise<SuggestionFromBuildings[]> {
  if (buildingIds.length === 0) return []
  const rows = await db.all<{
    id: string
    title: string
    status: SuggestionStatus
    category: SuggestionCategory
    buildingId: string
    authorLabel: string
    supportHouseholdCount: number
    createdAt: number
  }>(sql`
    SELECT s.id AS id, s.title AS title, s.status AS status, s.category AS category,
      h.building_id AS buildingId,
      CASE WHEN s.show_name = 1 THEN u.nickname ELSE s.author_building_label || '居民' END AS authorLabel,
      s.support_household_count AS supportHouseholdCount, s.created_at AS createdAt
    FROM suggestions s
    JOIN households h ON h.id = s.author_household_id
    JOIN users u ON u.id = s.author_user_id
    WHERE s.community_id = ${communityId} AND s.status <> 'submitted' AND s.hidden_at IS NULL
      AND h.building_id IN (SELECT value FROM json_each(${JSON.stringify(buildingIds)}))
    ORDER BY s.created_at DESC, s.id DESC
    LIMIT ${limit}`)
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    categoryLabel: CATEGORY_LABELS[r.category],
    buildingId: r.buildingId,
    authorLabel: r.authorLabel,
    supportHouseholdCount: Number(r.supportHouseholdCount),
    createdAt: Number(r.createdAt),
  }))
}

/** How many public 金点子 were authored from each building of the community (staff's grid overview). */
export async function publicSuggestionCountsByBuilding(
  db: Db,
  communityId: string,
): Promise<Map<string, number>> {
  const rows = await db.all<{ buildingId: string; n: number }>(sql`
    SELECT h.building_id AS buildingId, COUNT(*) AS n
    FROM suggestions s JOIN households h ON h.id = s.author_household_id
    WHERE s.community_id = ${communityId} AND s.status <> 'submitted' AND s.hidden_at IS NULL
    GROUP BY h.building_id`)
  return new Map(rows.map((r) => [r.buildingId, Number(r.n)]))
}
