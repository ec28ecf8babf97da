import { and, asc, eq, ne, sql } from 'drizzle-orm'
import {
  meetingAgendaItems,
  meetingPhotos,
  meetingRegistrations,
  meetingResolutions,
  meetings,
  meetingWalkIns,
  type SuggestionMove,
} from '../../db/schema'
import type { Db } from '../lib/env'
import { auditStatement } from '../lib/audit'
import { requireUser, type SessionUser } from '../lib/auth'
import { checkText, holdStatements, type ContentCheck } from '../lib/content-check'
import { isUniqueViolation, runBatch, type BatchStatement } from '../lib/db'
import { AppError, forbidden, notFound } from '../lib/errors'
import { acceptPhotoFile, storePhoto } from '../lib/photo-intake'
import type { PhotoStore } from '../lib/photo-store'
import { isValidSignature } from '../lib/signed-url'
import { DAY, now, shanghaiDate } from '../lib/time'
import { assertMeetingOrganiserOf } from '../identity/authz'
import { notifySelectStatement } from '../inbox/notify'
import {
  assertCanView,
  followersQuery,
  loadSuggestion,
  outsideDecisionStatements,
  outsideRatingStatements,
  STATUS_LABELS as SUGGESTION_STATUS_LABELS,
  suggestionLink,
} from '../suggestions/public'
import { outsideDecisionEventStatement } from '../conventions/public'
import {
  isOrganiser,
  loadMeeting,
  loadVisibleMeeting,
  meetingLink,
  TYPE_LABELS,
  type MeetingRow,
} from './repo'
import { meetingPhotoUrl } from './views'

type Actor = SessionUser | null
const MAX_MEETING_PHOTOS = 12
/** 评议会 ratings are taken from the start until a week after the meeting. */
const RATING_WINDOW_AFTER_END = 7 * DAY

function assertHeld(m: MeetingRow, at: number, what: string) {
  if (m.status !== 'published')
    throw new AppError('INVALID_STATE', m.status === 'cancelled' ? '会议已取消' : '会议尚未发布')
  if (at < m.startsAt) throw new AppError('INVALID_STATE', `会议开始后才能${what}`)
}

/** Saves the minutes; publishing them makes them (and the photos) public and tells the registrants. */
export async function saveMinutes(
  db: Db,
  check: ContentCheck,
  actor: Actor,
  id: string,
  input: { minutes: string; publish: boolean },
) {
  const m = await loadVisibleMeeting(db, actor, id)
  const organiser = await assertMeetingOrganiserOf(db, actor, m.communityId)
  const at = now()
  assertHeld(m, at, '填写会议纪要')
  // Held minutes are saved (and may be published): others read （纪要审核中） until passed.
  const verdict = await checkText(check, {
    communityId: m.communityId,
    authorUserId: organiser.id,
    scene: 3,
    fields: [{ key: 'minutes', label: '会议纪要', text: input.minutes }],
  })
  const firstPublication = input.publish && m.minutesPublishedAt === null
  await runBatch(db, [
    ...holdStatements(
      db,
      verdict,
      { type: 'meeting_minutes', id },
      { communityId: m.communityId, authorUserId: organiser.id },
      at,
    ),
    db
      .update(meetings)
      .set({
        minutes: input.minutes,
        updatedAt: at,
        ...(firstPublication ? { minutesPublishedAt: at } : {}),
      })
      .where(eq(meetings.id, id)),
    auditStatement(db, {
      communityId: m.communityId,
      actorUserId: organiser.id,
      action: firstPublication ? 'meeting.publish_minutes' : 'meeting.save_minutes',
      targetType: 'meeting',
      targetId: id,
      before: m.minutes === null ? undefined : { minutes: m.minutes },
      after: { minutes: input.minutes },
    }),
    ...(firstPublication
      ? [
          notifySelectStatement(
            db,
            sql`
      SELECT user_id FROM meeting_registrations WHERE meeting_id = ${id} AND status = 'confirmed'
      UNION SELECT user_id FROM meeting_walk_ins WHERE meeting_id = ${id}`,
            {
              kind: 'meeting.minutes',
              title: `${TYPE_LABELS[m.type]}纪要已公布`,
              body: `“${m.title}”的会议纪要和决议已公布，欢迎查看。`,
              link: meetingLink(id),
              subject: m.title,
            },
            at,
          ),
        ]
      : []),
  ])
  return { ok: true as const }
}

