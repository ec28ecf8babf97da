import { sql } from 'drizzle-orm'
import type { Db } from '../lib/env'
import { ballotKey } from './voting-service'

// What 楼组长 and 网格员 may know of a running vote in their buildings (decision 018): which votes
// are open there, and — only when the organiser chose so at opening, which every voter is told on
// the ballot page — which households have not voted yet. Never an option: the list is computed
// like "have I voted" (the ballot key recomputed from the roll), and only the entries without a
// ballot leave this file. The caller (worker/grid) decides who may ask.

/** The sentence the ballot page shows under the rule, so a voter knows before she votes. */
export function leadersNote(notVotedVisibleToLeaders: boolean): string {
  return notVotedVisibleToLeaders
    ? '本次表决开启了“楼组长提醒”：楼组长和网格员可以看到所负责楼栋中哪些户还没有投票，以便上门提醒；任何人都看不到您投了什么。'
    : '本次表决不向楼组长和网格员提供未投票名单；他们只能看到各楼栋的参与户数。'
}

export type OpenVoteInBuildings = {
  id: string
  title: string
  closesAt: number
  notVotedVisibleToLeaders: boolean
}

/** Votes running now in the community whose roll has someone in one of the buildings. */
export async function openVotesInBuildings(
  db: Db,
  communityId: string,
  buildingIds: readonly string[],
): Promise<OpenVoteInBuildings[]> {
  if (buildingIds.length === 0) return []
  const rows = await db.all<{
    id: string
    title: string
    closesAt: number
    visible: number
  }>(sql`
    SELECT c.id AS id, v.title AS title, c.voting_closes_at AS closesAt,
      c.not_voted_visible_to_leaders AS visible
    FROM conventions c
    JOIN convention_versions v ON v.convention_id = c.id AND v.version = c.voting_version
    WHERE c.community_id = ${communityId} AND c.status = 'voting'
      AND EXISTS (SELECT 1 FROM convention_roll r WHERE r.convention_id = c.id
        AND r.building_id IN (SELECT value FROM json_each(${JSON.stringify(buildingIds)})))
    ORDER BY c.voting_closes_at, c.id`)
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    closesAt: Number(r.closesAt),
    notVotedVisibleToLeaders: Boolean(r.visible),
  }))
}

export type NotVotedHousehold = {
  householdId: string
  buildingId: string
  /** "槐荫里 5号楼 2单元 301室" */
  label: string
  /** Under a residents roll (一人一票), how many of the household's voters have not voted. */
  voters: number
}

/**
 * The households of `buildingIds` with a roll entry that has no ballot yet, for an open vote that
 * allowed it at opening; null when it did not (or is not open). Households roll: the household;
 * residents roll: the household of each resident who has not voted, with how many; owners roll:
 * every unit of an entry without a ballot.
 */
export async function notVotedHouseholds(
  db: Db,
  ballotSecret: string,
  conventionId: string,
  buildingIds: readonly string[],
): Promise<NotVotedHousehold[] | null> {
  const head = await db.get<{ visible: number; basis: string | null; rule: string | null }>(sql`
    SELECT not_voted_visible_to_leaders AS visible, roll_basis AS basis, rule
    FROM conventions WHERE id = ${conventionId} AND status = 'voting'`)
  if (!head || !head.visible) return null
  const only = sql`(SELECT value FROM json_each(${JSON.stringify(buildingIds)}))`
  const entries =
    head.basis === 'owners'
      ? await db.all<{ voterKey: string; householdId: string }>(sql`
          SELECT ru.voter_key AS voterKey, ru.household_id AS householdId
          FROM convention_roll_units ru JOIN households h ON h.id = ru.household_id
          WHERE ru.convention_id = ${conventionId} AND h.building_id IN ${only}`)
      : await db.all<{ voterKey: string; householdId: string }>(sql`
          SELECT voter_key AS voterKey, household_id AS householdId FROM convention_roll
          WHERE convention_id = ${conventionId} AND building_id IN ${only}`)
  if (entries.length === 0) return []
  const keys = new Map<string, string>()
  for (const voterKey of new Set(entries.map((e) => e.voterKey)))
    keys.set(voterKey, await ballotKey(ballotSecret, conventionId, voterKey))
  const cast = new Set(
    (
      await db.all<{ k: string }>(sql`
        SELECT ballot_key AS k FROM convention_ballots WHERE convention_id = ${conventionId}
          AND ballot_key IN (SELECT value FROM json_each(${JSON.stringify([...keys.values()])}))`)
    ).map((r) => r.k),
  )
  const waiting = new Map<string, number>()
  for (const e of entries) {
    if (cast.has(keys.get(e.voterKey)!)) continue
    waiting.set(e.householdId, (waiting.get(e.householdId) ?? 0) + 1)
  }
  if (waiting.size === 0) return []
  const places = await db.all<{ id: string; buildingId: string; label: string }>(sql`
    SELECT h.id AS id, h.building_id AS buildingId,
      cp.name || ' ' || b.name || ' ' || h.unit || '单元 ' || h.room || '室' AS label
    FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds cp ON cp.id = b.compound_id
    WHERE h.id IN (SELECT value FROM json_each(${JSON.stringify([...waiting.keys()])}))
    ORDER BY cp.sort_order, b.sort_order, h.unit, h.room`)
  return places.map((p) => ({
    householdId: p.id,
    buildingId: p.buildingId,
    label: p.label,
    voters: head.basis === 'residents' ? (waiting.get(p.id) ?? 0) : 1,
  }))
}
