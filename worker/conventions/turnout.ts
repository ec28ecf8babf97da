import { sql, type SQL } from 'drizzle-orm'
import type { ConventionStatus } from '../../db/schema'
import type { SessionUser } from '../lib/auth'
import { readBatch, type BatchStatement, type Read } from '../lib/db'
import type { Db } from '../lib/env'
import { notFound } from '../lib/errors'
import { m2 } from './decision-rules'
import { canSeeDrafts } from './repo'
import { notInState } from './transitions'

// The live turnout meter of a vote (decision 022). It never counts the roll or the ballots when
// it is read: `convention_turnout` holds one row per building of the roll — the roll's voters
// (households, residents or 业主) and their area, fixed in the opening's batch, and the ballots
// cast and their area, kept by the triggers of migration 0015 inside the very statement that
// inserts (or removes) a ballot row. So a read is the convention and O(buildings) rows, in one
// round trip, and it is consistent: every counter moves in the ballot's own transaction.
// No option is ever counted here: per-building counts by option would tell more than the
// published result does (docs/ballot-secrecy.md).

/**
 * The per-building rows of a vote opened just now: the roll grouped by building, nothing cast
 * yet (no ballot can exist before voting opens). For the opening's batch, after the roll's
 * INSERTs; lands only when `opened` holds.
 */
export function turnoutRowsStatement(db: Db, conventionId: string, opened: SQL): BatchStatement {
  return db.run(sql`
    INSERT INTO convention_turnout (convention_id, building_id, roll_voters, roll_area_dm2, cast_voters, cast_area_dm2)
    SELECT ${conventionId}, r.building_id, COUNT(*), COALESCE(SUM(r.floor_area_dm2), 0), 0, 0
    FROM convention_roll r
    WHERE r.convention_id = ${conventionId} AND ${opened}
    GROUP BY r.building_id`)
}

/** One building's line of the meter. */
export type BuildingTurnout = {
  buildingId: string
  /** Compound and building, "槐荫里5弄". */
  buildingName: string
  /** Voters on the roll whose entry counts under this building (fixed at opening). */
  eligible: number
  /** Of them, how many have a ballot (online, by proxy or on paper). */
  cast: number
  /** Area of the ballots cast, in dm² (the Civil Code rules count it). */
  castAreaDm2: number
}

/**
 * The meter's per-building rows as one read of a readBatch (optionally only `buildingIds`), in
 * the places' order. The ids go in as one JSON array: a 楼组长 of many buildings stays one bound
 * parameter, far from D1's limit of 100.
 */
export function buildingTurnoutRead(
  db: Db,
  conventionId: string,
  buildingIds?: readonly string[],
): Read<BuildingTurnout[]> {
  const only = buildingIds
    ? sql`AND t.building_id IN (SELECT value FROM json_each(${JSON.stringify(buildingIds)}))`
    : sql``
  return {
    statement: db.all(sql`
      SELECT t.building_id AS buildingId, cp.name || b.name AS buildingName,
        t.roll_voters AS eligible, t.cast_voters AS "cast", t.cast_area_dm2 AS castAreaDm2
      FROM convention_turnout t
      JOIN buildings b ON b.id = t.building_id
      JOIN compounds cp ON cp.id = b.compound_id
      WHERE t.convention_id = ${conventionId} ${only}
      ORDER BY cp.sort_order, b.sort_order, b.id`),
    map: (rows) =>
      rows.map((r) => ({
        buildingId: String(r.buildingId),
        buildingName: String(r.buildingName),
        eligible: Number(r.eligible),
        cast: Number(r.cast),
        castAreaDm2: Number(r.castAreaDm2),
      })),
  }
}

/** What the meter needs of the convention itself (the totals of the roll were fixed at opening). */
type VoteHead = {
  status: ConventionStatus
  communityId: string
  rule: string | null
  rollBasis: 'residents' | 'households' | 'owners' | null
  votingOpensAt: number | null
  rollVoters: number | null
  rollAreaDm2: number | null
  quorumNum: number | null
  quorumDen: number | null
}

