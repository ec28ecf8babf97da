import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm'
import {
  answerTemplates,
  contentHolds,
  suggestionComments,
  suggestionFlags,
  suggestions,
  suggestionSettings,
} from '../../db/schema'
import type { Db } from '../lib/env'
import { runBatch } from '../lib/db'
import { HELD_STATUSES } from '../lib/content-check'
import { auditIfChangedStatement, auditStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import { notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { now } from '../lib/time'
import { assertStaffOf, assertStaffOrPlannerOf } from '../identity/authz'
import { authorIdentities } from './author-identity'
import { selectSummaries, settingsOf, toSummary } from './repo'

type TemplateKind = (typeof answerTemplates.$inferSelect)['kind']

export async function getSettings(db: Db, communityId: string) {
  return settingsOf(db, communityId)
}

export async function updateSettings(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
  input: { responseThresholdHouseholds: number; answerDeadlineDays: number },
) {
  const staff = await assertStaffOf(db, actor, communityId)
  const before = await settingsOf(db, communityId)
  await runBatch(db, [
    db
      .insert(suggestionSettings)
      .values({ communityId, ...input, updatedAt: now() })
      .onConflictDoUpdate({
        target: suggestionSettings.communityId,
        set: { ...input, updatedAt: now() },
      }),
    auditStatement(db, {
      communityId,
      actorUserId: staff.id,
      action: 'suggestion_settings.update',
      targetType: 'community',
      targetId: communityId,
      before,
      after: input,
    }),
  ])
  return settingsOf(db, communityId)
}

export async function listTemplates(db: Db, actor: SessionUser | null, communityId: string) {
  await assertStaffOrPlannerOf(db, actor, communityId)
  const rows = await db
    .select()
    .from(answerTemplates)
    .where(eq(answerTemplates.communityId, communityId))
    .orderBy(asc(answerTemplates.kind), desc(answerTemplates.createdAt))
  return {
    items: rows.map(({ id, kind, title, body, createdAt }) => ({
      id,
      kind,
      title,
      body,
      createdAt,
    })),
  }
}

export async function createTemplate(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
  input: { kind: TemplateKind; title: string; body: string },
) {
  const staff = await assertStaffOf(db, actor, communityId)
  const row = { id: newId(), communityId, ...input, createdBy: staff.id, createdAt: now() }
  await runBatch(db, [
    db.insert(answerTemplates).values(row),
    auditStatement(db, {
      communityId,
      actorUserId: staff.id,
      action: 'answer_template.create',
      targetType: 'answer_template',
      targetId: row.id,
      after: input,
    }),
  ])
  return { id: row.id, kind: row.kind, title: row.title, body: row.body, createdAt: row.createdAt }
}

export async function deleteTemplate(db: Db, actor: SessionUser | null, templateId: string) {
  const template = await db
    .select()
    .from(answerTemplates)
    .where(eq(answerTemplates.id, templateId))
    .get()
  if (!template) throw notFound('答复模板')
  const staff = await assertStaffOf(db, actor, template.communityId)
  await runBatch(db, [
    db.delete(answerTemplates).where(eq(answerTemplates.id, templateId)),
    auditStatement(db, {
      communityId: template.communityId,
      actorUserId: staff.id,
      action: 'answer_template.delete',
      targetType: 'answer_template',
      targetId: templateId,
      before: { kind: template.kind, title: template.title, body: template.body },
    }),
  ])
  return { ok: true as const }
}

/** The moderation queue: submissions awaiting review (oldest first) and open flags. */
export async function moderationQueue(
  db: Db,
  photoSecret: string,
  actor: SessionUser | null,
  communityId: string,
) {
  await assertStaffOf(db, actor, communityId)
  const [submitted, flags] = await Promise.all([
    selectSummaries(db, { authorHouseholdId: suggestions.authorHouseholdId })
      .where(
        and(
          eq(suggestions.communityId, communityId),
          eq(suggestions.status, 'submitted'),
          isNull(suggestions.hiddenAt),
        ),
      )
      .orderBy(asc(suggestions.createdAt))
      .limit(100),
    db
      .select({
        f: suggestionFlags,
        title: suggestions.title,
        commentBody: suggestionComments.body,
      })
      .from(suggestionFlags)
      .innerJoin(suggestions, eq(suggestions.id, suggestionFlags.suggestionId))
      .leftJoin(suggestionComments, eq(suggestionComments.id, suggestionFlags.commentId))
      .where(and(eq(suggestions.communityId, communityId), isNull(suggestionFlags.resolvedAt)))
      .orderBy(asc(suggestionFlags.createdAt))
      .limit(100),
  ])
  // Staff see who wrote each one (the queue is staff only, like the detail's authorIdentity).
  const authors = await authorIdentities(
    db,
    submitted.map((r) => ({
      id: r.s.id,
      authorHouseholdId: r.s.authorHouseholdId,
      authorNickname: r.authorNickname,
    })),
  )
  const checks = await heldReasons(
    db,
    submitted.map((r) => r.s.id),
  )
  return {
    submissions: await Promise.all(
      submitted.map(async (r) => ({
        ...(await toSummary(r, photoSecret)),
        authorIdentity: authors.get(r.s.id) ?? null,
        contentCheck: checks.get(r.s.id) ?? null,
      })),
    ),
    flags: flags.map(({ f, title, commentBody }) => ({
      id: f.id,
      suggestionId: f.suggestionId,
      suggestionTitle: title,
      commentId: f.commentId || null,
      commentBody: commentBody ?? null,
      reason: f.reason,
      createdAt: f.createdAt,
    })),
  }
}

/** The machine holds of some submissions: status, reason and the words found. */
async function heldReasons(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({
      id: contentHolds.targetId,
      status: contentHolds.status,
      reason: contentHolds.reason,
      words: contentHolds.matchedWordsJson,
    })
    .from(contentHolds)
    .where(
      and(
        eq(contentHolds.targetType, 'suggestion'),
        inArray(contentHolds.targetId, ids),
        inArray(contentHolds.status, [...HELD_STATUSES]),
      ),
    )
  return new Map(
    rows.map((r) => [
      r.id,
      { status: r.status, reason: r.reason, matchedWords: JSON.parse(r.words) as string[] },
    ]),
  )
}

/** Dismiss a flag without hiding anything (the content is fine). */
export async function dismissFlag(db: Db, actor: SessionUser | null, flagId: string) {
  const flag = await db
    .select({ f: suggestionFlags, communityId: suggestions.communityId })
    .from(suggestionFlags)
    .innerJoin(suggestions, eq(suggestions.id, suggestionFlags.suggestionId))
    .where(eq(suggestionFlags.id, flagId))
    .get()
  if (!flag) throw notFound('举报')
  const staff = await assertStaffOf(db, actor, flag.communityId)
  await runBatch(db, [
    db
      .update(suggestionFlags)
      .set({ resolvedAt: now(), resolvedBy: staff.id })
      .where(and(eq(suggestionFlags.id, flagId), isNull(suggestionFlags.resolvedAt))),
    // Dismissing an already settled flag changes nothing and is not a second staff action.
    auditIfChangedStatement(db, {
      communityId: flag.communityId,
      actorUserId: staff.id,
      action: 'suggestion_flag.dismiss',
      targetType: 'suggestion_flag',
      targetId: flagId,
      before: { reason: flag.f.reason },
    }),
  ])
  return { ok: true as const }
}
