import { sql } from 'drizzle-orm'
import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core'
import { centres } from './places'
import { users } from './identity'

// Who runs a 邻里中心 (decision 020). A centre serves several communities, so running it is a
// role granted per centre, never implied by a role in a community it serves: an admin of one of
// those communities grants it, and only the grant lets anyone read the centre's calendar, its
// no-shows and the people who booked. Revoked rows stay as the record of who ran the centre when.

export const CENTRE_ROLES = ['manager'] as const
export type CentreRole = (typeof CENTRE_ROLES)[number]

export const centreRoleGrants = sqliteTable(
  'centre_role_grants',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: CENTRE_ROLES }).notNull(),
    /** Null only for grants carried over from the old community role whose grant had no author. */
    grantedBy: text('granted_by').references(() => users.id),
    grantedAt: integer('granted_at').notNull(),
    revokedAt: integer('revoked_at'),
    revokedBy: text('revoked_by').references(() => users.id),
  },
  (t) => [
    // One live grant per person, centre and role, whatever the concurrency.
    uniqueIndex('centre_role_grants_live_uq')
      .on(t.centreId, t.userId, t.role)
      .where(sql`revoked_at IS NULL`),
    index('centre_role_grants_user_idx').on(t.userId, t.revokedAt),
  ],
)
