import { eq } from 'drizzle-orm'
import { userPreferences } from '../../db/schema/preferences'
import { requireUser, type SessionUser } from '../lib/auth'
import type { Db } from '../lib/env'
import type { Preferences } from './preferences-schemas'

// A person's own settings: the routes have no id, so nobody can name anyone else's; signed out is
// refused (requireUser). One upsert, so two phones switching at once leave one row.

const DEFAULTS: Preferences = { largeText: false }

export async function getPreferences(db: Db, viewer: SessionUser | null): Promise<Preferences> {
  const user = requireUser(viewer)
  const row = await db
    .select({ largeText: userPreferences.largeText })
    .from(userPreferences)
    .where(eq(userPreferences.userId, user.id))
    .get()
  return row ?? DEFAULTS
}

export async function setPreferences(
  db: Db,
  viewer: SessionUser | null,
  preferences: Preferences,
): Promise<Preferences> {
  const user = requireUser(viewer)
  const row = await db
    .insert(userPreferences)
    .values({ userId: user.id, largeText: preferences.largeText, updatedAt: Date.now() })
    .onConflictDoUpdate({
      target: userPreferences.userId,
      set: { largeText: preferences.largeText, updatedAt: Date.now() },
    })
    .returning({ largeText: userPreferences.largeText })
    .get()
  return row
}
