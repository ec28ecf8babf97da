import { eq } from 'drizzle-orm'
import { notifications } from '../../db/schema'
import type { PersonalData } from '../lib/personal-data'

/** 我的消息: exported with the person's data, erased with the account. */
export const inboxPersonalData: PersonalData = {
  domain: 'inbox',
  tables: [notifications],
  async exportOf(db, userId) {
    const inbox = await db
      .select({
        kind: notifications.kind,
        title: notifications.title,
        body: notifications.body,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
      })
      .from(notifications)
      .where(eq(notifications.userId, userId))
    // Under `meetings`, where the export has shown the inbox since both arrived (decision 007).
    return { meetings: { inbox } }
  },
  async forgetStatements(db, userId) {
    return [db.delete(notifications).where(eq(notifications.userId, userId))]
  },
}
