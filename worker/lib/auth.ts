import { and, eq, gt, isNull } from 'drizzle-orm'
import { createMiddleware } from 'hono/factory'
import { sessions, users } from '../../db/schema'
import type { AppEnv, Db, SessionUser } from './env'
import { sha256Hex } from './crypto'
import { AppError } from './errors'
import { now } from './time'

export type { SessionUser }

/** Resolves `Authorization: Bearer <token>` to a user, or null. Never rejects by itself. */
export const sessionMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? ''
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  c.set('user', match?.[1] ? await findSessionUser(c.var.db, match[1]) : null)
  await next()
})

export async function findSessionUser(db: Db, token: string): Promise<SessionUser | null> {
  const row = await db
    .select({
      id: users.id,
      nickname: users.nickname,
      consentVersion: users.consentVersion,
      currentCommunityId: users.currentCommunityId,
      sessionId: sessions.id,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, await sha256Hex(token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now()),
      ),
    )
    .get()
  return row ?? null
}

/** The signed-in user, or a 401 that the mini-program answers by logging in again. */
export function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录')
  return user
}
