import { and, asc, desc, eq, gte, ne, sql } from 'drizzle-orm'
import { meetingInvitations, meetings } from '../../db/schema'
import type { Db } from '../lib/env'
import { readBatch, rowsRead } from '../lib/db'
import { auditIfChangedStatement, auditStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import {
  abortUnlessStatement,
  isAbort,
  isUniqueViolation,
  runBatch,
  type BatchStatement,
} from '../lib/db'
import {
  checkText,
  holdsOf,
  holdStatements,
  type CheckInput,
  type ContentCheck,
} from '../lib/content-check'
import { AppError } from '../lib/errors'
import { newId } from '../lib/ids'
import {
  afterCursor,
  compositeKey,
  decodeCursor,
  keyParts,
  toPage,
  type Cursor,
} from '../lib/pagination'
import { HOUR, now, shanghaiSpoken } from '../lib/time'
import { assertMeetingOrganiserOf } from '../identity/authz'
import { assertHolds, rolesRead } from '../identity/reads'
import { notifySelectStatement } from '../inbox/notify'
import { agendaStatements, assertLinksOf } from './agenda'
import { promoteStatements } from './promotion'
import {
  loadMeeting,
  loadVisibleMeeting,
  meetingLink,
  ORGANISER_ROLES,
  registrationCounts,
  TYPE_LABELS,
} from './repo'
import {
  bookingExists,
  bookRoomStatements,
  meetingRoom,
  releaseRoomStatements,
  updateHeldRoomStatement,
  whyRoomNotBooked,
} from '../bookings/public'
import { eventsForEachStatement } from '../suggestions/public'
import type { MeetingInput } from './schemas'
import { meetingCardColumns, summariesOf, summaryReads } from './views'

type Actor = SessionUser | null
const LIVE_REGISTRANTS = (meetingId: string) =>
  sql`SELECT user_id FROM meeting_registrations WHERE meeting_id = ${meetingId} AND status IN ('confirmed', 'waitlisted')`

/** Times that make sense for a meeting; rules about the room are checked by the room. */
function checkTimes(input: MeetingInput, at: number) {
  if (input.endsAt <= input.startsAt)
    throw new AppError('VALIDATION_FAILED', '结束时间应晚于开始时间')
  if (input.endsAt - input.startsAt > 12 * HOUR)
    throw new AppError('VALIDATION_FAILED', '一次会议最长 12 小时')
  if (input.startsAt < at) throw new AppError('VALIDATION_FAILED', '会议开始时间已过，请重新选择')
  if (input.signupClosesAt <= input.signupOpensAt)
    throw new AppError('VALIDATION_FAILED', '报名截止时间应晚于报名开始时间')
  if (input.signupClosesAt > input.startsAt)
    throw new AppError('VALIDATION_FAILED', '报名应在会议开始前截止')
  if (!input.roomId && !input.address)
    throw new AppError('VALIDATION_FAILED', '请选择邻里中心的房间，或填写会议地点')
  if (input.roomId && input.address)
    throw new AppError('VALIDATION_FAILED', '房间和其他地点只能选一个')
}

const purposeOf = (input: Pick<MeetingInput, 'type' | 'title'>) =>
  `${TYPE_LABELS[input.type]}：${input.title}`.slice(0, 100)

/** A draft meeting; choosing a room books it now, so the time is held while the agenda is prepared. */
export async function createMeeting(
  db: Db,
  check: ContentCheck,
  actor: Actor,
  communityId: string,
  input: MeetingInput,
) {
  const organiser = await assertMeetingOrganiserOf(db, actor, communityId)
  const at = now()
  checkTimes(input, at)
  if (input.agenda.some((i) => i.id))
    throw new AppError('VALIDATION_FAILED', '新会议的议题不能带编号')
  await assertLinksOf(db, communityId, input.agenda)
  const verdict = await checkText(check, meetingText(communityId, organiser.id, input))
  const room = input.roomId
    ? await meetingRoom(db, input.roomId, communityId, input.startsAt, input.endsAt, input.capacity)
    : null
  const id = newId()
  const bookingId = room ? newId() : null
  const roomHeld = bookingId ? bookingExists(bookingId) : sql`1`
  const meetingExists = sql`EXISTS (SELECT 1 FROM meetings WHERE id = ${id})`
  const statements: BatchStatement[] = [
    // A draft is for organisers only; a held text keeps it from being published (publishMeeting).
    ...holdStatements(
      db,
      verdict,
      { type: 'meeting', id },
      { communityId, authorUserId: organiser.id },
      at,
    ),
    ...(room && bookingId
      ? bookRoomStatements(db, {
          bookingId,
          room,
          userId: organiser.id,
          purpose: purposeOf(input),
          headcount: input.capacity,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          at,
        })
      : []),
    db.run(sql`
      INSERT INTO meetings (id, community_id, type, title, description, starts_at, ends_at, room_id, booking_id, address, capacity,
        signup_opens_at, signup_closes_at, audience, status, checkin_code, created_by, created_at, updated_at)
      SELECT ${id}, ${communityId}, ${input.type}, ${input.title}, ${input.description}, ${input.startsAt}, ${input.endsAt},
        ${room?.id ?? null}, ${bookingId}, ${room ? room.place : input.address!}, ${input.capacity}, ${input.signupOpensAt}, ${input.signupClosesAt},
        ${input.audience}, 'draft', ${checkinCode()}, ${organiser.id}, ${at}, ${at}
      WHERE ${roomHeld}`),
    ...(await agendaStatements(db, id, input.agenda, meetingExists)),
    auditIfChangedStatement(db, {
      communityId,
      actorUserId: organiser.id,
      action: 'meeting.create',
      targetType: 'meeting',
      targetId: id,
      after: {
        type: input.type,
        title: input.title,
        startsAt: input.startsAt,
        roomId: input.roomId ?? null,
        capacity: input.capacity,
      },
    }),
  ]
  try {
    await runBatch(db, statements)
  } catch (error) {
    if (!isUniqueViolation(error) || !room) throw error
  }
  const created = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(eq(meetings.id, id))
    .get()
  if (!created)
    throw new AppError('CONFLICT', await whyRoomNotBooked(db, room!, input.startsAt, input.endsAt))
  return id
}

/** Six digits, shown at the door and encoded in the QR code. */
function checkinCode(): string {
  return String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000).padStart(6, '0')
}

