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

// WeChat's access_token (from stable_token), shared by every caller of the app: one row per
// appid. Whoever finds it stale takes the refresh lease with a conditional UPDATE, so one caller
// fetches a new token while the others wait for it (worker/lib/wechat-token.ts). It is a
// credential: never logged, never returned by the API.
export const wechatTokens = sqliteTable('wechat_tokens', {
  appId: text('app_id').primaryKey(),
  accessToken: text('access_token'),
  expiresAt: integer('expires_at').notNull().default(0),
  leaseHolder: text('lease_holder'),
  leaseUntil: integer('lease_until').notNull().default(0),
  fetchedAt: integer('fetched_at'),
})