export async function uploadMeetingPhoto(
  db: Db,
  store: PhotoStore,
  secret: string,
  actor: Actor,
  id: string,
  file: unknown,
) {
  const m = await loadVisibleMeeting(db, actor, id)
  const organiser = await assertMeetingOrganiserOf(db, actor, m.communityId)
  if (m.status === 'cancelled') throw new AppError('INVALID_STATE', '会议已取消')
  const accepted = acceptPhotoFile(file)
  const tooMany = () =>
    new AppError('VALIDATION_FAILED', `每次会议最多 ${MAX_MEETING_PHOTOS} 张照片`)
  const count = await db
    .select({ n: sql<number>`COUNT(*)` })
    .from(meetingPhotos)
    .where(eq(meetingPhotos.meetingId, id))
    .get()
  if (Number(count?.n ?? 0) >= MAX_MEETING_PHOTOS) throw tooMany()
  const {
    id: photoId,
    key,
    contentType,
    bytes,
  } = await storePhoto(store, accepted, (photoId) => `meetings/${id}/${photoId}`)
  // The limit holds in SQL too: two uploads at once cannot both take the last place.
  await db.run(sql`INSERT INTO meeting_photos (id, meeting_id, r2_key, content_type, bytes, uploaded_by, created_at)
    SELECT ${photoId}, ${id}, ${key}, ${contentType}, ${bytes}, ${organiser.id}, ${now()}
    WHERE (SELECT COUNT(*) FROM meeting_photos WHERE meeting_id = ${id}) < ${MAX_MEETING_PHOTOS}`)
  if (
    !(await db
      .select({ id: meetingPhotos.id })
      .from(meetingPhotos)
      .where(eq(meetingPhotos.id, photoId))
      .get())
  )
    throw tooMany()
  return { id: photoId, url: await meetingPhotoUrl(photoId, m.minutesPublishedAt !== null, secret) }
}

export async function deleteMeetingPhoto(db: Db, actor: Actor, photoId: string) {
  const photo = await db.select().from(meetingPhotos).where(eq(meetingPhotos.id, photoId)).get()
  if (!photo) throw notFound('照片')
  const m = await loadMeeting(db, photo.meetingId)
  const organiser = await assertMeetingOrganiserOf(db, actor, m.communityId)
  await runBatch(db, [
    db.delete(meetingPhotos).where(eq(meetingPhotos.id, photoId)),
    auditStatement(db, {
      communityId: m.communityId,
      actorUserId: organiser.id,
      action: 'meeting.delete_photo',
      targetType: 'meeting',
      targetId: m.id,
      after: { photoId },
    }),
  ])
  return { ok: true as const }
}

/** Photos of published minutes are public; before that only organisers (or a signed URL) see them. */
export async function readMeetingPhoto(
  db: Db,
  store: PhotoStore,
  secret: string,
  actor: Actor,
  photoId: string,
  query: { exp?: string; sig?: string },
) {
  const photo = await db.select().from(meetingPhotos).where(eq(meetingPhotos.id, photoId)).get()
  if (!photo) throw notFound('照片')
  const m = await loadMeeting(db, photo.meetingId)
  const published = m.minutesPublishedAt !== null && m.status !== 'draft'
  const allowed =
    published ||
    (await isValidSignature(photoId, query.exp, query.sig, secret)) ||
    (await isOrganiser(db, actor, m.communityId))
  if (!allowed) throw notFound('照片')
  const object = await store.get(photo.r2Key)
  if (!object) throw notFound('照片')
  return { ...object, cacheControl: published ? 'public, max-age=300' : 'private, no-store' }
}

const MOVE_ACTIONS = {
  accept: 'accept',
  adopt: 'adopt',
  not_adopt: 'not_adopt',
  complete: 'complete',
  close_unfixed: 'close_unfixed',
} as const

/**
 * 民事民决: the resolution of one agenda item, published once. On a linked suggestion it can move
 * the case (e.g. to adopted) in the same transaction, with the decision on its timeline; on a
 * linked convention it is recorded on the convention's timeline. The people following the
 * suggestion are told.
 */
