import { asc, eq, sql } from 'drizzle-orm'
import {
  conventions,
  meetingAgendaItems,
  meetingInvitations,
  meetingPhotos,
  meetingResolutions,
  meetings,
  suggestions,
  type ConventionStatus,
  type SuggestionMove,
  type SuggestionStatus,
} from '../../db/schema'
import { holdsRead } from '../lib/content-check'
import { known, mapRead, readBatch, rowRead, rowsRead, type Read } from '../lib/db'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { notFound } from '../lib/errors'
import { signedPath } from '../lib/signed-url'
import { now } from '../lib/time'
import { holdsAny, rolesRead } from '../identity/reads'
import { STATUS_LABELS as CONVENTION_STATUS_LABELS } from '../conventions/public'
import {
  isPublic,
  myCurrentRatings,
  STATUS_LABELS as SUGGESTION_STATUS_LABELS,
} from '../suggestions/public'
import {
  CHECKIN_OPENS_BEFORE_MS,
  invitedRead,
  myRegistrationsRead,
  ORGANISER_ROLES,
  registrationCountsRead,
  TYPE_LABELS,
  type MeetingIds,
  type MeetingRow,
  type MyRegistration,
  type RegistrationCounts,
} from './repo'

// What a viewer sees of meetings: counts, their own place, and (for organisers) the door code.

/** What meetingSummaries reads about `ids` (or a subquery of them): in the caller's batch. */
export function summaryReads(
  db: Db,
  viewer: SessionUser | null,
  ids: MeetingIds,
): [Read<RegistrationCounts>, Read<Map<string, MyRegistration>>, Read<Set<string>>] {
  return [
    registrationCountsRead(db, ids),
    myRegistrationsRead(db, viewer, ids),
    invitedRead(db, viewer, ids),
  ]
}

type SummaryFacts = [RegistrationCounts, Map<string, MyRegistration>, Set<string>]

export async function meetingSummaries(
  db: Db,
  viewer: SessionUser | null,
  rows: MeetingCardRow[],
  at = now(),
) {
  if (rows.length === 0) return []
  const facts = await readBatch(
    db,
    summaryReads(
      db,
      viewer,
      rows.map((m) => m.id),
    ),
  )
  return summariesOf(rows, facts, at)
}

/**
 * A meeting's columns its card shows — a list reads these, not whole rows: the description and
 * the minutes are most of a meeting's bytes, and a list has up to 100 meetings.
 */
export const meetingCardColumns = {
  id: meetings.id,
  communityId: meetings.communityId,
  type: meetings.type,
  title: meetings.title,
  status: meetings.status,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  address: meetings.address,
  roomId: meetings.roomId,
  capacity: meetings.capacity,
  signupOpensAt: meetings.signupOpensAt,
  signupClosesAt: meetings.signupClosesAt,
  audience: meetings.audience,
  minutesPublishedAt: meetings.minutesPublishedAt,
}
type MeetingCardRow = Pick<MeetingRow, keyof typeof meetingCardColumns>

/** The cards of meetings, from the facts summaryReads read. */
export function summariesOf(
  rows: MeetingCardRow[],
  [counts, mine, invited]: SummaryFacts,
  at: number,
) {
  return rows.map((m) => {
    const c = counts.get(m.id) ?? { confirmed: 0, waitlisted: 0 }
    const signup =
      m.status === 'draft'
        ? ('draft' as const)
        : m.status === 'cancelled'
          ? ('cancelled' as const)
          : at < m.signupOpensAt
            ? ('not_yet' as const)
            : at >= m.signupClosesAt || at >= m.startsAt
              ? ('closed' as const)
              : m.audience === 'invited' && !invited.has(m.id) && !mine.has(m.id)
                ? ('invited_only' as const)
                : c.confirmed >= m.capacity || c.waitlisted > 0
                  ? ('waitlist' as const)
                  : ('open' as const)
    return {
      id: m.id,
      communityId: m.communityId,
      type: m.type,
      typeLabel: TYPE_LABELS[m.type],
      title: m.title,
      status: m.status,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      place: m.address,
      roomId: m.roomId,
      capacity: m.capacity,
      confirmedCount: c.confirmed,
      waitlistCount: c.waitlisted,
      signupOpensAt: m.signupOpensAt,
      signupClosesAt: m.signupClosesAt,
      audience: m.audience,
      signup,
      minutesPublished: m.minutesPublishedAt !== null,
      my: mine.get(m.id) ?? null,
    }
  })
}

/** A photo of the minutes: public once the minutes are; before that, signed for the organisers. */
export async function meetingPhotoUrl(photoId: string, minutesPublished: boolean, secret: string) {
  const base = `/api/meeting-photos/${photoId}`
  return minutesPublished ? base : signedPath(base, photoId, secret)
}

