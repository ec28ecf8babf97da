import { and, eq, sql, type SQL } from 'drizzle-orm'
import {
  buildings,
  centreCommunities,
  compounds,
  households,
  residencies,
  roleGrants,
  type Role,
} from '../../db/schema'
import type { SessionUser } from '../lib/auth'
import { known, mapRead, rowRead, rowsRead, type Read } from '../lib/db'
import type { Db } from '../lib/env'
import { AppError, forbidden } from '../lib/errors'
import { requireUser } from '../lib/auth'
import type { HouseholdRow } from './households'

// Who someone is in a community, as reads a service puts in its one batch beside the data
// (decision 021), then decides on: the same rules and messages as authz.ts and
// residency-service.ts, whose one-query functions serve the rest of the app. A community may be
// a subquery (`sql\`(SELECT community_id FROM suggestions WHERE id = ${id})\``), so the batch
// needs no earlier answer.

/** The roles the user holds in the community (none for a visitor: no statement is needed then). */
export function rolesRead(
  db: Db,
  user: SessionUser | null,
  communityId: string | SQL,
): Read<Role[]> {
  if (!user) return known([])
  return mapRead(
    rowsRead(
      db
        .select({ role: roleGrants.role })
        .from(roleGrants)
        .where(and(eq(roleGrants.userId, user.id), eq(roleGrants.communityId, communityId))),
    ),
    (rows) => rows.map((r) => r.role),
  )
}

/** Does the user hold one of `wanted` (for showing, like authz.ts#holdsRole)? */
export function holdsAny(roles: Role[], wanted: Role[]): boolean {
  return roles.some((role) => wanted.includes(role))
}

export type ResidencyInCommunity = {
  householdId: string
  buildingName: string
  compoundName: string
}

/**
 * The user's verified residency in the community, as residency-service.ts#residencyIn reads it
 * (none for a visitor, without a statement).
 */
export function residencyRead(
  db: Db,
  user: SessionUser | null,
  communityId: string | SQL,
): Read<ResidencyInCommunity | null> {
  if (!user) return known(null)
  return mapRead(
    rowRead(
      db
        .select({
          householdId: residencies.householdId,
          // Aliased: buildings.name and compounds.name would be two columns named "name".
          buildingName: sql<string>`${buildings.name}`.as('building_name'),
          compoundName: sql<string>`${compounds.name}`.as('compound_name'),
        })
        .from(residencies)
        .innerJoin(households, eq(households.id, residencies.householdId))
        .innerJoin(buildings, eq(buildings.id, households.buildingId))
        .innerJoin(compounds, eq(compounds.id, buildings.compoundId))
        .where(
          and(
            eq(residencies.userId, user.id),
            eq(residencies.communityId, communityId),
            eq(residencies.status, 'verified'),
          ),
        )
        .orderBy(residencies.verifiedAt)
        .limit(1),
    ),
    (row) => row ?? null,
  )
}

/** A verified residency in any community the centre serves (who may book as a resident), or undefined. */
export function centreResidencyRead(
  db: Db,
  user: SessionUser | null,
  centreId: string | SQL,
): Read<{ householdId: string; communityId: string } | undefined> {
  if (!user) return known(undefined)
  return rowRead(
    db
      .select({ householdId: residencies.householdId, communityId: residencies.communityId })
      .from(residencies)
      .innerJoin(centreCommunities, eq(centreCommunities.communityId, residencies.communityId))
      .where(
        and(
          eq(residencies.userId, user.id),
          eq(residencies.status, 'verified'),
          eq(centreCommunities.centreId, centreId),
        ),
      ),
  )
}

/** residency-service.ts#assertResidentOf on a residency read in the batch. */
export function assertResident(actor: SessionUser | null, residency: ResidencyInCommunity | null) {
  const user = requireUser(actor)
  if (!residency) throw new AppError('FORBIDDEN', '请先完成本社区的居民认证')
  return { user, residency }
}

/** authz.ts's assertions (assertStaffOf …) on roles read in the batch: 401, then 403 with `message`. */
export function assertHolds(
  actor: SessionUser | null,
  roles: Role[],
  wanted: Role[],
  message: string,
): SessionUser {
  const user = requireUser(actor)
  if (!holdsAny(roles, wanted)) throw forbidden(message)
  return user
}

/** A household with its building and compound (households.ts#HouseholdRow), or null. */
export function householdRead(db: Db, householdId: string | SQL): Read<HouseholdRow | null> {
  // Raw SQL with aliases: households, buildings and compounds share column names (id, name).
  return {
    statement: db.all(sql`
      SELECT h.id, h.community_id AS communityId, h.unit, h.room, h.floor_area_dm2 AS floorAreaDm2,
        b.id AS buildingId, b.name AS buildingName, c.name AS compoundName
      FROM ${households} h JOIN ${buildings} b ON b.id = h.building_id JOIN ${compounds} c ON c.id = b.compound_id
      WHERE h.id = ${householdId}`),
    map: ([row]) =>
      row
        ? {
            id: String(row.id),
            communityId: String(row.communityId),
            unit: String(row.unit),
            room: String(row.room),
            floorAreaDm2: Number(row.floorAreaDm2),
            buildingId: String(row.buildingId),
            buildingName: String(row.buildingName),
            compoundName: String(row.compoundName),
          }
        : null,
  }
}

/**
 * "The user holds one of these roles in the community" as an SQL condition, for a write whose
 * WHERE follows a visibility rule.
 */
export function holdsRoleCondition(userId: string, communityId: SQL, roles: Role[]): SQL {
  return sql`EXISTS (SELECT 1 FROM ${roleGrants} WHERE user_id = ${userId} AND community_id = ${communityId}
    AND role IN (${sql.join(
      roles.map((role) => sql`${role}`),
      sql`, `,
    )}))`
}
