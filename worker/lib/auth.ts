import { and, eq, gt, isNull, sql, type SQL } from 'drizzle-orm'
import { createMiddleware } from 'hono/factory'
import { sessions, users } from '../../db/schema'
import type { AppEnv, Db, SessionUser } from './env'
import { sha256Hex } from './crypto'
import { mapRead, readBatch, rowRead, runBatch, type Read } from './db'
import { LIMITS, writeCountRead, writeHitStatement } from './rate-limit'
import { AppError } from './errors'
import { now } from './time'

export type { SessionUser }

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Resolves `Authorization: Bearer <token>` to a user, or null; never rejects a visitor by itself.
 * A signed-in write is also counted (for writeRateLimit, lib/rate-limit.ts) in the same round
 * trip: the count and the session are one batch (decision 021).
 */
export const sessionMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? ''
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1]
  if (!token) c.set('user', null)
  else if (!WRITE_METHODS.has(c.req.method)) c.set('user', await findSessionUser(c.var.db, token))
  else {
    const tokenHash = await sha256Hex(token)
    const at = now()
    const [user, writes] = await runBatch(
      c.var.db,
      [writeHitStatement(c.var.db, tokenHash, LIMITS.writesPerUser, at)],
      [
        sessionUserRead(c.var.db, tokenHash),
        writeCountRead(c.var.db, sessionUserIdOf(tokenHash, at), LIMITS.writesPerUser, at),
      ],
    )
    c.set('user', user)
    c.set('writes', writes)
  }
  await next()
})

/** The live session of a token's hash and its user, as one read. */
function sessionUserRead(db: Db, tokenHash: string): Read<SessionUser | null> {
  return mapRead(
    rowRead(
      db
        .select({
          id: users.id,
          nickname: users.nickname,
          consentVersion: users.consentVersion,
          currentCommunityId: users.currentCommunityId,
          // Aliased: users.id and sessions.id would be two columns named "id" in a batch.
          sessionId: sql<string>`${sessions.id}`.as('session_id'),
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(
            eq(sessions.tokenHash, tokenHash),
            isNull(sessions.revokedAt),
            gt(sessions.expiresAt, now()),
          ),
        )
        .limit(1),
    ),
    (row) => row ?? null,
  )
}

/** The user id of a token's live session, as a subquery. */
function sessionUserIdOf(tokenHash: string, at: number): SQL {
  return sql`(SELECT user_id FROM ${sessions} WHERE token_hash = ${tokenHash} AND revoked_at IS NULL AND expires_at > ${at})`
}

export async function findSessionUser(db: Db, token: string): Promise<SessionUser | null> {
  const [user] = await readBatch(db, [sessionUserRead(db, await sha256Hex(token))])
  return user
}

/** The signed-in user, or a 401 that the mini-program answers by logging in again. */
export function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录')
  return user
}
