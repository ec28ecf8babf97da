import { eq } from 'drizzle-orm'
import { contentHolds, contentWords } from '../../db/schema'
import type { PersonalData } from '../lib/personal-data'

/**
 * Content safety about one person. A hold names the author of the held text or photo and keeps
 * a copy of what was checked (what the queue shows); it is exported to its author. On deletion
 * the holds stay: the content they keep from others stays in its domain, signed by the
 * "已注销用户" account row, and must stay held. Words of the list and decisions name the staff
 * member who acted, like the audit log.
 */
export const moderationPersonalData: PersonalData = {
  domain: 'moderation',
  tables: [contentHolds, contentWords],
  async exportOf(db, userId) {
    const held = await db
      .select({
        targetType: contentHolds.targetType,
        kind: contentHolds.kind,
        status: contentHolds.status,
        content: contentHolds.content,
        reason: contentHolds.reason,
        createdAt: contentHolds.createdAt,
      })
      .from(contentHolds)
      .where(eq(contentHolds.authorUserId, userId))
    return { contentChecks: { held } }
  },
  async forgetStatements() {
    return []
  },
}
