import { eq } from 'drizzle-orm'
import { registerDoneMarks, registerFollows } from '../../db/schema'
import type { PersonalData } from '../lib/personal-data'

/**
 * The register: what a person follows is theirs (exported, erased with the account); a "done"
 * mark names the organiser who made it, a staff action that stays as the community's public
 * record (like the audit log; the account then reads "已注销用户"). Figure snapshots hold no
 * person at all.
 */
export const transparencyPersonalData: PersonalData = {
  domain: 'transparency',
  tables: [registerFollows, registerDoneMarks],
  async exportOf(db, userId) {
    const following = await db
      .select({
        kind: registerFollows.kind,
        entryId: registerFollows.entryId,
        createdAt: registerFollows.createdAt,
      })
      .from(registerFollows)
      .where(eq(registerFollows.userId, userId))
    return { register: { following } }
  },
  async forgetStatements(db, userId) {
    return [db.delete(registerFollows).where(eq(registerFollows.userId, userId))]
  },
}
