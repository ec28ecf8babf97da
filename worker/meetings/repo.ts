import { eq, sql, type SQL } from 'drizzle-orm'
import { meetings, type MeetingType, type Role } from '../../db/schema'
import { known, readBatch, type Read } from '../lib/db'
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

/** Who organises meetings in a community (assertMeetingOrganiserOf's roles). */
export const ORGANISER_ROLES: Role[] = ['committee', 'staff', 'admin']

export function isOrganiser(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
): Promise<boolean> {
  return holdsRole(db, actor, communityId, ORGANISER_ROLES)
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

/** Meetings given by their ids or by a subquery of them (`SELECT id FROM meetings WHERE …`). */
export type MeetingIds = string[] | SQL

/** A meeting_id IN (…) list: the ids as one JSON array (D1 binds at most 100 parameters), or the subquery. */
function among(ids: MeetingIds): SQL {
  return Array.isArray(ids) ? sql`SELECT value FROM json_each(${JSON.stringify(ids)})` : ids
}

export type RegistrationCounts = Map<string, { confirmed: number; waitlisted: number }>

/** Confirmed and waitlisted counts of several meetings in one query. */
export async function registrationCounts(db: Db, meetingIds: string[]) {
  if (meetingIds.length === 0) return new Map() as RegistrationCounts
  const [counts] = await readBatch(db, [registrationCountsRead(db, meetingIds)])
  return counts
}

/** registrationCounts as one read of a batch (decision 021). */
export function registrationCountsRead(db: Db, meetingIds: MeetingIds): Read<RegistrationCounts> {
  return {
    statement: db.all(sql`
      SELECT meeting_id AS meetingId,
        SUM(CASE WHEN status = 'confirmed' THEN 1 ELSE 0 END) AS confirmed,
        SUM(CASE WHEN status = 'waitlisted' THEN 1 ELSE 0 END) AS waitlisted
      FROM meeting_registrations
      WHERE meeting_id IN (${among(meetingIds)}) AND status IN ('confirmed', 'waitlisted')
      GROUP BY meeting_id`),
    map: (rows) =>
      new Map(
        rows.map((r) => [
          String(r.meetingId),
          { confirmed: Number(r.confirmed), waitlisted: Number(r.waitlisted) },
        ]),
      ),
  }
}

export type MyRegistration = {
  status: 'confirmed' | 'waitlisted' | 'cancelled'
  waitlistPosition: number | null
  checkedIn: boolean
  createdAt: number
  /** 代办 (decision 019): who signed her up, by name; null when she did. */
  actedBy: string | null
}

/**
 * The viewer's live registration in each meeting, with their place on the waitlist, as one read
 * of a batch (a visitor has none: nothing is asked).
 */
export function myRegistrationsRead(
  db: Db,
  viewer: SessionUser | null,
  meetingIds: MeetingIds,
): Read<Map<string, MyRegistration>> {
  if (!viewer) return known(new Map())
  // Raw SQL: the waitlist position counts rows of the same table, which needs explicit aliases.
  return {
    statement: db.all(sql`
      SELECT r.meeting_id AS meetingId, r.status, r.checked_in_at AS checkedInAt, r.created_at AS createdAt,
        (SELECT nickname FROM users WHERE id = r.acted_by) AS actedBy,
        (SELECT COUNT(*) FROM meeting_registrations w WHERE w.meeting_id = r.meeting_id AND w.status = 'waitlisted' AND w.seq < r.seq) AS ahead
      FROM meeting_registrations r
      WHERE r.user_id = ${viewer.id} AND r.status IN ('confirmed', 'waitlisted')
        AND r.meeting_id IN (${among(meetingIds)})`),
    map: (rows) =>
      new Map(
        rows.map((r) => {
          const status = r.status as 'confirmed' | 'waitlisted'
          return [
            String(r.meetingId),
            {
              status,
              waitlistPosition: status === 'waitlisted' ? Number(r.ahead) + 1 : null,
              checkedIn: r.checkedInAt !== null,
              createdAt: Number(r.createdAt),
              actedBy: r.actedBy === null ? null : String(r.actedBy),
            },
          ]
        }),
      ),
  }
}

/** The meetings of `meetingIds` the viewer is invited to (none for a visitor). */
export function invitedRead(
  db: Db,
  viewer: SessionUser | null,
  meetingIds: MeetingIds,
): Read<Set<string>> {
  if (!viewer) return known(new Set())
  return {
    statement: db.all(sql`
      SELECT meeting_id AS meetingId FROM meeting_invitations
      WHERE user_id = ${viewer.id} AND meeting_id IN (${among(meetingIds)})`),
    map: (rows) => new Set(rows.map((r) => String(r.meetingId))),
  }
}
