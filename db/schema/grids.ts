import { sql } from 'drizzle-orm'
import {
  sqliteTable,
  text,
  integer,
  uniqueIndex,
  index,
  primaryKey,
  check,
} from 'drizzle-orm/sqlite-core'
import { buildings, communities, compounds } from './places'
import { residencyRequests, users } from './identity'

// The grid (网格化治理, decision 018): "居委大网格 — 小区中网格 — 楼组微网格". A 网格 groups
// compounds of one community and is looked after by its 网格员; a 楼组 groups buildings and is
// looked after by its 楼组长. Both are places (public shapes); who looks after them is a role
// with a scope, granted by staff, never implied by living there.

export const grids = sqliteTable(
  'grids',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('grids_community_idx').on(t.communityId, t.sortOrder)],
)

/** A compound is in at most one 网格 (the unique index), so every door has one 网格员's grid. */
export const gridCompounds = sqliteTable(
  'grid_compounds',
  {
    gridId: text('grid_id')
      .notNull()
      .references(() => grids.id),
    compoundId: text('compound_id')
      .notNull()
      .references(() => compounds.id),
  },
  (t) => [
    primaryKey({ columns: [t.gridId, t.compoundId] }),
    uniqueIndex('grid_compounds_compound_uq').on(t.compoundId),
  ],
)

export const buildingGroups = sqliteTable(
  'building_groups',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('building_groups_community_idx').on(t.communityId, t.sortOrder)],
)

/** A building is in at most one 楼组 (the unique index). */
export const buildingGroupBuildings = sqliteTable(
  'building_group_buildings',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => buildingGroups.id),
    buildingId: text('building_id')
      .notNull()
      .references(() => buildings.id),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.buildingId] }),
    uniqueIndex('building_group_buildings_building_uq').on(t.buildingId),
  ],
)

export const GRID_ROLES = ['grid_worker', 'building_leader'] as const
export type GridRole = (typeof GRID_ROLES)[number]

/**
 * 网格员 of a 网格, 楼组长 of a 楼组: a role with its scope. Revoking keeps the row (who looked
 * after the building when she vouched for someone stays answerable); at most one live grant per
 * person and scope, whatever the concurrency.
 */
export const gridRoleGrants = sqliteTable(
  'grid_role_grants',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: GRID_ROLES }).notNull(),
    gridId: text('grid_id').references(() => grids.id),
    buildingGroupId: text('building_group_id').references(() => buildingGroups.id),
    grantedBy: text('granted_by')
      .notNull()
      .references(() => users.id),
    grantedAt: integer('granted_at').notNull(),
    revokedAt: integer('revoked_at'),
    revokedBy: text('revoked_by').references(() => users.id),
  },
  (t) => [
    check(
      'grid_role_grants_scope_ck',
      sql`(role = 'grid_worker' AND grid_id IS NOT NULL AND building_group_id IS NULL) OR (role = 'building_leader' AND building_group_id IS NOT NULL AND grid_id IS NULL)`,
    ),
    uniqueIndex('grid_role_grants_grid_live_uq')
      .on(t.gridId, t.userId)
      .where(sql`revoked_at IS NULL AND grid_id IS NOT NULL`),
    uniqueIndex('grid_role_grants_group_live_uq')
      .on(t.buildingGroupId, t.userId)
      .where(sql`revoked_at IS NULL AND building_group_id IS NOT NULL`),
    index('grid_role_grants_user_idx').on(t.userId, t.revokedAt),
    index('grid_role_grants_community_idx').on(t.communityId, t.revokedAt),
  ],
)

/**
 * A 楼组长 (or 网格员) saying "I know this person, they live there" on a pending verification
 * request of her buildings. Staff still decide; they see the vouch on the request.
 */
export const residencyVouches = sqliteTable(
  'residency_vouches',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => residencyRequests.id),
    voucherUserId: text('voucher_user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: GRID_ROLES }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.voucherUserId] }),
    index('residency_vouches_voucher_idx').on(t.voucherUserId),
  ],
)
