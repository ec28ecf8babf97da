import { sql, type SQL } from 'drizzle-orm'
import type { SessionUser } from '../lib/auth'
import type { BatchStatement } from '../lib/db'
import type { Db } from '../lib/env'
import { AppError } from '../lib/errors'
import { answerSet, transitionStatements } from './lifecycle-service'
import { STATUS_LABELS } from './labels'
import { eventStatement, loadSuggestion, recountRatingsStatement, type SuggestionRow } from './repo'
import { canTransition, type SuggestionAction } from './transitions'

// What other domains (today: meetings) may use of 金点子. They read through these functions and
// write 金点子's tables only through the statement builders below, put in their own batch —
// never by SQL of their own (docs/architecture.md, "Layers").

export { assertCanView, isPublic } from './authz'
export { CATEGORY_LABELS, STATUS_LABELS } from './labels'
export { averageRating, loadSuggestion, settingsOf, type SuggestionRow } from './repo'
export { photoUrl } from './photo-urls'
export { OPEN_STATUSES } from './transitions'
export { myCurrentRatings } from './my-ratings'
export { suggestionLink } from './pages'
export {
  publicSuggestionCountsByBuilding,
  publicSuggestionsFromBuildings,
  type SuggestionFromBuildings,
} from './from-buildings'

/** An event on the timeline of each suggestion that `suggestionIds` selects (a subquery whose column is `suggestion_id`). */
export function eventsForEachStatement(
  db: Db,
  suggestionIds: SQL,
  event: { kind: string; actorUserId: string; actorRole: 'committee'; body: string },
  at: number,
): BatchStatement {
  return db.run(sql`INSERT INTO suggestion_events (id, suggestion_id, kind, actor_user_id, actor_role, body, created_at)
    SELECT lower(hex(randomblob(8))), suggestion_id, ${event.kind}, ${event.actorUserId}, ${event.actorRole}, ${event.body}, ${at}
    FROM (${suggestionIds})`)
}

/**
 * A decision taken elsewhere (a meeting's resolution) on one suggestion: either it moves the
 * case (e.g. to adopted) with the decision as its timeline entry, or it is only noted on the
 * timeline. `landed` is true in later statements of the batch when the move (or note) happened.
 */
export function outsideDecisionStatements(
  db: Db,
  actor: SessionUser,
  s: SuggestionRow,
  move: SuggestionAction | null,
  body: string,
  at: number,
): { statements: BatchStatement[]; landed: SQL } {
  if (move) {
    if (!canTransition(move, s.status)) {
      throw new AppError(
        'INVALID_STATE',
        `关联的建议当前为“${STATUS_LABELS[s.status]}”，不能这样改变状态`,
        undefined,
        undefined,
        { currentStatus: s.status },
      )
    }
    const result = transitionStatements(db, actor, s, move, {
      actorRole: 'committee',
      body,
      set: answerSet(move, at),
      at,
    })
    return {
      statements: result.statements,
      landed: sql`EXISTS (SELECT 1 FROM suggestion_events WHERE id = ${result.eventId})`,
    }
  }
  return {
    statements: [
      eventStatement(
        db,
        {
          suggestionId: s.id,
          kind: 'meeting_resolution',
          actorUserId: actor.id,
          actorRole: 'committee',
          body,
        },
        at,
      ),
      db.run(sql`UPDATE suggestions SET updated_at = ${at} WHERE id = ${s.id}`),
    ],
    landed: sql`1`,
  }
}

/** The people who follow a suggestion (author and supporters), as `SELECT user_id`, when `condition` holds. */
export function followersQuery(suggestionId: string, condition: SQL = sql`1`): SQL {
  return sql`SELECT author_user_id AS user_id FROM suggestions WHERE id = ${suggestionId} AND ${condition}
    UNION SELECT user_id FROM suggestion_supports WHERE suggestion_id = ${suggestionId} AND ${condition}`
}

/**
 * A rating given elsewhere (a 评议会) joins the suggestion's 民事民评: one rating per person and
 * completion round, replacing theirs; only while the suggestion is completed in that round.
 */
export async function outsideRatingStatements(
  db: Db,
  suggestionId: string,
  userId: string,
  stars: number,
  reason: string,
  at: number,
): Promise<BatchStatement[]> {
  const s = await loadSuggestion(db, suggestionId)
  if (s.status !== 'completed')
    throw new AppError(
      'INVALID_STATE',
      `关联的建议当前为“${STATUS_LABELS[s.status]}”，完成后才能评分`,
    )
  return [
    db.run(sql`
      INSERT INTO suggestion_ratings (suggestion_id, user_id, round, stars, unresolved, reason, created_at)
      SELECT ${s.id}, ${userId}, ${s.completionRound}, ${stars}, 0, ${reason}, ${at}
      WHERE EXISTS (SELECT 1 FROM suggestions WHERE id = ${s.id} AND status = 'completed' AND completion_round = ${s.completionRound})
      ON CONFLICT (suggestion_id, user_id, round) DO UPDATE SET stars = excluded.stars, unresolved = 0, reason = excluded.reason, created_at = excluded.created_at`),
    recountRatingsStatement(db, s.id, s.completionRound),
  ]
}

/** What the home page (首页) shows of this domain, read in its one batch. */
export { staffQueueRead, type SuggestionQueue } from './to-dos'
