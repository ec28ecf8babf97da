import { and, eq, type SQL } from 'drizzle-orm'
import { bookings, centrePolicies, groups, rooms, roomSettings } from '../../db/schema'
import { mapRead, readBatch, rowRead, type Read } from '../lib/db'
import type { Db } from '../lib/env'
import { notFound } from '../lib/errors'
import { parseOpeningHours } from './opening-hours'

export const DEFAULT_POLICY = {
  residentMinutesPerWeek: 6 * 60,
  groupMinutesPerWeek: 12 * 60,
  cancelCutoffMinutes: 120,
  checkinOpensMinutesBefore: 15,
  checkinGraceMinutes: 15,
  noShowLimit: 3,
  noShowFreezeDays: 14,
}

export type Policy = typeof DEFAULT_POLICY

export async function policyOf(db: Db, centreId: string): Promise<Policy> {
  const [policy] = await readBatch(db, [policyRead(db, centreId)])
  return policy
}

/** policyOf as one read of a batch; the centre may be a subquery (decision 021). */
export function policyRead(db: Db, centreId: string | SQL): Read<Policy> {
  return mapRead(
    rowRead(db.select().from(centrePolicies).where(eq(centrePolicies.centreId, centreId))),
    (row) => {
      if (!row) return DEFAULT_POLICY
      const { centreId: _c, ...policy } = row
      return policy
    },
  )
}

export type WhoMayBook = 'residents' | 'groups' | 'staff'

/** Photo ids of a room, in order (room_settings.photos_json). */
export function parsePhotoIds(json: string): string[] {
  const ids = JSON.parse(json) as unknown
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : []
}

/** Room photos are public like the room itself: a plain URL, served by photos-service#readRoomPhoto. */
export function roomPhotoUrls(roomId: string, photosJson: string) {
  return parsePhotoIds(photosJson).map((id) => ({ id, url: `/api/rooms/${roomId}/photos/${id}` }))
}

/** A bookable room: the room, its centre and its rules. Rooms without rules are not bookable. */
export async function loadBookableRoom(db: Db, roomId: string) {
  const [room] = await readBatch(db, [bookableRoomRead(db, roomId)])
  if (!room) throw notFound('房间')
  return room
}

/** loadBookableRoom as one read of a batch (decision 021): null when there is no such room. */
export function bookableRoomRead(db: Db, roomId: string) {
  return mapRead(
    rowRead(
      db
        .select({ room: rooms, settings: roomSettings })
        .from(rooms)
        .innerJoin(roomSettings, eq(roomSettings.roomId, rooms.id))
        .where(eq(rooms.id, roomId)),
    ),
    (row) =>
      row
        ? {
            ...row.room,
            facilities: JSON.parse(row.room.facilitiesJson) as string[],
            settings: {
              ...row.settings,
              openingHours: parseOpeningHours(row.settings.openingHoursJson),
            },
          }
        : null,
  )
}

export type BookableRoom = Awaited<ReturnType<typeof loadBookableRoom>>

export async function loadBooking(db: Db, id: string) {
  const row = await db.select().from(bookings).where(eq(bookings.id, id)).get()
  if (!row) throw notFound('预约')
  return row
}

export async function loadGroup(db: Db, groupId: string, centreId: string) {
  const [row] = await readBatch(db, [groupRead(db, groupId, centreId)])
  if (!row) throw notFound('团队')
  return row
}

/** A group of the centre (the centre may be a subquery), or undefined: one read of a batch. */
export function groupRead(db: Db, groupId: string, centreId: string | SQL) {
  return rowRead(
    db
      .select()
      .from(groups)
      .where(and(eq(groups.id, groupId), eq(groups.centreId, centreId))),
  )
}

export const STATUS_LABELS = {
  pending: '待审批',
  confirmed: '已预约',
  checked_in: '已签到',
  rejected: '未获批准',
  cancelled: '已取消',
  released: '未签到，已释放',
} as const

/** Statuses that hold the room (their slots are in booking_slots). */
export const LIVE_STATUSES = ['pending', 'confirmed', 'checked_in'] as const
