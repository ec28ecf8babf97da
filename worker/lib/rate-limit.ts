import { sql, type SQL } from 'drizzle-orm'
import { createMiddleware } from 'hono/factory'
import { rateLimits, sessions } from '../../db/schema'
import type { BatchStatement, Read } from './db'
import type { AppEnv, Db } from './env'
import { AppError } from './errors'
import { MINUTE, now } from './time'

// Fixed-window counters in SQL (one upsert per hit), keyed per user, not per IP: residents of one
// compound often share one carrier NAT address.
export const LIMITS = {
  loginPerOpenid: { limit: 10, windowMs: MINUTE },
  // Generous enough for a 居委会 worker clearing a backlog of approvals at 9 pm.
  writesPerUser: { limit: 120, windowMs: MINUTE },
} as const

export async function hitRateLimit(
  db: Db,
  key: string,
  rule: { limit: number; windowMs: number },
): Promise<void> {
  const row = await db
    .insert(rateLimits)
    .values({ key, windowStart: windowStart(rule), count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({ count: rateLimits.count })
    .get()
  if (row) assertUnderLimit(row.count, rule)
}

/** The start of the window `at` falls in. */
function windowStart(rule: { windowMs: number }, at = now()): number {
  return Math.floor(at / rule.windowMs) * rule.windowMs
}

/**
 * A signed-in write counted against its user's limit, found from the session token's hash (in the
 * session's batch, lib/auth.ts: one round trip for both). No live session, no count.
 */
export function writeHitStatement(
  db: Db,
  tokenHash: string,
  rule: { windowMs: number },
  at = now(),
): BatchStatement {
  return db.run(sql`
    INSERT INTO ${rateLimits} (key, window_start, count)
    SELECT 'write:' || user_id, ${windowStart(rule, at)}, 1 FROM ${sessions}
    WHERE token_hash = ${tokenHash} AND revoked_at IS NULL AND expires_at > ${at}
    ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1`)
}

/** The user's writes in this window, read after writeHitStatement in the same batch. */
export function writeCountRead(
  db: Db,
  userId: string | SQL,
  rule: { windowMs: number },
  at = now(),
): Read<number> {
  return {
    statement: db.all(sql`
      SELECT count FROM ${rateLimits}
      WHERE key = 'write:' || ${userId} AND window_start = ${windowStart(rule, at)}`),
    map: ([row]) => Number(row?.count ?? 0),
  }
}

/** 429 past the rule's limit. */
export function assertUnderLimit(count: number, rule: { limit: number }): void {
  if (count > rule.limit) throw new AppError('RATE_LIMITED', '操作太频繁，请稍后再试')
}

/**
 * Limits every signed-in write (counted by the session middleware in the session's round trip);
 * anonymous writes are only logins, limited in the auth service.
 */
export const writeRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.user && c.var.writes !== undefined) assertUnderLimit(c.var.writes, LIMITS.writesPerUser)
  await next()
})

/** Old windows are useless; the scheduled handler clears them. */
export async function purgeRateLimits(db: Db): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.windowStart} < ${now() - 60 * MINUTE}`)
}
