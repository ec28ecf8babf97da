import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { communities, streets } from './places'
import { users } from './identity'

// Content safety (decision 013): what residents write and upload is checked before anyone else
// sees it. The street's word list, and one row per piece of content the check holds back.

export const CONTENT_WORD_KINDS = ['block', 'review', 'allow'] as const
/** block: refused with the word named; review: kept but held for staff; allow: a default word the street lifted. */
export type ContentWordKind = (typeof CONTENT_WORD_KINDS)[number]

/**
 * A street's changes to the shipped default list (worker/lib/content-words.ts): words it adds,
 * and default words it lifts ('allow'). Normalised as the check normalises text.
 */
export const contentWords = sqliteTable(
  'content_words',
  {
    id: text('id').primaryKey(),
    streetId: text('street_id')
      .notNull()
      .references(() => streets.id),
    word: text('word').notNull(),
    kind: text('kind', { enum: CONTENT_WORD_KINDS }).notNull(),
    addedBy: text('added_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('content_words_street_word_uq').on(t.streetId, t.word)],
)

/** One row per street whose list was edited: the version lets each isolate keep its compiled matcher. */
export const contentWordLists = sqliteTable('content_word_lists', {
  streetId: text('street_id')
    .primaryKey()
    .references(() => streets.id),
  version: integer('version').notNull(),
  updatedAt: integer('updated_at').notNull(),
})

export const HOLD_STATUSES = [
  'checking',
  'review',
  'risky',
  'rejected',
  'passed',
  'approved',
] as const
export type HoldStatus = (typeof HOLD_STATUSES)[number]

/**
 * Content kept back from everyone but its author (and staff). 'checking': WeChat has not
 * answered yet (a photo's async check, or a text check that timed out: retried by cron);
 * 'review': a verdict asks for a person to look; 'risky': WeChat's callback found a photo
 * unacceptable; 'rejected': staff said no. 'passed' / 'approved' release it. A target (type and
 * id, e.g. 'suggestion_comment' and the comment's id) has at most one row.
 */
export const contentHolds = sqliteTable(
  'content_holds',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    authorUserId: text('author_user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['text', 'photo'] }).notNull(),
    status: text('status', { enum: HOLD_STATUSES }).notNull(),
    /** What was checked, as the queue shows it: the text, or the photo's path (signed when shown). */
    content: text('content').notNull(),
    /** WeChat's scene for the text or photo (1 资料, 2 评论, 3 论坛, 4 社交日志). */
    scene: integer('scene').notNull(),
    /** Why it is held, in Chinese, as the author and staff read it. */
    reason: text('reason').notNull(),
    /** Listed words found (JSON array of strings). */
    matchedWordsJson: text('matched_words_json').notNull().default('[]'),
    /** WeChat's label (e.g. 20003 辱骂), when WeChat gave one. */
    label: integer('label'),
    /** mediaCheckAsync's trace_id: the callback names the photo by it. */
    traceId: text('trace_id'),
    attempts: integer('attempts').notNull().default(0),
    /** When the cron should ask WeChat again (a 'checking' text, or a photo whose request failed). */
    nextAttemptAt: integer('next_attempt_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    decidedAt: integer('decided_at'),
    decidedBy: text('decided_by').references(() => users.id),
  },
  (t) => [
    // The visibility test every list makes (lib/content-check.ts#notHeld) reads this index.
    uniqueIndex('content_holds_target_uq').on(t.targetType, t.targetId),
    uniqueIndex('content_holds_trace_uq').on(t.traceId),
    index('content_holds_queue_idx').on(t.communityId, t.status, t.createdAt),
    index('content_holds_retry_idx').on(t.status, t.nextAttemptAt),
    index('content_holds_author_idx').on(t.authorUserId, t.createdAt),
  ],
)
