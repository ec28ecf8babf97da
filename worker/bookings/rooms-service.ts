import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm'
import { blackouts, bookings, bookingSlots, centres, rooms, roomSettings } from '../../db/schema'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { notFound } from '../lib/errors'
import { DAY, now } from '../lib/time'
import { assertCentreManagerOf } from '../identity/authz'
import { audienceOf, mayBook } from './audience'
import { midnightOf, roomInfo, slotStates } from './availability-service'
import { parseOpeningHours } from './opening-hours'
import { roomPhotoUrls } from './repo'

// The rooms of a centre in one call (the 预约 tab), and one room as its managers see it.

/**
 * Bookable rooms of a centre with their rules and whether the viewer may book them; with a date,
 * each room's day at a glance (free slots, the first one, closures) from three queries in all.
 */
export async function listCentreRooms(
  db: Db,
  viewer: SessionUser | null,
  centreId: string,
  date?: string,
) {
  const centre = await db
    .select({ id: centres.id })
    .from(centres)
    .where(eq(centres.id, centreId))
    .get()
  if (!centre) throw notFound('邻里中心')
  const dayStart = date ? midnightOf(date) : 0
  const rows = await db
    .select({ room: rooms, settings: roomSettings })
    .from(rooms)
    .innerJoin(roomSettings, eq(roomSettings.roomId, rooms.id))
    .where(eq(rooms.centreId, centreId))
    .orderBy(asc(rooms.sortOrder), asc(rooms.name))
  const ids = rows.map((r) => r.room.id)
  const [held, closures, audience] = await Promise.all([
    date && ids.length > 0
      ? db
          .select({
            roomId: bookingSlots.roomId,
            slotStart: bookingSlots.slotStart,
            userId: bookings.userId,
          })
          .from(bookingSlots)
          .innerJoin(bookings, eq(bookings.id, bookingSlots.bookingId))
          .where(
            and(
              inArray(bookingSlots.roomId, ids),
              gte(bookingSlots.slotStart, dayStart),
              lt(bookingSlots.slotStart, dayStart + DAY),
            ),
          )
      : Promise.resolve([]),
    date
      ? db
          .select({
            roomId: blackouts.roomId,
            startsAt: blackouts.startsAt,
            endsAt: blackouts.endsAt,
            reason: blackouts.reason,
          })
          .from(blackouts)
          .where(
            and(
              eq(blackouts.centreId, centreId),
              lt(blackouts.startsAt, dayStart + DAY),
              sql`${blackouts.endsAt} > ${dayStart}`,
            ),
          )
      : Promise.resolve([]),
    audienceOf(db, viewer, centreId),
  ])
  const at = now()
  return {
    items: rows.map(({ room, settings }) => {
      const info = roomInfo({
        ...room,
        facilities: JSON.parse(room.facilitiesJson) as string[],
        settings: { ...settings, openingHours: parseOpeningHours(settings.openingHoursJson) },
      })
      let day = null
      if (date) {
        const mine = closures
          .filter((c) => c.roomId === null || c.roomId === room.id)
          .map(({ startsAt, endsAt, reason }) => ({ startsAt, endsAt, reason }))
        const slots = slotStates(
          info,
          date,
          held.filter((h) => h.roomId === room.id),
          mine,
          viewer?.id ?? null,
          at,
        )
        const free = slots.filter((s) => s.state === 'free')
        day = {
          date,
          openSlots: slots.length,
          freeSlots: free.length,
          firstFree: free[0]?.startsAt ?? null,
          closures: mine,
        }
      }
      return { ...info, mayBook: mayBook(info.whoMayBook, audience), day }
    }),
  }
}

/** A room with its full rules and check-in code (null rules: not bookable yet), for its managers. */
export async function roomForManager(db: Db, actor: SessionUser | null, roomId: string) {
  const row = await db
    .select({ room: rooms, settings: roomSettings, centreName: centres.name })
    .from(rooms)
    .innerJoin(centres, eq(centres.id, rooms.centreId))
    .leftJoin(roomSettings, eq(roomSettings.roomId, rooms.id))
    .where(eq(rooms.id, roomId))
    .get()
  if (!row) throw notFound('房间')
  await assertCentreManagerOf(db, actor, row.room.centreId)
  const s = row.settings
  return {
    id: row.room.id,
    centreId: row.room.centreId,
    centreName: row.centreName,
    name: row.room.name,
    capacity: row.room.capacity,
    facilities: JSON.parse(row.room.facilitiesJson) as string[],
    photos: s ? roomPhotoUrls(row.room.id, s.photosJson) : [],
    rules: s
      ? {
          openingHours: parseOpeningHours(s.openingHoursJson),
          slotMinutes: s.slotMinutes,
          minSlots: s.minSlots,
          maxSlots: s.maxSlots,
          horizonDays: s.horizonDays,
          minNoticeMinutes: s.minNoticeMinutes,
          needsApproval: s.needsApproval,
          whoMayBook: s.whoMayBook,
          checkinCode: s.checkinCode,
        }
      : null,
  }
}
