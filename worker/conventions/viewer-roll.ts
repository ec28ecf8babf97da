import { sql, type SQL } from 'drizzle-orm'
import { known, type Read } from '../lib/db'
import type { Db } from '../lib/env'
import { ownersByProxySql, ownersOfUserSql } from '../identity/ownership'
import { unitLabelSql, type OwnerChoice } from './owner-roll'

// Where the viewer stands on votes' rolls, as reads of a batch (decision 021): keyed by her user
// id and a set of conventions given as SQL — one id on a 微规约's page, the community's running
// votes on 首页 — so they ride in the page's own batch. What she may cast follows from these in
// the worker (voting-service#choicesFrom); whether she has cast it needs her ballot keys, which
// only the worker can compute (decision 006): one query after, for all the votes at once.

export type HouseholdInScope = {
  householdId: string
  buildingId: string
  isRepresentative: boolean
}

/** Her place on one convention's roll: what voting-service#choicesFrom decides from. */
export type ViewerRoll = {
  /** On the per-person roll fixed at opening (u:<her id>). */
  residentEntry: boolean
  /** Her verified households within the convention's scope now, the earliest verified first. */
  households: HouseholdInScope[]
  /** Owner entries (owners rolls) she may vote for, as owner or by a live 委托. */
  owned: OwnerChoice[]
}

const NOWHERE: ViewerRoll = { residentEntry: false, households: [], owned: [] }

/** The four reads, in the order viewerRollsOf takes their answers. */
export type ViewerRollReads = [
  Read<Record<string, unknown>[]>,
  Read<Record<string, unknown>[]>,
  Read<Record<string, unknown>[]>,
  Read<Record<string, unknown>[]>,
]

/** A visitor stands nowhere: the four answers, known without asking. */
export const NOWHERE_READS: ViewerRollReads = [known([]), known([]), known([]), known([])]

const rows = (statement: ReturnType<Db['all']>): Read<Record<string, unknown>[]> => ({
  statement,
  map: (r) => r,
})

/**
 * The viewer's place on the rolls of conventions `ids` (SQL: a parenthesised list or a subquery
 * of ids), all of `communityId`'s, at `at` (a 委托 counts while live).
 */
export function viewerRollReads(
  db: Db,
  userId: string,
  { ids: conventionIds, communityId }: { ids: SQL; communityId: string | SQL },
  at: number,
): ViewerRollReads {
  // Her owner row in the community and the owners whose 委托 she holds, and their rows on the
  // rolls: found from these few owners by the roll's primary key (convention, owner). Asked the
  // other way (the roll's owners, each tested against hers) it read the whole roll — 50,000 rows
  // on a street-wide vote, and every convention's roll on 首页.
  const hers = sql`(
    SELECT ro.convention_id, ro.voter_key, ro.owner_id, mine.as_owner
    FROM (SELECT id AS owner_id, 1 AS as_owner FROM owners WHERE id IN ${ownersOfUserSql(communityId, userId)}
          UNION ALL
          SELECT id, 0 FROM owners WHERE id IN ${ownersByProxySql(userId, at)}) mine
    CROSS JOIN convention_roll_owners ro
    WHERE ro.owner_id = mine.owner_id AND ro.convention_id IN ${conventionIds})`
  return [
    rows(
      db.all(sql`
        SELECT convention_id AS conventionId FROM convention_roll
        WHERE convention_id IN ${conventionIds} AND voter_key = ${`u:${userId}`}`),
    ),
    // Her households in each convention's scope (repo.ts#inScopeCondition is the same rule for
    // one convention already read). CROSS JOIN fixes the order: the convention, then her few
    // residencies, then their households. Left to itself SQLite started from every household of
    // the community (its index on community_id matched c.community_id) and probed her residencies
    // for each: ~0.9 s per 微规约 page in a community of 50,000 households (bench-conventions.ts).
    rows(
      db.all(sql`
        SELECT c.id AS conventionId, h.id AS householdId, h.building_id AS buildingId,
          r.is_representative AS isRepresentative
        FROM conventions c
        CROSS JOIN residencies r
        CROSS JOIN households h
        WHERE c.id IN ${conventionIds} AND r.user_id = ${userId} AND r.status = 'verified'
          AND h.id = r.household_id AND h.community_id = c.community_id
          AND (c.scope_type = 'community'
            OR (c.scope_type = 'buildings' AND h.building_id IN (SELECT value FROM json_each(c.scope_ids_json)))
            OR (c.scope_type = 'compounds' AND h.building_id IN (SELECT id FROM buildings
                  WHERE compound_id IN (SELECT value FROM json_each(c.scope_ids_json)))))
        ORDER BY r.verified_at, h.id`),
    ),
    rows(
      db.all(sql`
        SELECT e.convention_id AS conventionId, e.voter_key AS voter, MAX(e.as_owner) AS asOwner,
          r.floor_area_dm2 AS area,
          COALESCE(group_concat(CASE WHEN e.as_owner = 0 THEN o.name END, '、'), '') AS forOwners
        FROM ${hers} e
        JOIN convention_roll r ON r.convention_id = e.convention_id AND r.voter_key = e.voter_key
        JOIN owners o ON o.id = e.owner_id
        GROUP BY e.convention_id, e.voter_key
        ORDER BY asOwner DESC, e.voter_key`),
    ),
    rows(
      db.all(sql`
        SELECT ru.convention_id AS conventionId, ru.voter_key AS voter, ${unitLabelSql('h')} AS label
        FROM (SELECT DISTINCT convention_id, voter_key FROM ${hers}) e
        CROSS JOIN convention_roll_units ru
        JOIN households h ON h.id = ru.household_id
        WHERE ru.convention_id = e.convention_id AND ru.voter_key = e.voter_key
        ORDER BY h.building_id, h.unit, h.room`),
    ),
  ]
}

/** The answers of viewerRollReads, by convention (a convention she has no place in: nowhere). */
export function viewerRollsOf([residentRows, householdRows, ownerRows, unitRows]: Record<
  string,
  unknown
>[][]): (conventionId: string) => ViewerRoll {
  const of = (id: string) => (row: Record<string, unknown>) => row.conventionId === id
  return (id) => {
    const owned = ownerRows!.filter(of(id)).map((e) => {
      const asOwner = Number(e.asOwner) === 1
      const forOwners = String(e.forOwners ?? '')
      return {
        voter: String(e.voter),
        asOwner,
        forOwners: asOwner || !forOwners ? [] : forOwners.split('、'),
        units: unitRows!
          .filter((u) => of(id)(u) && u.voter === e.voter)
          .map((u) => String(u.label)),
        areaDm2: Number(e.area),
      }
    })
    const households = householdRows!.filter(of(id)).map((h) => ({
      householdId: String(h.householdId),
      buildingId: String(h.buildingId),
      isRepresentative: Number(h.isRepresentative) === 1,
    }))
    const residentEntry = residentRows!.some(of(id))
    return residentEntry || households.length || owned.length
      ? { residentEntry, households, owned }
      : NOWHERE
  }
}
