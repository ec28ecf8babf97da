import { and, eq, sql } from 'drizzle-orm'
import { suggestions, suggestionSupports, type SuggestionStatus } from '../../db/schema'
import type { Db } from '../lib/env'
import { runBatch } from '../lib/db'
import type { SessionUser } from '../lib/auth'
import { AppError } from '../lib/errors'
import { now } from '../lib/time'
import { assertResidentOf } from '../identity/residency-service'
import { actingAs } from '../identity/acting'
import { auditIfChangedStatement } from '../lib/audit'
import { assertCanView } from './authz'
import { loadSuggestion, recountSupportsStatement, settingsOf, thresholdStatements } from './repo'
import { OPEN_STATUSES } from './transitions'

const notOpen = (currentStatus: SuggestionStatus) =>
  new AppError('INVALID_STATE', '这条建议已不在征集附议阶段', undefined, undefined, {
    currentStatus,
  })

async function counts(db: Db, id: string, userId: string) {
  const [s, mine] = await Promise.all([
    db
      .select({
        supportCount: suggestions.supportCount,
        supportHouseholdCount: suggestions.supportHouseholdCount,
      })
      .from(suggestions)
      .where(eq(suggestions.id, id))
      .get(),
    db
      .select({ userId: suggestionSupports.userId })
      .from(suggestionSupports)
      .where(and(eq(suggestionSupports.suggestionId, id), eq(suggestionSupports.userId, userId)))
      .get(),
  ])
  return {
    supported: Boolean(mine),
    supportCount: s?.supportCount ?? 0,
    supportHouseholdCount: s?.supportHouseholdCount ?? 0,
  }
}

/**
 * 附议: one row per person (primary key), inserted only while the case is open; the counts are
 * recounted from the rows in the same batch, and the response deadline starts the first time
 * the supporting households reach the community's threshold.
 */
export async function supportSuggestion(
  db: Db,
  actor: SessionUser | null,
  id: string,
  options: { actingFor?: string } = {},
) {
  const s = await loadSuggestion(db, id)
  await assertCanView(db, actor, s)
  // 代办 (decision 019): the same row, the same one-per-person key, her household counted once.
  const acting = await actingAs(db, actor, options.actingFor, { communityId: s.communityId })
  const { user, residency } = await assertResidentOf(db, acting.user, s.communityId)
  if (!OPEN_STATUSES.includes(s.status) || s.hiddenAt !== null) throw notOpen(s.status)
  const settings = await settingsOf(db, s.communityId)
  const at = now()
  const openList = sql.join(
    OPEN_STATUSES.map((st) => sql`${st}`),
    sql`, `,
  )
  await runBatch(db, [
    db.run(sql`
      INSERT OR IGNORE INTO ${suggestionSupports} (suggestion_id, user_id, household_id, acted_by, created_at)
      SELECT ${id}, ${user.id}, ${residency.householdId}, ${acting.actedBy}, ${at}
      WHERE EXISTS (SELECT 1 FROM ${suggestions} WHERE id = ${id} AND status IN (${openList}) AND hidden_at IS NULL)`),
    ...(acting.actedBy
      ? [
          auditIfChangedStatement(db, {
            communityId: s.communityId,
            actorUserId: acting.actedBy,
            onBehalfOfUserId: user.id,
            action: 'suggestion.acting_support',
            targetType: 'suggestion',
            targetId: id,
          }),
        ]
      : []),
    recountSupportsStatement(db, id),
    ...thresholdStatements(db, id, settings, at),
  ])
  const result = await counts(db, id, user.id)
  if (!result.supported) {
    // No row: either the case left the open states meanwhile, or this person's own withdrawal
    // raced the support (then the counts as they stand are the truthful answer).
    const current = await loadSuggestion(db, id)
    if (!OPEN_STATUSES.includes(current.status) || current.hiddenAt !== null)
      throw notOpen(current.status)
  }
  return result
}

export async function withdrawSupport(db: Db, actor: SessionUser | null, id: string) {
  const s = await loadSuggestion(db, id)
  await assertCanView(db, actor, s)
  const { user } = await assertResidentOf(db, actor, s.communityId)
  if (s.authorUserId === user.id) throw new AppError('CONFLICT', '提出建议的居民不能撤回自己的附议')
  // A closed case keeps the supports it was decided with (and its supporters' right to rate).
  if (!OPEN_STATUSES.includes(s.status) || s.hiddenAt !== null) throw notOpen(s.status)
  await runBatch(db, [
    db
      .delete(suggestionSupports)
      .where(and(eq(suggestionSupports.suggestionId, id), eq(suggestionSupports.userId, user.id))),
    recountSupportsStatement(db, id),
  ])
  return counts(db, id, user.id)
}
