import { sql } from 'drizzle-orm'
import { createMiddleware } from 'hono/factory'
import { rateLimits } from '../../db/schema'
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
  const windowStart = Math.floor(now() / rule.windowMs) * rule.windowMs
  const row = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({ count: rateLimits.count })
    .get()
  if (row && row.count > rule.limit) throw new AppError('RATE_LIMITED', '操作太频繁，请稍后再试')
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Limits every signed-in write; anonymous writes are only logins, limited in the auth service. */
export const writeRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const user = c.get('user')
  if (user && WRITE_METHODS.has(c.req.method))
    await hitRateLimit(c.var.db, `write:${user.id}`, LIMITS.writesPerUser)
  await next()
})

/** Old windows are useless; the scheduled handler clears them. */
export async function purgeRateLimits(db: Db): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.windowStart} < ${now() - 60 * MINUTE}`)
}
