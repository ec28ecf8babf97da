import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm'
import {
  blackouts,
  bookings,
  centrePolicies,
  groupMembers,
  groups,
  noShowOverrides,
  rooms,
  roomSettings,
  users,
} from '../../db/schema'
import type { Db } from '../lib/env'
import { auditIfChangedStatement, auditStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import { checkText, holdStatements, type ContentCheck } from '../lib/content-check'
import { runBatch } from '../lib/db'
import { AppError, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import {
  DAY,
  MINUTE,
  minutesOfDay,
  now,
  shanghaiDate,
  shanghaiMidnight,
  shanghaiSpoken,
  shanghaiSpokenRange,
} from '../lib/time'
import { notifySelectStatement } from '../inbox/notify'
import { assertCentreManagerOf } from '../identity/authz'
import { centreCommunities } from '../../db/schema'
import { slotsOfDay, type OpeningHours } from './opening-hours'
import { kindOfReason, reasonWithKind, type BlackoutKind } from './blackout-kinds'
import { LIVE_STATUSES, loadBookableRoom, loadBooking, policyOf, type Policy } from './repo'
import { firstMeetingHoldingAny, heldForAMeeting } from './held-rooms'
import { MY_BOOKINGS_PAGE } from './pages'

// What a centre manager configures: room rules, the fairness policy, blackouts, groups, and
// overrides of the no-show rule; and the utilisation figures.

type Actor = SessionUser | null

/** The community an audit row of the centre is filed under (the first it serves). */
export async function auditCommunityOf(db: Db, centreId: string): Promise<string> {
  const row = await db
    .select({ communityId: centreCommunities.communityId })
    .from(centreCommunities)
    .where(eq(centreCommunities.centreId, centreId))
    .orderBy(asc(centreCommunities.communityId))
    .get()
  if (!row) throw notFound('邻里中心')
  return row.communityId
}

export type RoomRulesInput = {
  openingHours: OpeningHours
  slotMinutes: number
  minSlots: number
  maxSlots: number
  horizonDays: number
  minNoticeMinutes: number
  needsApproval: boolean
  whoMayBook: 'residents' | 'groups' | 'staff'
  checkinCode: string
}

export async function updateRoomRules(db: Db, actor: Actor, roomId: string, input: RoomRulesInput) {
  const room = await db.select().from(rooms).where(eq(rooms.id, roomId)).get()
  if (!room) throw notFound('房间')
  const manager = await assertCentreManagerOf(db, actor, room.centreId)
  for (const [day, ranges] of Object.entries(input.openingHours)) {
    const sorted = [...ranges].sort((a, b) => minutesOfDay(a[0]) - minutesOfDay(b[0]))
    sorted.forEach(([open, close], i) => {
      if (minutesOfDay(close) <= minutesOfDay(open))
        throw new AppError('VALIDATION_FAILED', `星期${day}的开放时间 ${open}–${close} 无效`)
      if ((minutesOfDay(close) - minutesOfDay(open)) % input.slotMinutes !== 0)
        throw new AppError(
          'VALIDATION_FAILED',
          `星期${day}的开放时间 ${open}–${close} 不是 ${input.slotMinutes} 分钟的整数倍`,
        )
      const next = sorted[i + 1]
      if (next && minutesOfDay(next[0]) < minutesOfDay(close))
        throw new AppError('VALIDATION_FAILED', `星期${day}的开放时间段有重叠`)
    })
  }
  if (input.minSlots > input.maxSlots)
    throw new AppError('VALIDATION_FAILED', '最短预约时长不能大于最长预约时长')
  const before = await db.select().from(roomSettings).where(eq(roomSettings.roomId, roomId)).get()
  const values = { ...input, openingHoursJson: JSON.stringify(input.openingHours) }
  const { openingHours: _hours, ...columns } = values
  await runBatch(db, [
    db
      .insert(roomSettings)
      .values({ roomId, ...columns })
      .onConflictDoUpdate({ target: roomSettings.roomId, set: columns }),
    auditStatement(db, {
      communityId: await auditCommunityOf(db, room.centreId),
      actorUserId: manager.id,
      action: 'room.update_rules',
      targetType: 'room',
      targetId: roomId,
      before: before ?? null,
      after: columns,
    }),
  ])
  return loadBookableRoom(db, roomId)
}

export async function updatePolicy(db: Db, actor: Actor, centreId: string, input: Policy) {
  const manager = await assertCentreManagerOf(db, actor, centreId)
  const before = await policyOf(db, centreId)
  await runBatch(db, [
    db
      .insert(centrePolicies)
      .values({ centreId, ...input })
      .onConflictDoUpdate({ target: centrePolicies.centreId, set: input }),
    auditStatement(db, {
      communityId: await auditCommunityOf(db, centreId),
      actorUserId: manager.id,
      action: 'centre.update_policy',
      targetType: 'centre',
      targetId: centreId,
      before,
      after: input,
    }),
  ])
  return policyOf(db, centreId)
}

/**
 * A blackout over existing bookings: without `confirm` it only lists them (nothing changes);
 * with `confirm` it cancels them with the reason, which their owners see in 我的预约.
 */
export async function createBlackout(
  db: Db,
  actor: Actor,
  centreId: string,
  body: {
    roomId?: string
    startsAt: number
    endsAt: number
    kind: BlackoutKind
    reason: string
    confirm: boolean
  },
) {
  const manager = await assertCentreManagerOf(db, actor, centreId)
  const input = { ...body, reason: reasonWithKind(body.kind, body.reason) }
  if (input.endsAt <= input.startsAt)
    throw new AppError('VALIDATION_FAILED', '结束时间应晚于开始时间')
  if (input.roomId) {
    const room = await db
      .select({ centreId: rooms.centreId })
      .from(rooms)
      .where(eq(rooms.id, input.roomId))
      .get()
    if (!room || room.centreId !== centreId)
      throw new AppError('VALIDATION_FAILED', '所选房间不属于本邻里中心')
  }
  // Live bookings the blackout covers, as SQL: evaluated again inside the batch, so that a booking
  // made between the preview (or this read) and the batch is not left inside the blackout.
  const covered = sql`centre_id = ${centreId} ${input.roomId ? sql`AND room_id = ${input.roomId}` : sql``}
    AND status IN (${sql.join(
      LIVE_STATUSES.map((s) => sql`${s}`),
      sql`, `,
    )}) AND starts_at < ${input.endsAt} AND ends_at > ${input.startsAt}`
  const affectedNow = () =>
    db
      .select({
        id: bookings.id,
        roomName: rooms.name,
        userNickname: users.nickname,
        purpose: bookings.purpose,
        startsAt: bookings.startsAt,
        endsAt: bookings.endsAt,
        status: bookings.status,
      })
      .from(bookings)
      .innerJoin(rooms, eq(rooms.id, bookings.roomId))
      .innerJoin(users, eq(users.id, bookings.userId))
      .where(
        and(
          eq(bookings.centreId, centreId),
          input.roomId ? eq(bookings.roomId, input.roomId) : undefined,
          inArray(bookings.status, [...LIVE_STATUSES]),
          lt(bookings.startsAt, input.endsAt),
          sql`${bookings.endsAt} > ${input.startsAt}`,
        ),
      )
      .orderBy(asc(bookings.startsAt))
  // A meeting (议事会 / 三会) holding a room is not cancelled by a blackout: residents signed up for
  // it. The committee moves or cancels the meeting first, which also tells them.
  const heldForMeetings = heldForAMeeting()
  const meeting = await firstMeetingHoldingAny(
    db,
    and(
      eq(bookings.centreId, centreId),
      input.roomId ? eq(bookings.roomId, input.roomId) : undefined,
      inArray(bookings.status, [...LIVE_STATUSES]),
      lt(bookings.startsAt, input.endsAt),
      sql`${bookings.endsAt} > ${input.startsAt}`,
    ),
  )
  if (meeting) {
    throw new AppError(
      'CONFLICT',
      `这段时间有会议“${meeting.title}”（${shanghaiSpoken(meeting.startsAt)}）使用房间，请先请议事会改期或换地点`,
    )
  }
  const affected = await affectedNow()
  if (affected.length > 0 && !input.confirm) return { created: false, blackout: null, affected }
  const id = newId()
  const at = now()
  const ids = affected.map((b) => b.id)
  const reason = `邻里中心暂停开放：${input.reason}`
  await runBatch(db, [
    // Unconfirmed, it is created only if it still covers no live booking when the batch runs.
    db.run(sql`INSERT INTO blackouts (id, centre_id, room_id, starts_at, ends_at, reason, created_by, created_at)
      SELECT ${id}, ${centreId}, ${input.roomId ?? null}, ${input.startsAt}, ${input.endsAt}, ${input.reason}, ${manager.id}, ${at}
      WHERE ${input.confirm ? sql`NOT EXISTS (SELECT 1 FROM bookings WHERE ${covered} AND ${heldForMeetings})` : sql`NOT EXISTS (SELECT 1 FROM bookings WHERE ${covered})`}`),
    auditIfChangedStatement(db, {
      communityId: await auditCommunityOf(db, centreId),
      actorUserId: manager.id,
      action: 'blackout.create',
      targetType: 'blackout',
      targetId: id,
      after: {
        roomId: input.roomId ?? null,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        reason: input.reason,
        cancelledBookings: ids,
      },
    }),
    // Confirmed, it cancels every live booking it covers at that moment (the listed ones, and any
    // made since), after telling their owners why (the same rows, read just before they change).
    ...(input.confirm
      ? [
          notifySelectStatement(
            db,
            sql`SELECT user_id FROM bookings WHERE ${covered} AND EXISTS (SELECT 1 FROM blackouts WHERE id = ${id})`,
            {
              kind: 'booking.cancelled_by_blackout',
              title: '您的预约已被邻里中心取消',
              body: `${await scopeName(db, input.roomId)} ${shanghaiSpokenRange(input.startsAt, input.endsAt)} 暂停开放（${input.reason}），您在这段时间的预约已取消，请另选时间。`,
              link: MY_BOOKINGS_PAGE,
              subject: `${await scopeName(db, input.roomId)}暂停开放`,
              at: input.startsAt,
            },
            at,
          ),
          db.run(sql`UPDATE bookings SET status = 'cancelled', cancel_reason = ${reason}, updated_at = ${at}
        WHERE ${covered} AND EXISTS (SELECT 1 FROM blackouts WHERE id = ${id})`),
          db.run(sql`DELETE FROM booking_slots WHERE booking_id IN (SELECT id FROM bookings WHERE status = 'cancelled' AND centre_id = ${centreId}
        ${input.roomId ? sql`AND room_id = ${input.roomId}` : sql``} AND starts_at < ${input.endsAt} AND ends_at > ${input.startsAt})`),
        ]
      : []),
  ])
  if (!(await db.select({ id: blackouts.id }).from(blackouts).where(eq(blackouts.id, id)).get())) {
    return { created: false, blackout: null, affected: await affectedNow() }
  }
  return {
    created: true,
    blackout: {
      id,
      roomId: input.roomId ?? null,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      reason: input.reason,
      kind: body.kind,
    },
    affected,
  }
}

async function scopeName(db: Db, roomId: string | undefined): Promise<string> {
  if (!roomId) return '邻里中心'
  return (
    (await db.select({ name: rooms.name }).from(rooms).where(eq(rooms.id, roomId)).get())?.name ??
    '房间'
  )
}

export async function listBlackouts(db: Db, centreId: string) {
  const rows = await db
    .select({ b: blackouts, roomName: rooms.name })
    .from(blackouts)
    .leftJoin(rooms, eq(rooms.id, blackouts.roomId))
    .where(and(eq(blackouts.centreId, centreId), gte(blackouts.endsAt, now())))
    .orderBy(asc(blackouts.startsAt))
    .limit(200)
  return {
    items: rows.map(({ b: { id, roomId, startsAt, endsAt, reason }, roomName }) => ({
      id,
      roomId,
      roomName,
      startsAt,
      endsAt,
      reason,
      kind: kindOfReason(reason).kind,
    })),
  }
}

export async function deleteBlackout(db: Db, actor: Actor, blackoutId: string) {
  const row = await db.select().from(blackouts).where(eq(blackouts.id, blackoutId)).get()
  if (!row) throw notFound('暂停开放安排')
  const manager = await assertCentreManagerOf(db, actor, row.centreId)
  await runBatch(db, [
    db.delete(blackouts).where(eq(blackouts.id, blackoutId)),
    auditStatement(db, {
      communityId: await auditCommunityOf(db, row.centreId),
      actorUserId: manager.id,
      action: 'blackout.delete',
      targetType: 'blackout',
      targetId: blackoutId,
      before: row,
    }),
  ])
  return { ok: true as const }
}

export async function listGroups(db: Db, centreId: string) {
  const rows = await db
    .select({
      g: groups,
      leader: users.nickname,
      members: sql<number>`(SELECT COUNT(*) FROM group_members m WHERE m.group_id = ${groups.id})`,
    })
    .from(groups)
    .innerJoin(users, eq(users.id, groups.leaderUserId))
    .where(eq(groups.centreId, centreId))
    .orderBy(asc(groups.name))
  return {
    items: rows.map(({ g, leader, members }) => ({
      id: g.id,
      name: g.name,
      kind: g.kind,
      communityId: g.communityId,
      leader: { id: g.leaderUserId, nickname: leader },
      memberCount: members,
    })),
  }
}

export async function createGroup(
  db: Db,
  check: ContentCheck,
  actor: Actor,
  centreId: string,
  input: {
    name: string
    kind: 'autonomy' | 'volunteer' | 'recreation'
    communityId: string
    leaderUserId: string
  },
) {
  const manager = await assertCentreManagerOf(db, actor, centreId)
  const served = await db
    .select({ c: centreCommunities.communityId })
    .from(centreCommunities)
    .where(
      and(
        eq(centreCommunities.centreId, centreId),
        eq(centreCommunities.communityId, input.communityId),
      ),
    )
    .get()
  if (!served) throw new AppError('VALIDATION_FAILED', '该社区不在本邻里中心的服务范围内')
  const leader = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.id, input.leaderUserId))
    .get()
  if (!leader) throw notFound('负责人')
  // Members read the name: refused with the words, or held (审核中 for them) until it is passed.
  const verdict = await checkText(check, {
    communityId: input.communityId,
    authorUserId: manager.id,
    scene: 1,
    fields: [{ key: 'name', label: '团队名称', text: input.name }],
  })
  const id = newId()
  const at = now()
  await runBatch(db, [
    ...holdStatements(
      db,
      verdict,
      { type: 'group_name', id },
      { communityId: input.communityId, authorUserId: manager.id },
      at,
    ),
    db.insert(groups).values({
      id,
      centreId,
      communityId: input.communityId,
      name: input.name,
      kind: input.kind,
      leaderUserId: input.leaderUserId,
      createdAt: at,
    }),
    db.insert(groupMembers).values({ groupId: id, userId: input.leaderUserId, joinedAt: at }),
    auditStatement(db, {
      communityId: input.communityId,
      actorUserId: manager.id,
      action: 'group.create',
      targetType: 'group',
      targetId: id,
      after: input,
    }),
  ])
  return (await listGroups(db, centreId)).items.find((g) => g.id === id)!
}

