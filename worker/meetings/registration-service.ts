import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import {
  meetingAgendaItems,
  meetingInvitations,
  meetingRegistrations,
  meetings,
  meetingSpeakRequests,
  meetingWalkIns,
  users,
} from '../../db/schema'
import type { Db } from '../lib/env'
import { auditIfChangedStatement, auditStatement } from '../lib/audit'
import { requireUser, type SessionUser } from '../lib/auth'
import { isUniqueViolation, known, readBatch, rowRead, runBatch } from '../lib/db'
import { checkText, holdStatements, notHeld, type ContentCheck } from '../lib/content-check'
import { AppError, forbidden, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { now, shanghaiDateTime, shanghaiSpoken } from '../lib/time'
import { assertMeetingOrganiserOf } from '../identity/authz'
import { residencyIn } from '../identity/residency-service'
import { holdsAny, residencyRead, rolesRead } from '../identity/reads'
import { actingAs } from '../identity/acting'
import { heldRoomInUseStatement } from '../bookings/public'
import { promoteStatements } from './promotion'
import {
  CHECKIN_OPENS_BEFORE_MS,
  loadVisibleMeeting,
  ORGANISER_ROLES,
  TYPE_LABELS,
  type MeetingRow,
} from './repo'
import { meetingCardColumns, meetingSummaries, summariesOf, summaryReads } from './views'

type Actor = SessionUser | null

async function summaryFor(db: Db, user: SessionUser, meetingId: string) {
  const m = await db.select().from(meetings).where(eq(meetings.id, meetingId)).get()
  return { meeting: (await meetingSummaries(db, user, [m!]))[0]! }
}

/** Why a sign-up row was not inserted, said plainly. */
function signupRefusal(m: MeetingRow, at: number): AppError {
  if (m.status === 'cancelled') return new AppError('INVALID_STATE', '会议已取消')
  if (m.status !== 'published') return notFound('会议')
  if (at < m.signupOpensAt)
    return new AppError('INVALID_STATE', `报名 ${shanghaiSpoken(m.signupOpensAt)} 开始`)
  if (at >= m.signupClosesAt || at >= m.startsAt) return new AppError('INVALID_STATE', '报名已截止')
  return forbidden('这场会议只接受受邀居民报名')
}

/**
 * 报名: first come, first served. The row takes the next arrival number (seq) and a seat if one
 * is free and nobody is waiting — else a place on the waitlist — decided in the one INSERT, so
 * 500 people signing up at once get exactly `capacity` seats in arrival order. The partial
 * unique index (meeting, person) makes a second sign-up impossible; repeating one is harmless.
 */
export async function signUp(
  db: Db,
  actor: Actor,
  meetingId: string,
  options: { actingFor?: string } = {},
) {
  requireUser(actor)
  // One round trip: the meeting, whether the actor organises its community (a draft is theirs
  // alone), and her residency there — for 代办 the resident is known only once the helper is
  // checked, so hers is read after.
  const community = sql`(SELECT community_id FROM ${meetings} WHERE id = ${meetingId})`
  const [m, roles, ownResidency] = await readBatch(db, [
    rowRead(db.select().from(meetings).where(eq(meetings.id, meetingId))),
    rolesRead(db, actor, community),
    options.actingFor ? known(null) : residencyRead(db, actor, community),
  ])
  if (!m || (m.status === 'draft' && !holdsAny(roles, ORGANISER_ROLES))) throw notFound('会议')
  // 代办 (decision 019): the same INSERT as her own sign-up — her seat, her place in the queue.
  const acting = await actingAs(db, actor, options.actingFor, { communityId: m.communityId })
  const user = requireUser(acting.user)
  const residency = options.actingFor ? await residencyIn(db, user.id, m.communityId) : ownResidency
  if (!residency) throw forbidden('请先完成本社区的居民认证后再报名')
  const at = now()
  const id = newId()
  let answer: [
    { id: string } | undefined,
    MeetingRow | undefined,
    ...Parameters<typeof summariesOf>[1],
  ]
  try {
    answer = await runBatch(
      db,
      [
        db.run(sql`
      INSERT INTO meeting_registrations (id, meeting_id, user_id, acted_by, seq, status, created_at)
      SELECT ${id}, m.id, ${user.id}, ${acting.actedBy},
        (SELECT COALESCE(MAX(seq), 0) + 1 FROM meeting_registrations WHERE meeting_id = m.id),
        CASE WHEN (SELECT COUNT(*) FROM meeting_registrations WHERE meeting_id = m.id AND status = 'confirmed') < m.capacity
              AND NOT EXISTS (SELECT 1 FROM meeting_registrations WHERE meeting_id = m.id AND status = 'waitlisted')
             THEN 'confirmed' ELSE 'waitlisted' END,
        ${at}
      FROM meetings m
      WHERE m.id = ${meetingId} AND m.status = 'published' AND m.signup_opens_at <= ${at} AND m.signup_closes_at > ${at} AND m.starts_at > ${at}
        AND (m.audience = 'residents' OR EXISTS (SELECT 1 FROM meeting_invitations WHERE meeting_id = m.id AND user_id = ${user.id}))`),
        ...(acting.actedBy
          ? [
              auditIfChangedStatement(db, {
                communityId: m.communityId,
                actorUserId: acting.actedBy,
                onBehalfOfUserId: user.id,
                action: 'meeting.acting_signup',
                targetType: 'meeting',
                targetId: meetingId,
              }),
            ]
          : []),
      ],
      // The answer, as the sign-up's transaction left it: whether the row went in, and the card.
      [
        rowRead(
          db
            .select({ id: meetingRegistrations.id })
            .from(meetingRegistrations)
            .where(eq(meetingRegistrations.id, id)),
        ),
        rowRead(db.select().from(meetings).where(eq(meetings.id, meetingId))),
        ...summaryReads(db, user, [meetingId]),
      ],
    )
  } catch (error) {
    // Already signed up (a double tap, or a second device): the existing place stands.
    if (!isUniqueViolation(error)) throw error
    return summaryFor(db, user, meetingId)
  }
  const [registered, after, ...facts] = answer
  if (!registered) throw signupRefusal(after ?? m, at)
  return { meeting: summariesOf([after!], facts, at)[0]! }
}

/** 取消报名: the seat goes to the head of the waitlist in the same transaction, and they are told. */
export async function cancelRegistration(db: Db, actor: Actor, meetingId: string) {
  const user = requireUser(actor)
  const m = await loadVisibleMeeting(db, actor, meetingId)
  const at = now()
  if (m.startsAt <= at) throw new AppError('INVALID_STATE', '会议已经开始，不能取消报名')
  const mine = await db
    .select({ id: meetingRegistrations.id })
    .from(meetingRegistrations)
    .where(
      and(
        eq(meetingRegistrations.meetingId, meetingId),
        eq(meetingRegistrations.userId, user.id),
        inArray(meetingRegistrations.status, ['confirmed', 'waitlisted']),
      ),
    )
    .get()
  if (!mine) throw new AppError('INVALID_STATE', '您没有报名这场会议')
  await runBatch(db, [
    db.run(sql`UPDATE meeting_registrations SET status = 'cancelled', cancelled_at = ${at}
      WHERE id = ${mine.id} AND status IN ('confirmed', 'waitlisted')`),
    ...promoteStatements(db, m, newId(), at),
  ])
  return summaryFor(db, user, meetingId)
}

/** 签到 with the code shown at the door, from an hour before the start until the end. */
export async function checkIn(db: Db, actor: Actor, meetingId: string, code: string) {
  const user = requireUser(actor)
  const m = await loadVisibleMeeting(db, actor, meetingId)
  const at = now()
  if (m.status !== 'published')
    throw new AppError('INVALID_STATE', m.status === 'cancelled' ? '会议已取消' : '会议尚未发布')
  if (code.replace(/\s/g, '') !== m.checkinCode)
    throw new AppError('VALIDATION_FAILED', '签到码不正确，请核对会场门口的签到码')
  if (at < m.startsAt - CHECKIN_OPENS_BEFORE_MS)
    throw new AppError(
      'INVALID_STATE',
      `签到从 ${shanghaiSpoken(m.startsAt - CHECKIN_OPENS_BEFORE_MS)} 开始`,
    )
  if (at > m.endsAt) throw new AppError('INVALID_STATE', '会议已经结束，不能签到')
  const mine = await db
    .select()
    .from(meetingRegistrations)
    .where(
      and(
        eq(meetingRegistrations.meetingId, meetingId),
        eq(meetingRegistrations.userId, user.id),
        inArray(meetingRegistrations.status, ['confirmed', 'waitlisted']),
      ),
    )
    .get()
  if (!mine) throw new AppError('FORBIDDEN', '您没有报名这场会议，请到签到台由工作人员登记')
  if (mine.status === 'waitlisted')
    throw new AppError('FORBIDDEN', '您仍在候补名单中，请到签到台由工作人员登记')
  await runBatch(db, [
    db
      .update(meetingRegistrations)
      .set({ checkedInAt: at })
      .where(
        and(
          eq(meetingRegistrations.id, mine.id),
          eq(meetingRegistrations.status, 'confirmed'),
          sql`${meetingRegistrations.checkedInAt} IS NULL`,
        ),
      ),
    ...roomInUseStatements(db, m, at),
  ])
  return summaryFor(db, user, meetingId)
}

/** The first person at the door checks the meeting's room booking in (it counts as used). */
function roomInUseStatements(db: Db, m: MeetingRow, at: number) {
  return m.bookingId ? [heldRoomInUseStatement(db, m.bookingId, at)] : []
}

/** A speak request is one per item and person: its content-check target. */
const speakTarget = (itemId: string, userId: string) => `${itemId}:${userId}`

/** 申请发言 on an agenda item, before the meeting starts; asking again changes the topic. */
export async function requestToSpeak(
  db: Db,
  check: ContentCheck,
  actor: Actor,
  meetingId: string,
  itemId: string,
  topic: string,
) {
  const user = requireUser(actor)
  const m = await loadVisibleMeeting(db, actor, meetingId)
  const item = await db
    .select({ id: meetingAgendaItems.id })
    .from(meetingAgendaItems)
    .where(and(eq(meetingAgendaItems.id, itemId), eq(meetingAgendaItems.meetingId, meetingId)))
    .get()
  if (!item) throw notFound('议题')
  const at = now()
  if (m.status !== 'published' || m.startsAt <= at)
    throw new AppError('INVALID_STATE', '会议开始前才能申请发言')
  const registered = await db
    .select({ id: meetingRegistrations.id })
    .from(meetingRegistrations)
    .where(
      and(
        eq(meetingRegistrations.meetingId, meetingId),
        eq(meetingRegistrations.userId, user.id),
        inArray(meetingRegistrations.status, ['confirmed', 'waitlisted']),
      ),
    )
    .get()
  if (!registered) throw forbidden('请先报名参加会议，再申请发言')
  const verdict = await checkText(check, {
    communityId: m.communityId,
    authorUserId: user.id,
    scene: 2,
    fields: [{ key: 'topic', label: '发言主题', text: topic }],
  })
  await runBatch(db, [
    db.run(sql`
    INSERT INTO meeting_speak_requests (id, meeting_id, item_id, user_id, topic, created_at)
    VALUES (${newId()}, ${meetingId}, ${itemId}, ${user.id}, ${topic}, ${at})
    ON CONFLICT (item_id, user_id) DO UPDATE SET topic = excluded.topic`),
    ...holdStatements(
      db,
      verdict,
      { type: 'meeting_speak_request', id: speakTarget(itemId, user.id) },
      { communityId: m.communityId, authorUserId: user.id },
      at,
    ),
  ])
  return { ok: true as const }
}

/** A walk-in at the door, written down by an organiser (a resident account or just a name). */
export async function addWalkIn(
  db: Db,
  actor: Actor,
  meetingId: string,
  input: { name: string; note: string; userId?: string },
) {
  const m = await loadVisibleMeeting(db, actor, meetingId)
  const organiser = await assertMeetingOrganiserOf(db, actor, m.communityId)
  const at = now()
  if (m.status !== 'published') throw new AppError('INVALID_STATE', '会议未发布或已取消')
  if (at < m.startsAt - CHECKIN_OPENS_BEFORE_MS || at > m.endsAt + 6 * 60 * 60 * 1000)
    throw new AppError('INVALID_STATE', '只能在会议当天登记现场参会人员')
  if (input.userId) {
    if (!(await residencyIn(db, input.userId, m.communityId)))
      throw new AppError('VALIDATION_FAILED', '所选居民不是本社区已认证的居民')
    // A registered resident is checked in rather than written down twice.
    const registered = await db
      .select({ id: meetingRegistrations.id })
      .from(meetingRegistrations)
      .where(
        and(
          eq(meetingRegistrations.meetingId, meetingId),
          eq(meetingRegistrations.userId, input.userId),
          eq(meetingRegistrations.status, 'confirmed'),
        ),
      )
      .get()
    if (registered) {
      await db
        .update(meetingRegistrations)
        .set({ checkedInAt: at })
        .where(
          and(
            eq(meetingRegistrations.id, registered.id),
            sql`${meetingRegistrations.checkedInAt} IS NULL`,
          ),
        )
      return { ok: true as const }
    }
  }
  const id = newId()
  try {
    await runBatch(db, [
      ...roomInUseStatements(db, m, at),
      db.insert(meetingWalkIns).values({
        id,
        meetingId,
        userId: input.userId ?? null,
        name: input.name,
        note: input.note,
        addedBy: organiser.id,
        createdAt: at,
      }),
      auditStatement(db, {
        communityId: m.communityId,
        actorUserId: organiser.id,
        action: 'meeting.walk_in',
        targetType: 'meeting',
        targetId: meetingId,
        after: { name: input.name },
      }),
    ])
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    throw new AppError('CONFLICT', '这位居民已经登记过了')
  }
  return { ok: true as const }
}

/** The list at the door and for the record: registrations in arrival order, walk-ins, speakers. */
export async function attendance(db: Db, actor: Actor, meetingId: string) {
  const m = await loadVisibleMeeting(db, actor, meetingId)
  const organiser = await assertMeetingOrganiserOf(db, actor, m.communityId)
  const registrations = await db
    .select({
      seq: meetingRegistrations.seq,
      userId: meetingRegistrations.userId,
      nickname: users.nickname,
      status: meetingRegistrations.status,
      checkedInAt: meetingRegistrations.checkedInAt,
      createdAt: meetingRegistrations.createdAt,
      promotedAt: meetingRegistrations.promotedAt,
      realName: sql<
        string | null
      >`(SELECT r.real_name FROM residencies r WHERE r.user_id = ${meetingRegistrations.userId}
      AND r.community_id = ${m.communityId} AND r.status = 'verified' ORDER BY r.verified_at LIMIT 1)`,
      building: sql<
        string | null
      >`(SELECT b.name FROM residencies r JOIN households h ON h.id = r.household_id JOIN buildings b ON b.id = h.building_id
      WHERE r.user_id = ${meetingRegistrations.userId} AND r.community_id = ${m.communityId} AND r.status = 'verified' ORDER BY r.verified_at LIMIT 1)`,
    })
    .from(meetingRegistrations)
    .innerJoin(users, eq(users.id, meetingRegistrations.userId))
    .where(eq(meetingRegistrations.meetingId, meetingId))
    .orderBy(asc(meetingRegistrations.seq))
  const walkIns = await db
    .select({
      id: meetingWalkIns.id,
      name: meetingWalkIns.name,
      note: meetingWalkIns.note,
      userId: meetingWalkIns.userId,
      createdAt: meetingWalkIns.createdAt,
    })
    .from(meetingWalkIns)
    .where(eq(meetingWalkIns.meetingId, meetingId))
    .orderBy(asc(meetingWalkIns.createdAt))
  const speakRequests = await db
    .select({
      itemId: meetingSpeakRequests.itemId,
      itemTitle: meetingAgendaItems.title,
      nickname: users.nickname,
      // A topic the content check holds is not read out, in the list or its CSV.
      topic: sql<string>`CASE WHEN ${notHeld(
        'meeting_speak_request',
        sql`${meetingSpeakRequests.itemId} || ':' || ${meetingSpeakRequests.userId}`,
      )} THEN ${meetingSpeakRequests.topic} ELSE '（发言主题审核中）' END`,
      createdAt: meetingSpeakRequests.createdAt,
    })
    .from(meetingSpeakRequests)
    .innerJoin(meetingAgendaItems, eq(meetingAgendaItems.id, meetingSpeakRequests.itemId))
    .innerJoin(users, eq(users.id, meetingSpeakRequests.userId))
    .where(eq(meetingSpeakRequests.meetingId, meetingId))
    .orderBy(asc(meetingAgendaItems.position), asc(meetingSpeakRequests.createdAt))
  const invited = await db
    .select({ userId: meetingInvitations.userId, nickname: users.nickname })
    .from(meetingInvitations)
    .innerJoin(users, eq(users.id, meetingInvitations.userId))
    .where(eq(meetingInvitations.meetingId, meetingId))
  // Real names are personal data: every view of them is in the audit log.
  await auditStatement(db, {
    communityId: m.communityId,
    actorUserId: organiser.id,
    action: 'meeting.view_attendance',
    targetType: 'meeting',
    targetId: meetingId,
  })
  return {
    registrations,
    walkIns,
    speakRequests,
    invited,
    counts: {
      confirmed: registrations.filter((r) => r.status === 'confirmed').length,
      waitlisted: registrations.filter((r) => r.status === 'waitlisted').length,
      checkedIn: registrations.filter((r) => r.checkedInAt !== null).length,
      walkIns: walkIns.length,
    },
    meeting: m,
  }
}

const REGISTRATION_LABELS = {
  confirmed: '正式报名',
  waitlisted: '候补',
  cancelled: '已取消',
} as const

/** The same list as CSV, UTF-8 with a BOM so that Excel shows the Chinese. */
export async function attendanceCsv(db: Db, actor: Actor, meetingId: string) {
  const a = await attendance(db, actor, meetingId)
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v)
    // Quote every cell; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
    return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`
  }
  const time = (ms: number | null) => (ms === null ? '' : shanghaiDateTime(ms))
  const rows: (string | number | null)[][] = [
    [
      '序号',
      '类型',
      '昵称',
      '姓名',
      '楼栋',
      '报名状态',
      '报名时间',
      '候补转正时间',
      '签到时间',
      '备注',
    ],
    ...a.registrations.map((r) => [
      r.seq,
      '报名',
      r.nickname,
      r.realName,
      r.building,
      REGISTRATION_LABELS[r.status],
      time(r.createdAt),
      time(r.promotedAt),
      time(r.checkedInAt),
      '',
    ]),
    ...a.walkIns.map((w, i) => [
      a.registrations.length + i + 1,
      '现场登记',
      '',
      w.name,
      '',
      '到场',
      '',
      '',
      time(w.createdAt),
      w.note,
    ]),
  ]
  const body = '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
  const filename = `${TYPE_LABELS[a.meeting.type]}-${shanghaiDateTime(a.meeting.startsAt).slice(0, 10)}-签到表.csv`
  return { body, filename }
}

/** 我的会议: the meetings I signed up for, upcoming first, then the recent past. */
export async function myMeetings(db: Db, actor: Actor) {
  const user = requireUser(actor)
  const rows = await db
    .select({ meeting: meetingCardColumns })
    .from(meetingRegistrations)
    .innerJoin(meetings, eq(meetings.id, meetingRegistrations.meetingId))
    .where(
      and(
        eq(meetingRegistrations.userId, user.id),
        inArray(meetingRegistrations.status, ['confirmed', 'waitlisted']),
      ),
    )
    .orderBy(desc(meetings.startsAt))
    .limit(100)
  return {
    items: await meetingSummaries(
      db,
      user,
      rows.map((r) => r.meeting),
    ),
  }
}
