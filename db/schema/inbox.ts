import { sqliteTable, text, integer, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { users } from './identity'

// The in-app inbox: one row per event that concerns one person (promoted from a waitlist, a
// meeting moved or cancelled, a booking decided …). The same rows go out as WeChat subscribe
// messages (decision 014): the inbox stays the record, WeChat is a second channel.
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
    /**
     * The subscribe-message topic of `kind` (worker/inbox/topics.ts), or null when the notice is
     * for the inbox only. The trigger notifications_wechat_outbox (migration 0008) queues a
     * WeChat message from it when the person has a credit or a long-term subscription.
     */
    wechatTopic: text('wechat_topic'),
    /** What the notice is about (a 金点子's or meeting's title), for the message's fields. */
    subject: text('subject'),
    /** When the thing happens (a meeting's start, a vote's close), for the message's time field. */
    eventAt: integer('event_at'),
    /** Where it happens (a meeting's address, a room), for the message's fields. */
    place: text('place'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.userId, t.readAt),
  ],
)

// What a person answered WeChat's subscribe prompt, per topic (worker/inbox/topics.ts). One-time
// subscriptions are credits: each 'accept' adds one, each queued message takes one (in the
// trigger on notifications, so 200 events racing take at most `credits`). A long-term topic
// (configured per template) needs no credits. `enabled` is the person's own switch in 消息设置.
export const subscribeGrants = sqliteTable(
  'subscribe_grants',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    topic: text('topic').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    credits: integer('credits').notNull().default(0),
    longTerm: integer('long_term', { mode: 'boolean' }).notNull().default(false),
    /** WeChat's last answer: 'accept' | 'reject' | 'ban' (null when only the switch was used). */
    lastAnswer: text('last_answer'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topic] })],
)

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'gave_up'] as const
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]

// Subscribe messages waiting for WeChat, written by the trigger in the event's own batch and
// drained by the scheduled job (worker/inbox/wechat-outbox.ts). A drain claims rows with a
// conditional UPDATE (queued → sending, stamped with its claim), so two drains never send one.
export const wechatOutbox = sqliteTable(
  'wechat_outbox',
  {
    id: text('id').primaryKey(),
    notificationId: text('notification_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    topic: text('topic').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    claim: text('claim'),
    claimedAt: integer('claimed_at'),
    sentAt: integer('sent_at'),
    /** Why the last attempt did not send (WeChat's errcode and words), never a token. */
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    // One message per notice, whatever happens to the trigger.
    uniqueIndex('wechat_outbox_notification_uq').on(t.notificationId),
    index('wechat_outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('wechat_outbox_claim_idx').on(t.claim),
    index('wechat_outbox_user_idx').on(t.userId),
  ],
)