export async function setGroupMember(
  db: Db,
  actor: Actor,
  groupId: string,
  userId: string,
  member: boolean,
) {
  const group = await db.select().from(groups).where(eq(groups.id, groupId)).get()
  if (!group) throw notFound('团队')
  const manager = await assertCentreManagerOf(db, actor, group.centreId)
  if (!member && userId === group.leaderUserId) throw new AppError('CONFLICT', '不能移除团队负责人')
  const user = await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()
  if (!user) throw notFound('用户')
  await runBatch(db, [
    member
      ? db.insert(groupMembers).values({ groupId, userId, joinedAt: now() }).onConflictDoNothing()
      : db
          .delete(groupMembers)
          .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId))),
    auditStatement(db, {
      communityId: group.communityId,
      actorUserId: manager.id,
      action: member ? 'group.add_member' : 'group.remove_member',
      targetType: 'group',
      targetId: groupId,
      after: { userId },
    }),
  ])
  return { ok: true as const }
}

/** Lifts the no-show freeze of one person until a date, with a reason (audited). */
export async function overrideNoShow(
  db: Db,
  actor: Actor,
  centreId: string,
  input: { userId: string; days: number; reason: string },
) {
  const manager = await assertCentreManagerOf(db, actor, centreId)
  if (!(await db.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).get()))
    throw notFound('居民')
  const until = now() + input.days * DAY
  await runBatch(db, [
    db
      .insert(noShowOverrides)
      .values({
        userId: input.userId,
        centreId,
        until,
        grantedBy: manager.id,
        reason: input.reason,
        createdAt: now(),
      })
      .onConflictDoUpdate({
        target: [noShowOverrides.userId, noShowOverrides.centreId],
        set: { until, grantedBy: manager.id, reason: input.reason, createdAt: now() },
      }),
    auditStatement(db, {
      communityId: await auditCommunityOf(db, centreId),
      actorUserId: manager.id,
      action: 'no_show.override',
      targetType: 'user',
      targetId: input.userId,
      after: { until, reason: input.reason },
    }),
  ])
  return { ok: true as const, until }
}

