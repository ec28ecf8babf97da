import { sql } from 'drizzle-orm'
import type { Db } from '../lib/env'
import type { Read } from '../lib/db'
import { managedCentreIdsSql } from '../identity/authz'

// What 邻里中心 puts on a person's home (首页, "what needs me"): read in the home's one batch.

export type NextBooking = {
  id: string
  roomName: string
  startsAt: number
  endsAt: number
  pending: boolean
}

/** My bookings still to come (waiting for approval or confirmed) that start before `until`. */
export function myNextBookingsRead(
  db: Db,
  userId: string,
  at: number,
  until: number,
): Read<NextBooking[]> {
  return {
    statement: db.all(sql`
      SELECT b.id, r.name AS roomName, b.starts_at AS startsAt, b.ends_at AS endsAt, b.status = 'pending' AS pending
      FROM bookings b JOIN rooms r ON r.id = b.room_id
      WHERE b.user_id = ${userId} AND b.status IN ('pending', 'confirmed')
        AND b.ends_at > ${at} AND b.starts_at < ${until}
      ORDER BY b.starts_at LIMIT 5`),
    map: (rows) =>
      rows.map((r) => ({
        id: String(r.id),
        roomName: String(r.roomName),
        startsAt: Number(r.startsAt),
        endsAt: Number(r.endsAt),
        pending: Boolean(r.pending),
      })),
  }
}

/**
 * Bookings waiting for my approval: future pending bookings of the centres I manage (a live
 * per-centre grant, as managedCentres counts them). Null when I manage none.
 */
export function bookingsToApproveRead(db: Db, userId: string, at: number): Read<number | null> {
  const mine = managedCentreIdsSql(userId)
  return {
    statement: db.all(sql`
      SELECT (SELECT COUNT(*) FROM centres WHERE id IN ${mine}) AS centres,
             (SELECT COUNT(*) FROM bookings WHERE status = 'pending' AND starts_at >= ${at}
                AND centre_id IN ${mine}) AS pending`),
    map: ([row]) => (Number(row?.centres ?? 0) > 0 ? Number(row?.pending ?? 0) : null),
  }
}