/**
 * A meeting's page, read in one round trip (decision 021): the meeting, whether the viewer
 * organises in its community, its counts and the viewer's place, the agenda with the viewer's
 * own requests and ratings, the minutes' hold, photos and invitations — then the draft rule
 * (404 to all but organisers, as loadVisibleMeeting) and what each viewer may see.
 */
export async function visibleMeetingDetail(
  db: Db,
  photoSecret: string,
  viewer: SessionUser | null,
  id: string,
) {
  const at = now()
  const [
    m,
    roles,
    counts,
    mine,
    invited,
    items,
    mySuggestionRatings,
    minutesHolds,
    photos,
    invitations,
  ] = await readBatch(db, [
    rowRead(db.select().from(meetings).where(eq(meetings.id, id))),
    rolesRead(db, viewer, sql`(SELECT community_id FROM ${meetings} WHERE id = ${id})`),
    ...summaryReads(db, viewer, [id]),
    agendaRead(db, viewer, id),
    viewer
      ? myCurrentRatings(
          db,
          viewer.id,
          sql`SELECT suggestion_id FROM ${meetingAgendaItems} WHERE meeting_id = ${id} AND suggestion_id IS NOT NULL`,
        )
      : known(new Map<string, number>()),
    holdsRead(db, 'meeting_minutes', [id]),
    rowsRead(
      db
        .select({ id: meetingPhotos.id })
        .from(meetingPhotos)
        .where(eq(meetingPhotos.meetingId, id))
        .orderBy(asc(meetingPhotos.createdAt)),
    ),
    mapRead(
      rowRead(
        db
          .select({ n: sql<number>`COUNT(*)` })
          .from(meetingInvitations)
          .where(eq(meetingInvitations.meetingId, id)),
      ),
      (row) => Number(row?.n ?? 0),
    ),
  ])
  if (!m) throw notFound('会议')
  const organiser = holdsAny(roles, ORGANISER_ROLES)
  if (m.status === 'draft' && !organiser) throw notFound('会议')
  const [summary] = summariesOf([m], [counts, mine, invited], at)
  const minutesVisible = organiser || m.minutesPublishedAt !== null
  const minutesHeld = Boolean(minutesHolds.get(m.id)?.held)
  return {
    ...summary!,
    description: m.description,
    cancelReason: m.cancelReason,
    agenda: items.map(
      ({
        item,
        suggestion,
        convention,
        resolution,
        speakRequestCount,
        ratingCount,
        ratingSum,
        mySpeakTopic,
        myItemStars,
      }) => ({
        id: item.id,
        position: item.position,
        title: item.title,
        description: item.description,
        suggestion:
          suggestion && (isPublic(suggestion) || organiser)
            ? {
                id: suggestion.id,
                title: suggestion.title,
                status: suggestion.status,
                statusLabel: SUGGESTION_STATUS_LABELS[suggestion.status],
              }
            : null,
        convention:
          convention && (convention.status !== 'draft' || organiser)
            ? {
                id: convention.id,
                title: convention.title,
                status: convention.status,
                statusLabel: CONVENTION_STATUS_LABELS[convention.status],
              }
            : null,
        resolution: resolution
          ? {
              decision: resolution.decision,
              votesFor: resolution.votesFor,
              votesAgainst: resolution.votesAgainst,
              votesAbstain: resolution.votesAbstain,
              owner: resolution.owner,
              dueDate: resolution.dueDate,
              suggestionMove: resolution.suggestionMove,
              createdAt: resolution.createdAt,
            }
          : null,
        speakRequestCount: Number(speakRequestCount),
        mySpeakTopic,
        rating: {
          count: Number(ratingCount),
          average: Number(ratingCount)
            ? Math.round((Number(ratingSum) / Number(ratingCount)) * 10) / 10
            : null,
          // On an item linked to a 金点子 the rating is its 民事民评: the one given on the 金点子
          // page counts here too (and is the latest if changed there after the meeting).
          mine:
            (item.suggestionId ? mySuggestionRatings.get(item.suggestionId) : undefined) ??
            myItemStars ??
            null,
        },
      }),
    ),
    minutes: minutesVisible ? (minutesHeld && !organiser ? '（纪要审核中）' : m.minutes) : null,
    minutesPublishedAt: m.minutesPublishedAt,
    photos: await Promise.all(
      (minutesVisible ? photos : []).map(async (p) => ({
        id: p.id,
        url: await meetingPhotoUrl(p.id, m.minutesPublishedAt !== null, photoSecret),
      })),
    ),
    canManage: organiser,
    checkinCode: organiser ? m.checkinCode : null,
    checkinOpensAt: m.startsAt - CHECKIN_OPENS_BEFORE_MS,
    checkinClosesAt: m.endsAt,
    invitedCount: organiser ? invitations : null,
  }
}

