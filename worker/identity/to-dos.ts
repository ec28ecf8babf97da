import { sql } from 'drizzle-orm'
import type { Db } from '../lib/env'
import type { Read } from '../lib/db'

// What waits for the 居委会 in identity, on a staff member's home (首页): read in the home's batch.

/** Residency requests waiting for a decision, or null when I am not staff of the community. */
export function requestsWaitingRead(
  db: Db,
  userId: string,
  communityId: string,
): Read<number | null> {
  return {
    statement: db.all(sql`
      SELECT EXISTS (SELECT 1 FROM role_grants WHERE user_id = ${userId} AND community_id = ${communityId}
                     AND role IN ('staff', 'admin')) AS staff,
        (SELECT COUNT(*) FROM residency_requests WHERE community_id = ${communityId} AND status = 'pending') AS waiting`),
    map: ([row]) => (row?.staff ? Number(row.waiting) : null),
  }
}
