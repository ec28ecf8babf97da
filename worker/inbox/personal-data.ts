import { eq } from 'drizzle-orm'
import { notifications, subscribeGrants, wechatOutbox } from '../../db/schema'
import type { PersonalData } from '../lib/personal-data'

/**
 * 我的消息 and its WeChat channel: the notices, my subscribe-message answers (消息设置) and the
 * messages queued or sent to me. Exported with the person's data, erased with the account, so
 * a deleted account is sent nothing more (decision 014).
 */
export const inboxPersonalData: PersonalData = {
  domain: 'inbox',
  tables: [notifications, subscribeGrants, wechatOutbox],
  async exportOf(db, userId) {
    const [inbox, subscriptions, wechatMessages] = await Promise.all([
      db
        .select({
          kind: notifications.kind,
          title: notifications.title,
          body: notifications.body,
          createdAt: notifications.createdAt,
          readAt: notifications.readAt,
        })
        .from(notifications)
        .where(eq(notifications.userId, userId)),
      db
        .select({
          topic: subscribeGrants.topic,
          enabled: subscribeGrants.enabled,
          credits: subscribeGrants.credits,
          longTerm: subscribeGrants.longTerm,
          lastAnswer: subscribeGrants.lastAnswer,
          updatedAt: subscribeGrants.updatedAt,
        })
        .from(subscribeGrants)
        .where(eq(subscribeGrants.userId, userId)),
      db
        .select({
          topic: wechatOutbox.topic,
          status: wechatOutbox.status,
          createdAt: wechatOutbox.createdAt,
          sentAt: wechatOutbox.sentAt,
        })
        .from(wechatOutbox)
        .where(eq(wechatOutbox.userId, userId)),
    ])
    // Under `meetings`, where the export has shown the inbox since both arrived (decision 007),
    // and its WeChat channel beside it.
    return { meetings: { inbox, wechatSubscriptions: subscriptions, wechatMessages } }
  },
  async forgetStatements(db, userId) {
    return [
      db.delete(wechatOutbox).where(eq(wechatOutbox.userId, userId)),
      db.delete(subscribeGrants).where(eq(subscribeGrants.userId, userId)),
      db.delete(notifications).where(eq(notifications.userId, userId)),
    ]
  },
}