export async function publishResolution(
  db: Db,
  actor: Actor,
  meetingId: string,
  itemId: string,
  input: {
    decision: string
    votesFor?: number
    votesAgainst?: number
    votesAbstain?: number
    owner: string
    dueDate?: string
    suggestionMove: SuggestionMove
  },
) {
  const m = await loadVisibleMeeting(db, actor, meetingId)
  const organiser = await assertMeetingOrganiserOf(db, actor, m.communityId)
  const item = await db
    .select()
    .from(meetingAgendaItems)
    .where(and(eq(meetingAgendaItems.id, itemId), eq(meetingAgendaItems.meetingId, meetingId)))
    .get()
  if (!item) throw notFound('议题')
  const at = now()
  assertHeld(m, at, '公布决议')
  const voteParts = [input.votesFor, input.votesAgainst, input.votesAbstain]
  if (voteParts.some((v) => v !== undefined) && voteParts.some((v) => v === undefined)) {
    throw new AppError('VALIDATION_FAILED', '表决了就请填写赞成、反对、弃权三项票数（没有的填 0）')
  }
  if (input.dueDate && input.dueDate < shanghaiDate(at))
    throw new AppError('VALIDATION_FAILED', '完成期限不能早于今天')
  if (input.suggestionMove !== 'none' && !item.suggestionId)
    throw new AppError('VALIDATION_FAILED', '这个议题没有关联金点子，不能改变建议状态')

  const resolutionId = sql`${itemId}`
  const meetingLabel = `${shanghaiDate(m.startsAt)} ${TYPE_LABELS[m.type]}“${m.title}”`
  const body = `${meetingLabel}决议：${input.decision}${input.votesFor !== undefined ? `（赞成 ${input.votesFor}，反对 ${input.votesAgainst}，弃权 ${input.votesAbstain}）` : ''}；责任人：${input.owner}${input.dueDate ? `；完成期限：${input.dueDate}` : ''}`
  const statements: BatchStatement[] = []
  let guard = sql`1`
  if (item.suggestionId) {
    const s = await loadSuggestion(db, item.suggestionId)
    const decision = outsideDecisionStatements(
      db,
      organiser,
      s,
      input.suggestionMove === 'none' ? null : MOVE_ACTIONS[input.suggestionMove],
      body,
      at,
    )
    statements.push(...decision.statements)
    guard = decision.landed
  }
  statements.push(
    db.run(sql`
    INSERT INTO meeting_resolutions (item_id, meeting_id, decision, votes_for, votes_against, votes_abstain, owner, due_date, suggestion_move, created_by, created_at)
    SELECT ${resolutionId}, ${meetingId}, ${input.decision}, ${input.votesFor ?? null}, ${input.votesAgainst ?? null}, ${input.votesAbstain ?? null},
      ${input.owner}, ${input.dueDate ?? null}, ${input.suggestionMove}, ${organiser.id}, ${at}
    WHERE ${guard}`),
  )
  const won = sql`EXISTS (SELECT 1 FROM meeting_resolutions WHERE item_id = ${itemId} AND created_at = ${at})`
  if (item.conventionId) {
    statements.push(
      outsideDecisionEventStatement(
        db,
        item.conventionId,
        { actorUserId: organiser.id, body },
        won,
        at,
      ),
    )
  }
  // A resolution that moves the suggestion tells its followers through the move itself.
  if (item.suggestionId && input.suggestionMove === 'none') {
    statements.push(
      notifySelectStatement(
        db,
        followersQuery(item.suggestionId, won),
        {
          kind: 'meeting.resolution',
          title: '您关注的金点子有了议事会决议',
          body,
          link: suggestionLink(item.suggestionId),
        },
        at,
      ),
    )
  }
  statements.push(
    auditStatement(db, {
      communityId: m.communityId,
      actorUserId: organiser.id,
      action: 'meeting.resolution',
      targetType: 'meeting',
      targetId: meetingId,
      after: { itemId, ...input },
    }),
  )
  try {
    await runBatch(db, statements)
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    throw new AppError('CONFLICT', '这个议题的决议已经公布')
  }
  const stored = await db
    .select({ createdAt: meetingResolutions.createdAt })
    .from(meetingResolutions)
    .where(eq(meetingResolutions.itemId, itemId))
    .get()
  if (!stored || stored.createdAt !== at) {
    if (stored) throw new AppError('CONFLICT', '这个议题的决议已经公布')
    const s = await loadSuggestion(db, item.suggestionId!)
    throw new AppError(
      'INVALID_STATE',
      `关联的建议刚刚变为“${SUGGESTION_STATUS_LABELS[s.status]}”，请刷新后再公布决议`,
      undefined,
      undefined,
      { currentStatus: s.status },
    )
  }
  return { ok: true as const }
}

