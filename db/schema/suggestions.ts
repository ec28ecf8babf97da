import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core'
import { alleys, communities, households } from './places'
import { users } from './identity'

// 金点子: suggestions for back alleys and shared spaces, from idea to evaluated result.

export const SUGGESTION_CATEGORIES = [
  'cooking_fumes',
  'sewage',
  'litter',
  'clutter',
  'parking',
  'signboards',
  'stalls',
  'cables',
  'greening',
  'lighting',
  'road_surface',
  'facilities',
  'safety',
  'elderly_children',
  'other',
] as const
export type SuggestionCategory = (typeof SUGGESTION_CATEGORIES)[number]

export const SUGGESTION_STATUSES = [
  'submitted',
  'published',
  'accepted',
  'adopted',
  'not_adopted',
  'merged',
  'in_progress',
  'completed',
  'reopened',
  'closed_unfixed',
] as const
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number]

// Per-community rules: how many supporting households oblige an answer, and within how many days.
export const suggestionSettings = sqliteTable('suggestion_settings', {
  communityId: text('community_id')
    .primaryKey()
    .references(() => communities.id),
  responseThresholdHouseholds: integer('response_threshold_households').notNull(),
  answerDeadlineDays: integer('answer_deadline_days').notNull(),
  updatedAt: integer('updated_at').notNull(),
})