/**
 * Edits a draft or published meeting. Moving it (time or room) re-books the room in the same
 * transaction — the old slots are freed and the new ones taken, or nothing changes. Registrants
 * are told of a new time or place; a larger capacity promotes from the waitlist at once; a
 * capacity below the confirmed sign-ups is refused (checked in SQL, against concurrent sign-ups).
 */
export async function updateMeeting(
  db: Db,
  check: ContentCheck,
  actor: Actor,
  id: string,
  input: MeetingInput,
) {
  const m = await loadMeeting(db, id)
  const organiser = await assertMeetingOrganiserOf(db, actor, m.communityId)
  if (m.status === 'cancelled') throw new AppError('INVALID_STATE', '会议已取消，不能修改')
  const at = now()
  if (m.startsAt <= at)
    throw new AppError('INVALID_STATE', '会议已经开始，不能再修改时间地点和议程')
  // Residents signed up for a kind of meeting (a 评议会 takes ratings, a 听证会 does not).
  if (m.status === 'published' && input.type !== m.type) {
    throw new AppError(
      'INVALID_STATE',
      `已发布的${TYPE_LABELS[m.type]}不能改为其他类型；如需改变，请取消后重新发起`,
    )
  }
  checkTimes(input, at)
  const verdict = await checkText(check, meetingText(m.communityId, organiser.id, input))
  // What residents already read is not replaced by words a person has not passed yet.
  if (m.status === 'published' && verdict.held)
    throw new AppError(
      'INVALID_STATE',
      `修改后的会议内容${verdict.status === 'review' ? `需要人工审核（${verdict.reason}）` : '暂时无法完成内容检查'}，已发布的会议没有改动；请修改措辞或稍后再保存`,
    )
  await assertLinksOf(db, m.communityId, input.agenda)
  const moved =
    input.startsAt !== m.startsAt ||
    input.endsAt !== m.endsAt ||
    (input.roomId ?? null) !== m.roomId ||
    (!input.roomId && input.address !== m.address)
  const rebook =
    Boolean(input.roomId) &&
    (input.roomId !== m.roomId || input.startsAt !== m.startsAt || input.endsAt !== m.endsAt)
  const room = input.roomId
    ? await meetingRoom(
        db,
        input.roomId,
        m.communityId,
        input.startsAt,
        input.endsAt,
        input.capacity,
      )
    : null
  const bookingId = rebook ? newId() : room ? m.bookingId : null
  const token = newId()
  const place = room ? room.place : input.address!
  const statements: BatchStatement[] = [
    ...(m.bookingId && (rebook || !room)
      ? releaseRoomStatements(db, m.bookingId, '会议改期或改换地点', at)
      : []),
    ...(room && rebook && bookingId
      ? bookRoomStatements(db, {
          bookingId,
          room,
          userId: organiser.id,
          purpose: purposeOf(input),
          headcount: input.capacity,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          at,
        })
      : []),
    ...(room && !rebook && m.bookingId
      ? [updateHeldRoomStatement(db, m.bookingId, purposeOf(input), input.capacity, at)]
      : []),
    ...holdStatements(
      db,
      verdict,
      { type: 'meeting', id },
      {
        communityId: m.communityId,
        authorUserId: organiser.id,
      },
      at,
    ),
    db.run(sql`
      UPDATE meetings SET type = ${input.type}, title = ${input.title}, description = ${input.description}, starts_at = ${input.startsAt},
        ends_at = ${input.endsAt}, room_id = ${room?.id ?? null}, booking_id = ${bookingId}, address = ${place}, capacity = ${input.capacity},
        signup_opens_at = ${input.signupOpensAt}, signup_closes_at = ${input.signupClosesAt}, audience = ${input.audience}, updated_at = ${at}
      WHERE id = ${id} AND status IN ('draft', 'published') AND starts_at > ${at}
        AND (SELECT COUNT(*) FROM meeting_registrations WHERE meeting_id = ${id} AND status = 'confirmed') <= ${input.capacity}
        AND ${bookingId ? bookingExists(bookingId, 'confirmed') : sql`1`}`),
    // Freeing the old slots above must not stand if the edit itself was refused.
    abortUnlessStatement(db, sql`changes() > 0`),
    ...(await agendaStatements(db, id, input.agenda, sql`1`)),
    ...promoteStatements(db, m, token, at),
    auditStatement(db, {
      communityId: m.communityId,
      actorUserId: organiser.id,
      action: 'meeting.update',
      targetType: 'meeting',
      targetId: id,
      before: {
        title: m.title,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        place: m.address,
        capacity: m.capacity,
      },
      after: {
        title: input.title,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        place,
        capacity: input.capacity,
      },
    }),
  ]
  if (moved && m.status === 'published') {
    statements.push(
      notifySelectStatement(
        db,
        sql`SELECT user_id FROM meeting_registrations WHERE meeting_id = ${id}
      AND status IN ('confirmed', 'waitlisted')`,
        {
          kind: 'meeting.changed',
          title: `${TYPE_LABELS[input.type]}时间地点有变`,
          body: `“${input.title}”改为 ${shanghaiSpoken(input.startsAt)} 在 ${place} 举行。`,
          link: meetingLink(id),
          subject: input.title,
          at: input.startsAt,
          place,
        },
        at,
      ),
    )
  }
  try {
    await runBatch(db, statements)
    return id
  } catch (error) {
    if (room && isUniqueViolation(error))
      throw new AppError('CONFLICT', await whyRoomNotBooked(db, room, input.startsAt, input.endsAt))
    if (!isAbort(error)) throw error
  }
  const after = await loadMeeting(db, id)
  if (after.status === 'cancelled' || after.startsAt <= at)
    throw new AppError('INVALID_STATE', '会议已取消或已开始，不能修改')
  const confirmed = (await registrationCounts(db, [id])).get(id)?.confirmed ?? 0
  if (confirmed > input.capacity) {
    throw new AppError(
      'CONFLICT',
      `已有 ${confirmed} 人确认报名，名额不能少于 ${confirmed} 人`,
      undefined,
      undefined,
      { confirmed },
    )
  }
  if (room)
    throw new AppError('CONFLICT', await whyRoomNotBooked(db, room, input.startsAt, input.endsAt))
  throw new AppError('CONFLICT', '会议刚被其他人修改，请刷新后重试')
}

