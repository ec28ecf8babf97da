import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './identity'

/**
 * A person's settings that follow the account from phone to phone (decision 023). One row per
 * person, written only when they change something; no row means every default.
 */
export const userPreferences = sqliteTable('user_preferences', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id),
  /** 长辈模式: large text, large targets (the mini-program's styles/_elder.scss). */
  largeText: integer('large_text', { mode: 'boolean' }).notNull().default(false),
  updatedAt: integer('updated_at').notNull(),
})
