import { and, eq, sql, type SQL } from 'drizzle-orm'
import { suggestionRatings, suggestions } from '../../db/schema'
import { mapRead, rowsRead, type Read } from '../lib/db'
import type { Db } from '../lib/env'

/**
 * A person's own 民事民评 of each suggestion, in its current completion round. One rating per
 * person and round counts wherever it was given (the 金点子 page or a 评议会 item linked to it),
 * so the meeting shows this one as "mine" instead of asking for the stars again. A read for the
 * caller's batch (decision 021); `suggestionIds` is a subquery of the ids (the meeting's agenda).
 */
export function myCurrentRatings(
  db: Db,
  userId: string,
  suggestionIds: SQL,
): Read<Map<string, number>> {
  return mapRead(
    rowsRead(
      db
        .select({ suggestionId: suggestionRatings.suggestionId, stars: suggestionRatings.stars })
        .from(suggestionRatings)
        .innerJoin(
          suggestions,
          and(
            eq(suggestions.id, suggestionRatings.suggestionId),
            eq(suggestions.completionRound, suggestionRatings.round),
          ),
        )
        .where(
          and(
            eq(suggestionRatings.userId, userId),
            sql`${suggestionRatings.suggestionId} IN (${suggestionIds})`,
          ),
        ),
    ),
    (rows) => new Map(rows.map((r) => [r.suggestionId, r.stars])),
  )
}