/** Waives one booking's no-show (released or late-cancelled) so it does not count. */
export async function waiveNoShow(db: Db, actor: Actor, bookingId: string, reason: string) {
  const b = await loadBooking(db, bookingId)
  const manager = await assertCentreManagerOf(db, actor, b.centreId)
  if (b.status !== 'released' && !b.lateCancel)
    throw new AppError('INVALID_STATE', '这条预约没有未签到记录，无需豁免', undefined, undefined, {
      currentStatus: b.status,
    })
  await runBatch(db, [
    db
      .update(bookings)
      .set({ noShowWaived: true, updatedAt: now() })
      .where(eq(bookings.id, bookingId)),
    auditStatement(db, {
      communityId: await auditCommunityOf(db, b.centreId),
      actorUserId: manager.id,
      action: 'booking.waive_no_show',
      targetType: 'booking',
      targetId: bookingId,
      after: { reason },
    }),
  ])
  return { ok: true as const }
}

/**
 * Utilisation over Shanghai days [from, to]: per room, the share of open minutes that were
 * booked and that were checked in; per weekday and hour, the same over all rooms.
 */
export async function utilisation(
  db: Db,
  actor: Actor,
  centreId: string,
  from: string,
  to: string,
) {
  await assertCentreManagerOf(db, actor, centreId)
  const start = shanghaiMidnight(from)
  const end = shanghaiMidnight(to) + DAY
  if (end <= start || end - start > 92 * DAY)
    throw new AppError('VALIDATION_FAILED', '统计区间应在 1 到 92 天之间')
  const roomRows = await db
    .select({
      id: rooms.id,
      name: rooms.name,
      hours: roomSettings.openingHoursJson,
      slot: roomSettings.slotMinutes,
    })
    .from(rooms)
    .innerJoin(roomSettings, eq(roomSettings.roomId, rooms.id))
    .where(eq(rooms.centreId, centreId))
    .orderBy(asc(rooms.sortOrder))
  const booked = await db
    .select({
      roomId: bookings.roomId,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      status: bookings.status,
    })
    .from(bookings)
    .where(
      and(
        eq(bookings.centreId, centreId),
        gte(bookings.startsAt, start),
        lt(bookings.startsAt, end),
        inArray(bookings.status, ['confirmed', 'checked_in', 'released']),
      ),
    )
  const grid = new Map<string, { open: number; booked: number; used: number }>()
  const cell = (weekday: number, hour: number) => {
    const key = `${weekday}-${hour}`
    if (!grid.has(key)) grid.set(key, { open: 0, booked: 0, used: 0 })
    return grid.get(key)!
  }
  const perRoom = roomRows.map((room) => {
    let open = 0
    let bookedMinutes = 0
    let usedMinutes = 0
    for (let day = start; day < end; day += DAY) {
      const date = shanghaiDate(day)
      for (const slot of slotsOfDay(JSON.parse(room.hours) as OpeningHours, room.slot, date)) {
        const local = new Date(slot.startsAt + 8 * 60 * MINUTE)
        const c = cell(local.getUTCDay() === 0 ? 7 : local.getUTCDay(), local.getUTCHours())
        open += room.slot
        c.open += room.slot
        const b = booked.find(
          (x) => x.roomId === room.id && x.startsAt <= slot.startsAt && x.endsAt >= slot.endsAt,
        )
        if (b) {
          bookedMinutes += room.slot
          c.booked += room.slot
          if (b.status === 'checked_in') {
            usedMinutes += room.slot
            c.used += room.slot
          }
        }
      }
    }
    return {
      roomId: room.id,
      roomName: room.name,
      openMinutes: open,
      bookedMinutes,
      checkedInMinutes: usedMinutes,
    }
  })
  return {
    from,
    to,
    rooms: perRoom,
    byWeekdayHour: [...grid.entries()]
      .map(([key, v]) => {
        const [weekday, hour] = key.split('-').map(Number)
        return {
          weekday: weekday!,
          hour: hour!,
          openMinutes: v.open,
          bookedMinutes: v.booked,
          checkedInMinutes: v.used,
        }
      })
      .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour),
  }
}

