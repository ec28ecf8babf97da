import { eq } from 'drizzle-orm'
import {
  answerTemplates,
  suggestionComments,
  suggestionEvents,
  suggestionFlags,
  suggestionPhotos,
  suggestionRatings,
  suggestionReads,
  suggestions,
  suggestionSupports,
} from '../../db/schema'
import type { PersonalData } from '../lib/personal-data'

/**
 * 金点子 about one person. Suggestions, comments, supports and ratings are public records of
 * the community: on deletion they stay, signed by the anonymous "已注销用户" account row
 * (decision 004). Timeline events, templates and resolved flags name the staff who acted.
 * A 代办 act (decision 019) is hers and exported with `actedBy`, the account that acted for her;
 * when that helper deletes her account the acts stay as they are (they were never the helper's).
 */
export const suggestionsPersonalData: PersonalData = {
  domain: 'suggestions',
  tables: [
    suggestions,
    suggestionSupports,
    suggestionComments,
    suggestionRatings,
    suggestionFlags,
    suggestionPhotos,
    suggestionReads,
    suggestionEvents,
    answerTemplates,
  ],
  async exportOf(db, userId) {
    const [authored, supports, comments, ratings, flags] = await Promise.all([
      db
        .select({
          id: suggestions.id,
          title: suggestions.title,
          description: suggestions.description,
          status: suggestions.status,
          showName: suggestions.showName,
          actedBy: suggestions.actedBy,
          createdAt: suggestions.createdAt,
        })
        .from(suggestions)
        .where(eq(suggestions.authorUserId, userId)),
      db
        .select({
          suggestionId: suggestionSupports.suggestionId,
          actedBy: suggestionSupports.actedBy,
          createdAt: suggestionSupports.createdAt,
        })
        .from(suggestionSupports)
        .where(eq(suggestionSupports.userId, userId)),
      db
        .select({
          suggestionId: suggestionComments.suggestionId,
          body: suggestionComments.body,
          createdAt: suggestionComments.createdAt,
        })
        .from(suggestionComments)
        .where(eq(suggestionComments.authorUserId, userId)),
      db
        .select({
          suggestionId: suggestionRatings.suggestionId,
          stars: suggestionRatings.stars,
          unresolved: suggestionRatings.unresolved,
          reason: suggestionRatings.reason,
          createdAt: suggestionRatings.createdAt,
        })
        .from(suggestionRatings)
        .where(eq(suggestionRatings.userId, userId)),
      db
        .select({
          suggestionId: suggestionFlags.suggestionId,
          reason: suggestionFlags.reason,
          createdAt: suggestionFlags.createdAt,
        })
        .from(suggestionFlags)
        .where(eq(suggestionFlags.userId, userId)),
    ])
    return { suggestions: { authored, supports, comments, ratings, flags } }
  },
  async forgetStatements() {
    return []
  },
}
