import { and, eq, gt, isNull, sql, type SQL } from 'drizzle-orm'
import { createMiddleware } from 'hono/factory'
import { sessions, users } from '../../db/schema'
import type { AppEnv, Db, SessionUser } from './env'
import { sha256Hex } from './crypto'
import {
  answerRider,
  mapRead,
  readBatch,
  rideWithFirstBatch,
  rowRead,
  runBatch,
  type Read,
} from './db'
import { LIMITS, writeCountRead, writeHitStatement } from './rate-limit'
import { AppError } from './errors'
import { now } from './time'

export type { SessionUser }

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Resolves `Authorization: Bearer <token>` to a user, or null; never rejects a visitor by itself.
 * A signed-in write is also counted (for writeRateLimit, lib/rate-limit.ts) in the same round
 * trip: the count and the session are one batch (decision 021). A signed-in read whose token
 * was seen before takes no trip of its own: its session rides with the request's first batch
 * (decision 024).
 */
export const sessionMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? ''
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1]
  if (!token) {
    c.set('user', null)
    return next()
  }
  const db = c.var.db
  const tokenHash = await sha256Hex(token)
  if (WRITE_METHODS.has(c.req.method)) {
    const at = now()
    const [user, writes] = await runBatch(
      db,
      [writeHitStatement(db, tokenHash, LIMITS.writesPerUser, at)],
      [
        sessionUserRead(db, tokenHash),
        writeCountRead(db, sessionUserIdOf(tokenHash, at), LIMITS.writesPerUser, at),
      ],
    )
    rememberSession(tokenHash, user)
    c.set('user', user)
    c.set('writes', writes)
    return next()
  }
  const guess = answeredAgain.has(c.req.raw) ? undefined : lastSeen.get(tokenHash)
  if (!guess) {
    const [user] = await readBatch(db, [sessionUserRead(db, tokenHash)])
    rememberSession(tokenHash, user)
    c.set('user', user)
    return next()
  }
  // A read with the session its token had last time, proved in the request's first batch
  // (decision 024): a session ended or changed since answers the request again, read afresh.
  c.set('user', guess)
  rideWithFirstBatch(
    db,
    sessionUserRead(db, tokenHash),
    (user) => {
      rememberSession(tokenHash, user)
      if (!user || !sameSession(user, guess)) throw new SessionGuessMissed()
    },
    sessionIsSql(tokenHash, guess),
  )
  await next()
  // Proved before the answer leaves, also when the request read nothing in a batch.
  if (!(c.error instanceof SessionGuessMissed)) await answerRider(db)
})

// ── The session a token had last time (decision 024) ────────────────────────────────────────
// Per isolate (per Node process): the token's hash → the session user its last request found.
// Only ever a guess: every request proves it in SQL (ended, revoked, expired, or a user whose
// nickname, consent or community changed: answered again), so nothing here outlives a logout.

const lastSeen = new Map<string, SessionUser>()
const LAST_SEEN_MAX = 10_000

/** What a token's session was found to be (null: none), for its next read. */
export function rememberSession(tokenHash: string, user: SessionUser | null): void {
  lastSeen.delete(tokenHash)
  if (!user) return
  lastSeen.set(tokenHash, user)
  // The oldest first out: a Map keeps insertion order.
  if (lastSeen.size > LAST_SEEN_MAX) lastSeen.delete(lastSeen.keys().next().value!)
}

/** SQL: the token's session is live and is `guess` (what sameSession compares), now. */
function sessionIsSql(tokenHash: string, guess: SessionUser): SQL {
  return sql`EXISTS (SELECT 1 FROM ${sessions} s JOIN ${users} u ON u.id = s.user_id
    WHERE s.token_hash = ${tokenHash} AND s.revoked_at IS NULL AND s.expires_at > ${now()}
      AND s.id = ${guess.sessionId} AND u.id = ${guess.id} AND u.nickname = ${guess.nickname}
      AND u.consent_version IS ${guess.consentVersion}
      AND u.current_community_id IS ${guess.currentCommunityId})`
}

function sameSession(a: SessionUser, b: SessionUser): boolean {
  return (
    a.sessionId === b.sessionId &&
    a.id === b.id &&
    a.nickname === b.nickname &&
    a.consentVersion === b.consentVersion &&
    a.currentCommunityId === b.currentCommunityId
  )
}

/** A read was answered under a session that has ended or changed: it is answered again. */
export class SessionGuessMissed extends Error {
  constructor() {
    super('the session guessed for this request has ended or changed')
  }
}

const answeredAgain = new WeakSet<Request>()

/** The request, to be answered again without a guessed session (after SessionGuessMissed). */
export function answerAgain(request: Request): Request {
  const again = new Request(request)
  answeredAgain.add(again)
  return again
}

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

/** The signed-in user, or a 401 that the mini-program answers by logging in again. */
export function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录')
  return user
}
