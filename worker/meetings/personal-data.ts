import { and, eq, gt, inArray, sql } from 'drizzle-orm'
import { meetingItemRatings, meetingRegistrations, meetings, meetingSpeakRequests, notifications } from '../../db/schema'
import type { Db } from '../lib/env'
import type { BatchStatement } from '../lib/db'
import { newId } from '../lib/ids'
import { promoteStatements } from './promotion'

/** My meetings, requests to speak, ratings and inbox, for the data export (PIPL). */
export async function meetingDataOf(db: Db, userId: string) {
  const [registrations, speakRequests, ratings, inbox] = await Promise.all([
    db.select({ meetingId: meetingRegistrations.meetingId, status: meetingRegistrations.status, createdAt: meetingRegistrations.createdAt,
      checkedInAt: meetingRegistrations.checkedInAt, cancelledAt: meetingRegistrations.cancelledAt }).from(meetingRegistrations).where(eq(meetingRegistrations.userId, userId)),
    db.select({ itemId: meetingSpeakRequests.itemId, topic: meetingSpeakRequests.topic, createdAt: meetingSpeakRequests.createdAt })
      .from(meetingSpeakRequests).where(eq(meetingSpeakRequests.userId, userId)),
    db.select({ itemId: meetingItemRatings.itemId, stars: meetingItemRatings.stars, createdAt: meetingItemRatings.createdAt })
      .from(meetingItemRatings).where(eq(meetingItemRatings.userId, userId)),
    db.select({ kind: notifications.kind, title: notifications.title, body: notifications.body, createdAt: notifications.createdAt, readAt: notifications.readAt })
      .from(notifications).where(eq(notifications.userId, userId)),
  ])
  return { registrations, speakRequests, ratings, inbox }
}

/**
 * On account deletion: seats in meetings still to come are given up (and go to the waitlist,
 * as any cancellation would), requests to speak on them withdrawn, and the inbox erased.
 */
export async function forgetMeetingsStatements(db: Db, userId: string, at: number): Promise<BatchStatement[]> {
  const upcoming = await db.select({ meeting: meetings }).from(meetingRegistrations)
    .innerJoin(meetings, eq(meetings.id, meetingRegistrations.meetingId))
    .where(and(eq(meetingRegistrations.userId, userId), inArray(meetingRegistrations.status, ['confirmed', 'waitlisted']), gt(meetings.startsAt, at)))
  return [
    ...upcoming.flatMap(({ meeting }) => [
      db.run(sql`UPDATE meeting_registrations SET status = 'cancelled', cancelled_at = ${at}
        WHERE meeting_id = ${meeting.id} AND user_id = ${userId} AND status IN ('confirmed', 'waitlisted')`),
      db.run(sql`DELETE FROM meeting_speak_requests WHERE meeting_id = ${meeting.id} AND user_id = ${userId}`),
      ...promoteStatements(db, meeting, newId(), at),
    ]),
    db.delete(notifications).where(eq(notifications.userId, userId)),
  ]
}