/** Publishing makes the meeting public; invited residents are told. */
export async function publishMeeting(db: Db, actor: Actor, id: string) {
  const m = await loadMeeting(db, id)
  const organiser = await assertMeetingOrganiserOf(db, actor, m.communityId)
  const at = now()
  if (m.status !== 'draft')
    throw new AppError(
      'INVALID_STATE',
      m.status === 'published' ? '会议已经发布' : '会议已取消，不能发布',
      undefined,
      undefined,
      { currentStatus: m.status },
    )
  if ((await holdsOf(db, 'meeting', [id])).get(id)?.held)
    throw new AppError(
      'INVALID_STATE',
      '会议名称、介绍或议题还在内容审核中，工作人员在“内容审核”通过后才能发布',
    )
  if (m.startsAt <= at) throw new AppError('INVALID_STATE', '会议开始时间已过，请先修改时间')
  await runBatch(db, [
    db.run(
      sql`UPDATE meetings SET status = 'published', published_at = ${at}, updated_at = ${at} WHERE id = ${id} AND status = 'draft'`,
    ),
    auditIfChangedStatement(db, {
      communityId: m.communityId,
      actorUserId: organiser.id,
      action: 'meeting.publish',
      targetType: 'meeting',
      targetId: id,
    }),
    // Each linked 金点子 shows on its timeline that it is on the agenda (one case file).
    eventsForEachStatement(
      db,
      sql`SELECT i.suggestion_id FROM meeting_agenda_items i WHERE i.meeting_id = ${id} AND i.suggestion_id IS NOT NULL
        AND EXISTS (SELECT 1 FROM meetings WHERE id = ${id} AND published_at = ${at})`,
      {
        kind: 'meeting_agenda',
        actorUserId: organiser.id,
        actorRole: 'committee',
        body: `${shanghaiSpoken(m.startsAt)} ${TYPE_LABELS[m.type]}“${m.title}”将讨论这条建议，欢迎报名参加`,
      },
      at,
    ),
    notifySelectStatement(
      db,
      sql`SELECT user_id FROM meeting_invitations WHERE meeting_id = ${id}
      AND EXISTS (SELECT 1 FROM meetings WHERE id = ${id} AND published_at = ${at})`,
      {
        kind: 'meeting.invited',
        title: `邀请您参加${TYPE_LABELS[m.type]}`,
        body: `“${m.title}”，${shanghaiSpoken(m.startsAt)}，${m.address}。请在报名截止前报名。`,
        link: meetingLink(id),
        subject: m.title,
        at: m.startsAt,
        place: m.address,
      },
      at,
    ),
  ])
  const after = await loadMeeting(db, id)
  if (after.publishedAt !== at)
    throw new AppError('INVALID_STATE', '会议状态已变化，请刷新', undefined, undefined, {
      currentStatus: after.status,
    })
}

