import { and, eq, inArray, sql } from 'drizzle-orm'
import {
  conventions,
  meetingAgendaItems,
  meetingResolutions,
  meetingSpeakRequests,
  suggestions,
} from '../../db/schema'
import type { Db } from '../lib/env'
import type { BatchStatement } from '../lib/db'
import { AppError } from '../lib/errors'
import { newId } from '../lib/ids'
import { isPublic, OPEN_STATUSES } from '../suggestions/public'
import type { MeetingInput } from './schemas'

type AgendaInput = MeetingInput['agenda']

/** Linked suggestions and conventions must be public ones of the meeting's community. */
export async function assertLinksOf(db: Db, communityId: string, agenda: AgendaInput) {
  const suggestionIds = [
    ...new Set(agenda.flatMap((i) => (i.suggestionId ? [i.suggestionId] : []))),
  ]
  const conventionIds = [
    ...new Set(agenda.flatMap((i) => (i.conventionId ? [i.conventionId] : []))),
  ]
  if (agenda.some((i) => i.suggestionId && i.conventionId))
    throw new AppError('VALIDATION_FAILED', '一个议题只能关联一条建议或一份微规约')
  if (suggestionIds.length) {
    const found = await db
      .select({ id: suggestions.id, status: suggestions.status, hiddenAt: suggestions.hiddenAt })
      .from(suggestions)
      .where(and(inArray(suggestions.id, suggestionIds), eq(suggestions.communityId, communityId)))
    if (found.length !== suggestionIds.length || found.some((s) => !isPublic(s))) {
      throw new AppError('VALIDATION_FAILED', '关联的金点子不存在或不属于本社区')
    }
  }
  if (conventionIds.length) {
    const found = await db
      .select({ id: conventions.id, status: conventions.status })
      .from(conventions)
      .where(and(inArray(conventions.id, conventionIds), eq(conventions.communityId, communityId)))
    if (found.length !== conventionIds.length || found.some((c) => c.status === 'draft')) {
      throw new AppError('VALIDATION_FAILED', '关联的微规约不存在、不属于本社区或仍是草稿')
    }
  }
}

/**
 * Statements that make the stored agenda equal the submitted one: existing items (by id) are
 * updated, new ones inserted, missing ones deleted — refused when a missing item already has
 * a resolution or requests to speak (those belong to the record).
 */
export async function agendaStatements(
  db: Db,
  meetingId: string,
  agenda: AgendaInput,
  guard: ReturnType<typeof sql>,
): Promise<BatchStatement[]> {
  const stored = await db
    .select({ id: meetingAgendaItems.id })
    .from(meetingAgendaItems)
    .where(eq(meetingAgendaItems.meetingId, meetingId))
  const storedIds = new Set(stored.map((s) => s.id))
  const unknown = agenda.find((i) => i.id && !storedIds.has(i.id))
  if (unknown)
    throw new AppError('VALIDATION_FAILED', `议题“${unknown.title}”不属于这个会议，请刷新后重试`)
  const keptIds = new Set(agenda.flatMap((i) => (i.id ? [i.id] : [])))
  const removed = stored.filter((s) => !keptIds.has(s.id)).map((s) => s.id)
  if (removed.length) {
    const used =
      (await db
        .select({ id: meetingResolutions.itemId })
        .from(meetingResolutions)
        .where(inArray(meetingResolutions.itemId, removed))
        .get()) ??
      (await db
        .select({ id: meetingSpeakRequests.itemId })
        .from(meetingSpeakRequests)
        .where(inArray(meetingSpeakRequests.itemId, removed))
        .get())
    if (used) throw new AppError('INVALID_STATE', '已有居民申请发言或已公布决议的议题不能删除')
  }
  return [
    ...removed.map((id) =>
      db.run(sql`DELETE FROM meeting_agenda_items WHERE id = ${id} AND ${guard}
      AND NOT EXISTS (SELECT 1 FROM meeting_resolutions WHERE item_id = ${id})
      AND NOT EXISTS (SELECT 1 FROM meeting_speak_requests WHERE item_id = ${id})`),
    ),
    ...agenda.map((item, position) => {
      const values = {
        title: item.title,
        description: item.description,
        suggestionId: item.suggestionId ?? null,
        conventionId: item.conventionId ?? null,
      }
      return item.id
        ? db.run(sql`UPDATE meeting_agenda_items SET position = ${position + 1}, title = ${values.title}, description = ${values.description},
            suggestion_id = ${values.suggestionId}, convention_id = ${values.conventionId} WHERE id = ${item.id} AND ${guard}`)
        : db.run(sql`INSERT INTO meeting_agenda_items (id, meeting_id, position, title, description, suggestion_id, convention_id)
            SELECT ${newId()}, ${meetingId}, ${position + 1}, ${values.title}, ${values.description}, ${values.suggestionId}, ${values.conventionId}
            WHERE ${guard}`)
    }),
  ]
}

/** Suggestions that reached their response threshold, are still open and on no live agenda. */
export async function agendaCandidates(db: Db, communityId: string) {
  return db
    .select({
      id: suggestions.id,
      title: suggestions.title,
      status: suggestions.status,
      supportHouseholdCount: suggestions.supportHouseholdCount,
      thresholdReachedAt: suggestions.thresholdReachedAt,
    })
    .from(suggestions)
    .where(
      and(
        eq(suggestions.communityId, communityId),
        inArray(suggestions.status, [...OPEN_STATUSES]),
        sql`${suggestions.hiddenAt} IS NULL`,
        sql`${suggestions.thresholdReachedAt} IS NOT NULL`,
        sql`NOT EXISTS (SELECT 1 FROM meeting_agenda_items i JOIN meetings m ON m.id = i.meeting_id
        WHERE i.suggestion_id = ${suggestions.id} AND m.status <> 'cancelled'
        AND NOT EXISTS (SELECT 1 FROM meeting_resolutions r WHERE r.item_id = i.id))`,
      ),
    )
    .orderBy(sql`${suggestions.thresholdReachedAt} ASC`)
    .limit(50)
}
