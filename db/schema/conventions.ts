import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core'
import { buildings, communities, households } from './places'
import { owners, users } from './identity'

// 微规约: drafting, consultation, voting under exact decision rules, 公示, 备案, pledges.

export const CONVENTION_STATUSES = [
  'draft',
  'consultation',
  'voting',
  'closed',
  'in_force',
  'superseded',
] as const
export type ConventionStatus = (typeof CONVENTION_STATUSES)[number]

export const conventions = sqliteTable(
  'conventions',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    status: text('status', { enum: CONVENTION_STATUSES }).notNull(),
    /** The convention this one amends; when this one comes into force the other is superseded. */
    amendsId: text('amends_id'),
    scopeType: text('scope_type', { enum: ['community', 'compounds', 'buildings'] }).notNull(),
    /** JSON array of compound or building ids; [] for the whole community. */
    scopeIdsJson: text('scope_ids_json').notNull(),
    currentVersion: integer('current_version').notNull(),
    consultationStartsAt: integer('consultation_starts_at'),
    consultationEndsAt: integer('consultation_ends_at'),
    rule: text('rule', {
      enum: ['simple', 'household', 'civil_code_ordinary', 'civil_code_major'],
    }),
    quorumNum: integer('quorum_num'),
    quorumDen: integer('quorum_den'),
    approvalNum: integer('approval_num'),
    approvalDen: integer('approval_den'),
    representativeOnly: integer('representative_only', { mode: 'boolean' })
      .notNull()
      .default(false),
    votingVersion: integer('voting_version'),
    votingOpensAt: integer('voting_opens_at'),
    votingClosesAt: integer('voting_closes_at'),
    /**
     * Who the roll counts, fixed when voting opens: residents (simple), households (household,
     * and the Civil Code rules opened before decision 011), or owners (业主) by 法释〔2009〕7号
     * Art. 8–9 (the Civil Code rules opened since).
     */
    rollBasis: text('roll_basis', { enum: ['residents', 'households', 'owners'] }),
    /**
     * Chosen when voting opens and shown on the ballot page: whether 楼组长 and 网格员 may see which
     * households of their buildings have not voted yet (to knock on doors) — never how anyone voted
     * (decision 018).
     */
    notVotedVisibleToLeaders: integer('not_voted_visible_to_leaders', { mode: 'boolean' })
      .notNull()
      .default(false),
    rollVoters: integer('roll_voters'),
    rollAreaDm2: integer('roll_area_dm2'),
    /** Under an owners roll, how it was counted (JSON: units, developer's units, owners of several units). */
    rollCountingJson: text('roll_counting_json'),
    /** The result record (JSON): eligible, cast, each option by count and area, valid, passed, why. */
    resultJson: text('result_json'),
    passed: integer('passed', { mode: 'boolean' }),
    closedAt: integer('closed_at'),
    filingNumber: text('filing_number'),
    filingDate: text('filing_date'),
    filingAuthority: text('filing_authority'),
    inForceAt: integer('in_force_at'),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('conventions_community_idx').on(t.communityId, t.updatedAt),
    index('conventions_voting_close_idx').on(t.status, t.votingClosesAt),
  ],
)

export const conventionVersions = sqliteTable(
  'convention_versions',
  {
    conventionId: text('convention_id')
      .notNull()
      .references(() => conventions.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    preamble: text('preamble').notNull(),
    /** JSON array of article texts; article numbers are their positions (第1条 …). */
    articlesJson: text('articles_json').notNull(),
    changeNote: text('change_note').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.conventionId, t.version] })],
)

export const conventionEvents = sqliteTable(
  'convention_events',
  {
    id: text('id').primaryKey(),
    conventionId: text('convention_id')
      .notNull()
      .references(() => conventions.id),
    kind: text('kind').notNull(),
    actorUserId: text('actor_user_id').references(() => users.id),
    actorRole: text('actor_role').notNull(),
    body: text('body'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('convention_events_convention_idx').on(t.conventionId, t.createdAt)],
)

export const conventionComments = sqliteTable(
  'convention_comments',
  {
    id: text('id').primaryKey(),
    conventionId: text('convention_id')
      .notNull()
      .references(() => conventions.id),
    version: integer('version').notNull(),
    /** 1-based article number, or null for a comment on the whole text. */
    article: integer('article'),
    parentId: text('parent_id'),
    authorUserId: text('author_user_id')
      .notNull()
      .references(() => users.id),
    authorLabel: text('author_label').notNull(),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('convention_comments_convention_idx').on(t.conventionId, t.createdAt)],
)

// The roll of eligible voters, fixed when voting opens. voter_key is the person (simple rule)
// or the household (other rules); area and building are copied so the tally never re-reads places.
export const conventionRoll = sqliteTable(
  'convention_roll',
  {
    conventionId: text('convention_id')
      .notNull()
      .references(() => conventions.id),
    voterKey: text('voter_key').notNull(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    buildingId: text('building_id')
      .notNull()
      .references(() => buildings.id),
    floorAreaDm2: integer('floor_area_dm2').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conventionId, t.voterKey] }),
    // With the area, the opening's per-building turnout rows (decision 022: count and area by
    // building) read the index alone, not 50,000 table rows (migration 0017).
    index('convention_roll_building_idx').on(t.conventionId, t.buildingId, t.floorAreaDm2),
  ],
)

