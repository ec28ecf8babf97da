import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core'
import { communities } from './places'
import { users } from './identity'

// Every staff action: who, for whom, what, and the state before and after (JSON).
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    actorUserId: text('actor_user_id')
      .notNull()
      .references(() => users.id),
    onBehalfOfUserId: text('on_behalf_of_user_id').references(() => users.id),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    beforeJson: text('before_json'),
    afterJson: text('after_json'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('audit_log_community_idx').on(t.communityId, t.createdAt, t.id)],
)

// Fixed-window counters for rate limits, one row per key and window.
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
)
