import { and, desc, eq, lt, or } from 'drizzle-orm'
import { auditLog, users } from '../../db/schema'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { decodeCursor, toPage } from '../lib/pagination'
import { assertStaffOf } from '../identity/authz'

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
      beforeJson: auditLog.beforeJson,
      afterJson: auditLog.afterJson,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        eq(auditLog.communityId, communityId),
        cursor
          ? or(
              lt(auditLog.createdAt, Number(cursor.k)),
              and(eq(auditLog.createdAt, Number(cursor.k)), lt(auditLog.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(query.limit + 1)
  const page = toPage(rows, query.limit, (r) => ({ k: r.createdAt, id: r.id }))
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      id: r.id,
      actor: { id: r.actorId, nickname: r.actorNickname },
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      before: r.beforeJson ? (JSON.parse(r.beforeJson) as unknown) : null,
      after: r.afterJson ? (JSON.parse(r.afterJson) as unknown) : null,
      createdAt: r.createdAt,
    })),
  }
}
