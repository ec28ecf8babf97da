import { eq } from 'drizzle-orm'
import { userPreferences } from '../../db/schema/preferences'
import type { PersonalData } from '../lib/personal-data'

/** A person's settings (长辈模式, decision 023): exported with their data, erased with the account. */
export const preferencesPersonalData: PersonalData = {
  domain: 'identity',
  tables: [userPreferences],
  async exportOf(db, userId) {
    const row = await db
      .select({ largeText: userPreferences.largeText, updatedAt: userPreferences.updatedAt })
      .from(userPreferences)
      .where(eq(userPreferences.userId, userId))
      .get()
    return { preferences: row ?? null }
  },
  async forgetStatements(db, userId) {
    return [db.delete(userPreferences).where(eq(userPreferences.userId, userId))]
  },
}
