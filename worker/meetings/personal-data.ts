import { and, eq, gt, inArray, sql } from 'drizzle-orm'
import {
  meetingInvitations,
  meetingItemRatings,
  meetingPhotos,
  meetingRegistrations,
  meetingResolutions,
  meetings,
  meetingSpeakRequests,
  meetingWalkIns,
} from '../../db/schema'
import type { PersonalData } from '../lib/personal-data'
import { newId } from '../lib/ids'
import { promoteStatements } from './promotion'

/**
 * 议事会 about one person. On deletion, seats in meetings still to come are given up (and go to
 * the waitlist, as any cancellation would) and requests to speak on them withdrawn; past
 * attendance, walk-ins, ratings and invitations stay as the meetings' record. Meetings,
 * resolutions and photos name the organiser who acted.
 */
export const meetingsPersonalData: PersonalData = {
  domain: 'meetings',
  tables: [
    meetingRegistrations,
    meetingSpeakRequests,
    meetingItemRatings,
    meetingInvitations,
    meetingWalkIns,
    meetings,
    meetingResolutions,
    meetingPhotos,
  ],
  async exportOf(db, userId) {
    const [registrations, speakRequests, ratings] = await Promise.all([
      db
        .select({
          meetingId: meetingRegistrations.meetingId,
          status: meetingRegistrations.status,
          createdAt: meetingRegistrations.createdAt,
          checkedInAt: meetingRegistrations.checkedInAt,
          cancelledAt: meetingRegistrations.cancelledAt,
          /** 代办 (decision 019): who signed her up. */
          actedBy: meetingRegistrations.actedBy,
        })
        .from(meetingRegistrations)
        .where(eq(meetingRegistrations.userId, userId)),
      db
        .select({
          itemId: meetingSpeakRequests.itemId,
          topic: meetingSpeakRequests.topic,
          createdAt: meetingSpeakRequests.createdAt,
        })
        .from(meetingSpeakRequests)
        .where(eq(meetingSpeakRequests.userId, userId)),
      db
        .select({
          itemId: meetingItemRatings.itemId,
          stars: meetingItemRatings.stars,
          createdAt: meetingItemRatings.createdAt,
        })
        .from(meetingItemRatings)
        .where(eq(meetingItemRatings.userId, userId)),
    ])
    return { meetings: { registrations, speakRequests, ratings } }
  },
  async forgetStatements(db, userId, at) {
    const upcoming = await db
      .select({ meeting: meetings })
      .from(meetingRegistrations)
      .innerJoin(meetings, eq(meetings.id, meetingRegistrations.meetingId))
      .where(
        and(
          eq(meetingRegistrations.userId, userId),
          inArray(meetingRegistrations.status, ['confirmed', 'waitlisted']),
          gt(meetings.startsAt, at),
        ),
      )
    return upcoming.flatMap(({ meeting }) => [
      db.run(sql`UPDATE meeting_registrations SET status = 'cancelled', cancelled_at = ${at}
        WHERE meeting_id = ${meeting.id} AND user_id = ${userId} AND status IN ('confirmed', 'waitlisted')`),
      db.run(
        sql`DELETE FROM meeting_speak_requests WHERE meeting_id = ${meeting.id} AND user_id = ${userId}`,
      ),
      ...promoteStatements(db, meeting, newId(), at),
    ])
  },
}
