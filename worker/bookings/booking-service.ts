import { and, asc, desc, eq, gte, inArray, or, sql, type SQL } from 'drizzle-orm'
import {
  blackouts,
  bookings,
  centreCommunities,
  groupMembers,
  groups,
  noShowOverrides,
  rooms,
} from '../../db/schema'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { requireUser } from '../lib/auth'
import {
  checkContextRead,
  checkText,
  holdStatements,
  type ContentCheck,
} from '../lib/content-check'
import {
  causeChain,
  isUniqueViolation,
  mapRead,
  readBatch,
  rowRead,
  rowsRead,
  runBatch,
  type BatchStatement,
  type Read,
} from '../lib/db'
import { AppError, forbidden, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { DAY, MINUTE, now, shanghaiDate, shanghaiDateTime, shanghaiWeekStart } from '../lib/time'
import { isCentreStaffRead } from '../identity/authz'
import { centreResidencyRead } from '../identity/reads'
import { assertMayActFor } from '../identity/acting'
import { auditIfChangedStatement } from '../lib/audit'
import { slotsOfBooking } from './opening-hours'
import {
  bookableRoomRead,
  DEFAULT_POLICY,
  groupRead,
  LIVE_STATUSES,
  loadBookableRoom,
  loadBooking,
  policyOf,
  policyRead,
  STATUS_LABELS,
  type BookableRoom,
  type Policy,
} from './repo'
import { meetingHolding, notHeldForAMeeting } from './held-rooms'

type Actor = SessionUser | null
const WEEK = 7 * DAY
const live = sql.join(
  LIVE_STATUSES.map((s) => sql`${s}`),
  sql`, `,
)
/** A meeting's room is public-interest use: it counts against nobody's weekly quota. */
const NOT_FOR_A_MEETING = notHeldForAMeeting()

export type CreateBookingInput = {
  roomId: string
  startsAt: number
  endsAt: number
  purpose: string
  headcount: number
  groupId?: string
  repeatWeeks?: number
  onConflict: 'all_or_nothing' | 'skip'
}

/** Who may book this room, per its rule, on what the booking's batch read. */
function assertMayBook(
  user: SessionUser,
  room: BookableRoom,
  group: { leaderUserId: string } | undefined,
  may: { centreStaff: boolean; resident: boolean },
) {
  if (group && group.leaderUserId !== user.id) throw forbidden('只有团队负责人可以为团队预约')
  const who = room.settings.whoMayBook
  if (who === 'staff') {
    if (!may.centreStaff) throw forbidden('这个房间只供工作人员预约')
  } else if (who === 'groups') {
    if (!group) throw forbidden('这个房间只接受登记团队（三自组织）预约，请以团队名义预约')
  } else if (!may.resident && !may.centreStaff) {
    throw forbidden('请先完成居民认证后再预约')
  }
}

/** N missed check-ins within 30 days freeze new bookings for M days after the last one, unless staff override. */
export async function noShowFreeze(
  db: Db,
  userId: string,
  centreId: string,
  policy: Policy,
  at = now(),
) {
  const [record] = await readBatch(db, [noShowRead(db, userId, centreId, at)])
  return freezeOf(record, policy, at)
}

type NoShowRecord = { missed: number[]; overrideUntil: number | null }

/**
 * The person's missed check-ins (released, or cancelled late) at the centre within 30 days plus
 * the centre's freeze, newest first, and a staff override: one read of a batch (decision 021).
 */
function noShowRead(
  db: Db,
  userId: string,
  centreId: string | SQL,
  at: number,
): Read<NoShowRecord> {
  return {
    statement: db.all(sql`
      SELECT b.starts_at AS startsAt,
        (SELECT o.until FROM ${noShowOverrides} o WHERE o.user_id = ${userId} AND o.centre_id = ${centreId}) AS overrideUntil
      FROM (SELECT 1) LEFT JOIN ${bookings} b ON b.user_id = ${userId} AND b.centre_id = ${centreId}
        AND b.no_show_waived = 0 AND (b.status = 'released' OR b.late_cancel = 1)
        AND b.starts_at >= ${at} - (30 + COALESCE((SELECT no_show_freeze_days FROM centre_policies WHERE centre_id = ${centreId}), ${DEFAULT_POLICY.noShowFreezeDays})) * ${DAY}
      ORDER BY b.starts_at DESC`),
    map: (rows) => ({
      missed: rows.flatMap((r) => (r.startsAt === null ? [] : [Number(r.startsAt)])),
      overrideUntil: rows[0]?.overrideUntil == null ? null : Number(rows[0].overrideUntil),
    }),
  }
}

function freezeOf({ missed, overrideUntil }: NoShowRecord, policy: Policy, at: number) {
  const recent = missed.filter((startsAt) => startsAt >= at - (30 + policy.noShowFreezeDays) * DAY)
  const latest = recent[0]
  if (latest === undefined) return null
  const inWindow = recent.filter((startsAt) => startsAt > latest - 30 * DAY).length
  const until = latest + policy.noShowFreezeDays * DAY
  if (inWindow < policy.noShowLimit || until <= at) return null
  if (overrideUntil !== null && overrideUntil > at) return null
  return { until, count: inWindow }
}

function checkTimes(room: BookableRoom, startsAt: number, endsAt: number, at: number): number[] {
  const s = room.settings
  const covered = slotsOfBooking(s.openingHours, s.slotMinutes, startsAt, endsAt)
  if (!covered)
    throw new AppError(
      'VALIDATION_FAILED',
      `请按开放时间内的整段时间预约（每段 ${s.slotMinutes} 分钟）`,
    )
  if (covered.length < s.minSlots)
    throw new AppError('VALIDATION_FAILED', `至少预约 ${s.minSlots * s.slotMinutes} 分钟`)
  if (covered.length > s.maxSlots)
    throw new AppError('VALIDATION_FAILED', `一次最多预约 ${s.maxSlots * s.slotMinutes} 分钟`)
  if (startsAt < at + s.minNoticeMinutes * MINUTE)
    throw new AppError('VALIDATION_FAILED', `请至少提前 ${s.minNoticeMinutes} 分钟预约`)
  if (startsAt >= at + s.horizonDays * DAY)
    throw new AppError('VALIDATION_FAILED', `只能预约 ${s.horizonDays} 天以内的时段`)
  return covered
}

/**
 * The statements that create one booking and hold its slots. The booking row is inserted only
 * if no blackout covers it and the weekly quota (of the person, or of the group) still has
 * room counting every live booking already stored, and none of its slots is held — evaluated
 * inside the transaction. Its slots are then inserted into booking_slots, whose primary key
 * (room, slot) refuses a second holder: the last guard, which aborts the whole batch. Because a
 * taken slot is a missing row and not an aborted batch, the reasons of a refusal can be read at
 * the end of the same batch (whyNotBookedRead), without a round trip of their own.
 */
function bookingStatements(
  db: Db,
  args: {
    id: string
    room: BookableRoom
    userId: string
    groupId: string | null
    seriesId: string | null
    purpose: string
    headcount: number
    startsAt: number
    endsAt: number
    slots: number[]
    policy: Policy
    at: number
    /** 代办 (decision 019): who booked for her, and her community (the audit entry's). */
    acting: { actedBy: string; communityId: string } | null
  },
): BatchStatement[] {
  const { id, room, startsAt, endsAt } = args
  const weekStart = shanghaiWeekStart(startsAt)
  const quotaMs =
    (args.groupId ? args.policy.groupMinutesPerWeek : args.policy.residentMinutesPerWeek) * MINUTE
  const owner = args.groupId
    ? sql`group_id = ${args.groupId}`
    : sql`user_id = ${args.userId} AND group_id IS NULL AND ${NOT_FOR_A_MEETING}`
  const status = room.settings.needsApproval ? 'pending' : 'confirmed'
  return [
    db.run(sql`
      INSERT INTO bookings (id, centre_id, room_id, user_id, group_id, series_id, purpose, headcount, starts_at, ends_at, status, acted_by, created_at, updated_at)
      SELECT ${id}, ${room.centreId}, ${room.id}, ${args.userId}, ${args.groupId}, ${args.seriesId}, ${args.purpose}, ${args.headcount},
             ${startsAt}, ${endsAt}, ${status}, ${args.acting?.actedBy ?? null}, ${args.at}, ${args.at}
      WHERE NOT EXISTS (SELECT 1 FROM blackouts WHERE centre_id = ${room.centreId} AND (room_id IS NULL OR room_id = ${room.id})
                        AND starts_at < ${endsAt} AND ends_at > ${startsAt})
        AND NOT EXISTS (SELECT 1 FROM booking_slots WHERE room_id = ${room.id} AND slot_start >= ${startsAt} AND slot_start < ${endsAt})
        AND (SELECT COALESCE(SUM(ends_at - starts_at), 0) FROM bookings
             WHERE centre_id = ${room.centreId} AND ${owner} AND status IN (${live})
               AND starts_at >= ${weekStart} AND starts_at < ${weekStart + WEEK}) + ${endsAt - startsAt} <= ${quotaMs}`),
    db.run(sql`
      INSERT INTO booking_slots (room_id, slot_start, booking_id)
      SELECT ${room.id}, value, ${id} FROM json_each(${JSON.stringify(args.slots)})
      WHERE EXISTS (SELECT 1 FROM bookings WHERE id = ${id})`),
    ...(args.acting
      ? [
          auditIfChangedStatement(db, {
            communityId: args.acting.communityId,
            actorUserId: args.acting.actedBy,
            onBehalfOfUserId: args.userId,
            action: 'booking.acting_create',
            targetType: 'booking',
            targetId: id,
            after: { roomId: room.id, startsAt, endsAt },
          }),
        ]
      : []),
  ]
}

/**
 * Why a date was not booked (one of the conditions in bookingStatements, checked again now), or
 * null when nothing stands in its way any more: in an all-or-nothing series only the dates that
 * failed are named, not the ones that went down with them. One statement per date, so a whole
 * series is asked in one round trip.
 */
function whyNotBookedRead(
  db: Db,
  room: BookableRoom,
  owner: { userId: string; groupId: string | null },
  startsAt: number,
  endsAt: number,
  policy: Policy,
): Read<string | null> {
  const quota = owner.groupId ? policy.groupMinutesPerWeek : policy.residentMinutesPerWeek
  const weekStart = shanghaiWeekStart(startsAt)
  const ownerSql = owner.groupId
    ? sql`group_id = ${owner.groupId}`
    : sql`user_id = ${owner.userId} AND group_id IS NULL AND ${NOT_FOR_A_MEETING}`
  return {
    statement: db.all(sql`
      SELECT
        (SELECT reason FROM ${blackouts} WHERE centre_id = ${room.centreId} AND (room_id IS NULL OR room_id = ${room.id})
           AND starts_at < ${endsAt} AND ends_at > ${startsAt} LIMIT 1) AS blackout,
        EXISTS (SELECT 1 FROM booking_slots WHERE room_id = ${room.id} AND slot_start >= ${startsAt} AND slot_start < ${endsAt}) AS taken,
        (SELECT COALESCE(SUM(ends_at - starts_at), 0) FROM ${bookings}
           WHERE centre_id = ${room.centreId} AND ${ownerSql} AND status IN (${live})
             AND starts_at >= ${weekStart} AND starts_at < ${weekStart + WEEK}) AS usedMs`),
    map: ([row]) => {
      if (row?.blackout != null) return `该时段暂停开放：${String(row.blackout)}`
      if (Number(row?.taken)) return '该时段已被预约'
      if (Number(row?.usedMs ?? 0) + (endsAt - startsAt) > quota * MINUTE)
        return `${owner.groupId ? '团队' : '您'}本周的预约已达 ${quota / 60} 小时上限`
      return null
    },
  }
}

/** When the refusing condition has gone again by the time we look (another request raced us). */
const RACED = '该时段刚刚无法预约，请刷新后重试'

function occurrences(input: CreateBookingInput): { startsAt: number; endsAt: number }[] {
  return Array.from({ length: input.repeatWeeks ?? 1 }, (_, week) => ({
    startsAt: input.startsAt + week * WEEK,
    endsAt: input.endsAt + week * WEEK,
  }))
}

export async function createBooking(
  db: Db,
  check: ContentCheck,
  actor: Actor,
  input: CreateBookingInput,
  options: { actingFor?: string } = {},
) {
  requireUser(actor)
  // 代办 (decision 019): booked as the resident — her quota, her no-show record, her booking.
  const acting = options.actingFor ? await assertMayActFor(db, actor, options.actingFor) : null
  const user = acting?.user ?? requireUser(actor)
  const at = now()
  // One round trip (decision 021): the room and its rules, the group, whether the booker is
  // the centre's staff or a resident it serves, the centre's policy, the booker's missed
  // check-ins and the community that answers for the purpose; the centre is a subquery.
  const centre = sql`(SELECT centre_id FROM ${rooms} WHERE id = ${input.roomId})`
  const answering = sql`(SELECT community_id FROM ${centreCommunities} WHERE centre_id = ${centre} ORDER BY community_id LIMIT 1)`
  const [room, group, centreStaff, residency, policy, noShows, holdCommunity, checkContext] =
    await readBatch(db, [
      bookableRoomRead(db, input.roomId),
      groupRead(db, input.groupId ?? '', centre),
      isCentreStaffRead(db, user, centre),
      centreResidencyRead(db, user, centre),
      policyRead(db, centre),
      noShowRead(db, user.id, centre, at),
      communityOfCentreRead(db, centre),
      // What the content check of the purpose reads first (its street's list, her openid).
      checkContextRead(db, answering, user.id),
    ])
  if (!room) throw notFound('房间')
  if (input.groupId && !group) throw notFound('团队')
  assertMayBook(user, room, group, { centreStaff, resident: Boolean(residency) })
  if (input.repeatWeeks && input.repeatWeeks > 1 && !group)
    throw forbidden('只有团队负责人可以按周重复预约')
  if (input.headcount > room.capacity)
    throw new AppError('VALIDATION_FAILED', `人数超过房间容量（${room.capacity} 人）`)
  const freeze = freezeOf(noShows, policy, at)
  if (freeze)
    throw new AppError(
      'FORBIDDEN',
      `30 天内有 ${freeze.count} 次预约未签到，${shanghaiDate(freeze.until)} 前暂停预约；如有特殊情况请联系邻里中心`,
    )
  const dates = occurrences(input)
  // Every date must be bookable by the rules; later weeks are checked against the room's horizon too.
  // Skipping conflicts also skips weeks the rules refuse (e.g. beyond the booking horizon),
  // listing them; all-or-nothing refuses the whole series with the first rule broken.
  const refused: { startsAt: number; endsAt: number; reason: string }[] = []
  const planned = dates.flatMap((d) => {
    try {
      return [{ ...d, slots: checkTimes(room, d.startsAt, d.endsAt, at) }]
    } catch (error) {
      if (input.onConflict !== 'skip' || dates.length === 1 || !(error instanceof AppError))
        throw error
      refused.push({ startsAt: d.startsAt, endsAt: d.endsAt, reason: error.message })
      return []
    }
  })
  if (planned.length === 0)
    throw new AppError('VALIDATION_FAILED', refused[0]?.reason ?? '没有可以预约的日期')
  const seriesId = dates.length > 1 ? newId() : null
  const owner = { userId: user.id, groupId: group?.id ?? null }
  // The purpose is read by the centre's managers: refused with the words, or held (审核中) for them.
  if (!holdCommunity) throw new AppError('NOT_FOUND', '邻里中心不属于任何社区')
  const verdict = await checkText(check, {
    communityId: holdCommunity,
    authorUserId: user.id,
    scene: 1,
    fields: [{ key: 'purpose', label: '用途', text: input.purpose }],
    context: checkContext,
  })
  const firstId = newId()
  const purposeHold = (communityId: string) =>
    holdStatements(
      db,
      verdict,
      { type: 'booking_purpose', id: seriesId ?? firstId },
      { communityId, authorUserId: user.id },
      at,
    )
  const args = (d: (typeof planned)[number], id: string) => ({
    id,
    room,
    userId: user.id,
    groupId: group?.id ?? null,
    seriesId,
    purpose: input.purpose,
    headcount: input.headcount,
    startsAt: d.startsAt,
    endsAt: d.endsAt,
    slots: d.slots,
    policy,
    at,
    acting: acting ? { actedBy: acting.actedBy, communityId: acting.communityId } : null,
  })

  if (input.onConflict === 'skip' && dates.length > 1) {
    if (verdict.held) await runBatch(db, purposeHold(holdCommunity))
    const booked: string[] = []
    const notBooked: { startsAt: number; endsAt: number; reason: string }[] = [...refused]
    for (const d of planned) {
      const id = newId()
      let stored = false
      let reason: string | null = null
      try {
        ;[stored, reason] = await runBatch(db, bookingStatements(db, args(d, id)), [
          mapRead(
            rowRead(db.select({ id: bookings.id }).from(bookings).where(eq(bookings.id, id))),
            Boolean,
          ),
          whyNotBookedRead(db, room, owner, d.startsAt, d.endsAt, policy),
        ])
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
      }
      if (stored) booked.push(id)
      else notBooked.push({ startsAt: d.startsAt, endsAt: d.endsAt, reason: reason ?? RACED })
    }
    return {
      booked: await bookingsByIds(db, user, booked),
      notBooked: notBooked.sort((a, b) => a.startsAt - b.startsAt),
    }
  }

  const ids = planned.map((_, i) => (i === 0 ? firstId : newId()))
  const statements = [
    ...planned.flatMap((d, i) => bookingStatements(db, args(d, ids[i]!))),
    ...(verdict.held ? purposeHold(holdCommunity) : []),
  ]
  if (planned.length > 1) {
    // All or nothing: if any date was refused by blackout or quota (no row, no error), make the
    // batch fail on purpose (NOT NULL) so that none of the series is kept.
    statements.push(
      db.run(sql`
      INSERT INTO booking_slots (room_id, slot_start, booking_id)
      SELECT NULL, NULL, NULL WHERE (SELECT COUNT(*) FROM bookings WHERE series_id = ${seriesId}) < ${planned.length}`),
    )
  }
  // The bookings made and the booker's groups are read at the end of the write's own batch, and
  // so are the reasons a date would be refused (used only if it was). A series refused as a
  // whole is rolled back with its reads, so those are asked again after.
  const whyNot = () =>
    planned.map((d) => whyNotBookedRead(db, room, owner, d.startsAt, d.endsAt, policy))
  type Made = [BookingRow[], Set<string>, ...(string | null)[]]
  let made: Made | null = null
  try {
    made = await runBatch<Made>(db, statements, [
      ...bookingsRead(db, user, ids),
      ...(planned.length === 1 ? whyNot() : []),
    ])
  } catch (error) {
    if (
      !isUniqueViolation(error) &&
      !causeChain(error).some((m) => m.includes('NOT NULL constraint failed'))
    )
      throw error
  }
  if (made && made[0].length === planned.length)
    return { booked: toBookings([made[0], made[1]], user, policy), notBooked: [] }
  const [, , ...readInTheBatch] = made ?? []
  const reasons = made ? readInTheBatch : await readBatch(db, whyNot())
  const notBooked = planned.flatMap((d, i) => {
    const reason = reasons[i]
    return reason ? [{ startsAt: d.startsAt, endsAt: d.endsAt, reason }] : []
  })
  if (planned.length === 1) throw new AppError('CONFLICT', notBooked[0]?.reason ?? RACED)
  if (notBooked.length === 0)
    throw new AppError('CONFLICT', `整组未预约：${RACED}`, undefined, undefined, { notBooked })
  throw new AppError(
    'CONFLICT',
    `部分日期无法预约，整组未预约：${notBooked
      .map((n) => `${shanghaiDate(n.startsAt)}（${n.reason}）`)
      .slice(0, 4)
      .join('、')}`,
    undefined,
    undefined,
    { notBooked },
  )
}

async function bookingsByIds(db: Db, viewer: SessionUser, ids: string[]) {
  if (ids.length === 0) return []
  const [rows, myGroups] = await readBatch(db, bookingsRead(db, viewer, ids))
  const policies = new Map<string, Policy>()
  for (const centreId of new Set(rows.map((r) => r.b.centreId)))
    policies.set(centreId, await policyOf(db, centreId))
  return rows.map((r) => toBooking(r, viewer, policies.get(r.b.centreId)!, now(), myGroups))
}

/** Bookings by id with their room and group names, and the viewer's groups: reads of a batch. */
function bookingsRead(
  db: Db,
  viewer: SessionUser,
  ids: string[],
): [Read<BookingRow[]>, Read<Set<string>>] {
  return [
    rowsRead(
      db
        .select({
          b: bookings,
          // Aliased: rooms.name and groups.name would be two columns named "name" in a batch.
          roomName: sql<string>`${rooms.name}`.as('room_name'),
          groupName: sql<string | null>`${groups.name}`.as('group_name'),
          // 代办 (decision 019): who booked for her, shown to her as 由 X 代办.
          actedByName: sql<
            string | null
          >`(SELECT u.nickname FROM users u WHERE u.id = ${bookings.actedBy})`.as('acted_by_name'),
        })
        .from(bookings)
        .innerJoin(rooms, eq(rooms.id, bookings.roomId))
        .leftJoin(groups, eq(groups.id, bookings.groupId))
        .where(sql`${bookings.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)
        .orderBy(bookings.startsAt),
    ),
    mapRead(
      rowsRead(
        db
          .select({ id: groupMembers.groupId })
          .from(groupMembers)
          .where(eq(groupMembers.userId, viewer.id)),
      ),
      (rows) => new Set(rows.map((r) => r.id)),
    ),
  ]
}

/** The bookings just made, as their booker sees them (one centre: its policy is known). */
function toBookings(
  [rows, myGroups]: [BookingRow[], Set<string>],
  viewer: SessionUser,
  policy: Policy,
) {
  return rows.map((r) => toBooking(r, viewer, policy, now(), myGroups))
}

async function groupIdsOf(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: groupMembers.groupId })
    .from(groupMembers)
    .where(eq(groupMembers.userId, userId))
  return new Set(rows.map((r) => r.id))
}

type BookingRow = {
  b: typeof bookings.$inferSelect
  roomName: string
  groupName: string | null
  /** 代办 (decision 019): who booked for her; only her own list reads it. */
  actedByName?: string | null
}

/** A booking as its owner sees it, or a member of its group (who may check in, not cancel). */
export function toBooking(
  { b, roomName, groupName, actedByName }: BookingRow,
  viewer: SessionUser,
  policy: Policy,
  at = now(),
  viewerGroups = new Set<string>(),
) {
  const own = b.userId === viewer.id
  const member = own || (b.groupId !== null && viewerGroups.has(b.groupId))
  return {
    id: b.id,
    centreId: b.centreId,
    room: { id: b.roomId, name: roomName },
    group: b.groupId && groupName ? { id: b.groupId, name: groupName } : null,
    purpose: b.purpose,
    headcount: b.headcount,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    status: b.status,
    statusLabel: STATUS_LABELS[b.status],
    seriesId: b.seriesId,
    rejectReason: b.rejectReason,
    cancelReason: b.cancelReason,
    lateCancel: b.lateCancel,
    checkedInAt: b.checkedInAt,
    actedBy: own ? (actedByName ?? null) : null,
    isOwner: own,
    canCancel: own && (b.status === 'pending' || b.status === 'confirmed') && at < b.startsAt,
    canCheckIn:
      member &&
      b.status === 'confirmed' &&
      at >= b.startsAt - policy.checkinOpensMinutesBefore * MINUTE &&
      at <= b.startsAt + policy.checkinGraceMinutes * MINUTE,
    createdAt: b.createdAt,
  }
}

export async function myBookings(db: Db, actor: Actor) {
  const user = requireUser(actor)
  // Mine, and the live bookings of my groups (a member checks in for the group too).
  const groupIds = [...(await groupIdsOf(db, user.id))]
  const rows = await db
    .select({ id: bookings.id })
    .from(bookings)
    .where(
      and(
        groupIds.length > 0
          ? or(
              eq(bookings.userId, user.id),
              and(
                inArray(bookings.groupId, groupIds),
                inArray(bookings.status, [...LIVE_STATUSES]),
              ),
            )
          : eq(bookings.userId, user.id),
        gte(bookings.endsAt, now() - 30 * DAY),
      ),
    )
    .orderBy(desc(bookings.startsAt))
    .limit(100)
  return {
    items: (
      await bookingsByIds(
        db,
        user,
        rows.map((r) => r.id),
      )
    ).reverse(),
  }
}

/** Cancelling after the cutoff still frees the room, but counts as a no-show unless staff waive it. */
export async function cancelBooking(db: Db, actor: Actor, id: string) {
  const user = requireUser(actor)
  const b = await loadBooking(db, id)
  if (b.userId !== user.id) throw forbidden('只能取消自己的预约')
  const meeting = await meetingHolding(db, id)
  if (meeting)
    throw new AppError('INVALID_STATE', '这是会议占用的房间，请在会议里修改地点或取消会议')
  const at = now()
  if ((b.status !== 'pending' && b.status !== 'confirmed') || at >= b.startsAt)
    throw new AppError('INVALID_STATE', '这条预约已不能取消')
  const policy = await policyOf(db, b.centreId)
  const late = b.status === 'confirmed' && at > b.startsAt - policy.cancelCutoffMinutes * MINUTE
  await runBatch(db, [
    db
      .update(bookings)
      .set({ status: 'cancelled', lateCancel: late, cancelReason: '本人取消', updatedAt: at })
      .where(and(eq(bookings.id, id), inArray(bookings.status, ['pending', 'confirmed']))),
    db.run(
      sql`DELETE FROM booking_slots WHERE booking_id = ${id} AND EXISTS (SELECT 1 FROM bookings WHERE id = ${id} AND status = 'cancelled')`,
    ),
  ])
  const after = await loadBooking(db, id)
  if (after.status !== 'cancelled') throw new AppError('INVALID_STATE', '这条预约已不能取消')
  return (await bookingsByIds(db, user, [id]))[0]!
}

/** Check-in with the code shown at the room, from a little before the start until the grace period ends. */
export async function checkIn(db: Db, actor: Actor, id: string, code: string) {
  const user = requireUser(actor)
  const b = await loadBooking(db, id)
  if (b.userId !== user.id) {
    const member =
      b.groupId &&
      (await db
        .select({ u: groupMembers.userId })
        .from(groupMembers)
        .where(and(eq(groupMembers.groupId, b.groupId), eq(groupMembers.userId, user.id)))
        .get())
    if (!member) throw forbidden('只能为自己或本团队的预约签到')
  }
  const room = await loadBookableRoom(db, b.roomId)
  if (code.replace(/\s/g, '') !== room.settings.checkinCode)
    throw new AppError('VALIDATION_FAILED', '签到码不正确，请核对房间门口的签到码')
  const policy = await policyOf(db, b.centreId)
  const at = now()
  const opens = b.startsAt - policy.checkinOpensMinutesBefore * MINUTE
  const closes = b.startsAt + policy.checkinGraceMinutes * MINUTE
  if (b.status === 'checked_in') return (await bookingsByIds(db, user, [id]))[0]!
  if (b.status !== 'confirmed')
    throw new AppError('INVALID_STATE', `这条预约${STATUS_LABELS[b.status]}，不能签到`)
  if (at < opens)
    throw new AppError('INVALID_STATE', `签到从 ${shanghaiDateTime(opens).slice(11)} 开始`)
  if (at > closes) throw new AppError('INVALID_STATE', '已超过签到时间，预约已释放')
  await db
    .update(bookings)
    .set({ status: 'checked_in', checkedInAt: at, updatedAt: at })
    .where(
      and(
        eq(bookings.id, id),
        eq(bookings.status, 'confirmed'),
        sql`${bookings.startsAt} + ${policy.checkinGraceMinutes * MINUTE} >= ${at}`,
      ),
    )
  const after = await loadBooking(db, id)
  if (after.status !== 'checked_in')
    throw new AppError('INVALID_STATE', '已超过签到时间，预约已释放')
  return (await bookingsByIds(db, user, [id]))[0]!
}

/** The community whose staff answer for content written at a centre (the first it serves), or null. */
function communityOfCentreRead(db: Db, centreId: string | SQL): Read<string | null> {
  return mapRead(
    rowRead(
      db
        .select({ communityId: centreCommunities.communityId })
        .from(centreCommunities)
        .where(eq(centreCommunities.centreId, centreId))
        .orderBy(asc(centreCommunities.communityId)),
    ),
    (row) => row?.communityId ?? null,
  )
}
