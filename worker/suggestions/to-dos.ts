import { sql } from 'drizzle-orm'
import type { Db } from '../lib/env'
import type { Read } from '../lib/db'

// What waits for the 居委会 in 金点子, on a staff member's home (首页): read in the home's batch.

export type SuggestionQueue = {
  /** Submissions to publish and flags to look at (the moderation queue). */
  moderation: number
  /** Past the response threshold and not answered yet. */
  answersDue: number
  /** Of those, past their deadline. */
  overdue: number
}

/** The community's 金点子 work, or null when I am not its staff (staff or admin). */
export function staffQueueRead(
  db: Db,
  userId: string,
  communityId: string,
  at: number,
): Read<SuggestionQueue | null> {
  return {
    statement: db.all(sql`
      SELECT EXISTS (SELECT 1 FROM role_grants WHERE user_id = ${userId} AND community_id = ${communityId}
                     AND role IN ('staff', 'admin')) AS staff,
        (SELECT COUNT(*) FROM suggestions WHERE community_id = ${communityId} AND status = 'submitted' AND hidden_at IS NULL)
        + (SELECT COUNT(*) FROM suggestion_flags f JOIN suggestions s ON s.id = f.suggestion_id
           WHERE s.community_id = ${communityId} AND f.resolved_at IS NULL) AS moderation,
        (SELECT COUNT(*) FROM suggestions WHERE community_id = ${communityId} AND hidden_at IS NULL
           AND answer_due_at IS NOT NULL AND answered_at IS NULL) AS answersDue,
        (SELECT COUNT(*) FROM suggestions WHERE community_id = ${communityId} AND hidden_at IS NULL
           AND answer_due_at IS NOT NULL AND answered_at IS NULL AND answer_due_at < ${at}) AS overdue`),
    map: ([row]) =>
      row?.staff
        ? {
            moderation: Number(row.moderation),
            answersDue: Number(row.answersDue),
            overdue: Number(row.overdue),
          }
        : null,
  }
}
