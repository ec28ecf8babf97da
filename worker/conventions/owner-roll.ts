import { sql, type SQL } from 'drizzle-orm'
import type { SessionUser } from '../lib/auth'
import type { BatchStatement } from '../lib/db'
import type { Db } from '../lib/env'
import { formatHundredths } from '../lib/numbers'
import { ownersByProxySql, ownersOfUserSql } from '../identity/ownership'
import type { ConventionRow } from './repo'

// The owners roll of a Civil Code vote (decision 011): 业主 counted as 法释〔2009〕7号 counts them.
// Area = each 专有部分's registered area (Art. 8). Headcount = one per unit, except that units
// sharing an owner — one owner of several units, or all of the developer's unsold units, which
// share the developer's row — are one (Art. 9). Built in SQL inside the opening's batch, from the
// ownership recorded at that instant, so the roll is the one the law would count at opening.

/** The scope as raw SQL over a households alias (for INSERT … SELECT). */
export function scopeOn(c: ConventionRow, alias: string): SQL {
  const h = sql.raw(alias)
  const ids = JSON.parse(c.scopeIdsJson) as string[]
  const list = sql.join(
    ids.map((x) => sql`${x}`),
    sql`, `,
  )
  if (c.scopeType === 'buildings')
    return sql`${h}.community_id = ${c.communityId} AND ${h}.building_id IN (${list})`
  if (c.scopeType === 'compounds')
    return sql`${h}.community_id = ${c.communityId} AND ${h}.building_id IN (SELECT id FROM buildings WHERE compound_id IN (${list}))`
  return sql`${h}.community_id = ${c.communityId}`
}

/** SQL: "槐树里 2号楼 1单元 301室" of a households alias. */
export const unitLabelSql = (h: string) =>
  sql.raw(
    `(SELECT cp.name || ' ' || b.name || ' ' || ${h}.unit || '单元 ' || ${h}.room || '室' FROM buildings b JOIN compounds cp ON cp.id = b.compound_id WHERE b.id = ${h}.building_id)`,
  )