/** Cancelling (with a reason) frees the room and tells everyone registered. */
export async function cancelMeeting(db: Db, actor: Actor, id: string, reason: string) {
  const m = await loadMeeting(db, id)
  const organiser = await assertMeetingOrganiserOf(db, actor, m.communityId)
  const at = now()
  if (m.status === 'cancelled')
    throw new AppError('INVALID_STATE', '会议已经取消', undefined, undefined, {
      currentStatus: m.status,
    })
  if (m.endsAt <= at) throw new AppError('INVALID_STATE', '会议已经结束，不能取消')
  try {
    await runBatch(db, [
      db.run(
        sql`UPDATE meetings SET status = 'cancelled', cancel_reason = ${reason}, updated_at = ${at} WHERE id = ${id} AND status IN ('draft', 'published')`,
      ),
      // Another organiser cancelled first: nothing below (room, notices) may happen twice.
      abortUnlessStatement(db, sql`changes() > 0`),
      auditStatement(db, {
        communityId: m.communityId,
        actorUserId: organiser.id,
        action: 'meeting.cancel',
        targetType: 'meeting',
        targetId: id,
        after: { reason },
      }),
      ...(m.bookingId ? releaseRoomStatements(db, m.bookingId, `会议取消：${reason}`, at) : []),
      // The case file of each linked 金点子 says the announced meeting will not take place.
      ...(m.status === 'published'
        ? [
            eventsForEachStatement(
              db,
              sql`SELECT suggestion_id FROM meeting_agenda_items WHERE meeting_id = ${id} AND suggestion_id IS NOT NULL`,
              {
                kind: 'meeting_cancelled',
                actorUserId: organiser.id,
                actorRole: 'committee',
                body: `${TYPE_LABELS[m.type]}“${m.title}”（原定 ${shanghaiSpoken(m.startsAt)}）取消：${reason}`,
              },
              at,
            ),
          ]
        : []),
      notifySelectStatement(
        db,
        LIVE_REGISTRANTS(id),
        {
          kind: 'meeting.cancelled',
          title: `${TYPE_LABELS[m.type]}已取消`,
          body: `“${m.title}”（原定 ${shanghaiSpoken(m.startsAt)}）已取消。原因：${reason}`,
          link: meetingLink(id),
          subject: m.title,
          at: m.startsAt,
          place: m.address,
        },
        at,
      ),
    ])
  } catch (error) {
    if (!isAbort(error)) throw error
    const after = await loadMeeting(db, id)
    throw new AppError('INVALID_STATE', '会议状态已变化，请刷新', undefined, undefined, {
      currentStatus: after.status,
    })
  }
}

