import { and, eq, inArray } from 'drizzle-orm'
import { suggestionRatings, suggestions } from '../../db/schema'
import type { Db } from '../lib/env'

/**
 * A person's own 民事民评 of each suggestion, in its current completion round. One rating per
 * person and round counts wherever it was given (the 金点子 page or a 评议会 item linked to it),
 * so the meeting shows this one as "mine" instead of asking for the stars again.
 */
export async function myCurrentRatings(
  db: Db,
  userId: string,
  suggestionIds: string[],
): Promise<Map<string, number>> {
  if (suggestionIds.length === 0) return new Map()
  const rows = await db
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
        inArray(suggestionRatings.suggestionId, [...new Set(suggestionIds)]),
      ),
    )
  return new Map(rows.map((r) => [r.suggestionId, r.stars]))
}
