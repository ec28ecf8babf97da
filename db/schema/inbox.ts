import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core'
import { users } from './identity'

// The in-app inbox: one row per event that concerns one person (promoted from a waitlist, a
// meeting moved or cancelled, a booking decided …). Later the same rows go out as WeChat
// subscribe messages; the inbox stays the record.
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** What happened, e.g. 'meeting.promoted'; the app picks an icon by its prefix. */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Where tapping it leads: a mini-program path such as /packages/meetings/pages/detail/index?id=… */
    link: text('link'),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.userId, t.readAt),
  ],
)
