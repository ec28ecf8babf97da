import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import {
  conventions,
  meetingAgendaItems,
  meetingInvitations,
  meetingItemRatings,
  meetingPhotos,
  meetingResolutions,
  meetingSpeakRequests,
  suggestions,
} from '../../db/schema'
import { holdsOf } from '../lib/content-check'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { signedPath } from '../lib/signed-url'
import { now } from '../lib/time'
import { STATUS_LABELS as CONVENTION_STATUS_LABELS } from '../conventions/public'
import {
  isPublic,
  myCurrentRatings,
  STATUS_LABELS as SUGGESTION_STATUS_LABELS,
} from '../suggestions/public'
import {
  CHECKIN_OPENS_BEFORE_MS,
  isOrganiser,
  myRegistrations,
  registrationCounts,
  TYPE_LABELS,
  type MeetingRow,
} from './repo'

// What a viewer sees of meetings: counts, their own place, and (for organisers) the door code.

async function invitedSet(db: Db, viewer: SessionUser | null, meetingIds: string[]) {
  if (!viewer || meetingIds.length === 0) return new Set<string>()
  const rows = await db
    .select({ meetingId: meetingInvitations.meetingId })
    .from(meetingInvitations)
    .where(
      and(
        eq(meetingInvitations.userId, viewer.id),
        sql`${meetingInvitations.meetingId} IN (SELECT value FROM json_each(${JSON.stringify(meetingIds)}))`,
      ),
    )
  return new Set(rows.map((r) => r.meetingId))
}

export async function meetingSummaries(
  db: Db,
  viewer: SessionUser | null,
  rows: MeetingRow[],
  at = now(),
) {
  const ids = rows.map((m) => m.id)
  const [counts, mine, invited] = await Promise.all([
    registrationCounts(db, ids),
    myRegistrations(db, viewer, ids),
    invitedSet(db, viewer, ids),
  ])
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

export async function meetingDetail(
  db: Db,
  photoSecret: string,
  viewer: SessionUser | null,
  m: MeetingRow,
) {
  const at = now()
  const organiser = await isOrganiser(db, viewer, m.communityId)
  const [summary] = await meetingSummaries(db, viewer, [m], at)
  const items = await db
    .select({
      item: meetingAgendaItems,
      suggestion: {
        id: suggestions.id,
        title: suggestions.title,
        status: suggestions.status,
        hiddenAt: suggestions.hiddenAt,
      },
      convention: {
        id: conventions.id,
        status: conventions.status,
        title: sql<string>`(SELECT v.title FROM convention_versions v WHERE v.convention_id = ${conventions.id} AND v.version = ${conventions.currentVersion})`,
      },
      resolution: meetingResolutions,
      speakRequestCount: sql<number>`(SELECT COUNT(*) FROM meeting_speak_requests s WHERE s.item_id = ${meetingAgendaItems.id})`,
      ratingCount: sql<number>`(SELECT COUNT(*) FROM meeting_item_ratings r WHERE r.item_id = ${meetingAgendaItems.id})`,
      ratingSum: sql<number>`(SELECT COALESCE(SUM(stars), 0) FROM meeting_item_ratings r WHERE r.item_id = ${meetingAgendaItems.id})`,
    })
    .from(meetingAgendaItems)
    .leftJoin(suggestions, eq(suggestions.id, meetingAgendaItems.suggestionId))
    .leftJoin(conventions, eq(conventions.id, meetingAgendaItems.conventionId))
    .leftJoin(meetingResolutions, eq(meetingResolutions.itemId, meetingAgendaItems.id))
    .where(eq(meetingAgendaItems.meetingId, m.id))
    .orderBy(asc(meetingAgendaItems.position))
  const itemIds = items.map((i) => i.item.id)
  const linkedSuggestionIds = items.flatMap((i) =>
    i.item.suggestionId ? [i.item.suggestionId] : [],
  )
  const [mySpeak, myRatings, mySuggestionRatings] =
    viewer && itemIds.length
      ? await Promise.all([
          db
            .select({ itemId: meetingSpeakRequests.itemId, topic: meetingSpeakRequests.topic })
            .from(meetingSpeakRequests)
            .where(
              and(
                eq(meetingSpeakRequests.userId, viewer.id),
                inArray(meetingSpeakRequests.itemId, itemIds),
              ),
            ),
          db
            .select({ itemId: meetingItemRatings.itemId, stars: meetingItemRatings.stars })
            .from(meetingItemRatings)
            .where(
              and(
                eq(meetingItemRatings.userId, viewer.id),
                inArray(meetingItemRatings.itemId, itemIds),
              ),
            ),
          myCurrentRatings(db, viewer.id, linkedSuggestionIds),
        ])
      : [[], [], new Map<string, number>()]
  const minutesVisible = organiser || m.minutesPublishedAt !== null
  const minutesHeld = Boolean((await holdsOf(db, 'meeting_minutes', [m.id])).get(m.id)?.held)
  const photos = minutesVisible
    ? await db
        .select({ id: meetingPhotos.id })
        .from(meetingPhotos)
        .where(eq(meetingPhotos.meetingId, m.id))
        .orderBy(asc(meetingPhotos.createdAt))
    : []
  const invited = organiser
    ? await db
        .select({ n: sql<number>`COUNT(*)` })
        .from(meetingInvitations)
        .where(eq(meetingInvitations.meetingId, m.id))
        .get()
    : null
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
        mySpeakTopic: mySpeak.find((s) => s.itemId === item.id)?.topic ?? null,
        rating: {
          count: Number(ratingCount),
          average: Number(ratingCount)
            ? Math.round((Number(ratingSum) / Number(ratingCount)) * 10) / 10
            : null,
          // On an item linked to a 金点子 the rating is its 民事民评: the one given on the 金点子
          // page counts here too (and is the latest if changed there after the meeting).
          mine:
            (item.suggestionId ? mySuggestionRatings.get(item.suggestionId) : undefined) ??
            myRatings.find((r) => r.itemId === item.id)?.stars ??
            null,
        },
      }),
    ),
    minutes: minutesVisible ? (minutesHeld && !organiser ? '（纪要审核中）' : m.minutes) : null,
    minutesPublishedAt: m.minutesPublishedAt,
    photos: await Promise.all(
      photos.map(async (p) => ({
        id: p.id,
        url: await meetingPhotoUrl(p.id, m.minutesPublishedAt !== null, photoSecret),
      })),
    ),
    canManage: organiser,
    checkinCode: organiser ? m.checkinCode : null,
    checkinOpensAt: m.startsAt - CHECKIN_OPENS_BEFORE_MS,
    checkinClosesAt: m.endsAt,
    invitedCount: invited ? Number(invited.n) : null,
  }
}
