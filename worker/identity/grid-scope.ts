import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../lib/env'

// Which buildings a person looks after through a grid role (decision 018): the 楼组长 of a 楼组
// looks after its buildings, the 网格员 of a 网格 every building of its compounds. Only live
// grants count; a role is granted by staff, never implied by living in a building or holding
// a community role (staff see their community through assertStaffOf, not through these).
// Other layers (代办, the grid views) ask here; nobody else reads grid_role_grants.

/**
 * The ids of the buildings `userId` looks after, as a subquery for `building_id IN (…)`: the
 * one definition of a grid scope, so a rule written in SQL (a batch's WHERE) and a read in
 * JavaScript cannot disagree.
 */
export function ledBuildingIdsSql(userId: string): SQL {
  return sql`(
    SELECT bgb.building_id FROM grid_role_grants g
      JOIN building_group_buildings bgb ON bgb.group_id = g.building_group_id
      WHERE g.user_id = ${userId} AND g.revoked_at IS NULL AND g.role = 'building_leader'
    UNION
    SELECT b.id FROM grid_role_grants g
      JOIN grid_compounds gc ON gc.grid_id = g.grid_id
      JOIN buildings b ON b.compound_id = gc.compound_id
      WHERE g.user_id = ${userId} AND g.revoked_at IS NULL AND g.role = 'grid_worker'
  )`
}

/**
 * True for the 楼组长 of a 楼组 containing the building, and for the 网格员 of a 网格 whose
 * compounds contain it. Staff of the community are not "leaders": callers that also allow staff
 * check assertStaffOf themselves.
 */
export async function leadsBuilding(db: Db, userId: string, buildingId: string): Promise<boolean> {
  const row = await db.get<{ one: number }>(
    sql`SELECT 1 AS one WHERE ${buildingId} IN ${ledBuildingIdsSql(userId)}`,
  )
  return Boolean(row)
}

/** The same question for a household (代办 acts for a household's resident): its building's. */
export async function leadsHousehold(
  db: Db,
  userId: string,
  householdId: string,
): Promise<boolean> {
  const row = await db.get<{ one: number }>(
    sql`SELECT 1 AS one FROM households h WHERE h.id = ${householdId} AND h.building_id IN ${ledBuildingIdsSql(userId)}`,
  )
  return Boolean(row)
}

/** True for a live 网格员 of this 网格. */
export async function leadsGrid(db: Db, userId: string, gridId: string): Promise<boolean> {
  const row = await db.get<{ one: number }>(
    sql`SELECT 1 AS one FROM grid_role_grants WHERE user_id = ${userId} AND grid_id = ${gridId}
        AND role = 'grid_worker' AND revoked_at IS NULL`,
  )
  return Boolean(row)
}

/**
 * True for a live 楼组长 of this 楼组, or the 网格员 of a 网格 that holds every building of it
 * (a 网格员 rolls up the 楼组 of her grid; a 楼组 straddling two grids belongs to neither 网格员).
 */
export async function leadsBuildingGroup(
  db: Db,
  userId: string,
  groupId: string,
): Promise<boolean> {
  const row = await db.get<{ one: number }>(sql`
    SELECT 1 AS one WHERE EXISTS (
      SELECT 1 FROM grid_role_grants WHERE user_id = ${userId} AND building_group_id = ${groupId}
        AND role = 'building_leader' AND revoked_at IS NULL)
    OR (EXISTS (SELECT 1 FROM building_group_buildings WHERE group_id = ${groupId})
        AND NOT EXISTS (
          SELECT 1 FROM building_group_buildings bgb
          WHERE bgb.group_id = ${groupId} AND bgb.building_id NOT IN (
            SELECT b.id FROM grid_role_grants g
              JOIN grid_compounds gc ON gc.grid_id = g.grid_id
              JOIN buildings b ON b.compound_id = gc.compound_id
              WHERE g.user_id = ${userId} AND g.revoked_at IS NULL AND g.role = 'grid_worker')))`)
  return Boolean(row)
}