type AgendaRow = {
  item: {
    id: string
    position: number
    title: string
    description: string
    suggestionId: string | null
  }
  suggestion: {
    id: string
    title: string
    status: SuggestionStatus
    hiddenAt: number | null
  } | null
  convention: { id: string; status: ConventionStatus; title: string } | null
  resolution: {
    decision: string
    votesFor: number | null
    votesAgainst: number | null
    votesAbstain: number | null
    owner: string
    dueDate: string | null
    suggestionMove: SuggestionMove
    createdAt: number
  } | null
  speakRequestCount: number
  ratingCount: number
  ratingSum: number
  mySpeakTopic: string | null
  myItemStars: number | null
}

/**
 * The agenda of a meeting with what each item links to, its resolution and counts, and the
 * viewer's own speaking request and rating (none for a visitor). Raw SQL with aliased columns:
 * the joined tables share column names (id, title, status), which a batch cannot tell apart.
 */
function agendaRead(db: Db, viewer: SessionUser | null, meetingId: string): Read<AgendaRow[]> {
  const viewerId = viewer?.id ?? ''
  return {
    statement: db.all(sql`
      SELECT i.id, i.position, i.title, i.description, i.suggestion_id AS suggestionId,
        s.id AS sId, s.title AS sTitle, s.status AS sStatus, s.hidden_at AS sHiddenAt,
        c.id AS cId, c.status AS cStatus,
        (SELECT v.title FROM convention_versions v WHERE v.convention_id = c.id AND v.version = c.current_version) AS cTitle,
        r.item_id AS rItemId, r.decision, r.votes_for AS votesFor, r.votes_against AS votesAgainst,
        r.votes_abstain AS votesAbstain, r.owner, r.due_date AS dueDate,
        r.suggestion_move AS suggestionMove, r.created_at AS rCreatedAt,
        (SELECT COUNT(*) FROM meeting_speak_requests q WHERE q.item_id = i.id) AS speakRequestCount,
        (SELECT COUNT(*) FROM meeting_item_ratings g WHERE g.item_id = i.id) AS ratingCount,
        (SELECT COALESCE(SUM(stars), 0) FROM meeting_item_ratings g WHERE g.item_id = i.id) AS ratingSum,
        (SELECT q.topic FROM meeting_speak_requests q WHERE q.item_id = i.id AND q.user_id = ${viewerId} LIMIT 1) AS mySpeakTopic,
        (SELECT g.stars FROM meeting_item_ratings g WHERE g.item_id = i.id AND g.user_id = ${viewerId} LIMIT 1) AS myItemStars
      FROM ${meetingAgendaItems} i
      LEFT JOIN ${suggestions} s ON s.id = i.suggestion_id
      LEFT JOIN ${conventions} c ON c.id = i.convention_id
      LEFT JOIN ${meetingResolutions} r ON r.item_id = i.id
      WHERE i.meeting_id = ${meetingId}
      ORDER BY i.position`),
    map: (rows) =>
      rows.map((r) => ({
        item: {
          id: String(r.id),
          position: Number(r.position),
          title: String(r.title),
          description: String(r.description),
          suggestionId: r.suggestionId === null ? null : String(r.suggestionId),
        },
        suggestion:
          r.sId === null
            ? null
            : {
                id: String(r.sId),
                title: String(r.sTitle),
                status: r.sStatus as SuggestionStatus,
                hiddenAt: r.sHiddenAt === null ? null : Number(r.sHiddenAt),
              },
        convention:
          r.cId === null
            ? null
            : { id: String(r.cId), status: r.cStatus as ConventionStatus, title: String(r.cTitle) },
        resolution:
          r.rItemId === null
            ? null
            : {
                decision: String(r.decision),
                votesFor: r.votesFor === null ? null : Number(r.votesFor),
                votesAgainst: r.votesAgainst === null ? null : Number(r.votesAgainst),
                votesAbstain: r.votesAbstain === null ? null : Number(r.votesAbstain),
                owner: String(r.owner),
                dueDate: r.dueDate === null ? null : String(r.dueDate),
                suggestionMove: r.suggestionMove as SuggestionMove,
                createdAt: Number(r.rCreatedAt),
              },
        speakRequestCount: Number(r.speakRequestCount),
        ratingCount: Number(r.ratingCount),
        ratingSum: Number(r.ratingSum),
        mySpeakTopic: r.mySpeakTopic === null ? null : String(r.mySpeakTopic),
        myItemStars: r.myItemStars === null ? null : Number(r.myItemStars),
      })),
  }
}
