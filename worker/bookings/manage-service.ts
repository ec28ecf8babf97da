import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm'
import { bookings, groups, rooms, users } from '../../db/schema'
import type { Db } from '../lib/env'
import { auditIfChangedStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import { holdsOf } from '../lib/content-check'
import { runBatch } from '../lib/db'
import { AppError } from '../lib/errors'
import { MINUTE, now, shanghaiSpokenRange } from '../lib/time'
import { notifySelectStatement } from '../inbox/notify'
import { assertCentreManagerOf } from '../identity/authz'
import { centreCommunities } from '../../db/schema'
import { loadBooking, policyOf, STATUS_LABELS } from './repo'
import { notHeldForAMeeting } from './held-rooms'
import { MY_BOOKINGS_PAGE } from './pages'

// What centre managers do: approve or reject pending bookings, see the calendar; and the
// scheduled release of bookings nobody checked in to.

async function auditCommunity(db: Db, centreId: string): Promise<string> {
  const row = await db
    .select({ communityId: centreCommunities.communityId })
    .from(centreCommunities)
    .where(eq(centreCommunities.centreId, centreId))
    .orderBy(asc(centreCommunities.communityId))
    .get()
  return row!.communityId
}

async function roomName(db: Db, roomId: string): Promise<string> {
  return (
    (await db.select({ name: rooms.name }).from(rooms).where(eq(rooms.id, roomId)).get())?.name ??
    '房间'
  )
}

export async function decideBooking(
  db: Db,
  actor: SessionUser | null,
  id: string,
  decision: { approve: true } | { approve: false; reason: string },
) {
  const b = await loadBooking(db, id)
  const manager = await assertCentreManagerOf(db, actor, b.centreId)
  if (b.status !== 'pending')
    throw new AppError(
      'INVALID_STATE',
      `这条预约${STATUS_LABELS[b.status]}，无需审批`,
      undefined,
      undefined,
      { currentStatus: b.status },
    )
  const at = now()
  const to = decision.approve ? 'confirmed' : 'rejected'
  const room = await roomName(db, b.roomId)
  await runBatch(db, [
    db
      .update(bookings)
      .set({
        status: to,
        decidedBy: manager.id,
        decidedAt: at,
        rejectReason: decision.approve ? null : decision.reason,
        updatedAt: at,
      })
      .where(and(eq(bookings.id, id), eq(bookings.status, 'pending'))),
    auditIfChangedStatement(db, {
      communityId: await auditCommunity(db, b.centreId),
      actorUserId: manager.id,
      action: decision.approve ? 'booking.approve' : 'booking.reject',
      targetType: 'booking',
      targetId: id,
      before: { status: 'pending' },
      after: { status: to, ...(decision.approve ? {} : { reason: decision.reason }) },
    }),
    // The resident hears of the decision only if it is this one (the row carries its time and manager).
    notifySelectStatement(
      db,
      sql`SELECT user_id FROM bookings WHERE id = ${id} AND status = ${to} AND decided_by = ${manager.id} AND decided_at = ${at}`,
      {
        kind: decision.approve ? 'booking.approved' : 'booking.rejected',
        title: decision.approve ? '预约已获批准' : '预约未获批准',
        body:
          `${room} ${shanghaiSpokenRange(b.startsAt, b.endsAt)}（${b.purpose}）` +
          (decision.approve ? '已获批准，请按时到场签到。' : `未获批准。理由：${decision.reason}`),
        link: MY_BOOKINGS_PAGE,
        subject: `${room}：${b.purpose}`,
        at: b.startsAt,
        place: room,
      },
      at,
    ),
    // A rejected booking gives its slots back.
    db.run(
      sql`DELETE FROM booking_slots WHERE booking_id = ${id} AND EXISTS (SELECT 1 FROM bookings WHERE id = ${id} AND status = 'rejected')`,
    ),
  ])
  const after = await loadBooking(db, id)
  if (after.status !== to || after.decidedBy !== manager.id) {
    throw new AppError(
      'INVALID_STATE',
      `这条预约${STATUS_LABELS[after.status]}，无需审批`,
      undefined,
      undefined,
      { currentStatus: after.status },
    )
  }
}

/** All bookings of a centre in a time range, with who booked (managers only). */
export async function centreCalendar(
  db: Db,
  actor: SessionUser | null,
  centreId: string,
  from: number,
  to: number,
  status?: 'pending',
) {
  await assertCentreManagerOf(db, actor, centreId)
  const rows = await db
    .select({ b: bookings, roomName: rooms.name, groupName: groups.name, nickname: users.nickname })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .leftJoin(groups, eq(groups.id, bookings.groupId))
    .innerJoin(users, eq(users.id, bookings.userId))
    .where(
      and(
        eq(bookings.centreId, centreId),
        gte(bookings.startsAt, from),
        lt(bookings.startsAt, to),
        status
          ? eq(bookings.status, status)
          : inArray(bookings.status, ['pending', 'confirmed', 'checked_in', 'released']),
      ),
    )
    .orderBy(asc(bookings.startsAt))
    .limit(500)
  // A purpose the content check holds is not shown to managers until it is passed.
  const held = await holdsOf(
    db,
    'booking_purpose',
    rows.map(({ b }) => b.seriesId ?? b.id),
  )
  return {
    items: rows.map(({ b, roomName, groupName, nickname }) => ({
      id: b.id,
      room: { id: b.roomId, name: roomName },
      group: b.groupId && groupName ? { id: b.groupId, name: groupName } : null,
      bookedBy: nickname,
      purpose: held.get(b.seriesId ?? b.id)?.held ? '（用途审核中）' : b.purpose,
      headcount: b.headcount,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      status: b.status,
      statusLabel: STATUS_LABELS[b.status],
    })),
  }
}

/**
 * Scheduled: bookings not checked in within the grace period are released (their remaining
 * slots freed, a no-show recorded); pending bookings nobody decided before the start lapse.
 */
export async function releaseNoShows(db: Db, at = now()) {
  const centres = await db
    .selectDistinct({ centreId: bookings.centreId })
    .from(bookings)
    .where(and(inArray(bookings.status, ['confirmed', 'pending']), lt(bookings.startsAt, at)))
  for (const { centreId } of centres) {
    const policy = await policyOf(db, centreId)
    const cutoff = at - policy.checkinGraceMinutes * MINUTE
    await runBatch(db, [
      // A meeting's room is held for the meeting whoever checks in (its attendance is the meeting's).
      db
        .update(bookings)
        .set({ status: 'released', updatedAt: at })
        .where(
          and(
            eq(bookings.centreId, centreId),
            eq(bookings.status, 'confirmed'),
            lt(bookings.startsAt, cutoff),
            notHeldForAMeeting(bookings.id),
          ),
        ),
      db
        .update(bookings)
        .set({ status: 'rejected', rejectReason: '开始前未获审批，已自动取消', updatedAt: at })
        .where(
          and(
            eq(bookings.centreId, centreId),
            eq(bookings.status, 'pending'),
            lt(bookings.startsAt, at),
          ),
        ),
      db.run(sql`DELETE FROM booking_slots WHERE booking_id IN
        (SELECT id FROM bookings WHERE centre_id = ${centreId} AND status IN ('released', 'rejected') AND ends_at > ${at - policy.checkinGraceMinutes * MINUTE})`),
    ])
  }
}
