import { sql } from 'drizzle-orm'
import type { Db } from '../lib/env'
import type { Read } from '../lib/db'

// What 议事会 puts on a person's home (首页, "what needs me"): read in the home's one batch.

export type NextMeeting = {
  id: string
  title: string
  startsAt: number
  place: string
  waitlisted: boolean
}

/** The published meetings I am signed up for (or waiting for) that start before `until`. */
export function myNextMeetingsRead(
  db: Db,
  userId: string,
  at: number,
  until: number,
): Read<NextMeeting[]> {
  return {
    statement: db.all(sql`
      SELECT m.id, m.title, m.starts_at AS startsAt, m.address AS place, r.status = 'waitlisted' AS waitlisted
      FROM meeting_registrations r JOIN meetings m ON m.id = r.meeting_id
      WHERE r.user_id = ${userId} AND r.status IN ('confirmed', 'waitlisted')
        AND m.status = 'published' AND m.ends_at > ${at} AND m.starts_at < ${until}
      ORDER BY m.starts_at LIMIT 5`),
    map: (rows) =>
      rows.map((r) => ({
        id: String(r.id),
        title: String(r.title),
        startsAt: Number(r.startsAt),
        place: String(r.place),
        waitlisted: Boolean(r.waitlisted),
      })),
  }
}
