import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { notifications } from '../../db/schema'
import { readBatch, rowRead, rowsRead } from '../lib/db'
import type { Db } from '../lib/env'
import { requireUser, type SessionUser } from '../lib/auth'
import { notFound } from '../lib/errors'
import { afterCursor, decodeCursor, toPage } from '../lib/pagination'
import { now } from '../lib/time'

// 我的消息: the signed-in person's inbox, newest first.

export async function listInbox(
  db: Db,
  actor: SessionUser | null,
  query: { cursor?: string; limit: number; unread?: boolean },
) {
  const user = requireUser(actor)
  const cursor = decodeCursor(query.cursor)
  // A batch of one (decision 021): the session of a read rides with its first batch (024).
  const [rows] = await readBatch(db, [
    rowsRead(
      db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, user.id),
            query.unread ? isNull(notifications.readAt) : undefined,
            afterCursor(notifications.createdAt, notifications.id, cursor, 'desc'),
          ),
        )
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(query.limit + 1),
    ),
  ])
  const page = toPage(rows, query.limit, (n) => ({ k: n.createdAt, id: n.id }))
  return {
    items: page.items.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      createdAt: n.createdAt,
      read: n.readAt !== null,
    })),
    nextCursor: page.nextCursor,
  }
}

export async function unreadCount(db: Db, actor: SessionUser | null) {
  const user = requireUser(actor)
  const [row] = await readBatch(db, [
    rowRead(
      db
        .select({ n: sql<number>`COUNT(*)` })
        .from(notifications)
        .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt))),
    ),
  ])
  return { unread: Number(row?.n ?? 0) }
}

/** Marks one of my notifications read; someone else's answers 404 like a missing one. */
export async function markRead(db: Db, actor: SessionUser | null, id: string) {
  const user = requireUser(actor)
  const row = await db
    .select({ userId: notifications.userId })
    .from(notifications)
    .where(eq(notifications.id, id))
    .get()
  if (!row || row.userId !== user.id) throw notFound('消息')
  await db
    .update(notifications)
    .set({ readAt: now() })
    .where(and(eq(notifications.id, id), isNull(notifications.readAt)))
  return { ok: true as const }
}

export async function markAllRead(db: Db, actor: SessionUser | null) {
  const user = requireUser(actor)
  await db
    .update(notifications)
    .set({ readAt: now() })
    .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)))
  return { ok: true as const }
}
