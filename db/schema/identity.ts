import { sql } from 'drizzle-orm'
import { sqliteTable, text, integer, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core'
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
    /**
     * 代办 (decision 019): a resident without WeChat registered by staff or her 楼组长. Her openid
     * is `offline:<id>`, which no WeChat login returns, so nobody can sign in as her until she
     * claims the account with an invite code (claimed_at); until then others act for her.
     */
    registeredBy: text('registered_by'),
    registeredAt: integer('registered_at'),
    claimedAt: integer('claimed_at'),
    /** Optional contact number staff entered for an offline resident (staff and her 楼组长 only). */
    phone: text('phone'),
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

// Roles in a community. Running a 邻里中心 is not one of them: it is granted per centre
// (centre-roles.ts, decision 020); migration 0012 moved the old 'centre_manager' rows there.
export const ROLES = ['staff', 'committee', 'planner', 'admin'] as const
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
    via: text('via', { enum: ['invite_code', 'request', 'registered'] }).notNull(),
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
    /** A code for one offline resident's account (decision 019): whoever uses it takes it over. */
    claimsUserId: text('claims_user_id').references(() => users.id),
  },
  (t) => [
    uniqueIndex('invite_codes_hash_uq').on(t.codeHash),
    index('invite_codes_household_idx').on(t.householdId),
  ],
)

// ---------- ownership (业主): who owns each 专有部分 (decision 011) ----------
// Recorded by staff from the 不动产权证 / 房产证. The Civil Code votes (民法典 第二百七十八条)
// count owners, not residents: a tenant is a resident and no owner, an owner may live elsewhere.

/**
 * An owner: a person (an app user, or someone staff record by name who does not use the app) or
 * the developer (建设单位) holding units it has not sold or delivered. The same row owning
 * several units is what makes "one owner of several units counts as one" (法释〔2009〕7号 Art. 9).
 */
export const owners = sqliteTable(
  'owners',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    kind: text('kind', { enum: ['person', 'developer'] }).notNull(),
    /** The owner's account when they use the app; null for an owner recorded by name only. */
    userId: text('user_id').references(() => users.id),
    /** Real name as on the certificate, or the developer's company name. */
    name: text('name').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    // One owner row per account and community, whatever the concurrency: linking an account
    // twice (two staff at once) finds the same owner.
    uniqueIndex('owners_user_uq')
      .on(t.communityId, t.userId)
      .where(sql`user_id IS NOT NULL`),
    index('owners_community_idx').on(t.communityId, t.kind, t.name),
  ],
)

/**
 * The title of one 专有部分: its area as registered (不动产登记簿, Art. 8), the certificate number
 * (staff only) or the mark that the developer has not sold or delivered it. Its owners are in
 * unit_owners. Area in dm² (0.01 m²), like households.floor_area_dm2, which is the community's
 * ledger figure and stays what it was for votes opened before decision 011.
 */
export const unitTitles = sqliteTable(
  'unit_titles',
  {
    householdId: text('household_id')
      .primaryKey()
      .references(() => households.id),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    registeredAreaDm2: integer('registered_area_dm2').notNull(),
    /** 不动产权证 / 房产证 number; null for a developer's unsold unit. */
    certificateNo: text('certificate_no'),
    developerUnsold: integer('developer_unsold', { mode: 'boolean' }).notNull().default(false),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: integer('recorded_at').notNull(),
  },
  (t) => [index('unit_titles_community_idx').on(t.communityId)],
)

/** Who owns a unit: one row per owner (co-owners 共有人 are several rows). */
export const unitOwners = sqliteTable(
  'unit_owners',
  {
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    ownerId: text('owner_id')
      .notNull()
      .references(() => owners.id),
  },
  (t) => [
    primaryKey({ columns: [t.householdId, t.ownerId] }),
    index('unit_owners_owner_idx').on(t.ownerId),
  ],
)

/**
 * An owner's written 委托: the proxy (a verified resident of the community) may cast the owner's
 * ballot in the Civil Code votes. Recorded by staff from the signed paper; at most one live
 * proxy per owner.
 */
export const ownerProxies = sqliteTable(
  'owner_proxies',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    ownerId: text('owner_id')
      .notNull()
      .references(() => owners.id),
    proxyUserId: text('proxy_user_id')
      .notNull()
      .references(() => users.id),
    /** What the paper is: "2026年11月20日签署的委托书，编号 W-003". */
    document: text('document').notNull(),
    /** End of the 委托 (exclusive), or null until revoked. */
    validUntil: integer('valid_until'),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: integer('recorded_at').notNull(),
    revokedAt: integer('revoked_at'),
    revokedBy: text('revoked_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('owner_proxies_live_uq')
      .on(t.ownerId)
      .where(sql`revoked_at IS NULL`),
    index('owner_proxies_proxy_idx').on(t.proxyUserId),
  ],
)
