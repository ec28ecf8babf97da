import { eq } from 'drizzle-orm'
import { suggestionComments, suggestionFlags, suggestionRatings, suggestions, suggestionSupports } from '../../db/schema'
import type { Db } from '../lib/env'

/** Everything of one person in 金点子, for their data export (PIPL). */
export async function suggestionDataOf(db: Db, userId: string) {
  const [authored, supports, comments, ratings, flags] = await Promise.all([
    db.select({ id: suggestions.id, title: suggestions.title, description: suggestions.description, status: suggestions.status, showName: suggestions.showName, createdAt: suggestions.createdAt })
      .from(suggestions).where(eq(suggestions.authorUserId, userId)),
    db.select({ suggestionId: suggestionSupports.suggestionId, createdAt: suggestionSupports.createdAt }).from(suggestionSupports).where(eq(suggestionSupports.userId, userId)),
    db.select({ suggestionId: suggestionComments.suggestionId, body: suggestionComments.body, createdAt: suggestionComments.createdAt }).from(suggestionComments).where(eq(suggestionComments.authorUserId, userId)),
    db.select({ suggestionId: suggestionRatings.suggestionId, stars: suggestionRatings.stars, unresolved: suggestionRatings.unresolved, reason: suggestionRatings.reason, createdAt: suggestionRatings.createdAt }).from(suggestionRatings).where(eq(suggestionRatings.userId, userId)),
    db.select({ suggestionId: suggestionFlags.suggestionId, reason: suggestionFlags.reason, createdAt: suggestionFlags.createdAt }).from(suggestionFlags).where(eq(suggestionFlags.userId, userId)),
  ])
  return { authored, supports, comments, ratings, flags }
}
