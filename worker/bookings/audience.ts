import { and, eq } from 'drizzle-orm'
import { groups } from '../../db/schema'
import { known, mapRead, readBatch, rowRead, type Read } from '../lib/db'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { isCentreStaffRead } from '../identity/authz'
import type { WhoMayBook } from './repo'

// Who the viewer is for one centre, so lists offer only rooms the viewer may book. Booking itself
// is still decided by booking-service#assertMayBook; this is the same rule, read for showing.

export type Audience = { signedIn: boolean; staff: boolean; groupLeader: boolean }

export async function audienceOf(
  db: Db,
  viewer: SessionUser | null,
  centreId: string,
): Promise<Audience> {
  if (!viewer) return audienceFrom(viewer, [false, false])
  return audienceFrom(viewer, await readBatch(db, audienceReads(db, viewer, centreId)))
}

/** What audienceOf reads (whether staff there, whether leading a group there), for a batch. */
export function audienceReads(
  db: Db,
  viewer: SessionUser | null,
  centreId: string,
): [Read<boolean>, Read<boolean>] {
  return [
    isCentreStaffRead(db, viewer, centreId),
    viewer
      ? mapRead(
          rowRead(
            db
              .select({ id: groups.id })
              .from(groups)
              .where(and(eq(groups.centreId, centreId), eq(groups.leaderUserId, viewer.id))),
          ),
          Boolean,
        )
      : known(false),
  ]
}

export function audienceFrom(
  viewer: SessionUser | null,
  [staff, groupLeader]: [boolean, boolean],
): Audience {
  if (!viewer) return { signedIn: false, staff: false, groupLeader: false }
  return { signedIn: true, staff, groupLeader }
}

/**
 * Rooms for residents are offered to everyone (a visitor is asked to sign in and verify on the
 * room page); rooms for groups only to leaders of a group of the centre; staff rooms to staff.
 */
export function mayBook(who: WhoMayBook, audience: Audience): boolean {
  if (who === 'staff') return audience.staff
  if (who === 'groups') return audience.groupLeader
  return true
}
