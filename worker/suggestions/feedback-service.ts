import { and, asc, eq, sql } from 'drizzle-orm'
import {
  suggestionComments,
  suggestionFlags,
  suggestionRatings,
  suggestions,
  suggestionSupports,
  users,
} from '../../db/schema'
import type { Db } from '../lib/env'
import { auditIfChangedStatement } from '../lib/audit'
import {
  checkText,
  holdLabel,
  holdsRead,
  holdStatements,
  notHeld,
  shownTo,
  onHoldSettled,
  type ContentCheck,
  type HoldView,
} from '../lib/content-check'
import type { SessionUser } from '../lib/auth'
import { requireUser } from '../lib/auth'
import { isUniqueViolation, known, readBatch, rowRead, rowsRead, runBatch } from '../lib/db'
import { AppError, conflict, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { now } from '../lib/time'
import { assertStaffOf, holdsRole } from '../identity/authz'
import { residencyIn } from '../identity/residency-service'
import { rolesRead } from '../identity/reads'
import { assertCanView, assertMayView } from './authz'
import { reopenStatements } from './lifecycle-service'
import { loadSuggestion, markReadByFollowerStatement, recountRatingsStatement } from './repo'

// Comments (one level of replies), 民事民评 ratings, and flags for moderation.

// The count shows what others can read: neither hidden nor held comments.
function recountCommentsStatement(db: Db, suggestionId: string) {
  return db.run(sql`UPDATE ${suggestions} SET comment_count =
    (SELECT COUNT(*) FROM suggestion_comments c WHERE c.suggestion_id = ${suggestionId} AND c.hidden_at IS NULL
      AND ${notHeld('suggestion_comment', sql`c.id`)}) WHERE id = ${suggestionId}`)
}

// A held comment released (or rejected) by moderation changes what the count should say.
onHoldSettled('suggestion_comment', (db, commentId) => [
  db.run(sql`UPDATE ${suggestions} SET comment_count =
    (SELECT COUNT(*) FROM suggestion_comments c WHERE c.suggestion_id = suggestions.id AND c.hidden_at IS NULL
      AND ${notHeld('suggestion_comment', sql`c.id`)})
    WHERE id = (SELECT suggestion_id FROM suggestion_comments WHERE id = ${commentId})`),
])

export async function listComments(db: Db, actor: SessionUser | null, id: string) {
  // One round trip (decision 021): the suggestion, the viewer's roles in its community, the
  // comments, and the content check's holds on the viewer's own — then the visibility rule.
  // Held comments (content check) are shown to their author only, marked 审核中.
  const [s, roles, rows, holds] = await readBatch(db, [
    rowRead(
      db
        .select({
          authorUserId: suggestions.authorUserId,
          status: suggestions.status,
          hiddenAt: suggestions.hiddenAt,
        })
        .from(suggestions)
        .where(eq(suggestions.id, id)),
    ),
    rolesRead(db, actor, sql`(SELECT community_id FROM ${suggestions} WHERE id = ${id})`),
    rowsRead(
      db
        .select()
        .from(suggestionComments)
        .where(
          and(
            eq(suggestionComments.suggestionId, id),
            shownTo(
              actor,
              'suggestion_comment',
              suggestionComments.id,
              suggestionComments.authorUserId,
            ),
          ),
        )
        .orderBy(asc(suggestionComments.createdAt), asc(suggestionComments.id)),
    ),
    actor
      ? holdsRead(
          db,
          'suggestion_comment',
          sql`SELECT id FROM ${suggestionComments} WHERE suggestion_id = ${id} AND author_user_id = ${actor.id}`,
        )
      : known(new Map<string, HoldView>()),
  ])
  if (!s) throw notFound('建议')
  assertMayView(actor, s, roles)
  // Hidden comments keep their place in a thread but not their words.
  const view = (c: (typeof rows)[number]) => ({
    id: c.id,
    parentId: c.parentId,
    authorLabel: c.authorLabel,
    body: c.hiddenAt ? '该评论已被隐藏' : c.body,
    hidden: c.hiddenAt !== null,
    review: holdLabel(holds.get(c.id)),
    createdAt: c.createdAt,
  })
  return {
    items: rows
      .filter((c) => !c.parentId)
      .map((c) => ({ ...view(c), replies: rows.filter((r) => r.parentId === c.id).map(view) })),
  }
}

/** Verified residents and the community's staff comment on a public suggestion. */
export async function addComment(
  db: Db,
  check: ContentCheck,
  actor: SessionUser | null,
  id: string,
  input: { body: string; parentId?: string },
) {
  const user = requireUser(actor)
  const s = await loadSuggestion(db, id)
  await assertCanView(db, actor, s)
  if (s.status === 'submitted' || s.hiddenAt !== null)
    throw new AppError('INVALID_STATE', '这条建议尚未公开，暂不能评论')
  const [residency, isStaff] = await Promise.all([
    residencyIn(db, user.id, s.communityId),
    holdsRole(db, user, s.communityId, ['staff', 'admin', 'planner', 'committee']),
  ])
  if (!residency && !isStaff) throw new AppError('FORBIDDEN', '请先完成本社区的居民认证')
  if (input.parentId) {
    const parent = await db
      .select()
      .from(suggestionComments)
      .where(eq(suggestionComments.id, input.parentId))
      .get()
    if (!parent || parent.suggestionId !== id) throw notFound('被回复的评论')
    if (parent.parentId) throw new AppError('VALIDATION_FAILED', '只能回复主评论，不能回复回复')
  }
  const author = await db
    .select({ nickname: users.nickname })
    .from(users)
    .where(eq(users.id, user.id))
    .get()
  const label = isStaff
    ? `${author?.nickname ?? ''}（社区）`
    : `${residency!.compoundName}${residency!.buildingName}居民`
  // Refused here with the words to change; held (审核中) if WeChat asks for a person or is slow.
  const verdict = await checkText(check, {
    communityId: s.communityId,
    authorUserId: user.id,
    scene: 2,
    fields: [{ key: 'body', label: '评论', text: input.body }],
  })
  const commentId = newId()
  const at = now()
  await runBatch(db, [
    db.insert(suggestionComments).values({
      id: commentId,
      suggestionId: id,
      parentId: input.parentId ?? null,
      authorUserId: user.id,
      authorLabel: label,
      body: input.body,
      createdAt: at,
    }),
    ...holdStatements(
      db,
      verdict,
      { type: 'suggestion_comment', id: commentId },
      { communityId: s.communityId, authorUserId: user.id },
      at,
    ),
    recountCommentsStatement(db, id),
    db.update(suggestions).set({ updatedAt: at }).where(eq(suggestions.id, id)),
    markReadByFollowerStatement(db, user.id, id, at),
  ])
  return {
    id: commentId,
    parentId: input.parentId ?? null,
    authorLabel: label,
    body: input.body,
    hidden: false,
    review: verdict.held ? '审核中' : null,
    createdAt: at,
    replies: [],
  }
}

export async function hideComment(
  db: Db,
  actor: SessionUser | null,
  commentId: string,
  reason: string,
) {
  const comment = await db
    .select()
    .from(suggestionComments)
    .where(eq(suggestionComments.id, commentId))
    .get()
  if (!comment) throw notFound('评论')
  const s = await loadSuggestion(db, comment.suggestionId)
  const staff = await assertStaffOf(db, actor, s.communityId)
  const at = now()
  await runBatch(db, [
    db
      .update(suggestionComments)
      .set({ hiddenAt: at, hiddenReason: reason })
      .where(
        and(eq(suggestionComments.id, commentId), sql`${suggestionComments.hiddenAt} IS NULL`),
      ),
    auditIfChangedStatement(db, {
      communityId: s.communityId,
      actorUserId: staff.id,
      action: 'suggestion_comment.hide',
      targetType: 'suggestion_comment',
      targetId: commentId,
      before: { body: comment.body },
      after: { hidden: true, reason },
    }),
    recountCommentsStatement(db, s.id),
    db.run(
      sql`UPDATE suggestion_flags SET resolved_at = ${at}, resolved_by = ${staff.id} WHERE comment_id = ${commentId} AND resolved_at IS NULL`,
    ),
  ])
  return { ok: true as const }
}

const notCompleted = (currentStatus: string) =>
  new AppError('INVALID_STATE', '建议完成后才能评价', undefined, undefined, {
    action: 'rate',
    currentStatus,
  })

/**
 * 民事民评: after completion the author and supporters rate 1–5 (changeable, one per person and
 * completion round). "未解决" with a reason reopens the case.
 */
export async function rateSuggestion(
  db: Db,
  actor: SessionUser | null,
  id: string,
  input: { stars: number; unresolved: boolean; reason?: string },
) {
  const user = requireUser(actor)
  const s = await loadSuggestion(db, id)
  await assertCanView(db, actor, s)
  if (s.status !== 'completed') throw notCompleted(s.status)
  const supporter = await db
    .select({ userId: suggestionSupports.userId })
    .from(suggestionSupports)
    .where(and(eq(suggestionSupports.suggestionId, id), eq(suggestionSupports.userId, user.id)))
    .get()
  if (!supporter && s.authorUserId !== user.id)
    throw new AppError('FORBIDDEN', '只有提出或附议这条建议的居民可以评价')
  const at = now()
  const round = s.completionRound
  await runBatch(db, [
    db.run(sql`
      INSERT INTO suggestion_ratings (suggestion_id, user_id, round, stars, unresolved, reason, created_at)
      SELECT ${id}, ${user.id}, ${round}, ${input.stars}, ${input.unresolved ? 1 : 0}, ${input.reason ?? null}, ${at}
      WHERE EXISTS (SELECT 1 FROM suggestions WHERE id = ${id} AND status = 'completed' AND completion_round = ${round})
      ON CONFLICT (suggestion_id, user_id, round) DO UPDATE SET stars = excluded.stars, unresolved = excluded.unresolved,
        reason = excluded.reason, created_at = excluded.created_at`),
    recountRatingsStatement(db, id, round),
    ...(input.unresolved
      ? [
          ...reopenStatements(db, s, user.id, input.reason ?? '', at),
          markReadByFollowerStatement(db, user.id, id, at),
        ]
      : []),
  ])
  const rating = await db
    .select()
    .from(suggestionRatings)
    .where(
      and(
        eq(suggestionRatings.suggestionId, id),
        eq(suggestionRatings.userId, user.id),
        eq(suggestionRatings.round, round),
      ),
    )
    .get()
  // Lost a race with a reopen (or a new completion round): say what state the case is in now.
  if (!rating || rating.createdAt !== at) throw notCompleted((await loadSuggestion(db, id)).status)
  return { stars: rating.stars, unresolved: rating.unresolved }
}

/** Anyone signed in may flag a suggestion or comment once, with a reason. */
export async function flagContent(
  db: Db,
  actor: SessionUser | null,
  id: string,
  input: { reason: string; commentId?: string },
) {
  const user = requireUser(actor)
  const s = await loadSuggestion(db, id)
  await assertCanView(db, actor, s)
  if (input.commentId) {
    const comment = await db
      .select({ suggestionId: suggestionComments.suggestionId })
      .from(suggestionComments)
      .where(eq(suggestionComments.id, input.commentId))
      .get()
    if (!comment || comment.suggestionId !== id) throw notFound('评论')
  }
  try {
    await db.insert(suggestionFlags).values({
      id: newId(),
      suggestionId: id,
      commentId: input.commentId ?? '',
      userId: user.id,
      reason: input.reason,
      createdAt: now(),
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('您已经举报过，工作人员会尽快处理')
    throw error
  }
  return { ok: true as const }
}
