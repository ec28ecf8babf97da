import { sqliteTable, text, integer, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core'

// The place tree: street → community → compound → building → household.
// Communities are the unit that runs participation; every row below a community carries
// community_id so that authorization and listing never need a join up the tree.

export const streets = sqliteTable('streets', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  district: text('district').notNull(),
  city: text('city').notNull(),
})

export const communities = sqliteTable(
  'communities',
  {
    id: text('id').primaryKey(),
    streetId: text('street_id')
      .notNull()
      .references(() => streets.id),
    name: text('name').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('communities_street_idx').on(t.streetId)],
)

export const compounds = sqliteTable(
  'compounds',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('compounds_community_idx').on(t.communityId)],
)

export const buildings = sqliteTable(
  'buildings',
  {
    id: text('id').primaryKey(),
    compoundId: text('compound_id')
      .notNull()
      .references(() => compounds.id),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    index('buildings_compound_idx').on(t.compoundId),
    index('buildings_community_idx').on(t.communityId),
  ],
)

// Floor area (专有部分面积) is stored in dm² (= 0.01 m²) as an integer so that the Civil Code
// vote arithmetic stays exact.
export const households = sqliteTable(
  'households',
  {
    id: text('id').primaryKey(),
    buildingId: text('building_id')
      .notNull()
      .references(() => buildings.id),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    unit: text('unit').notNull(),
    room: text('room').notNull(),
    floorAreaDm2: integer('floor_area_dm2').notNull(),
  },
  (t) => [
    uniqueIndex('households_address_uq').on(t.buildingId, t.unit, t.room),
    index('households_community_idx').on(t.communityId),
  ],
)

export const alleys = sqliteTable(
  'alleys',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('alleys_community_idx').on(t.communityId)],
)

// A neighbourhood centre belongs to a street and serves one or more of its communities.
export const centres = sqliteTable('centres', {
  id: text('id').primaryKey(),
  streetId: text('street_id')
    .notNull()
    .references(() => streets.id),
  name: text('name').notNull(),
  address: text('address').notNull(),
  openingNote: text('opening_note').notNull().default(''),
})

export const centreCommunities = sqliteTable(
  'centre_communities',
  {
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
  },
  (t) => [
    primaryKey({ columns: [t.centreId, t.communityId] }),
    index('centre_communities_community_idx').on(t.communityId),
  ],
)

// Rooms live here; the booking domain adds its rules (hours, slots, approval) in its own tables.
export const rooms = sqliteTable(
  'rooms',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id),
    name: text('name').notNull(),
    capacity: integer('capacity').notNull(),
    facilitiesJson: text('facilities_json').notNull().default('[]'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('rooms_centre_idx').on(t.centreId)],
)
