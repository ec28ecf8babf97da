import { eq } from 'drizzle-orm'
import { bookings } from '../../db/schema'
import type { Db } from '../lib/env'

/** Every booking of one person, for their data export (PIPL). */
export async function bookingDataOf(db: Db, userId: string) {
  return db.select({
    id: bookings.id, roomId: bookings.roomId, groupId: bookings.groupId, purpose: bookings.purpose, headcount: bookings.headcount,
    startsAt: bookings.startsAt, endsAt: bookings.endsAt, status: bookings.status, createdAt: bookings.createdAt,
  }).from(bookings).where(eq(bookings.userId, userId))
}
