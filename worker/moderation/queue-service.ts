import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm'
import { contentHolds, users, type HoldStatus } from '../../db/schema'
import { auditIfChangedStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import { holdSettledStatements, TARGET_LABELS, type ContentCheckConfig } from '../lib/content-check'
import { runBatch } from '../lib/db'
import type { Db } from '../lib/env'
import { AppError, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { signedPath } from '../lib/signed-url'
import { now } from '../lib/time'
import { assertStaffOf } from '../identity/authz'
import { notifySelectStatement } from '../inbox/notify'
import type { ContentHold, HoldQueue } from './schemas'
import { modeOf } from './words-service'

// What the machine check held back, for the community's staff: review verdicts, and photos
// WeChat has not answered for longer than STALE_CHECK_MS. Approving shows the content to
// everyone; rejecting keeps it from everyone but its author, who is told why. Audited.

/** A photo (or retried text) still unanswered after this long goes to a person. */
export const STALE_CHECK_MS = 30 * 60_000

export const STATUS_LABELS: Record<HoldStatus, string> = {
  checking: '等待微信审核',
  review: '待人工审核',
  risky: '微信判定违规',
  rejected: '已驳回',
  passed: '已通过',
  approved: '已人工通过',
}

type HoldRow = typeof contentHolds.$inferSelect

async function toHold(row: HoldRow, nickname: string, photoSecret: string): Promise<ContentHold> {
  const photoPath =
    row.kind === 'photo'
      ? await signedPath(new URL(row.content).pathname, row.targetId, photoSecret)
      : null
  return {
    id: row.id,
    targetType: row.targetType,
    targetLabel: TARGET_LABELS[row.targetType as keyof typeof TARGET_LABELS] ?? row.targetType,
    kind: row.kind,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    text: row.kind === 'text' ? row.content : null,
    photoUrl: photoPath,
    reason: row.reason,
    matchedWords: JSON.parse(row.matchedWordsJson) as string[],
    author: { id: row.authorUserId, nickname },
    createdAt: row.createdAt,
  }
}

export async function holdQueue(
  db: Db,
  env: ContentCheckConfig,
  photoSecret: string,
  actor: SessionUser | null,
  communityId: string,
): Promise<HoldQueue> {
  await assertStaffOf(db, actor, communityId)
  const staleBefore = now() - STALE_CHECK_MS
  const rows = await db
    .select({ hold: contentHolds, nickname: users.nickname })
    .from(contentHolds)
    .innerJoin(users, eq(users.id, contentHolds.authorUserId))
    .where(
      and(
        eq(contentHolds.communityId, communityId),
        or(
          inArray(contentHolds.status, ['review', 'risky']),
          and(eq(contentHolds.status, 'checking'), lt(contentHolds.createdAt, staleBefore)),
        ),
      ),
    )
    .orderBy(asc(contentHolds.createdAt))
    .limit(200)
  return {
    ...modeOf(env),
    items: await Promise.all(rows.map((r) => toHold(r.hold, r.nickname, photoSecret))),
  }
}

async function loadHold(db: Db, id: string) {
  const row = await db.select().from(contentHolds).where(eq(contentHolds.id, id)).get()
  if (!row) throw notFound('审核记录')
  return row
}

const DECIDABLE: HoldStatus[] = ['checking', 'review', 'risky']

function alreadyDecided(status: HoldStatus) {
  return new AppError(
    'INVALID_STATE',
    `这条内容已经处理过（${STATUS_LABELS[status]}）`,
    undefined,
    undefined,
    {
      currentStatus: status,
    },
  )
}

/** Staff approve held content: everyone sees it from now on. */
export async function approveHold(db: Db, actor: SessionUser | null, id: string) {
  const hold = await loadHold(db, id)
  const staff = await assertStaffOf(db, actor, hold.communityId)
  if (!DECIDABLE.includes(hold.status)) throw alreadyDecided(hold.status)
  const at = now()
  const auditId = newId()
  await runBatch(db, [
    db.run(sql`UPDATE ${contentHolds} SET status = 'approved', decided_at = ${at}, decided_by = ${staff.id},
      updated_at = ${at} WHERE id = ${id} AND status IN ('checking', 'review', 'risky')`),
    auditIfChangedStatement(
      db,
      {
        communityId: hold.communityId,
        actorUserId: staff.id,
        action: 'content_hold.approve',
        targetType: 'content_hold',
        targetId: hold.id,
        before: { status: hold.status, reason: hold.reason },
        after: { status: 'approved' },
      },
      auditId,
    ),
    ...holdSettledStatements(db, hold.targetType, hold.targetId),
  ])
  return decided(db, id, auditId)
}

/** Staff reject held content: it stays hidden from others, and its author is told why. */
export async function rejectHold(db: Db, actor: SessionUser | null, id: string, reason: string) {
  const hold = await loadHold(db, id)
  const staff = await assertStaffOf(db, actor, hold.communityId)
  if (!DECIDABLE.includes(hold.status)) throw alreadyDecided(hold.status)
  const at = now()
  const auditId = newId()
  const label = TARGET_LABELS[hold.targetType as keyof typeof TARGET_LABELS] ?? '内容'
  await runBatch(db, [
    db.run(sql`UPDATE ${contentHolds} SET status = 'rejected', reason = ${reason}, decided_at = ${at},
      decided_by = ${staff.id}, updated_at = ${at} WHERE id = ${id} AND status IN ('checking', 'review', 'risky')`),
    auditIfChangedStatement(
      db,
      {
        communityId: hold.communityId,
        actorUserId: staff.id,
        action: 'content_hold.reject',
        targetType: 'content_hold',
        targetId: hold.id,
        before: { status: hold.status, reason: hold.reason },
        after: { status: 'rejected', reason },
      },
      auditId,
    ),
    notifySelectStatement(
      db,
      // Only the decision that landed tells the author (its audit row exists), never a loser of a race.
      sql`SELECT author_user_id AS user_id FROM content_holds WHERE id = ${id}
        AND EXISTS (SELECT 1 FROM audit_log WHERE id = ${auditId})`,
      {
        kind: 'content.rejected',
        title: `您的${label}未通过审核`,
        body: `工作人员没有通过您的${label}，它不会向其他人展示。理由：${reason}`,
      },
      at,
    ),
    ...holdSettledStatements(db, hold.targetType, hold.targetId),
  ])
  return decided(db, id, auditId)
}

async function decided(db: Db, id: string, auditId: string) {
  const row = await loadHold(db, id)
  const landed = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM audit_log WHERE id = ${auditId}`,
  )
  // Another staff member decided between our read and our write.
  if (!landed[0]?.n) throw alreadyDecided(row.status)
  return { id: row.id, status: row.status, statusLabel: STATUS_LABELS[row.status] }
}