function voteHeadRead(db: Db, conventionId: string): Read<VoteHead | undefined> {
  return {
    statement: db.all(sql`
      SELECT status, community_id AS communityId, rule, roll_basis AS rollBasis,
        voting_opens_at AS votingOpensAt, roll_voters AS rollVoters, roll_area_dm2 AS rollAreaDm2,
        quorum_num AS quorumNum, quorum_den AS quorumDen
      FROM conventions WHERE id = ${conventionId}`),
    map: (rows) => rows[0] as VoteHead | undefined,
  }
}

/** 户 under a households roll; residents and owners (业主, one per roll entry) count 人. */
function unitOf(head: Pick<VoteHead, 'rule' | 'rollBasis'>): '户' | '人' {
  const basis = head.rollBasis ?? (head.rule === 'simple' ? 'residents' : 'households')
  return basis === 'households' ? '户' : '人'
}

/**
 * The public turnout meter: counts only, by building; never options while voting runs. One round
 * trip (the convention and its per-building rows in one batch, so they agree); a draft, which
 * only its organisers may know of, costs one more to answer 404 or 409 as every route does.
 */
export async function turnout(db: Db, actor: SessionUser | null, id: string) {
  const [head, buildings] = await readBatch(db, [voteHeadRead(db, id), buildingTurnoutRead(db, id)])
  if (!head) throw notFound('微规约')
  if (head.status === 'draft' && !(await canSeeDrafts(db, actor, head.communityId)))
    throw notFound('微规约')
  if (!head.rule || head.votingOpensAt === null) throw notInState('表决尚未开始', head.status)
  const eligible = head.rollVoters ?? 0
  const castCount = buildings.reduce((n, b) => n + b.cast, 0)
  const castArea = buildings.reduce((n, b) => n + b.castAreaDm2, 0)
  const unit = unitOf(head)
  const quorum = { num: head.quorumNum ?? 1, den: head.quorumDen ?? 2 }
  // Smallest count reaching the share: ceil(eligible × num / den), in integers.
  const needed = Math.ceil((eligible * quorum.num) / quorum.den)
  const remaining = Math.max(0, needed - castCount)
  const civil = head.rule === 'civil_code_ordinary' || head.rule === 'civil_code_major'
  const areaNeeded = civil ? Math.ceil(((head.rollAreaDm2 ?? 0) * 2) / 3) : 0
  const areaRemaining = civil ? Math.max(0, areaNeeded - castArea) : null
  const summary =
    remaining > 0 || (areaRemaining ?? 0) > 0
      ? `已有 ${castCount} ${unit}参与表决，还差 ${remaining} ${unit}${areaRemaining ? `（及 ${m2(areaRemaining)} 专有面积）` : ''}达到有效表决`
      : `已有 ${castCount} ${unit}参与表决，已达到有效表决所需的参与${civil ? '人数和面积' : '人数'}`
  return {
    unit,
    eligible,
    cast: castCount,
    remainingForValidity: remaining,
    areaRemainingM2: areaRemaining === null ? null : m2(areaRemaining).replace(' m²', ''),
    summary,
    byBuilding: buildings.map((b) => ({
      buildingId: b.buildingId,
      buildingName: b.buildingName,
      eligible: b.eligible,
      cast: b.cast,
    })),
  }
}

/**
 * Per-building turnout of a vote for whoever looks after buildings (楼组长, 网格员: "3号楼 还差
 * 7 户"), from the same rows as the public meter — which already shows every building, so this
 * tells nothing the meter does not. Empty when voting has not opened (drafts included). One
 * round trip. The caller decides who may ask.
 */
export async function turnoutByBuilding(
  db: Db,
  conventionId: string,
  buildingIds?: readonly string[],
): Promise<
  {
    buildingId: string
    buildingName: string
    unit: '户' | '人'
    eligible: number
    cast: number
    notYet: number
  }[]
> {
  const [head, buildings] = await readBatch(db, [
    voteHeadRead(db, conventionId),
    buildingTurnoutRead(db, conventionId, buildingIds),
  ])
  if (!head || head.status === 'draft') return []
  const unit = unitOf(head)
  return buildings.map((b) => ({
    buildingId: b.buildingId,
    buildingName: b.buildingName,
    unit,
    eligible: b.eligible,
    cast: b.cast,
    notYet: b.eligible - b.cast,
  }))
}
