import { sql } from 'drizzle-orm'
import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core'
import { communities, households, buildings } from './places'

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    openid: text('openid').notNull(),
    nickname: text('nickname').notNull(),
    currentCommunityId: text('current_community_id').references(() => communities.id),
    consentVersion: text('consent_version'),
    consentedAt: integer('consented_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_openid_uq').on(t.openid)],
)

// Our own opaque session tokens: only the SHA-256 of the token is stored.
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [
    uniqueIndex('sessions_token_hash_uq').on(t.tokenHash),
    index('sessions_user_idx').on(t.userId),
  ],
)

// Every acceptance of the privacy notice, kept as evidence (PIPL): which version, when.
export const privacyConsents = sqliteTable(
  'privacy_consents',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    version: text('version').notNull(),
    acceptedAt: integer('accepted_at').notNull(),
  },
  (t) => [index('privacy_consents_user_idx').on(t.userId)],
)

export const ROLES = ['staff', 'committee', 'planner', 'centre_manager', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const roleGrants = sqliteTable(
  'role_grants',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ROLES }).notNull(),
    grantedBy: text('granted_by').references(() => users.id),
    grantedAt: integer('granted_at').notNull(),
  },
  (t) => [
    uniqueIndex('role_grants_uq').on(t.communityId, t.userId, t.role),
    index('role_grants_user_idx').on(t.userId),
  ],
)

// A verified resident of a household. Revoked rows are kept for the record.
export const residencies = sqliteTable(
  'residencies',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    status: text('status', { enum: ['verified', 'revoked'] }).notNull(),
    via: text('via', { enum: ['invite_code', 'request'] }).notNull(),
    realName: text('real_name'),
    isRepresentative: integer('is_representative', { mode: 'boolean' }).notNull().default(false),
    verifiedAt: integer('verified_at').notNull(),
    verifiedBy: text('verified_by').references(() => users.id),
    revokedAt: integer('revoked_at'),
    revokedBy: text('revoked_by').references(() => users.id),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    // One live residency per person and household, whatever the concurrency.
    uniqueIndex('residencies_live_uq')
      .on(t.userId, t.householdId)
      .where(sql`status = 'verified'`),
    // At most one 户代表 per household.
    uniqueIndex('residencies_representative_uq')
      .on(t.householdId)
      .where(sql`status = 'verified' AND is_representative = 1`),
    index('residencies_community_idx').on(t.communityId, t.status),
    index('residencies_user_idx').on(t.userId, t.status),
  ],
)

export const residencyRequests = sqliteTable(
  'residency_requests',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    buildingId: text('building_id')
      .notNull()
      .references(() => buildings.id),
    unit: text('unit').notNull(),
    room: text('room').notNull(),
    realName: text('real_name').notNull(),
    note: text('note'),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
    rejectReason: text('reject_reason'),
    createdAt: integer('created_at').notNull(),
    decidedAt: integer('decided_at'),
    decidedBy: text('decided_by').references(() => users.id),
  },
  (t) => [
    // One open request per person and community.
    uniqueIndex('residency_requests_pending_uq')
      .on(t.userId, t.communityId)
      .where(sql`status = 'pending'`),
    index('residency_requests_community_idx').on(t.communityId, t.status, t.createdAt),
  ],
)

// One-time invite codes; only the hash is stored, the code itself is shown once to staff.
export const inviteCodes = sqliteTable(
  'invite_codes',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    codeHash: text('code_hash').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    usedBy: text('used_by').references(() => users.id),
    revokedAt: integer('revoked_at'),
  },
  (t) => [
    uniqueIndex('invite_codes_hash_uq').on(t.codeHash),
    index('invite_codes_household_idx').on(t.householdId),
  ],
)
