import { eq, sql } from 'drizzle-orm'
import { meetings, type MeetingType } from '../../db/schema'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { notFound } from '../lib/errors'
import { HOUR } from '../lib/time'
import { holdsRole } from '../identity/authz'

export type MeetingRow = typeof meetings.$inferSelect

export const TYPE_LABELS: Record<MeetingType, string> = {
  council: '议事会',
  hearing: '听证会',
  coordination: '协调会',
  evaluation: '评议会',
}

/** Check-in at the door opens an hour before the start and closes when the meeting ends. */
export const CHECKIN_OPENS_BEFORE_MS = HOUR

export const MEETINGS_PAGE = '/packages/meetings/pages/detail/index'
export const meetingLink = (id: string) => `${MEETINGS_PAGE}?id=${id}`

export function isOrganiser(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
): Promise<boolean> {
  return holdsRole(db, actor, communityId, ['committee', 'staff', 'admin'])
}

export async function loadMeeting(db: Db, id: string): Promise<MeetingRow> {
  const row = await db.select().from(meetings).where(eq(meetings.id, id)).get()
  if (!row) throw notFound('会议')
  return row
}

/**
 * Published (and cancelled) meetings are public like a notice on the board; a draft is the
 * organisers' work in progress and answers 404 to everyone else, before any other check.
 */
export async function loadVisibleMeeting(
  db: Db,
  actor: SessionUser | null,
  id: string,
): Promise<MeetingRow> {
  const m = await loadMeeting(db, id)
  if (m.status === 'draft' && !(await isOrganiser(db, actor, m.communityId))) throw notFound('会议')
  return m
}

/** Confirmed and waitlisted counts of several meetings in one query. */
export async function registrationCounts(db: Db, meetingIds: string[]) {
  const counts = new Map<string, { confirmed: number; waitlisted: number }>()
  if (meetingIds.length === 0) return counts
  // The ids go in as one JSON array: D1 binds at most 100 parameters per statement.
  const rows = await db.all<{ meetingId: string; confirmed: number; waitlisted: number }>(sql`
    SELECT meeting_id AS meetingId,
      SUM(CASE WHEN status = 'confirmed' THEN 1 ELSE 0 END) AS confirmed,
      SUM(CASE WHEN status = 'waitlisted' THEN 1 ELSE 0 END) AS waitlisted
    FROM meeting_registrations
    WHERE meeting_id IN (SELECT value FROM json_each(${JSON.stringify(meetingIds)})) AND status IN ('confirmed', 'waitlisted')
    GROUP BY meeting_id`)
  for (const r of rows)
    counts.set(r.meetingId, { confirmed: Number(r.confirmed), waitlisted: Number(r.waitlisted) })
  return counts
}

/** The viewer's live registration in each meeting, with their place on the waitlist. */
export async function myRegistrations(db: Db, viewer: SessionUser | null, meetingIds: string[]) {
  const mine = new Map<
    string,
    {
      status: 'confirmed' | 'waitlisted' | 'cancelled'
      waitlistPosition: number | null
      checkedIn: boolean
      createdAt: number
      /** 代办 (decision 019): who signed her up, by name; null when she did. */
      actedBy: string | null
    }
  >()
  if (!viewer || meetingIds.length === 0) return mine
  // Raw SQL: the waitlist position counts rows of the same table, which needs explicit aliases.
  const rows = await db.all<{
    meetingId: string
    status: 'confirmed' | 'waitlisted'
    checkedInAt: number | null
    createdAt: number
    ahead: number
    actedBy: string | null
  }>(sql`
    SELECT r.meeting_id AS meetingId, r.status, r.checked_in_at AS checkedInAt, r.created_at AS createdAt,
      (SELECT nickname FROM users WHERE id = r.acted_by) AS actedBy,
      (SELECT COUNT(*) FROM meeting_registrations w WHERE w.meeting_id = r.meeting_id AND w.status = 'waitlisted' AND w.seq < r.seq) AS ahead
    FROM meeting_registrations r
    WHERE r.user_id = ${viewer.id} AND r.status IN ('confirmed', 'waitlisted')
      AND r.meeting_id IN (SELECT value FROM json_each(${JSON.stringify(meetingIds)}))`)
  for (const r of rows) {
    mine.set(r.meetingId, {
      status: r.status,
      waitlistPosition: r.status === 'waitlisted' ? Number(r.ahead) + 1 : null,
      checkedIn: r.checkedInAt !== null,
      createdAt: r.createdAt,
      actedBy: r.actedBy,
    })
  }
  return mine
}