/** Units in scope whose ownership is not recorded: the roll cannot be counted until they are. */
export async function unitsWithoutTitle(db: Db, c: ConventionRow) {
  const [count, first] = await Promise.all([
    db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM households h
      WHERE ${scopeOn(c, 'h')} AND NOT EXISTS (SELECT 1 FROM unit_titles t WHERE t.household_id = h.id)`),
    db.all<{ label: string }>(sql`SELECT ${unitLabelSql('h')} AS label FROM households h
      WHERE ${scopeOn(c, 'h')} AND NOT EXISTS (SELECT 1 FROM unit_titles t WHERE t.household_id = h.id)
      ORDER BY h.building_id, h.unit, h.room LIMIT 3`),
  ])
  return { count: count?.n ?? 0, first: first.map((r) => r.label) }
}

/**
 * The statements that write the owners roll, each landing only when `opened` holds (the
 * opening's state change landed). Units are grouped by the connected components of the
 * unit–owner links inside the scope: `reach` is, for each owner, every owner linked to it
 * through a shared unit (a closure over owners, so a developer's hundreds of units cost one step
 * each, not one per pair); a group is labelled by its first unit and becomes one roll entry with
 * the sum of its registered areas. The joins are CROSS JOINs over the real tables on purpose:
 * SQLite keeps that order, so each step is an index lookup (owner → its units → their owners),
 * never a scan of the scope (tests/worker/conventions-owners-plan.test.ts pins the plan).
 */
export function ownerRollStatements(db: Db, c: ConventionRow, opened: SQL): BatchStatement[] {
  const id = c.id
  return [
    db.run(sql`
      WITH RECURSIVE
        reach(s, o) AS (
          SELECT uo.owner_id, uo.owner_id
          FROM households h CROSS JOIN unit_owners uo ON uo.household_id = h.id
          WHERE ${scopeOn(c, 'h')}
          UNION
          SELECT r.s, b.owner_id
          FROM reach r
          CROSS JOIN unit_owners a ON a.owner_id = r.o
          CROSS JOIN households h2 ON h2.id = a.household_id
          CROSS JOIN unit_owners b ON b.household_id = a.household_id
          WHERE ${scopeOn(c, 'h2')}
        ),
        owner_label(o, label) AS (
          SELECT r.s, MIN(a.household_id)
          FROM reach r
          CROSS JOIN unit_owners a ON a.owner_id = r.o
          CROSS JOIN households h3 ON h3.id = a.household_id
          WHERE ${scopeOn(c, 'h3')}
          GROUP BY r.s
        )
      INSERT INTO convention_roll_units (convention_id, household_id, voter_key, area_dm2)
      SELECT ${id}, h.id,
        'o:' || COALESCE((SELECT MIN(ol.label) FROM unit_owners uo CROSS JOIN owner_label ol ON ol.o = uo.owner_id WHERE uo.household_id = h.id), h.id),
        t.registered_area_dm2
      FROM households h CROSS JOIN unit_titles t ON t.household_id = h.id
      WHERE ${scopeOn(c, 'h')} AND ${opened}`),
    db.run(sql`
      INSERT INTO convention_roll (convention_id, voter_key, household_id, building_id, floor_area_dm2)
      SELECT ${id}, ru.voter_key, h.id, h.building_id, SUM(ru.area_dm2)
      FROM convention_roll_units ru JOIN households h ON h.id = substr(ru.voter_key, 3)
      WHERE ru.convention_id = ${id} AND ${opened}
      GROUP BY ru.voter_key`),
    db.run(sql`
      INSERT INTO convention_roll_owners (convention_id, voter_key, owner_id)
      SELECT DISTINCT ${id}, ru.voter_key, uo.owner_id
      FROM convention_roll_units ru JOIN unit_owners uo ON uo.household_id = ru.household_id
      WHERE ru.convention_id = ${id} AND ${opened}`),
    // What the ballot page and the result say about how the roll was counted.
    db.run(sql`
      WITH entries AS (
        SELECT ru.voter_key, COUNT(*) AS units,
          SUM(EXISTS (SELECT 1 FROM unit_titles t WHERE t.household_id = ru.household_id AND t.developer_unsold = 1)) AS developer_units
        FROM convention_roll_units ru WHERE ru.convention_id = ${id} GROUP BY ru.voter_key
      )
      UPDATE conventions SET roll_counting_json = json_object(
        'units', (SELECT COALESCE(SUM(units), 0) FROM entries),
        'developerUnits', (SELECT COALESCE(SUM(developer_units), 0) FROM entries),
        'developers', (SELECT COUNT(*) FROM entries WHERE developer_units > 0),
        'multiOwners', (SELECT COUNT(*) FROM entries WHERE developer_units = 0 AND units > 1),
        'multiUnits', (SELECT COALESCE(SUM(units), 0) FROM entries WHERE developer_units = 0 AND units > 1),
        'coOwnedUnits', (SELECT COUNT(*) FROM convention_roll_units ru WHERE ru.convention_id = ${id}
          AND (SELECT COUNT(*) FROM unit_owners uo WHERE uo.household_id = ru.household_id) > 1)
      )
      WHERE id = ${id} AND ${opened}`),
  ]
}

export type RollCounting = {
  units: number
  developerUnits: number
  developers: number
  multiOwners: number
  multiUnits: number
  coOwnedUnits: number
}

/** How the owners roll was counted, in plain Chinese, for the ballot page and the result. */
export function describeCounting(
  counting: RollCounting,
  roll: { voters: number; areaDm2: number },
): string[] {
  const area = `${formatHundredths(roll.areaDm2)} 平方米`
  const merged: string[] = []
  if (counting.developerUnits > 0)
    merged.push(
      counting.developers === 1
        ? `开发商未出售（或未交付）的 ${counting.developerUnits} 套合计按 1 人计`
        : `${counting.developers} 家开发商未出售（或未交付）的 ${counting.developerUnits} 套各按开发商计，共 ${counting.developers} 人`,
    )
  if (counting.multiOwners > 0)
    merged.push(
      `${counting.multiOwners} 位业主各有多套房屋（共 ${counting.multiUnits} 套），每位只按 1 人计、只投 1 票，票里带着他名下各套的面积`,
    )
  return [
    `参与计算的是适用范围内的全部 ${counting.units} 套房屋（专有部分），面积按不动产登记的面积，合计 ${area}。`,
    `人数按最高人民法院建筑物区分所有权司法解释第九条计算：一套房屋算 1 人${merged.length ? `；${merged.join('；')}` : ''}。总人数 ${roll.voters} 人。`,
    `几位共有人共有的一套房屋只投 1 票${counting.coOwnedUnits > 0 ? `（本次有 ${counting.coOwnedUnits} 套是共有的）` : ''}。租户等不是业主的居民不参加这类表决；业主可以书面委托他人代投，委托由居委会登记。`,
  ]
}

export type OwnerChoice = {
  voter: string
  /** True when the user casts it as an owner; false when as the proxy of one of its owners. */
  asOwner: boolean
  /** The owners the user holds a 委托 from (when not an owner of the entry). */
  forOwners: string[]
  units: string[]
  areaDm2: number
}

/** Why the user cannot vote in an owners vote, in plain Chinese with what to do. */
export function ownerRefusal(residentInScope: boolean): string {
  return residentInScope
    ? '本次表决按《民法典》第二百七十八条由业主投票。您是本范围内的认证居民，但在表决开始时的产权登记中不是业主（例如租户），所以不能投票。如果您是业主，请带不动产权证到居委会登记；业主也可以书面委托您代为投票，由居委会登记委托。'
    : '本次表决按《民法典》第二百七十八条由适用范围内的业主投票，表决开始时的产权登记中没有您名下的房屋，也没有业主委托您代投。如果您是业主，请带不动产权证到居委会登记。'
}

/** SQL: the user may still cast entry `voter`'s ballot as owner (or as proxy) at `at`. */
export function mayActForSql(
  c: ConventionRow,
  voter: string,
  user: SessionUser,
  asOwner: boolean,
  at: number,
): SQL {
  const owners = asOwner ? ownersOfUserSql(c.communityId, user.id) : ownersByProxySql(user.id, at)
  return sql`EXISTS (SELECT 1 FROM convention_roll_owners ro WHERE ro.convention_id = ${c.id} AND ro.voter_key = ${voter} AND ro.owner_id IN ${owners})`
}
