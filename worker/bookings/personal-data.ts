import { eq } from 'drizzle-orm'
import { blackouts, bookings, groupMembers, groups, noShowOverrides } from '../../db/schema'
import type { PersonalData } from '../lib/personal-data'

/**
 * 邻里中心 bookings of one person. Past and future bookings stay as the centre's record of who
 * used a room (signed by the anonymous account row after deletion); groups, memberships,
 * no-show overrides and blackouts name the leader or the manager who acted.
 */
export const bookingsPersonalData: PersonalData = {
  domain: 'bookings',
  tables: [bookings, groups, groupMembers, noShowOverrides, blackouts],
  async exportOf(db, userId) {
    return {
      bookings: await db
        .select({
          id: bookings.id,
          roomId: bookings.roomId,
          groupId: bookings.groupId,
          purpose: bookings.purpose,
          headcount: bookings.headcount,
          startsAt: bookings.startsAt,
          endsAt: bookings.endsAt,
          status: bookings.status,
          /** 代办 (decision 019): who booked for her. */
          actedBy: bookings.actedBy,
          createdAt: bookings.createdAt,
        })
        .from(bookings)
        .where(eq(bookings.userId, userId)),
    }
  },
  async forgetStatements() {
    return []
  },
}
