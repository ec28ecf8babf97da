import { and, eq, inArray, sql } from 'drizzle-orm'
import { roleGrants, suggestions, users, type SuggestionStatus } from '../../db/schema'
import type { Db } from '../lib/env'
import { auditIfChangedStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import {
  approvedByStaffStatement,
  checkText,
  holdStatements,
  type ContentCheck,
} from '../lib/content-check'
import { runBatch, type BatchStatement } from '../lib/db'
import { AppError, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { now } from '../lib/time'
import { assertStaffOf, assertStaffOrPlannerOf, holdsRole } from '../identity/authz'
import { assertAttachablePhotos } from './photos-service'
import { notifySelectStatement } from '../inbox/notify'
import {
  attachPhotosStatements,
  eventExists,
  eventIfChangedStatement,
  loadSuggestion,
  recountSupportsStatement,
  settingsOf,
  thresholdStatements,
  type SuggestionRow,
} from './repo'
import {
  canTransition,
  illegalTransition,
  OPEN_STATUSES,
  TRANSITIONS,
  type SuggestionAction,
} from './transitions'
import { suggestionLink } from './pages'

type Actor = SessionUser | null

/**
 * One state change: `UPDATE … WHERE id = ? AND status IN (allowed)` followed, in the same
 * batch, by the timeline event and the audit row (both only if the UPDATE matched) and any
 * follow-up statements. Of two staff acting at once, one wins; the other gets 409 with the
 * state the suggestion is now in. Other domains (a meeting's resolution) put these statements
 * in their own batch and check the event id afterwards.
 */
export function transitionStatements(
  db: Db,
  staff: SessionUser,
  s: SuggestionRow,
  action: SuggestionAction,
  options: {
    body?: string | null
    set?: Record<string, unknown>
    actorRole: 'staff' | 'planner' | 'resident' | 'committee'
    /** What followers are told, when not the body (a body the content check holds is not told). */
    noticeBody?: string | null
    followUps?: (eventId: string) => BatchStatement[]
    at?: number
  },
): { eventId: string; statements: BatchStatement[] } {
  const { from, to } = TRANSITIONS[action]
  if (!canTransition(action, s.status)) throw illegalTransition(action, s.status)
  const at = options.at ?? now()
  const eventId = newId()
  const set = { status: to, updatedAt: at, ...options.set }
  return {
    eventId,
    statements: [
      db
        .update(suggestions)
        .set(set)
        .where(and(eq(suggestions.id, s.id), inArray(suggestions.status, [...from]))),
      eventIfChangedStatement(
        db,
        eventId,
        {
          suggestionId: s.id,
          kind:
            to === 'published'
              ? 'published'
              : to === 'in_progress' && action === 'progress'
                ? 'progress'
                : to,
          actorUserId: staff.id,
          actorRole: options.actorRole,
          fromStatus: s.status,
          toStatus: to,
          body: options.body ?? null,
        },
        at,
      ),
      ...(options.actorRole === 'resident'
        ? []
        : [
            auditIfChangedStatement(db, {
              communityId: s.communityId,
              actorUserId: staff.id,
              action: `suggestion.${action}`,
              targetType: 'suggestion',
              targetId: s.id,
              before: { status: s.status },
              after: { status: to, body: options.body ?? undefined },
            }),
          ]),
      ...(options.actorRole === 'resident'
        ? []
        : [
            followersNoticeStatement(
              db,
              s,
              to,
              staff.id,
              eventId,
              options.noticeBody !== undefined ? options.noticeBody : (options.body ?? null),
              at,
            ),
          ]),
      ...(options.followUps?.(eventId) ?? []),
    ],
  }
}

const NOTICE_TITLES: Partial<Record<SuggestionStatus, string>> = {
  published: '您的金点子已公开',
  accepted: '金点子已受理',
  adopted: '金点子答复：采纳',
  not_adopted: '金点子答复：不采纳',
  merged: '金点子已合并到另一条建议',
  closed_unfixed: '金点子已关闭',
  in_progress: '金点子有新进展',
  completed: '金点子已完成，请评价',
}

/** The author and supporters hear of every answer and step (not the person who took it), if it landed. */
function followersNoticeStatement(
  db: Db,
  s: SuggestionRow,
  to: SuggestionStatus,
  actorId: string,
  eventId: string,
  body: string | null,
  at: number,
) {
  const text = `“${s.title}”${body ? `：${body}` : ''}`
  return notifySelectStatement(
    db,
    sql`
    SELECT user_id FROM (SELECT author_user_id AS user_id FROM suggestions WHERE id = ${s.id}
                         UNION SELECT user_id FROM suggestion_supports WHERE suggestion_id = ${s.id})
    WHERE user_id <> ${actorId} AND EXISTS (SELECT 1 FROM suggestion_events WHERE id = ${eventId})`,
    {
      kind: `suggestion.${to}`,
      title: NOTICE_TITLES[to] ?? '您关注的金点子有了新消息',
      body: text.length > 200 ? `${text.slice(0, 199)}…` : text,
      link: suggestionLink(s.id),
      subject: s.title,
    },
    at,
  )
}

async function transition(
  db: Db,
  staff: SessionUser,
  s: SuggestionRow,
  action: SuggestionAction,
  options: Parameters<typeof transitionStatements>[4],
) {
  const { eventId, statements } = transitionStatements(db, staff, s, action, options)
  await runBatch(db, statements)
  if (!(await eventExists(db, eventId))) {
    const current = await loadSuggestion(db, s.id)
    throw illegalTransition(action, current.status)
  }
  return eventId
}

/** The `set` of an answer (adopt, not adopt, close) and of a completion, for transitionStatements. */
export function answerSet(action: SuggestionAction, at: number): Record<string, unknown> {
  if (action === 'complete')
    return {
      completionRound: sql`${suggestions.completionRound} + 1`,
      ratingCount: 0,
      ratingSum: 0,
    }
  if (
    action === 'adopt' ||
    action === 'not_adopt' ||
    action === 'close_unfixed' ||
    action === 'merge'
  )
    return answered(at)
  return {}
}

async function actingRole(
  db: Db,
  actor: SessionUser,
  communityId: string,
): Promise<'staff' | 'planner'> {
  return (await holdsRole(db, actor, communityId, ['staff', 'admin'])) ? 'staff' : 'planner'
}

/** The first answer stops the response-deadline clock. */
const answered = (at: number) => ({ answeredAt: sql`COALESCE(${suggestions.answeredAt}, ${at})` })

export async function publishSuggestion(db: Db, actor: Actor, id: string) {
  const s = await loadSuggestion(db, id)
  const staff = await assertStaffOf(db, actor, s.communityId)
  if (s.hiddenAt !== null) throw new AppError('INVALID_STATE', '这条建议已被隐藏，请先恢复再公开')
  // Staff who publish have read it: a hold of the content check is settled as approved with it.
  await transition(db, staff, s, 'publish', {
    actorRole: 'staff',
    followUps: () => [approvedByStaffStatement(db, { type: 'suggestion', id: s.id }, staff.id)],
  })
}

export async function acceptSuggestion(db: Db, actor: Actor, id: string) {
  const s = await loadSuggestion(db, id)
  const staff = await assertStaffOf(db, actor, s.communityId)
  await transition(db, staff, s, 'accept', {
    actorRole: 'staff',
    body: '居委会已受理，将尽快研究答复',
  })
}

/** 答复: adopt / not adopt (reason) / close without fixing (its own public state). */
export async function answerSuggestion(
  db: Db,
  actor: Actor,
  id: string,
  input: { decision: 'adopt' | 'not_adopt' | 'close_unfixed'; body: string },
) {
  const s = await loadSuggestion(db, id)
  const staff = await assertStaffOf(db, actor, s.communityId)
  const at = now()
  await transition(db, staff, s, input.decision, {
    actorRole: 'staff',
    body: input.body,
    set: answerSet(input.decision, at),
    at,
  })
}

/**
 * Merge into another open suggestion of the community. Supports move over as rows keyed by
 * person, so whoever supported both is counted once, and households are counted distinct.
 */
export async function mergeSuggestion(
  db: Db,
  actor: Actor,
  id: string,
  input: { targetId: string; body: string },
) {
  const s = await loadSuggestion(db, id)
  const staff = await assertStaffOf(db, actor, s.communityId)
  if (input.targetId === id) throw new AppError('VALIDATION_FAILED', '不能合并到自己')
  const target = await db.select().from(suggestions).where(eq(suggestions.id, input.targetId)).get()
  if (!target || target.communityId !== s.communityId) throw notFound('合并到的建议')
  if (!OPEN_STATUSES.includes(target.status) || target.hiddenAt !== null) {
    throw new AppError('INVALID_STATE', '只能合并到仍在处理中的公开建议')
  }
  const at = now()
  const settings = await settingsOf(db, s.communityId)
  await transition(db, staff, s, 'merge', {
    actorRole: 'staff',
    body: input.body,
    at,
    set: { ...answered(at), mergedIntoId: target.id },
    followUps: (eventId) => {
      const won = sql`EXISTS (SELECT 1 FROM suggestion_events WHERE id = ${eventId})`
      return [
        db.run(sql`
          INSERT OR IGNORE INTO suggestion_supports (suggestion_id, user_id, household_id, created_at)
          SELECT ${target.id}, user_id, household_id, created_at FROM suggestion_supports
          WHERE suggestion_id = ${s.id} AND ${won}`),
        recountSupportsStatement(db, target.id),
        // Supports moving over can bring the target to the response threshold.
        ...thresholdStatements(db, target.id, settings, at),
        db.run(sql`
          INSERT INTO suggestion_events (id, suggestion_id, kind, actor_user_id, actor_role, body, created_at)
          SELECT ${newId()}, ${target.id}, 'merged_from', ${staff.id}, 'staff', ${`合并了建议“${s.title}”，其附议一并计入`}, ${at}
          WHERE ${won}`),
        db.run(
          sql`UPDATE ${suggestions} SET updated_at = ${at} WHERE id = ${target.id} AND ${won}`,
        ),
      ]
    },
  })
}

export async function assignPlanner(db: Db, actor: Actor, id: string, plannerUserId: string) {
  const s = await loadSuggestion(db, id)
  const staff = await assertStaffOf(db, actor, s.communityId)
  const planner = await db
    .select({ nickname: users.nickname })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(
      and(
        eq(roleGrants.userId, plannerUserId),
        eq(roleGrants.communityId, s.communityId),
        eq(roleGrants.role, 'planner'),
      ),
    )
    .get()
  if (!planner) throw new AppError('VALIDATION_FAILED', '所选人员不是本社区的街巷规划师')
  if (!OPEN_STATUSES.includes(s.status)) throw illegalTransition('accept', s.status)
  const at = now()
  await runBatch(db, [
    db
      .update(suggestions)
      .set({ plannerUserId, updatedAt: at })
      .where(and(eq(suggestions.id, id), inArray(suggestions.status, [...OPEN_STATUSES]))),
    eventIfChangedStatement(
      db,
      newId(),
      {
        suggestionId: id,
        kind: 'planner_assigned',
        actorUserId: staff.id,
        actorRole: 'staff',
        body: `由街巷规划师 ${planner.nickname} 跟进`,
      },
      at,
    ),
    auditIfChangedStatement(db, {
      communityId: s.communityId,
      actorUserId: staff.id,
      action: 'suggestion.assign_planner',
      targetType: 'suggestion',
      targetId: id,
      before: { plannerUserId: s.plannerUserId },
      after: { plannerUserId },
    }),
  ])
}

/** Progress (with photos) and completion: staff, or a planner of the community. */
export async function postProgress(
  db: Db,
  check: ContentCheck,
  actor: Actor,
  id: string,
  input: { body: string; photoIds: string[] },
  complete = false,
) {
  const s = await loadSuggestion(db, id)
  const user = await assertStaffOrPlannerOf(db, actor, s.communityId)
  await assertAttachablePhotos(db, user.id, s.communityId, input.photoIds)
  const role = await actingRole(db, user, s.communityId)
  const verdict = await checkText(check, {
    communityId: s.communityId,
    authorUserId: user.id,
    scene: 3,
    fields: [{ key: 'body', label: complete ? '完工说明' : '进展说明', text: input.body }],
  })
  await transition(db, user, s, complete ? 'complete' : 'progress', {
    actorRole: role,
    body: input.body,
    // A held note is on the timeline for staff only until it is passed; followers are not told its words.
    noticeBody: verdict.held ? null : input.body,
    // A completion opens a new round of ratings (民事民评).
    set: answerSet(complete ? 'complete' : 'progress', now()),
    followUps: (eventId) => [
      ...attachPhotosStatements(db, input.photoIds, user.id, id, eventId),
      ...holdStatements(
        db,
        verdict,
        { type: 'suggestion_progress', id: eventId },
        { communityId: s.communityId, authorUserId: user.id },
      ),
    ],
  })
}

/** Moderation: hide with a reason the author sees; hidden content leaves every public list. */
export async function hideSuggestion(db: Db, actor: Actor, id: string, reason: string) {
  const s = await loadSuggestion(db, id)
  const staff = await assertStaffOf(db, actor, s.communityId)
  const at = now()
  await runBatch(db, [
    db
      .update(suggestions)
      .set({ hiddenAt: at, hiddenReason: reason })
      .where(and(eq(suggestions.id, id), sql`${suggestions.hiddenAt} IS NULL`)),
    eventIfChangedStatement(
      db,
      newId(),
      { suggestionId: id, kind: 'hidden', actorUserId: staff.id, actorRole: 'staff', body: reason },
      at,
    ),
    auditIfChangedStatement(db, {
      communityId: s.communityId,
      actorUserId: staff.id,
      action: 'suggestion.hide',
      targetType: 'suggestion',
      targetId: id,
      before: { hidden: false },
      after: { hidden: true, reason },
    }),
    db.run(
      sql`UPDATE suggestion_flags SET resolved_at = ${at}, resolved_by = ${staff.id} WHERE suggestion_id = ${id} AND comment_id = '' AND resolved_at IS NULL`,
    ),
  ])
}

export async function unhideSuggestion(db: Db, actor: Actor, id: string) {
  const s = await loadSuggestion(db, id)
  const staff = await assertStaffOf(db, actor, s.communityId)
  const at = now()
  await runBatch(db, [
    db
      .update(suggestions)
      .set({ hiddenAt: null, hiddenReason: null })
      .where(and(eq(suggestions.id, id), sql`${suggestions.hiddenAt} IS NOT NULL`)),
    eventIfChangedStatement(
      db,
      newId(),
      { suggestionId: id, kind: 'unhidden', actorUserId: staff.id, actorRole: 'staff' },
      at,
    ),
    auditIfChangedStatement(db, {
      communityId: s.communityId,
      actorUserId: staff.id,
      action: 'suggestion.unhide',
      targetType: 'suggestion',
      targetId: id,
      before: { hidden: true, reason: s.hiddenReason },
      after: { hidden: false },
    }),
  ])
}

/** Reopen after a resident rated the result "未解决" (called from the ratings service). */
export function reopenStatements(
  db: Db,
  s: SuggestionRow,
  residentId: string,
  reason: string,
  at: number,
) {
  const eventId = newId()
  const from: SuggestionStatus[] = [...TRANSITIONS.reopen.from]
  return [
    db
      .update(suggestions)
      .set({ status: 'reopened', updatedAt: at })
      .where(and(eq(suggestions.id, s.id), inArray(suggestions.status, from))),
    eventIfChangedStatement(
      db,
      eventId,
      {
        suggestionId: s.id,
        kind: 'reopened',
        actorUserId: residentId,
        actorRole: 'resident',
        fromStatus: 'completed',
        toStatus: 'reopened',
        body: reason,
      },
      at,
    ),
  ]
}