export type MeetingListQuery = {
  when: 'upcoming' | 'past' | 'drafts'
  cursor?: string
  limit: number
}

/**
 * Which meetings a list holds, in its order, from the cursor on. Keyset paging: the cursor is the
 * last card's order keys and its id (the tie-breaker), so a page starts right after that card —
 * no card skipped or repeated when meetings start at the same minute or some are cancelled.
 * - upcoming (and ongoing): live ones before cancelled ones, then starts_at, id; found on
 *   (community, ends_at) (migration 0018) and sorted — they are few.
 * - past: starts_at desc, id desc, walked newest first on (community, starts_at); the cursor is
 *   written as a range on starts_at (`<= s AND (< s OR id < …)`) so the walk starts at the page.
 * - drafts: starts_at, id, on the same index ascending.
 */
function listSelection(communityId: string, query: MeetingListQuery, at: number) {
  const cursor = decodeCursor(query.cursor)
  const community = eq(meetings.communityId, communityId)
  if (query.when === 'upcoming') {
    const cancelled = sql<number>`(${meetings.status} = 'cancelled')`
    const after = cursor ? keyParts(cursor.k, 2) : null
    return {
      where: and(
        community,
        ne(meetings.status, 'draft'),
        gte(meetings.endsAt, at),
        after && cursor
          ? sql`(${cancelled} > ${after[0]} OR (${cancelled} = ${after[0]} AND (${meetings.startsAt} > ${after[1]} OR (${meetings.startsAt} = ${after[1]} AND ${meetings.id} > ${cursor.id}))))`
          : undefined,
      ),
      // Live meetings first: a cancelled one stays listed (residents who signed up look for
      // it) but after every meeting that will take place.
      order: [cancelled, asc(meetings.startsAt), asc(meetings.id)],
      cursorOf: (m: { id: string; status: string; startsAt: number }): Cursor => ({
        k: compositeKey(m.status === 'cancelled' ? 1 : 0, m.startsAt),
        id: m.id,
      }),
    }
  }
  const cursorOf = (m: { id: string; startsAt: number }): Cursor => ({ k: m.startsAt, id: m.id })
  if (query.when === 'past')
    return {
      where: and(
        community,
        ne(meetings.status, 'draft'),
        // Unary +: past meetings are walked newest first on (community, starts_at), not
        // found by the ends_at index (nearly the whole history) and sorted after.
        sql`+${meetings.endsAt} < ${at}`,
        afterCursor(meetings.startsAt, meetings.id, cursor, 'desc'),
      ),
      order: [desc(meetings.startsAt), desc(meetings.id)],
      cursorOf,
    }
  return {
    where: and(
      community,
      eq(meetings.status, 'draft'),
      afterCursor(meetings.startsAt, meetings.id, cursor, 'asc'),
    ),
    order: [asc(meetings.startsAt), asc(meetings.id)],
    cursorOf,
  }
}

