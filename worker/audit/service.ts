import { and, desc, eq, inArray } from 'drizzle-orm'
import { auditLog, users } from '../../db/schema'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { afterCursor, decodeCursor, toPage } from '../lib/pagination'
import { assertStaffOf } from '../identity/authz'
import { presentAudit } from './present'

export async function listAudit(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
  query: { cursor?: string; limit: number },
) {
  await assertStaffOf(db, actor, communityId)
  const cursor = decodeCursor(query.cursor)
  const rows = await db
    .select({
      id: auditLog.id,
      actorId: auditLog.actorUserId,
      actorNickname: users.nickname,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      onBehalfOfId: auditLog.onBehalfOfUserId,
      beforeJson: auditLog.beforeJson,
      afterJson: auditLog.afterJson,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        eq(auditLog.communityId, communityId),
        afterCursor(auditLog.createdAt, auditLog.id, cursor, 'desc'),
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(query.limit + 1)
  const page = toPage(rows, query.limit, (r) => ({ k: r.createdAt, id: r.id }))
  const raw = page.items.map((r) => ({
    ...r,
    before: r.beforeJson ? (JSON.parse(r.beforeJson) as Record<string, unknown> | null) : null,
    after: r.afterJson ? (JSON.parse(r.afterJson) as Record<string, unknown> | null) : null,
  }))
  const onBehalfIds = [...new Set(raw.flatMap((r) => (r.onBehalfOfId ? [r.onBehalfOfId] : [])))]
  const [words, onBehalf] = await Promise.all([
    presentAudit(db, raw),
    onBehalfIds.length
      ? db
          .select({ id: users.id, nickname: users.nickname })
          .from(users)
          .where(inArray(users.id, onBehalfIds))
      : Promise.resolve([]),
  ])
  return {
    nextCursor: page.nextCursor,
    items: raw.map((r, i) => ({
      id: r.id,
      actor: { id: r.actorId, nickname: r.actorNickname },
      onBehalfOf: r.onBehalfOfId
        ? (onBehalf.find((u) => u.id === r.onBehalfOfId) ?? {
            id: r.onBehalfOfId,
            nickname: '已注销用户',
          })
        : null,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      ...words[i]!,
      before: r.before,
      after: r.after,
      createdAt: r.createdAt,
    })),
  }
}
