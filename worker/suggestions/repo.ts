import { and, eq, inArray, sql, type SQL } from 'drizzle-orm'
import {
  alleys,
  suggestionEvents,
  suggestionPhotos,
  suggestions,
  suggestionSettings,
  users,
  type SuggestionStatus,
} from '../../db/schema'
import { integer, sqliteTable, text, type SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { mapRead, readBatch, rowRead, type Read } from '../lib/db'
import type { Db } from '../lib/env'
import { notFound } from '../lib/errors'
import { notHeld } from '../lib/content-check'
import { newId } from '../lib/ids'
import { DAY, now } from '../lib/time'
import { formatHundredths } from '../lib/numbers'
import { CATEGORY_LABELS, STATUS_LABELS } from './labels'
import { photoUrl } from './photo-urls'
import type { SuggestionSummary } from './schemas'

// Queries and row mapping shared by the suggestion services.

export const DEFAULT_SETTINGS = { responseThresholdHouseholds: 10, answerDeadlineDays: 15 }

export async function settingsOf(db: Db, communityId: string) {
  const [settings] = await readBatch(db, [settingsRead(db, communityId)])
  return settings
}

/** settingsOf as one read of a batch; the community may be a subquery (decision 021). */
export function settingsRead(db: Db, communityId: string | SQL): Read<typeof DEFAULT_SETTINGS> {
  return mapRead(
    rowRead(
      db
        .select({
          responseThresholdHouseholds: suggestionSettings.responseThresholdHouseholds,
          answerDeadlineDays: suggestionSettings.answerDeadlineDays,
        })
        .from(suggestionSettings)
        .where(eq(suggestionSettings.communityId, communityId)),
    ),
    (row) => row ?? DEFAULT_SETTINGS,
  )
}

export async function loadSuggestion(db: Db, id: string) {
  const row = await db.select().from(suggestions).where(eq(suggestions.id, id)).get()
  if (!row) throw notFound('建议')
  return row
}

export type SuggestionRow = typeof suggestions.$inferSelect

/**
 * The FTS5 index of suggestions.search_text (migration 0002, written in SQL: drizzle-kit does not
 * make virtual tables, and it does not read this file), declared for the search query's join.
 */
export const suggestionsFts = sqliteTable('suggestions_fts', {
  rowid: integer('rowid').notNull(),
  searchText: text('search_text').notNull(),
})

/**
 * A suggestion's columns a card needs — not the whole row: the row's search text and full
 * description are most of its bytes, and every column costs D1's result conversion and Drizzle's
 * row mapping on each of a list's rows. The description is its first 61 characters, enough for
 * the 60-character excerpt to know whether to add "…" (toSummary).
 */
const summarySuggestionColumns = {
  id: suggestions.id,
  communityId: suggestions.communityId,
  title: suggestions.title,
  description: sql<string>`substr(${suggestions.description}, 1, 61)`.as('description_start'),
  category: suggestions.category,
  status: suggestions.status,
  alleyId: suggestions.alleyId,
  showName: suggestions.showName,
  authorBuildingLabel: suggestions.authorBuildingLabel,
  supportCount: suggestions.supportCount,
  supportHouseholdCount: suggestions.supportHouseholdCount,
  commentCount: suggestions.commentCount,
  ratingSum: suggestions.ratingSum,
  ratingCount: suggestions.ratingCount,
  answerDueAt: suggestions.answerDueAt,
  answeredAt: suggestions.answeredAt,
  hiddenAt: suggestions.hiddenAt,
  createdAt: suggestions.createdAt,
  updatedAt: suggestions.updatedAt,
}

/** Columns for lists: what a card shows. */
export const summaryColumns = {
  s: summarySuggestionColumns,
  alleyName: alleys.name,
  authorNickname: users.nickname,
  coverPhotoId: sql<
    string | null
  >`(SELECT p.id FROM ${suggestionPhotos} p WHERE p.suggestion_id = ${suggestions.id} AND p.event_id IS NULL
      AND ${notHeld('suggestion_photo', sql`p.id`)} ORDER BY p.sort_order LIMIT 1)`,
}

/** Cards of suggestions; `more` adds columns of the suggestion a caller needs beside the card's. */
export function selectSummaries<
  More extends Record<string, SQLiteColumn> = Record<never, SQLiteColumn>,
>(db: Db, more: More = {} as More) {
  return db
    .select({ ...summaryColumns, s: { ...summarySuggestionColumns, ...more } })
    .from(suggestions)
    .leftJoin(alleys, eq(alleys.id, suggestions.alleyId))
    .innerJoin(users, eq(users.id, suggestions.authorUserId))
}

export type SummaryRow = {
  s: Pick<SuggestionRow, Exclude<keyof typeof summarySuggestionColumns, 'description'>> & {
    description: string
  }
  alleyName: string | null
  authorNickname: string
  coverPhotoId: string | null
}

export function authorLabel(
  s: Pick<SuggestionRow, 'showName' | 'authorBuildingLabel'>,
  nickname: string,
): string {
  return s.showName ? nickname : `${s.authorBuildingLabel}居民`
}

/** "4.50": the average of 1–5 stars with two decimals, computed on integers. */
export function averageRating(sum: number, count: number): string {
  return formatHundredths(Math.round((sum * 100) / count))
}

export function isOverdue(
  s: Pick<SuggestionRow, 'answerDueAt' | 'answeredAt'>,
  at = now(),
): boolean {
  return s.answerDueAt !== null && s.answeredAt === null && at > s.answerDueAt
}

export async function toSummary(row: SummaryRow, photoSecret: string): Promise<SuggestionSummary> {
  const { s } = row
  return {
    id: s.id,
    communityId: s.communityId,
    title: s.title,
    excerpt: s.description.length > 60 ? `${s.description.slice(0, 60)}…` : s.description,
    category: s.category,
    categoryLabel: CATEGORY_LABELS[s.category],
    status: s.status,
    statusLabel: STATUS_LABELS[s.status],
    alley: s.alleyId && row.alleyName ? { id: s.alleyId, name: row.alleyName } : null,
    authorLabel: authorLabel(s, row.authorNickname),
    supportCount: s.supportCount,
    supportHouseholdCount: s.supportHouseholdCount,
    commentCount: s.commentCount,
    rating:
      s.ratingCount > 0
        ? { average: averageRating(s.ratingSum, s.ratingCount), count: s.ratingCount }
        : null,
    coverPhotoUrl: row.coverPhotoId ? await photoUrl(row.coverPhotoId, s, photoSecret) : null,
    answerDueAt: s.answeredAt === null ? s.answerDueAt : null,
    isOverdue: isOverdue(s),
    hidden: s.hiddenAt !== null,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  }
}

export type EventInput = {
  suggestionId: string
  kind: string
  actorUserId: string | null
  actorRole: 'resident' | 'staff' | 'planner' | 'committee' | 'system'
  fromStatus?: SuggestionStatus | null
  toStatus?: SuggestionStatus | null
  body?: string | null
}

/** A timeline event, written only if the statement before it in the batch changed a row. */
export function eventIfChangedStatement(db: Db, id: string, e: EventInput, at = now()) {
  return db.run(sql`
    INSERT INTO ${suggestionEvents} (id, suggestion_id, kind, actor_user_id, actor_role, from_status, to_status, body, created_at)
    SELECT ${id}, ${e.suggestionId}, ${e.kind}, ${e.actorUserId}, ${e.actorRole}, ${e.fromStatus ?? null}, ${e.toStatus ?? null}, ${e.body ?? null}, ${at}
    WHERE changes() > 0`)
}

export function eventStatement(db: Db, e: EventInput, at = now()) {
  return db.insert(suggestionEvents).values({
    id: newId(),
    suggestionId: e.suggestionId,
    kind: e.kind,
    actorUserId: e.actorUserId,
    actorRole: e.actorRole,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    body: e.body ?? null,
    createdAt: at,
  })
}

/** Did the event with this id land (i.e. did this request win its conditional update)? */
export async function eventExists(db: Db, id: string): Promise<boolean> {
  return Boolean(
    await db
      .select({ id: suggestionEvents.id })
      .from(suggestionEvents)
      .where(eq(suggestionEvents.id, id))
      .get(),
  )
}

/** Attach uploaded photos to a suggestion (and optionally an event), only the uploader's unattached ones. */
export function attachPhotosStatements(
  db: Db,
  photoIds: string[],
  uploaderUserId: string,
  suggestionId: string,
  eventId: string | null,
) {
  if (photoIds.length === 0) return []
  return [
    db
      .update(suggestionPhotos)
      .set({
        suggestionId,
        eventId,
        sortOrder: sql`(CASE ${sql.join(
          photoIds.map((id, i) => sql`WHEN ${suggestionPhotos.id} = ${id} THEN ${i}`),
          sql` `,
        )} ELSE 0 END)`,
      })
      .where(
        and(
          inArray(suggestionPhotos.id, photoIds),
          eq(suggestionPhotos.uploaderUserId, uploaderUserId),
          sql`${suggestionPhotos.suggestionId} IS NULL`,
        ),
      ),
  ]
}

/** Recount supports from the rows (never incremented in JS: the counts always equal the rows). */
export function recountSupportsStatement(db: Db, suggestionId: string) {
  return db.run(sql`
    UPDATE ${suggestions} SET
      support_count = (SELECT COUNT(*) FROM suggestion_supports WHERE suggestion_id = ${suggestionId}),
      support_household_count = (SELECT COUNT(DISTINCT household_id) FROM suggestion_supports WHERE suggestion_id = ${suggestionId})
    WHERE id = ${suggestionId}`)
}

/**
 * The first time the supporting households reach the community's threshold, the answer deadline
 * starts (unless already answered) and the timeline says so. Run after a recount, in its batch.
 */
export function thresholdStatements(
  db: Db,
  suggestionId: string,
  settings: { responseThresholdHouseholds: number; answerDeadlineDays: number },
  at: number,
) {
  return [
    db.run(sql`
      UPDATE ${suggestions} SET threshold_reached_at = ${at},
        answer_due_at = CASE WHEN answered_at IS NULL THEN ${at + settings.answerDeadlineDays * DAY} ELSE NULL END
      WHERE id = ${suggestionId} AND threshold_reached_at IS NULL AND support_household_count >= ${settings.responseThresholdHouseholds}`),
    eventIfChangedStatement(
      db,
      newId(),
      {
        suggestionId,
        kind: 'threshold_reached',
        actorUserId: null,
        actorRole: 'system',
        body: `${settings.responseThresholdHouseholds} 户居民附议，居委会应在 ${settings.answerDeadlineDays} 天内答复`,
      },
      at,
    ),
  ]
}

/**
 * A follower's (author's or supporter's) own act is not news to them: their read mark for
 * 我的金点子 moves with it. Nothing is written for someone who does not follow the case.
 */
export function markReadByFollowerStatement(
  db: Db,
  userId: string,
  suggestionId: string,
  at: number,
) {
  return db.run(sql`
    INSERT INTO suggestion_reads (user_id, suggestion_id, last_read_at)
    SELECT ${userId}, ${suggestionId}, ${at}
    WHERE EXISTS (SELECT 1 FROM suggestion_supports WHERE suggestion_id = ${suggestionId} AND user_id = ${userId})
    ON CONFLICT (user_id, suggestion_id) DO UPDATE SET last_read_at = excluded.last_read_at`)
}

/** Recounts the ratings of the current completion round from the rows (民事民评). */
export function recountRatingsStatement(db: Db, id: string, round: number) {
  return db.run(sql`UPDATE suggestions SET
    rating_count = (SELECT COUNT(*) FROM suggestion_ratings WHERE suggestion_id = ${id} AND round = ${round}),
    rating_sum = (SELECT COALESCE(SUM(stars), 0) FROM suggestion_ratings WHERE suggestion_id = ${id} AND round = ${round})
    WHERE id = ${id} AND completion_round = ${round}`)
}