/** A page of a list's cards (limit + 1 rows: the extra one says whether a next page exists); apart so a test can check its query plan. */
export function buildMeetingListQuery(
  db: Db,
  communityId: string,
  query: MeetingListQuery,
  at = now(),
) {
  const { where, order } = listSelection(communityId, query, at)
  return db
    .select(meetingCardColumns)
    .from(meetings)
    .where(where)
    .orderBy(...order)
    .limit(query.limit + 1)
}

/** Upcoming (and ongoing), past, or — for organisers — drafts; a page at a time. */
export async function listMeetings(
  db: Db,
  actor: Actor,
  communityId: string,
  query: MeetingListQuery,
) {
  const at = now()
  const { where, order, cursorOf } = listSelection(communityId, query, at)
  // One round trip: the page, the counts and the viewer's places in its meetings (the same
  // selection as a subquery of ids — the same page), and for drafts whether the viewer organises.
  const ids = sql`SELECT id FROM ${meetings} WHERE ${where} ORDER BY ${sql.join(order, sql`, `)} LIMIT ${query.limit + 1}`
  const [roles, rows, ...facts] = await readBatch(db, [
    rolesRead(db, actor, communityId),
    rowsRead(buildMeetingListQuery(db, communityId, query, at)),
    ...summaryReads(db, actor, ids),
  ])
  if (query.when === 'drafts')
    assertHolds(actor, roles, ORGANISER_ROLES, '只有本社区的议事会成员或工作人员可以进行此操作')
  const page = toPage(rows, query.limit, cursorOf)
  return { items: summariesOf(page.items, facts, at), nextCursor: page.nextCursor }
}

