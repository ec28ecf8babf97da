import { and, asc, eq, sql, type SQL } from 'drizzle-orm'
import { blackouts, bookings, centreCommunities, centres, meetings } from '../../db/schema'
import type { Db } from '../lib/env'
import type { BatchStatement } from '../lib/db'
import { AppError } from '../lib/errors'
import { loadBookableRoom, type BookableRoom } from './repo'
import { slotsOfBooking } from './opening-hours'

// Rooms held for a meeting. A meeting in a 邻里中心 room books the room through the same rows as
// any booking: a bookings row and one booking_slots row per slot, whose primary key (room, slot)
// refuses a second holder. A meeting and a resident racing for one slot: exactly one wins.
// Meetings are public-interest use: the room's quota, notice and horizon do not apply, but its
// opening hours, slot boundaries and blackouts do.
//
// bookings owns these rows, so the statements that write them for a meeting are here; meetings
// calls them. The one thing bookings must know of meetings — which bookings hold a room for one
// (meetings.booking_id) — is read only in this file (heldForAMeeting and friends), never written.

export type MeetingRoom = BookableRoom & { place: string }

/** The room, checked for this community's meeting at these times. */
export async function meetingRoom(
  db: Db,
  roomId: string,
  communityId: string,
  startsAt: number,
  endsAt: number,
  capacity: number,
): Promise<MeetingRoom & { slots: number[] }> {
  const room = await loadBookableRoom(db, roomId)
  const served = await db
    .select({ name: centres.name })
    .from(centreCommunities)
    .innerJoin(centres, eq(centres.id, centreCommunities.centreId))
    .where(
      and(
        eq(centreCommunities.centreId, room.centreId),
        eq(centreCommunities.communityId, communityId),
      ),
    )
    .get()
  if (!served)
    throw new AppError('VALIDATION_FAILED', '这个房间所在的邻里中心不服务本社区，请另选房间')
  if (capacity > room.capacity)
    throw new AppError('VALIDATION_FAILED', `名额超过房间容量（${room.capacity} 人）`)
  const slots = slotsOfBooking(
    room.settings.openingHours,
    room.settings.slotMinutes,
    startsAt,
    endsAt,
  )
  if (!slots) {
    throw new AppError(
      'VALIDATION_FAILED',
      `会议时间须在房间开放时间内，按每段 ${room.settings.slotMinutes} 分钟的整段安排`,
    )
  }
  return { ...room, place: `${served.name} ${room.name}`, slots }
}

/**
 * Books the room for the meeting: the booking row (only if no blackout covers the time), then
 * its slots. Follow-up statements can test `EXISTS (SELECT 1 FROM bookings WHERE id = bookingId)`.
 */
export function bookRoomStatements(
  db: Db,
  args: {
    bookingId: string
    room: MeetingRoom & { slots: number[] }
    userId: string
    purpose: string
    headcount: number
    startsAt: number
    endsAt: number
    at: number
  },
): BatchStatement[] {
  const { bookingId, room, startsAt, endsAt, at } = args
  return [
    db.run(sql`
      INSERT INTO bookings (id, centre_id, room_id, user_id, group_id, series_id, purpose, headcount, starts_at, ends_at, status, created_at, updated_at)
      SELECT ${bookingId}, ${room.centreId}, ${room.id}, ${args.userId}, NULL, NULL, ${args.purpose}, ${args.headcount},
             ${startsAt}, ${endsAt}, 'confirmed', ${at}, ${at}
      WHERE NOT EXISTS (SELECT 1 FROM blackouts WHERE centre_id = ${room.centreId} AND (room_id IS NULL OR room_id = ${room.id})
                        AND starts_at < ${endsAt} AND ends_at > ${startsAt})`),
    db.run(sql`
      INSERT INTO booking_slots (room_id, slot_start, booking_id)
      SELECT ${room.id}, value, ${bookingId} FROM json_each(${JSON.stringify(room.slots)})
      WHERE EXISTS (SELECT 1 FROM bookings WHERE id = ${bookingId})`),
  ]
}

