import { and, asc, eq, inArray, or, sql } from 'drizzle-orm'
import {
  buildings,
  compounds,
  conventionComments,
  conventions,
  conventionVersions,
  users,
} from '../../db/schema'
import type { Db } from '../lib/env'
import { auditIfChangedStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import { requireUser } from '../lib/auth'
import {
  checkText,
  holdLabel,
  holdsOf,
  holdStatements,
  shownTo,
  type CheckInput,
  type ContentCheck,
} from '../lib/content-check'
import { runBatch } from '../lib/db'
import { AppError, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { DAY, now } from '../lib/time'
import { assertCommitteeOf, holdsRole } from '../identity/authz'
import {
  eventExists,
  eventIfChangedStatement,
  householdsInScope,
  loadConvention,
  loadVersion,
  loadVisibleConvention,
} from './repo'
import { canTransition, illegalTransition, notInState, TRANSITIONS } from './transitions'
import { compareArticles } from './article-diff'

type Actor = SessionUser | null
type Text = { title: string; preamble: string; articles: string[] }

async function assertScopeOfCommunity(
  db: Db,
  communityId: string,
  scope: { type: string; ids: string[] },
) {
  if (scope.type === 'community') return
  const ids = [...new Set(scope.ids)]
  const found =
    scope.type === 'compounds'
      ? await db
          .select({ id: compounds.id })
          .from(compounds)
          .where(and(inArray(compounds.id, ids), eq(compounds.communityId, communityId)))
      : await db
          .select({ id: buildings.id })
          .from(buildings)
          .where(and(inArray(buildings.id, ids), eq(buildings.communityId, communityId)))
  if (found.length !== ids.length)
    throw new AppError('VALIDATION_FAILED', '适用范围中有不属于本社区的小区或楼栋，请重新选择')
}

export async function createConvention(
  db: Db,
  actor: Actor,
  communityId: string,
  input: Text & { scope: { type: 'community' | 'compounds' | 'buildings'; ids: string[] } },
  amendsId: string | null = null,
  /** The content check of a new text; none for an amendment's copy of the text in force. */
  check: ContentCheck | null = null,
) {
  const committee = await assertCommitteeOf(db, actor, communityId)
  await assertScopeOfCommunity(db, communityId, input.scope)
  const verdict = check
    ? await checkText(check, conventionText(communityId, committee.id, input))
    : ({ held: false } as const)
  const id = newId()
  const at = now()
  const scopeIdsJson = JSON.stringify(
    input.scope.type === 'community' ? [] : [...new Set(input.scope.ids)],
  )
  // At most one amendment of a convention in progress, whatever the concurrency: the draft is
  // inserted only if none is open, and the rest of the batch only if the draft was.
  const noOpenAmendment = amendsId
    ? sql`NOT EXISTS (SELECT 1 FROM conventions WHERE amends_id = ${amendsId}
        AND (status IN ('draft', 'consultation', 'voting') OR (status = 'closed' AND passed = 1)))`
    : sql`1 = 1`
  await runBatch(db, [
    // A draft is for the committee; a held text keeps it from consultation and voting.
    ...holdStatements(
      db,
      verdict,
      { type: 'convention', id },
      { communityId, authorUserId: committee.id },
      at,
    ),
    db.run(sql`
      INSERT INTO conventions (id, community_id, status, amends_id, scope_type, scope_ids_json, current_version, created_by, created_at, updated_at)
      SELECT ${id}, ${communityId}, 'draft', ${amendsId}, ${input.scope.type}, ${scopeIdsJson}, 1, ${committee.id}, ${at}, ${at}
      WHERE ${noOpenAmendment}`),
    db.run(sql`
      INSERT INTO convention_versions (convention_id, version, title, preamble, articles_json, change_note, created_by, created_at)
      SELECT ${id}, 1, ${input.title}, ${input.preamble}, ${JSON.stringify(input.articles)}, ${amendsId ? '修订草案（以现行版本为基础）' : '初稿'}, ${committee.id}, ${at}
      WHERE EXISTS (SELECT 1 FROM conventions WHERE id = ${id})`),
    eventIfChangedStatement(
      db,
      newId(),
      {
        conventionId: id,
        kind: amendsId ? 'amendment_drafted' : 'drafted',
        actorUserId: committee.id,
        actorRole: 'committee',
      },
      at,
    ),
    auditIfChangedStatement(db, {
      communityId,
      actorUserId: committee.id,
      action: 'convention.create',
      targetType: 'convention',
      targetId: id,
      after: { title: input.title, amendsId },
    }),
  ])
  const created = await db
    .select({ id: conventions.id })
    .from(conventions)
    .where(eq(conventions.id, id))
    .get()
  if (!created) throw new AppError('CONFLICT', '已有一份修订草案在进行中')
  return id
}

/** Every revision is a stored version; the conditional UPDATE keeps two editors from both writing version n+1. */
export async function reviseConvention(
  db: Db,
  check: ContentCheck,
  actor: Actor,
  id: string,
  input: Text & { changeNote: string },
) {
  const c = await loadVisibleConvention(db, actor, id)
  const committee = await assertCommitteeOf(db, actor, c.communityId)
  if (!canTransition('revise', c.status)) throw illegalTransition('revise', c.status)
  const verdict = await checkText(check, conventionText(c.communityId, committee.id, input))
  // Residents are reading it during consultation: words not yet passed do not replace it.
  if (c.status !== 'draft' && verdict.held)
    throw new AppError(
      'INVALID_STATE',
      `修改后的条文${verdict.status === 'review' ? `需要人工审核（${verdict.reason}）` : '暂时无法完成内容检查'}，征求意见中的文本没有改动；请修改措辞或稍后再保存`,
    )
  const next = c.currentVersion + 1
  const at = now()
  const eventId = newId()
  await runBatch(db, [
    ...holdStatements(
      db,
      verdict,
      { type: 'convention', id },
      { communityId: c.communityId, authorUserId: committee.id },
      at,
    ),
    db
      .update(conventions)
      .set({ currentVersion: next, updatedAt: at })
      .where(
        and(
          eq(conventions.id, id),
          eq(conventions.currentVersion, c.currentVersion),
          inArray(conventions.status, [...TRANSITIONS.revise.from]),
        ),
      ),
    eventIfChangedStatement(
      db,
      eventId,
      {
        conventionId: id,
        kind: 'revised',
        actorUserId: committee.id,
        actorRole: 'committee',
        body: `第 ${next} 版：${input.changeNote}`,
      },
      at,
    ),
    db.run(sql`
      INSERT INTO convention_versions (convention_id, version, title, preamble, articles_json, change_note, created_by, created_at)
      SELECT ${id}, ${next}, ${input.title}, ${input.preamble}, ${JSON.stringify(input.articles)}, ${input.changeNote}, ${committee.id}, ${at}
      WHERE EXISTS (SELECT 1 FROM convention_events WHERE id = ${eventId})`),
    auditIfChangedStatement(db, {
      communityId: c.communityId,
      actorUserId: committee.id,
      action: 'convention.revise',
      targetType: 'convention',
      targetId: id,
      before: { version: c.currentVersion },
      after: { version: next, changeNote: input.changeNote },
    }),
  ])
  if (!(await eventExists(db, eventId))) {
    const current = await loadConvention(db, id)
    throw current.status === c.status
      ? new AppError('CONFLICT', '草案刚被其他人修改过，请刷新后再改')
      : illegalTransition('revise', current.status)
  }
}

export async function openConsultation(
  db: Db,
  actor: Actor,
  id: string,
  input: { endsAt: number },
) {
  const c = await loadVisibleConvention(db, actor, id)
  const committee = await assertCommitteeOf(db, actor, c.communityId)
  await assertTextPassed(db, id)
  const at = now()
  if (input.endsAt <= at + 60 * 60 * 1000)
    throw new AppError('VALIDATION_FAILED', '征求意见截止时间应至少在一小时之后')
  if (input.endsAt > at + 90 * DAY)
    throw new AppError('VALIDATION_FAILED', '征求意见期不能超过 90 天')
  if (!canTransition('open_consultation', c.status))
    throw illegalTransition('open_consultation', c.status)
  const eventId = newId()
  await runBatch(db, [
    db
      .update(conventions)
      .set({
        status: 'consultation',
        consultationStartsAt: at,
        consultationEndsAt: input.endsAt,
        updatedAt: at,
      })
      .where(
        and(
          eq(conventions.id, id),
          inArray(conventions.status, [...TRANSITIONS.open_consultation.from]),
        ),
      ),
    eventIfChangedStatement(
      db,
      eventId,
      {
        conventionId: id,
        kind: 'consultation_opened',
        actorUserId: committee.id,
        actorRole: 'committee',
      },
      at,
    ),
    auditIfChangedStatement(db, {
      communityId: c.communityId,
      actorUserId: committee.id,
      action: 'convention.open_consultation',
      targetType: 'convention',
      targetId: id,
      before: { status: c.status },
      after: { status: 'consultation', endsAt: input.endsAt },
    }),
  ])
  if (!(await eventExists(db, eventId)))
    throw illegalTransition('open_consultation', (await loadConvention(db, id)).status)
}

export async function listComments(db: Db, actor: Actor, id: string) {
  await loadVisibleConvention(db, actor, id)
  // Comments the content check holds are shown to their author only, marked 审核中.
  const rows = await db
    .select()
    .from(conventionComments)
    .where(
      and(
        eq(conventionComments.conventionId, id),
        shownTo(
          actor,
          'convention_comment',
          conventionComments.id,
          conventionComments.authorUserId,
        ),
      ),
    )
    .orderBy(asc(conventionComments.createdAt), asc(conventionComments.id))
  const holds = await holdsOf(
    db,
    'convention_comment',
    rows.filter((r) => r.authorUserId === actor?.id).map((r) => r.id),
  )
  return {
    items: rows
      .filter((r) => !r.parentId)
      .map((r) => ({
        id: r.id,
        version: r.version,
        article: r.article,
        authorLabel: r.authorLabel,
        body: r.body,
        review: holdLabel(holds.get(r.id)),
        createdAt: r.createdAt,
        replies: rows
          .filter((x) => x.parentId === r.id)
          .map((x) => ({
            id: x.id,
            authorLabel: x.authorLabel,
            body: x.body,
            review: holdLabel(holds.get(x.id)),
            createdAt: x.createdAt,
          })),
      })),
  }
}

/**
 * During consultation residents in scope comment on the whole text or one article; the
 * committee replies to a comment (one level).
 */
export async function addComment(
  db: Db,
  check: ContentCheck,
  actor: Actor,
  id: string,
  input: { body: string; article?: number; parentId?: string },
) {
  const c = await loadVisibleConvention(db, actor, id)
  const user = requireUser(actor)
  const at = now()
  if (c.status !== 'consultation' || (c.consultationEndsAt !== null && at > c.consultationEndsAt)) {
    throw notInState('当前不在征求意见期，不能发表意见', c.status)
  }
  const isCommittee = await holdsRole(db, user, c.communityId, ['committee', 'admin'])
  const text = await loadVersion(db, id, c.currentVersion)
  if (input.parentId) {
    if (!isCommittee) throw new AppError('FORBIDDEN', '只有议事会成员可以回复意见')
    const parent = await db
      .select()
      .from(conventionComments)
      .where(eq(conventionComments.id, input.parentId))
      .get()
    if (!parent || parent.conventionId !== id) throw notFound('被回复的意见')
    if (parent.parentId) throw new AppError('VALIDATION_FAILED', '只能回复居民的意见，不能回复回复')
  } else {
    const mine = await householdsInScope(db, user.id, c)
    if (mine.length === 0) throw new AppError('FORBIDDEN', '只有适用范围内的认证居民可以发表意见')
  }
  if (input.article && input.article > text.articles.length)
    throw new AppError('VALIDATION_FAILED', `没有第 ${input.article} 条`)
  const nickname =
    (await db.select({ nickname: users.nickname }).from(users).where(eq(users.id, user.id)).get())
      ?.nickname ?? ''
  const label = input.parentId ? `${nickname}（议事会）` : '居民'
  const verdict = await checkText(check, {
    communityId: c.communityId,
    authorUserId: user.id,
    scene: 2,
    fields: [{ key: 'body', label: '意见', text: input.body }],
  })
  const commentId = newId()
  await runBatch(db, [
    ...holdStatements(
      db,
      verdict,
      { type: 'convention_comment', id: commentId },
      { communityId: c.communityId, authorUserId: user.id },
      at,
    ),
    db.insert(conventionComments).values({
      id: commentId,
      conventionId: id,
      version: c.currentVersion,
      article: input.article ?? null,
      parentId: input.parentId ?? null,
      authorUserId: user.id,
      authorLabel: label,
      body: input.body,
      createdAt: at,
    }),
    db.update(conventions).set({ updatedAt: at }).where(eq(conventions.id, id)),
  ])
  return {
    id: commentId,
    version: c.currentVersion,
    article: input.article ?? null,
    authorLabel: label,
    body: input.body,
    review: verdict.held ? '审核中' : null,
    createdAt: at,
    replies: [],
  }
}

export async function listVersions(db: Db, actor: Actor, id: string) {
  await loadVisibleConvention(db, actor, id)
  const rows = await db
    .select()
    .from(conventionVersions)
    .where(eq(conventionVersions.conventionId, id))
    .orderBy(asc(conventionVersions.version))
  return {
    items: rows.map((r) => ({
      version: r.version,
      title: r.title,
      preamble: r.preamble,
      articles: JSON.parse(r.articlesJson) as string[],
      changeNote: r.changeNote,
      createdAt: r.createdAt,
    })),
  }
}

/** Compare two versions article by article (unchanged articles matched first: article-diff.ts). */
export async function diffVersions(db: Db, actor: Actor, id: string, from: number, to: number) {
  await loadVisibleConvention(db, actor, id)
  const [a, b] = await Promise.all([loadVersion(db, id, from), loadVersion(db, id, to)])
  return {
    from,
    to,
    title: { from: a.title, to: b.title, changed: a.title !== b.title },
    preamble: { from: a.preamble, to: b.preamble, changed: a.preamble !== b.preamble },
    articles: compareArticles(a.articles, b.articles),
  }
}

/** An amendment is a new convention (draft), starting from the text in force. */
export async function amendConvention(db: Db, actor: Actor, id: string) {
  const c = await loadVisibleConvention(db, actor, id)
  await assertCommitteeOf(db, actor, c.communityId)
  if (c.status !== 'in_force') throw illegalTransition('supersede', c.status)
  const open = await db
    .select({ id: conventions.id })
    .from(conventions)
    // A passed amendment waiting for its filing is still in progress: two could otherwise both come into force.
    .where(
      and(
        eq(conventions.amendsId, id),
        or(
          inArray(conventions.status, ['draft', 'consultation', 'voting']),
          and(eq(conventions.status, 'closed'), eq(conventions.passed, true)),
        ),
      ),
    )
    .get()
  if (open) throw new AppError('CONFLICT', '已有一份修订草案在进行中')
  const text = await loadVersion(db, id, c.votingVersion ?? c.currentVersion)
  return createConvention(
    db,
    actor,
    c.communityId,
    {
      title: text.title,
      preamble: text.preamble,
      articles: text.articles,
      scope: { type: c.scopeType, ids: JSON.parse(c.scopeIdsJson) as string[] },
    },
    id,
  )
}

/** What residents will read of a convention, for the content check (decision 013). */
function conventionText(communityId: string, authorUserId: string, input: Text): CheckInput {
  return {
    communityId,
    authorUserId,
    scene: 3,
    fields: [
      { key: 'title', label: '标题', text: input.title },
      { key: 'preamble', label: '前言', text: input.preamble },
      ...input.articles.map((text, i) => ({ key: `articles.${i}`, label: `第 ${i + 1} 条`, text })),
    ],
  }
}

/** Consultation and voting put the text before residents: not while the content check holds it. */
export async function assertTextPassed(db: Db, id: string) {
  if ((await holdsOf(db, 'convention', [id])).get(id)?.held)
    throw new AppError(
      'INVALID_STATE',
      '规约条文还在内容审核中，工作人员在“内容审核”通过后才能征求意见或表决',
    )
}
