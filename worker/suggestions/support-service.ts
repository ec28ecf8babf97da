import { and, eq, sql } from 'drizzle-orm'
import { suggestions, suggestionSupports, type SuggestionStatus } from '../../db/schema'
import type { Db } from '../lib/env'
import { mapRead, readBatch, rowRead, runBatch } from '../lib/db'
import type { SessionUser } from '../lib/auth'
import { AppError, notFound } from '../lib/errors'
import { now } from '../lib/time'
import { assertResidentOf } from '../identity/residency-service'
import { assertResident, residencyRead, rolesRead } from '../identity/reads'
import { actingAs } from '../identity/acting'
import { auditIfChangedStatement } from '../lib/audit'
import { assertMayView } from './authz'
import { recountSupportsStatement, settingsRead, thresholdStatements } from './repo'
import { OPEN_STATUSES } from './transitions'

const notOpen = (currentStatus: SuggestionStatus) =>
  new AppError('INVALID_STATE', '这条建议已不在征集附议阶段', undefined, undefined, {
    currentStatus,
  })

/**
 * The counts after a support or its withdrawal and whether the person supports now, read at the
 * end of the write's own batch (decision 021), with the state a refusal names.
 */
function countsRead(db: Db, id: string, userId: string) {
  return mapRead(
    rowRead(
      db
        .select({
          supportCount: suggestions.supportCount,
          supportHouseholdCount: suggestions.supportHouseholdCount,
          status: suggestions.status,
          hiddenAt: suggestions.hiddenAt,
          supported: sql<number>`EXISTS (SELECT 1 FROM ${suggestionSupports} WHERE suggestion_id = ${id} AND user_id = ${userId})`,
        })
        .from(suggestions)
        .where(eq(suggestions.id, id)),
    ),
    (row) => ({
      supported: Boolean(row?.supported),
      supportCount: row?.supportCount ?? 0,
      supportHouseholdCount: row?.supportHouseholdCount ?? 0,
      open: Boolean(row && OPEN_STATUSES.includes(row.status) && row.hiddenAt === null),
      status: row?.status,
    }),
  )
}

/** What a support or withdrawal needs to know first, in one round trip: the case, the viewer's roles and residency, the community's threshold. */
function beforeSupport(db: Db, actor: SessionUser | null, id: string) {
  const community = sql`(SELECT community_id FROM ${suggestions} WHERE id = ${id})`
  return readBatch(db, [
    rowRead(db.select().from(suggestions).where(eq(suggestions.id, id))),
    rolesRead(db, actor, community),
    residencyRead(db, actor, community),
    settingsRead(db, community),
  ])
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
  const [s, roles, ownResidency, settings] = await beforeSupport(db, actor, id)
  if (!s) throw notFound('建议')
  assertMayView(actor, s, roles)
  // 代办 (decision 019): the same row, the same one-per-person key, her household counted once.
  const acting = await actingAs(db, actor, options.actingFor, { communityId: s.communityId })
  const { user, residency } = acting.actedBy
    ? await assertResidentOf(db, acting.user, s.communityId)
    : assertResident(actor, ownResidency)
  if (!OPEN_STATUSES.includes(s.status) || s.hiddenAt !== null) throw notOpen(s.status)
  const at = now()
  const openList = sql.join(
    OPEN_STATUSES.map((st) => sql`${st}`),
    sql`, `,
  )
  const [result] = await runBatch(
    db,
    [
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
    ],
    [countsRead(db, id, user.id)],
  )
  // No row: either the case left the open states meanwhile, or this person's own withdrawal
  // raced the support (then the counts as they stand are the truthful answer).
  if (!result.supported && !result.open) throw notOpen(result.status ?? s.status)
  return answer(result)
}

/** The answer of a support or withdrawal. */
function answer({
  supported,
  supportCount,
  supportHouseholdCount,
}: {
  supported: boolean
  supportCount: number
  supportHouseholdCount: number
}) {
  return { supported, supportCount, supportHouseholdCount }
}

export async function withdrawSupport(db: Db, actor: SessionUser | null, id: string) {
  const [s, roles, residency] = await beforeSupport(db, actor, id)
  if (!s) throw notFound('建议')
  assertMayView(actor, s, roles)
  const { user } = assertResident(actor, residency)
  if (s.authorUserId === user.id) throw new AppError('CONFLICT', '提出建议的居民不能撤回自己的附议')
  // A closed case keeps the supports it was decided with (and its supporters' right to rate).
  if (!OPEN_STATUSES.includes(s.status) || s.hiddenAt !== null) throw notOpen(s.status)
  const [result] = await runBatch(
    db,
    [
      db
        .delete(suggestionSupports)
        .where(
          and(eq(suggestionSupports.suggestionId, id), eq(suggestionSupports.userId, user.id)),
        ),
      recountSupportsStatement(db, id),
    ],
    [countsRead(db, id, user.id)],
  )
  return answer(result)
}
