import { and, eq, gte, lt, sql } from 'drizzle-orm'
import { blackouts, bookings, bookingSlots, rooms, roomSettings } from '../../db/schema'
import { mapRead, readBatch, rowRead, rowsRead } from '../lib/db'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { AppError, notFound } from '../lib/errors'
import { DAY, MINUTE, minutesOfDay, now, shanghaiDate, shanghaiMidnight } from '../lib/time'
import { centres } from '../../db/schema'
import { audienceFrom, audienceReads, mayBook } from './audience'
import { parseOpeningHours, slotsOfBooking, slotsOfDay, type OpeningHours } from './opening-hours'
import { bookableRoomRead, roomPhotoUrls, type BookableRoom } from './repo'

// Free slots of a room for a Shanghai day, and "this time, any room". Others' bookings show
// only as 已预约: no names, no purposes.

export function roomInfo(room: BookableRoom) {
  const s = room.settings
  return {
    id: room.id,
    centreId: room.centreId,
    name: room.name,
    capacity: room.capacity,
    facilities: room.facilities,
    photos: roomPhotoUrls(room.id, s.photosJson),
    slotMinutes: s.slotMinutes,
    minSlots: s.minSlots,
    maxSlots: s.maxSlots,
    needsApproval: s.needsApproval,
    whoMayBook: s.whoMayBook,
    openingHours: s.openingHours,
    horizonDays: s.horizonDays,
    minNoticeMinutes: s.minNoticeMinutes,
  }
}

/** Shanghai midnight of a "YYYY-MM-DD" that names a real day (the format alone lets 2026-02-30 through). */
export function midnightOf(date: string): number {
  const midnight = shanghaiMidnight(date)
  if (Number.isNaN(midnight) || shanghaiDate(midnight) !== date)
    throw new AppError('VALIDATION_FAILED', `没有 ${date} 这一天，请重新选择日期`)
  return midnight
}

export async function roomDay(db: Db, viewer: SessionUser | null, roomId: string, date: string) {
  const dayStart = midnightOf(date)
  const dayEnd = dayStart + DAY
  // One round trip: the room, its held slots and its centre's closures of the day.
  const [room, held, closures] = await readBatch(db, [
    bookableRoomRead(db, roomId),
    rowsRead(
      db
        .select({ slotStart: bookingSlots.slotStart, userId: bookings.userId })
        .from(bookingSlots)
        .innerJoin(bookings, eq(bookings.id, bookingSlots.bookingId))
        .where(
          and(
            eq(bookingSlots.roomId, roomId),
            gte(bookingSlots.slotStart, dayStart),
            lt(bookingSlots.slotStart, dayEnd),
          ),
        ),
    ),
    rowsRead(
      db
        .select({
          startsAt: blackouts.startsAt,
          endsAt: blackouts.endsAt,
          reason: blackouts.reason,
        })
        .from(blackouts)
        .where(
          and(
            eq(blackouts.centreId, sql`(SELECT centre_id FROM ${rooms} WHERE id = ${roomId})`),
            sql`(${blackouts.roomId} IS NULL OR ${blackouts.roomId} = ${roomId})`,
            lt(blackouts.startsAt, dayEnd),
            sql`${blackouts.endsAt} > ${dayStart}`,
          ),
        ),
    ),
  ])
  if (!room) throw notFound('房间')
  const slots = slotStates(room.settings, date, held, closures, viewer?.id ?? null, now())
  return { room: roomInfo(room), date, slots }
}

export type Held = { slotStart: number; userId: string }
export type Closure = { startsAt: number; endsAt: number; reason: string }
type DayRules = {
  openingHours: OpeningHours
  slotMinutes: number
  minNoticeMinutes: number
  horizonDays: number
}

/**
 * Every slot of a room on a day with its state for the viewer: one function for the room page
 * and the rooms list, so both show the same thing.
 */