export const suggestions = sqliteTable(
  'suggestions',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    authorUserId: text('author_user_id')
      .notNull()
      .references(() => users.id),
    authorHouseholdId: text('author_household_id')
      .notNull()
      .references(() => households.id),
    /** "3号楼居民" — shown instead of the nickname unless the author chose to show their name. */
    authorBuildingLabel: text('author_building_label').notNull(),
    showName: integer('show_name', { mode: 'boolean' }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    category: text('category', { enum: SUGGESTION_CATEGORIES }).notNull(),
    alleyId: text('alley_id').references(() => alleys.id),
    /** Map point in micro-degrees (GCJ-02, as WeChat's map gives it); null when not set. */
    latE6: integer('lat_e6'),
    lngE6: integer('lng_e6'),
    landmark: text('landmark').notNull().default(''),
    status: text('status', { enum: SUGGESTION_STATUSES }).notNull(),
    /** Moderation is apart from the lifecycle: hidden content keeps its status but is never public. */
    hiddenAt: integer('hidden_at'),
    hiddenReason: text('hidden_reason'),
    mergedIntoId: text('merged_into_id'),
    plannerUserId: text('planner_user_id').references(() => users.id),
    supportCount: integer('support_count').notNull().default(0),
    supportHouseholdCount: integer('support_household_count').notNull().default(0),
    commentCount: integer('comment_count').notNull().default(0),
    ratingCount: integer('rating_count').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
    /** Which completion the current ratings belong to; a reopen starts a new round. */
    completionRound: integer('completion_round').notNull().default(0),
    thresholdReachedAt: integer('threshold_reached_at'),
    answerDueAt: integer('answer_due_at'),
    answeredAt: integer('answered_at'),
    /** Words for search: the title and description cut into overlapping Chinese bigrams. */
    searchText: text('search_text').notNull(),
    /** 代办: who submitted it for its author (staff or her 楼组长); null when she did (decision 019). */
    actedBy: text('acted_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('suggestions_list_new_idx').on(t.communityId, t.createdAt, t.id),
    index('suggestions_list_support_idx').on(t.communityId, t.supportCount, t.id),
    index('suggestions_list_updated_idx').on(t.communityId, t.updatedAt, t.id),
    index('suggestions_status_idx').on(t.communityId, t.status, t.createdAt),
    index('suggestions_category_idx').on(t.communityId, t.category, t.createdAt),
    index('suggestions_alley_idx').on(t.alleyId, t.createdAt),
    index('suggestions_author_idx').on(t.authorUserId, t.createdAt),
  ],
)

/**
 * What search filters on, one narrow row per suggestion, keyed by the suggestion's rowid (the key
 * of the FTS index, suggestions_fts): a common bigram matches thousands of rows, and the ranking
 * checks each one's community, status and filters here instead of reading its wide row (title,
 * description, search text) — decision 012, "How the query runs". Written only by the triggers of
 * migration 0019, inside the statement that writes the suggestion, so it is never stale; nothing
 * in the app writes it.
 */
export const suggestionSearch = sqliteTable('suggestion_search', {
  /** suggestions.rowid (INTEGER PRIMARY KEY: the table's own rowid, as the FTS rowid is). */
  suggestionRowid: integer('suggestion_rowid').primaryKey(),
  suggestionId: text('suggestion_id').notNull(),
  communityId: text('community_id').notNull(),
  status: text('status', { enum: SUGGESTION_STATUSES }).notNull(),
  category: text('category', { enum: SUGGESTION_CATEGORIES }).notNull(),
  alleyId: text('alley_id'),
  hiddenAt: integer('hidden_at'),
  answerDueAt: integer('answer_due_at'),
  answeredAt: integer('answered_at'),
})

export const suggestionSupports = sqliteTable(
  'suggestion_supports',
  {
    suggestionId: text('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id),
    /** 代办: who supported for this resident; null when she did (decision 019). */
    actedBy: text('acted_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.suggestionId, t.userId] }),
    index('suggestion_supports_household_idx').on(t.suggestionId, t.householdId),
    index('suggestion_supports_user_idx').on(t.userId, t.createdAt),
  ],
)

// The public timeline: every state change, answer and progress update, with who acted in which role.
export const suggestionEvents = sqliteTable(
  'suggestion_events',
  {
    id: text('id').primaryKey(),
    suggestionId: text('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    kind: text('kind').notNull(),
    actorUserId: text('actor_user_id').references(() => users.id),
    actorRole: text('actor_role').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    body: text('body'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('suggestion_events_suggestion_idx').on(t.suggestionId, t.createdAt)],
)

// Photos are stored privately in R2; rows are created on upload (unattached) and then attached
// to a suggestion or a progress event.
export const suggestionPhotos = sqliteTable(
  'suggestion_photos',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    uploaderUserId: text('uploader_user_id')
      .notNull()
      .references(() => users.id),
    suggestionId: text('suggestion_id').references(() => suggestions.id),
    eventId: text('event_id').references(() => suggestionEvents.id),
    r2Key: text('r2_key').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('suggestion_photos_suggestion_idx').on(t.suggestionId, t.sortOrder),
    index('suggestion_photos_event_idx').on(t.eventId),
    index('suggestion_photos_uploader_idx').on(t.uploaderUserId, t.createdAt),
  ],
)

export const suggestionComments = sqliteTable(
  'suggestion_comments',
  {
    id: text('id').primaryKey(),
    suggestionId: text('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    parentId: text('parent_id'),
    authorUserId: text('author_user_id')
      .notNull()
      .references(() => users.id),
    authorLabel: text('author_label').notNull(),
    body: text('body').notNull(),
    hiddenAt: integer('hidden_at'),
    hiddenReason: text('hidden_reason'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('suggestion_comments_suggestion_idx').on(t.suggestionId, t.createdAt)],
)

export const suggestionRatings = sqliteTable(
  'suggestion_ratings',
  {
    suggestionId: text('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    round: integer('round').notNull(),
    stars: integer('stars').notNull(),
    unresolved: integer('unresolved', { mode: 'boolean' }).notNull(),
    reason: text('reason'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.suggestionId, t.userId, t.round] })],
)

export const suggestionFlags = sqliteTable(
  'suggestion_flags',
  {
    id: text('id').primaryKey(),
    suggestionId: text('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    /** '' when the flag is about the suggestion itself (so the unique index covers both cases). */
    commentId: text('comment_id').notNull().default(''),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    createdAt: integer('created_at').notNull(),
    resolvedAt: integer('resolved_at'),
    resolvedBy: text('resolved_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('suggestion_flags_once_uq').on(t.suggestionId, t.commentId, t.userId),
    index('suggestion_flags_open_idx').on(t.resolvedAt, t.createdAt),
  ],
)

export const answerTemplates = sqliteTable(
  'answer_templates',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    kind: text('kind', {
      enum: ['adopt', 'not_adopt', 'merge', 'close', 'progress', 'hide'],
    }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('answer_templates_community_idx').on(t.communityId, t.kind)],
)

// When a follower last looked at a suggestion, for "unread updates" in 我的金点子.
export const suggestionReads = sqliteTable(
  'suggestion_reads',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    suggestionId: text('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    lastReadAt: integer('last_read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.suggestionId] })],
)
