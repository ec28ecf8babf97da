import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core'
import { communities } from './places'
import { users } from './identity'

// 民事民评 in public: the figures of each community (docs/metrics.md), kept as a snapshot that the
// cron refreshes every 5 minutes, and the register of what the 议事会 promised (resolutions and
// 微规约 in force) with the residents who follow an entry and the committee's "done" marks.

/** One row per community: the figures as served, and when they were computed. */
export const communityFigures = sqliteTable('community_figures', {
  communityId: text('community_id')
    .primaryKey()
    .references(() => communities.id),
  /** The JSON of CommunityFiguresSchema (worker/transparency/schemas.ts), without personal data. */
  figuresJson: text('figures_json').notNull(),
  computedAt: integer('computed_at').notNull(),
})

export const REGISTER_KINDS = ['resolution', 'convention'] as const
export type RegisterKind = (typeof REGISTER_KINDS)[number]

/** A resident following a register entry hears when it becomes overdue, done or evaluated. */
export const registerFollows = sqliteTable(
  'register_follows',
  {
    kind: text('kind', { enum: REGISTER_KINDS }).notNull(),
    /** The agenda item of the resolution, or the convention. */
    entryId: text('entry_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.entryId, t.userId] }),
    index('register_follows_user_idx').on(t.userId, t.createdAt),
  ],
)

/**
 * "已完成" for a resolution that no 金点子 carries (a 金点子's own completion says it for the
 * others): recorded once by an organiser, with what was done. Public, like the minutes.
 */
export const registerDoneMarks = sqliteTable('register_done_marks', {
  /** The agenda item of the resolution. */
  itemId: text('item_id').primaryKey(),
  communityId: text('community_id')
    .notNull()
    .references(() => communities.id),
  note: text('note').notNull(),
  markedBy: text('marked_by')
    .notNull()
    .references(() => users.id),
  createdAt: integer('created_at').notNull(),
})