export function slotStates(
  s: DayRules,
  date: string,
  held: Held[],
  closures: Closure[],
  viewerId: string | null,
  at: number,
) {
  return slotsOfDay(s.openingHours, s.slotMinutes, date).map((slot) => {
    const holder = held.find((h) => h.slotStart === slot.startsAt)
    const closure = closures.find((c) => c.startsAt < slot.endsAt && c.endsAt > slot.startsAt)
    const state = holder
      ? viewerId && holder.userId === viewerId
        ? ('mine' as const)
        : ('taken' as const)
      : closure
        ? ('blackout' as const)
        : slot.startsAt < at
          ? ('past' as const)
          : slot.startsAt < at + s.minNoticeMinutes * MINUTE
            ? ('too_soon' as const)
            : slot.startsAt >= at + s.horizonDays * DAY
              ? ('too_far' as const)
              : ('free' as const)
    const label = {
      free: '可预约',
      taken: '已预约',
      mine: '我的预约',
      blackout: `暂停开放：${closure?.reason ?? ''}`,
      past: '已过',
      too_soon: '需提前预约',
      too_far: '尚未开放预约',
    }[state]
    return { ...slot, state, label }
  })
}

/**
 * Rooms of a centre that are free for the whole of [start, end) on a day and seat the headcount:
 * one query over all rooms (no slot held, no blackout), then each room's own rules.
 */
export async function anyRoom(
  db: Db,
  viewer: SessionUser | null,
  centreId: string,
  query: { date: string; start: string; end: string; headcount: number },
) {
  const centre = mapRead(
    rowRead(db.select({ id: centres.id }).from(centres).where(eq(centres.id, centreId))),
    Boolean,
  )
  const midnight = shanghaiMidnight(query.date)
  if (Number.isNaN(midnight) || shanghaiDate(midnight) !== query.date) {
    // A centre that does not exist answers 404 before the date's 400, as it always has.
    const [exists] = await readBatch(db, [centre])
    if (!exists) throw notFound('邻里中心')
    midnightOf(query.date)
  }
  const startsAt = midnight + minutesOfDay(query.start) * MINUTE
  const endsAt = midnight + minutesOfDay(query.end) * MINUTE
  // One round trip: the centre, the rooms free for the whole time, who the viewer is there.
  const [exists, candidates, staffThere, leadsThere] = await readBatch(db, [
    centre,
    rowsRead(
      db
        .select({ room: rooms, settings: roomSettings })
        .from(rooms)
        .innerJoin(roomSettings, eq(roomSettings.roomId, rooms.id))
        .where(
          and(
            eq(rooms.centreId, centreId),
            gte(rooms.capacity, query.headcount),
            sql`NOT EXISTS (SELECT 1 FROM booking_slots b WHERE b.room_id = ${rooms.id} AND b.slot_start >= ${startsAt} AND b.slot_start < ${endsAt})`,
            sql`NOT EXISTS (SELECT 1 FROM blackouts x WHERE x.centre_id = ${centreId} AND (x.room_id IS NULL OR x.room_id = ${rooms.id})
                      AND x.starts_at < ${endsAt} AND x.ends_at > ${startsAt})`,
          ),
        )
        .orderBy(rooms.sortOrder),
    ),
    ...audienceReads(db, viewer, centreId),
  ])
  if (!exists) throw notFound('邻里中心')
  if (endsAt <= startsAt) throw new AppError('VALIDATION_FAILED', '结束时间应晚于开始时间')
  const at = now()
  const audience = audienceFrom(viewer, [staffThere, leadsThere])
  const free = candidates
    .map(({ room, settings }) => ({
      ...room,
      facilities: JSON.parse(room.facilitiesJson) as string[],
      settings: { ...settings, openingHours: parseOpeningHours(settings.openingHoursJson) },
    }))
    .filter(({ settings: s }) => {
      const covered = slotsOfBooking(s.openingHours, s.slotMinutes, startsAt, endsAt)
      return (
        mayBook(s.whoMayBook, audience) &&
        covered !== null &&
        covered.length >= s.minSlots &&
        covered.length <= s.maxSlots &&
        startsAt >= at + s.minNoticeMinutes * MINUTE &&
        startsAt < at + s.horizonDays * DAY
      )
    })
  return { startsAt, endsAt, rooms: free.map(roomInfo) }
}