/** Residents to invite to an invitation-only meeting (verified residents of its community). */
export async function inviteResidents(db: Db, actor: Actor, id: string, userIds: string[]) {
  const m = await loadMeeting(db, id)
  const organiser = await assertMeetingOrganiserOf(db, actor, m.communityId)
  if (m.status === 'cancelled') throw new AppError('INVALID_STATE', '会议已取消')
  const at = now()
  const ids = JSON.stringify([...new Set(userIds)])
  const residents = await db.all<{
    n: number
  }>(sql`SELECT COUNT(DISTINCT user_id) AS n FROM residencies
    WHERE community_id = ${m.communityId} AND status = 'verified' AND user_id IN (SELECT value FROM json_each(${ids}))`)
  if (Number(residents[0]?.n ?? 0) !== new Set(userIds).size) {
    throw new AppError('VALIDATION_FAILED', '只能邀请本社区已认证的居民')
  }
  const fresh = sql`SELECT value AS user_id FROM json_each(${ids})
    WHERE value NOT IN (SELECT user_id FROM meeting_invitations WHERE meeting_id = ${id})`
  await runBatch(db, [
    // Told now only when the meeting is already public; a draft's invitations are told when it is published.
    ...(m.status === 'published'
      ? [
          notifySelectStatement(
            db,
            fresh,
            {
              kind: 'meeting.invited',
              title: `邀请您参加${TYPE_LABELS[m.type]}`,
              body: `“${m.title}”，${shanghaiSpoken(m.startsAt)}，${m.address}。请在报名截止前报名。`,
              link: meetingLink(id),
              subject: m.title,
              at: m.startsAt,
              place: m.address,
            },
            at,
          ),
        ]
      : []),
    db.run(sql`INSERT OR IGNORE INTO meeting_invitations (meeting_id, user_id, invited_by, created_at)
      SELECT ${id}, value, ${organiser.id}, ${at} FROM json_each(${ids})`),
    auditStatement(db, {
      communityId: m.communityId,
      actorUserId: organiser.id,
      action: 'meeting.invite',
      targetType: 'meeting',
      targetId: id,
      after: { userIds },
    }),
  ])
  const count = await db
    .select({ n: sql<number>`COUNT(*)` })
    .from(meetingInvitations)
    .where(eq(meetingInvitations.meetingId, id))
    .get()
  return { invitedCount: Number(count?.n ?? 0) }
}

/**
 * Residents an organiser may invite: verified residents of the community whose nickname or
 * building matches `q`, 50 at a time. Nickname and building only — real names and room
 * numbers stay with 居委会 staff (PIPL), so 议事会 members can invite without seeing them.
 */
export async function inviteCandidates(db: Db, actor: Actor, id: string, q: string) {
  const m = await loadVisibleMeeting(db, actor, id)
  await assertMeetingOrganiserOf(db, actor, m.communityId)
  const pattern = `%${q.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
  const rows = await db.all<{
    userId: string
    nickname: string
    building: string
    invited: number
  }>(sql`
    SELECT u.id AS userId, u.nickname AS nickname, MIN(cp.name || b.name) AS building,
      EXISTS (SELECT 1 FROM meeting_invitations i WHERE i.meeting_id = ${id} AND i.user_id = u.id) AS invited
    FROM residencies r
    JOIN users u ON u.id = r.user_id
    JOIN households h ON h.id = r.household_id
    JOIN buildings b ON b.id = h.building_id
    JOIN compounds cp ON cp.id = b.compound_id
    WHERE r.community_id = ${m.communityId} AND r.status = 'verified'
      AND (u.nickname LIKE ${pattern} ESCAPE '\\' OR (cp.name || b.name) LIKE ${pattern} ESCAPE '\\')
    GROUP BY u.id ORDER BY building, u.nickname LIMIT 50`)
  return {
    items: rows.map((r) => ({
      userId: r.userId,
      nickname: r.nickname,
      building: r.building,
      invited: Boolean(r.invited),
    })),
  }
}

/** What residents will read of a meeting, for the content check (decision 013). */
function meetingText(communityId: string, authorUserId: string, input: MeetingInput): CheckInput {
  return {
    communityId,
    authorUserId,
    scene: 3,
    fields: [
      { key: 'title', label: '会议名称', text: input.title },
      { key: 'description', label: '会议介绍', text: input.description ?? '' },
      ...input.agenda.map((item, i) => ({
        key: `agenda.${i}.title`,
        label: `第 ${i + 1} 个议题`,
        text: `${item.title}\n${item.description ?? ''}`,
      })),
    ],
  }
}