// One row per voter: the last accepted ballot. No user id and no time is stored with an option:
// the row is keyed by a keyed hash of the voter key, and "have I voted" is answered by computing
// that hash again. docs/ballot-secrecy.md says what a database operator can still learn.
export const conventionBallots = sqliteTable(
  'convention_ballots',
  {
    conventionId: text('convention_id')
      .notNull()
      .references(() => conventions.id),
    ballotKey: text('ballot_key').notNull(),
    buildingId: text('building_id').notNull(),
    floorAreaDm2: integer('floor_area_dm2').notNull(),
    option: text('option', { enum: ['yes', 'no', 'abstain'] }).notNull(),
    receipt: text('receipt').notNull(),
    /** online: by the voter; proxy: by an owner's recorded proxy (the owner's own ballot wins); paper: by staff. */
    source: text('source', { enum: ['online', 'proxy', 'paper'] }).notNull(),
    paperRef: text('paper_ref'),
    // No acted_by here (unlike every other 代办 act, decision 019): a user id beside an option is
    // what this table must never hold. Who recorded a paper ballot is in its audit entry.
  },
  (t) => [
    primaryKey({ columns: [t.conventionId, t.ballotKey] }),
    uniqueIndex('convention_ballots_receipt_uq').on(t.conventionId, t.receipt),
    index('convention_ballots_building_idx').on(t.conventionId, t.buildingId),
  ],
)

export const conventionPledges = sqliteTable(
  'convention_pledges',
  {
    conventionId: text('convention_id')
      .notNull()
      .references(() => conventions.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    buildingId: text('building_id')
      .notNull()
      .references(() => buildings.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conventionId, t.userId] }),
    index('convention_pledges_building_idx').on(t.conventionId, t.buildingId),
  ],
)

// Under an owners roll: which 专有部分 each roll entry (one 业主 as the law counts them) holds,
// with its registered area. A paper ballot names a unit; this finds the voter it counts for.
export const conventionRollUnits = sqliteTable(
  'convention_roll_units',
  {
    conventionId: text('convention_id')
      .notNull()
      .references(() => conventions.id),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    voterKey: text('voter_key').notNull(),
    areaDm2: integer('area_dm2').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conventionId, t.householdId] }),
    index('convention_roll_units_voter_idx').on(t.conventionId, t.voterKey),
  ],
)

// Under an owners roll: the owners of each roll entry at opening (co-owners, the owner of several
// units, the developer). One of them, or their recorded proxy, casts the entry's one ballot.
// An owner belongs to one entry only (the primary key), so nobody is counted twice.
export const conventionRollOwners = sqliteTable(
  'convention_roll_owners',
  {
    conventionId: text('convention_id')
      .notNull()
      .references(() => conventions.id),
    voterKey: text('voter_key').notNull(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => owners.id),
  },
  (t) => [
    primaryKey({ columns: [t.conventionId, t.ownerId] }),
    index('convention_roll_owners_voter_idx').on(t.conventionId, t.voterKey),
  ],
)

// The turnout meter's counters (decision 022): one row per building of a vote's roll. The roll's
// voters and area are fixed in the opening's batch; the ballots cast and their area are kept by
// the triggers on convention_ballots (migration 0015) inside the statement that writes a ballot.
// Counts and areas only, never an option (docs/ballot-secrecy.md).
export const conventionTurnout = sqliteTable(
  'convention_turnout',
  {
    conventionId: text('convention_id')
      .notNull()
      .references(() => conventions.id),
    buildingId: text('building_id')
      .notNull()
      .references(() => buildings.id),
    /** Roll entries counted under this building (households, residents or 业主), fixed at opening. */
    rollVoters: integer('roll_voters').notNull(),
    rollAreaDm2: integer('roll_area_dm2').notNull(),
    /** Ballot rows of this building: one per roll entry that voted, however many times. */
    castVoters: integer('cast_voters').notNull().default(0),
    castAreaDm2: integer('cast_area_dm2').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.conventionId, t.buildingId] })],
)
