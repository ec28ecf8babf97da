import type { BatchItem } from 'drizzle-orm/batch'
import { drizzle } from 'drizzle-orm/d1'
import { createMiddleware } from 'hono/factory'
import * as schema from '../../db/schema'
import type { AppEnv, Db } from '../env'

// The only place that touches env.DB: domain code receives `db` and stays runtime-agnostic.
export const dbMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  c.set('db', createDb(c.env.DB))
  await next()
})

export function createDb(d1: D1Database): Db {
  return drizzle(d1, { schema })
}

/**
 * db.batch() for a statement list built at run time. D1 runs a batch as one transaction:
 * all statements land or none does.
 */
export async function runBatch(db: Db, statements: BatchItem<'sqlite'>[]): Promise<void> {
  const [first, ...rest] = statements
  if (!first) return
  await db.batch([first, ...rest])
}
