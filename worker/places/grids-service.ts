import { asc, eq, sql } from 'drizzle-orm'
import {
  buildingGroupBuildings,
  buildingGroups,
  buildings,
  compounds,
  gridCompounds,
  grids,
} from '../../db/schema'
import type { Db } from '../lib/env'
import { auditStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import { isUniqueViolation, runBatch, type BatchStatement } from '../lib/db'
import { AppError, conflict, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { now } from '../lib/time'
import { assertStaffOf } from '../identity/authz'

// 网格 and 楼组 as places (decision 018): staff of the community draw them. A compound is in at
// most one 网格 and a building in at most one 楼组 — unique indexes, so two staff drawing at once
// cannot put a door in two grids; the loser gets 409 and nothing of hers is written.

export type GridShape = {
  id: string
  name: string
  compounds: { id: string; name: string }[]
}

export type BuildingGroupShape = {
  id: string
  name: string
  buildings: { id: string; name: string; compoundName: string }[]
}

/** Every 网格 and 楼组 of a community with their members, in the order staff see them. */
export async function gridShapes(db: Db, communityId: string) {
  const [gridRows, gridMembers, groupRows, groupMembers] = await Promise.all([
    db
      .select({ id: grids.id, name: grids.name })
      .from(grids)
      .where(eq(grids.communityId, communityId))
      .orderBy(asc(grids.sortOrder), asc(grids.createdAt)),
    db
      .select({ gridId: gridCompounds.gridId, id: compounds.id, name: compounds.name })
      .from(gridCompounds)
      .innerJoin(compounds, eq(compounds.id, gridCompounds.compoundId))
      .where(eq(compounds.communityId, communityId))
      .orderBy(asc(compounds.sortOrder)),
    db
      .select({ id: buildingGroups.id, name: buildingGroups.name })
      .from(buildingGroups)
      .where(eq(buildingGroups.communityId, communityId))
      .orderBy(asc(buildingGroups.sortOrder), asc(buildingGroups.createdAt)),
    db
      .select({
        groupId: buildingGroupBuildings.groupId,
        id: buildings.id,
        name: buildings.name,
        compoundName: compounds.name,
      })
      .from(buildingGroupBuildings)
      .innerJoin(buildings, eq(buildings.id, buildingGroupBuildings.buildingId))
      .innerJoin(compounds, eq(compounds.id, buildings.compoundId))
      .where(eq(buildings.communityId, communityId))
      .orderBy(asc(compounds.sortOrder), asc(buildings.sortOrder)),
  ])
  return {
    grids: gridRows.map((g): GridShape => ({
      ...g,
      compounds: gridMembers.filter((m) => m.gridId === g.id).map(({ id, name }) => ({ id, name })),
    })),
    buildingGroups: groupRows.map((g): BuildingGroupShape => ({
      ...g,
      buildings: groupMembers
        .filter((m) => m.groupId === g.id)
        .map(({ id, name, compoundName }) => ({ id, name, compoundName })),
    })),
  }
}

/** The buildings of a 网格 (every building of its compounds), for views and scope checks. */
export async function buildingIdsOfGrid(db: Db, gridId: string): Promise<string[]> {
  const rows = await db
    .select({ id: buildings.id })
    .from(gridCompounds)
    .innerJoin(buildings, eq(buildings.compoundId, gridCompounds.compoundId))
    .where(eq(gridCompounds.gridId, gridId))
  return rows.map((r) => r.id)
}

export async function buildingIdsOfGroup(db: Db, groupId: string): Promise<string[]> {
  const rows = await db
    .select({ id: buildingGroupBuildings.buildingId })
    .from(buildingGroupBuildings)
    .where(eq(buildingGroupBuildings.groupId, groupId))
  return rows.map((r) => r.id)
}

export async function loadGrid(db: Db, gridId: string) {
  const grid = await db.select().from(grids).where(eq(grids.id, gridId)).get()
  if (!grid) throw notFound('网格')
  return grid
}

export async function loadBuildingGroup(db: Db, groupId: string) {
  const group = await db.select().from(buildingGroups).where(eq(buildingGroups.id, groupId)).get()
  if (!group) throw notFound('楼组')
  return group
}

/** The named members, all of this community; anything else is refused before any write. */
async function membersOf(
  db: Db,
  communityId: string,
  kind: 'compounds' | 'buildings',
  ids: readonly string[],
) {
  const unique = [...new Set(ids)]
  // The ids go in as one JSON array (one bound parameter, however many buildings: D1 allows 100).
  const list = sql`(SELECT value FROM json_each(${JSON.stringify(unique)}))`
  const rows =
    kind === 'compounds'
      ? await db.all<{ id: string; name: string }>(sql`
          SELECT id, name FROM compounds WHERE community_id = ${communityId} AND id IN ${list}
          ORDER BY sort_order, id`)
      : await db.all<{ id: string; name: string }>(sql`
          SELECT b.id AS id, cp.name || b.name AS name FROM buildings b
          JOIN compounds cp ON cp.id = b.compound_id
          WHERE b.community_id = ${communityId} AND b.id IN ${list}
          ORDER BY cp.sort_order, b.sort_order, b.id`)
  if (rows.length !== unique.length)
    throw new AppError(
      'VALIDATION_FAILED',
      kind === 'compounds'
        ? '所选小区不属于本社区，请重新选择'
        : '所选楼栋不属于本社区，请重新选择',
    )
  return rows.map((r) => ({ id: r.id, name: r.name }))
}

function taken(kind: 'compounds' | 'buildings') {
  return conflict(
    kind === 'compounds'
      ? '所选小区中有的已经划入另一个网格，一个小区只能属于一个网格'
      : '所选楼栋中有的已经划入另一个楼组，一栋楼只能属于一个楼组',
  )
}

/** One statement for all members, whatever their number (one JSON parameter). */
function insertMembers(
  db: Db,
  kind: 'compounds' | 'buildings',
  ownerId: string,
  members: { id: string }[],
): BatchStatement {
  const ids = JSON.stringify(members.map((m) => m.id))
  return kind === 'compounds'
    ? db.run(sql`INSERT INTO grid_compounds (grid_id, compound_id)
        SELECT ${ownerId}, value FROM json_each(${ids})`)
    : db.run(sql`INSERT INTO building_group_buildings (group_id, building_id)
        SELECT ${ownerId}, value FROM json_each(${ids})`)
}

async function write(db: Db, statements: BatchStatement[], kind: 'compounds' | 'buildings') {
  try {
    await runBatch(db, statements)
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(kind)
    throw error
  }
}

export async function createGrid(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
  input: { name: string; compoundIds: string[] },
) {
  const staff = await assertStaffOf(db, actor, communityId)
  const members = await membersOf(db, communityId, 'compounds', input.compoundIds)
  const id = newId()
  const at = now()
  await write(
    db,
    [
      db.insert(grids).values({ id, communityId, name: input.name, createdAt: at, updatedAt: at }),
      insertMembers(db, 'compounds', id, members),
      auditStatement(db, {
        communityId,
        actorUserId: staff.id,
        action: 'grid.create',
        targetType: 'grid',
        targetId: id,
        after: { name: input.name, compounds: members.map((m) => m.name) },
      }),
    ],
    'compounds',
  )
  return id
}

/** Renames and/or redraws a 网格: its members are replaced in one batch. */
export async function updateGrid(
  db: Db,
  actor: SessionUser | null,
  gridId: string,
  input: { name?: string; compoundIds?: string[] },
) {
  const grid = await loadGrid(db, gridId)
  const staff = await assertStaffOf(db, actor, grid.communityId)
  const before = (await gridShapes(db, grid.communityId)).grids.find((g) => g.id === gridId)
  const members = input.compoundIds
    ? await membersOf(db, grid.communityId, 'compounds', input.compoundIds)
    : null
  await write(
    db,
    [
      db
        .update(grids)
        .set({ name: input.name ?? grid.name, updatedAt: now() })
        .where(eq(grids.id, gridId)),
      ...(members
        ? [
            db.delete(gridCompounds).where(eq(gridCompounds.gridId, gridId)),
            insertMembers(db, 'compounds', gridId, members),
          ]
        : []),
      auditStatement(db, {
        communityId: grid.communityId,
        actorUserId: staff.id,
        action: 'grid.update',
        targetType: 'grid',
        targetId: gridId,
        before: { name: grid.name, compounds: before?.compounds.map((c) => c.name) ?? [] },
        after: {
          name: input.name ?? grid.name,
          compounds: (members ?? before?.compounds ?? []).map((c) => c.name),
        },
      }),
    ],
    'compounds',
  )
  return grid.communityId
}

export async function createBuildingGroup(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
  input: { name: string; buildingIds: string[] },
) {
  const staff = await assertStaffOf(db, actor, communityId)
  const members = await membersOf(db, communityId, 'buildings', input.buildingIds)
  const id = newId()
  const at = now()
  await write(
    db,
    [
      db
        .insert(buildingGroups)
        .values({ id, communityId, name: input.name, createdAt: at, updatedAt: at }),
      insertMembers(db, 'buildings', id, members),
      auditStatement(db, {
        communityId,
        actorUserId: staff.id,
        action: 'building_group.create',
        targetType: 'building_group',
        targetId: id,
        after: { name: input.name, buildings: members.map((m) => m.name) },
      }),
    ],
    'buildings',
  )
  return id
}

export async function updateBuildingGroup(
  db: Db,
  actor: SessionUser | null,
  groupId: string,
  input: { name?: string; buildingIds?: string[] },
) {
  const group = await loadBuildingGroup(db, groupId)
  const staff = await assertStaffOf(db, actor, group.communityId)
  const before = (await gridShapes(db, group.communityId)).buildingGroups.find(
    (g) => g.id === groupId,
  )
  const members = input.buildingIds
    ? await membersOf(db, group.communityId, 'buildings', input.buildingIds)
    : null
  await write(
    db,
    [
      db
        .update(buildingGroups)
        .set({ name: input.name ?? group.name, updatedAt: now() })
        .where(eq(buildingGroups.id, groupId)),
      ...(members
        ? [
            db.delete(buildingGroupBuildings).where(eq(buildingGroupBuildings.groupId, groupId)),
            insertMembers(db, 'buildings', groupId, members),
          ]
        : []),
      auditStatement(db, {
        communityId: group.communityId,
        actorUserId: staff.id,
        action: 'building_group.update',
        targetType: 'building_group',
        targetId: groupId,
        before: {
          name: group.name,
          buildings: before?.buildings.map((b) => `${b.compoundName}${b.name}`) ?? [],
        },
        after: {
          name: input.name ?? group.name,
          buildings: members
            ? members.map((m) => m.name)
            : (before?.buildings.map((b) => `${b.compoundName}${b.name}`) ?? []),
        },
      }),
    ],
    'buildings',
  )
  return group.communityId
}