/** Cancels the meeting's booking and frees its slots. */
export function releaseRoomStatements(
  db: Db,
  bookingId: string,
  reason: string,
  at: number,
): BatchStatement[] {
  return [
    db.run(sql`UPDATE bookings SET status = 'cancelled', cancel_reason = ${reason}, updated_at = ${at}
      WHERE id = ${bookingId} AND status IN ('pending', 'confirmed', 'checked_in')`),
    db.run(sql`DELETE FROM booking_slots WHERE booking_id = ${bookingId}`),
  ]
}

/** Why the room could not be booked, for the committee. */
export async function whyRoomNotBooked(
  db: Db,
  room: BookableRoom,
  startsAt: number,
  endsAt: number,
): Promise<string> {
  const blackout = await db
    .select({ reason: blackouts.reason })
    .from(blackouts)
    .where(
      and(
        eq(blackouts.centreId, room.centreId),
        sql`(${blackouts.roomId} IS NULL OR ${blackouts.roomId} = ${room.id})`,
        sql`${blackouts.startsAt} < ${endsAt}`,
        sql`${blackouts.endsAt} > ${startsAt}`,
      ),
    )
    .get()
  if (blackout) return `${room.name}该时段暂停开放：${blackout.reason}`
  return `${room.name}在这个时段已被预约，请换个时间或房间`
}

/** Is the booking there (in `status`, when given)? For conditions later in the same batch. */
export function bookingExists(bookingId: string, status?: 'confirmed'): SQL {
  return status
    ? sql`EXISTS (SELECT 1 FROM bookings WHERE id = ${bookingId} AND status = ${status})`
    : sql`EXISTS (SELECT 1 FROM bookings WHERE id = ${bookingId})`
}

/** The meeting's new purpose and headcount on the booking that holds its room. */
export function updateHeldRoomStatement(
  db: Db,
  bookingId: string,
  purpose: string,
  headcount: number,
  at: number,
): BatchStatement {
  return db.run(
    sql`UPDATE bookings SET purpose = ${purpose}, headcount = ${headcount}, updated_at = ${at} WHERE id = ${bookingId}`,
  )
}

/** The first person at the meeting's door checks its room booking in (it counts as used). */
export function heldRoomInUseStatement(db: Db, bookingId: string, at: number): BatchStatement {
  return db.run(
    sql`UPDATE bookings SET status = 'checked_in', checked_in_at = ${at}, updated_at = ${at} WHERE id = ${bookingId} AND status = 'confirmed'`,
  )
}

/** `id` (a bookings.id column or expression) holds a room for a meeting. */
export function heldForAMeeting(id: SQL | typeof bookings.id = sql`id`): SQL {
  return sql`${id} IN (SELECT booking_id FROM meetings WHERE booking_id IS NOT NULL)`
}

/** `id` is an ordinary booking, not one holding a room for a meeting. */
export function notHeldForAMeeting(id: SQL | typeof bookings.id = sql`id`): SQL {
  return sql`${id} NOT IN (SELECT booking_id FROM meetings WHERE booking_id IS NOT NULL)`
}

/** The meeting that holds a room through this booking, if any. */
export async function meetingHolding(db: Db, bookingId: string) {
  return db
    .select({ id: meetings.id })
    .from(meetings)
    .where(eq(meetings.bookingId, bookingId))
    .get()
}

/** The first meeting holding a room through one of the bookings `where` selects. */
export async function firstMeetingHoldingAny(db: Db, where: SQL | undefined) {
  return db
    .select({ title: meetings.title, startsAt: meetings.startsAt })
    .from(meetings)
    .innerJoin(bookings, eq(bookings.id, meetings.bookingId))
    .where(where)
    .orderBy(asc(meetings.startsAt))
    .get()
}