/**
 * 评议会: a resident present (checked in, or written down at the door with their account) rates
 * an item 1–5; on an item linked to a completed suggestion the rating joins its 民事民评 (one
 * rating per person and completion round — rating again here or there changes it).
 */
export async function rateItem(
  db: Db,
  actor: Actor,
  meetingId: string,
  itemId: string,
  stars: number,
) {
  const user = requireUser(actor)
  const m = await loadVisibleMeeting(db, actor, meetingId)
  const item = await db
    .select()
    .from(meetingAgendaItems)
    .where(and(eq(meetingAgendaItems.id, itemId), eq(meetingAgendaItems.meetingId, meetingId)))
    .get()
  if (!item) throw notFound('议题')
  if (m.type !== 'evaluation') throw new AppError('INVALID_STATE', '只有评议会的议题可以打分')
  const at = now()
  assertHeld(m, at, '评分')
  if (at > m.endsAt + RATING_WINDOW_AFTER_END) throw new AppError('INVALID_STATE', '评议已经结束')
  const present =
    (await db
      .select({ id: meetingRegistrations.id })
      .from(meetingRegistrations)
      .where(
        and(
          eq(meetingRegistrations.meetingId, meetingId),
          eq(meetingRegistrations.userId, user.id),
          eq(meetingRegistrations.status, 'confirmed'),
          sql`${meetingRegistrations.checkedInAt} IS NOT NULL`,
        ),
      )
      .get()) ??
    (await db
      .select({ id: meetingWalkIns.id })
      .from(meetingWalkIns)
      .where(and(eq(meetingWalkIns.meetingId, meetingId), eq(meetingWalkIns.userId, user.id)))
      .get())
  if (!present) throw forbidden('只有签到参加评议会的居民可以评分')
  const statements: BatchStatement[] = [
    db.run(sql`
    INSERT INTO meeting_item_ratings (item_id, user_id, stars, created_at) VALUES (${itemId}, ${user.id}, ${stars}, ${at})
    ON CONFLICT (item_id, user_id) DO UPDATE SET stars = excluded.stars, created_at = excluded.created_at`),
  ]
  if (item.suggestionId)
    statements.push(
      ...(await outsideRatingStatements(
        db,
        item.suggestionId,
        user.id,
        stars,
        `评议会评分：${m.title}`,
        at,
      )),
    )
  await runBatch(db, statements)
  return { ok: true as const }
}

/** One case file: the meetings that discussed a suggestion, with their resolutions. */
export async function meetingsOfSuggestion(db: Db, actor: Actor, suggestionId: string) {
  const s = await loadSuggestion(db, suggestionId)
  await assertCanView(db, actor, s)
  const rows = await db
    .select({ item: meetingAgendaItems, meeting: meetings, resolution: meetingResolutions })
    .from(meetingAgendaItems)
    .innerJoin(meetings, eq(meetings.id, meetingAgendaItems.meetingId))
    .leftJoin(meetingResolutions, eq(meetingResolutions.itemId, meetingAgendaItems.id))
    .where(and(eq(meetingAgendaItems.suggestionId, suggestionId), ne(meetings.status, 'draft')))
    .orderBy(asc(meetings.startsAt))
  return {
    items: rows.map(({ item, meeting, resolution }) => ({
      meetingId: meeting.id,
      meetingTitle: meeting.title,
      typeLabel: TYPE_LABELS[meeting.type],
      startsAt: meeting.startsAt,
      status: meeting.status,
      itemTitle: item.title,
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
    })),
  }
}