export type RoomInput = { name: string; capacity: number; facilities: string[] }

/** A new room of the centre; it becomes bookable once its rules are set (PUT /rooms/{id}/rules). */
export async function createRoom(db: Db, actor: Actor, centreId: string, input: RoomInput) {
  const manager = await assertCentreManagerOf(db, actor, centreId)
  const id = newId()
  await runBatch(db, [
    db.insert(rooms).values({
      id,
      centreId,
      name: input.name,
      capacity: input.capacity,
      facilitiesJson: JSON.stringify(input.facilities),
      sortOrder: 100,
    }),
    auditStatement(db, {
      communityId: await auditCommunityOf(db, centreId),
      actorUserId: manager.id,
      action: 'room.create',
      targetType: 'room',
      targetId: id,
      after: input,
    }),
  ])
  return { id, ...input }
}

export async function updateRoom(db: Db, actor: Actor, roomId: string, input: RoomInput) {
  const room = await db.select().from(rooms).where(eq(rooms.id, roomId)).get()
  if (!room) throw notFound('房间')
  const manager = await assertCentreManagerOf(db, actor, room.centreId)
  await runBatch(db, [
    db
      .update(rooms)
      .set({
        name: input.name,
        capacity: input.capacity,
        facilitiesJson: JSON.stringify(input.facilities),
      })
      .where(eq(rooms.id, roomId)),
    auditStatement(db, {
      communityId: await auditCommunityOf(db, room.centreId),
      actorUserId: manager.id,
      action: 'room.update',
      targetType: 'room',
      targetId: roomId,
      before: {
        name: room.name,
        capacity: room.capacity,
        facilities: JSON.parse(room.facilitiesJson),
      },
      after: input,
    }),
  ])
  return { id: roomId, ...input }
}
