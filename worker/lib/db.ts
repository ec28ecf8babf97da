import type { SQL } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import { drizzle } from 'drizzle-orm/d1'
import type { SQLiteAsyncDialect, SQLiteSession } from 'drizzle-orm/sqlite-core'
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

/**
 * A raw SQL write (`INSERT … SELECT … WHERE changes() > 0` and the like) that can go into
 * db.batch(). drizzle-orm's own `db.run(sql)` fails inside a D1 batch as soon as the SQL has a
 * parameter ("Cannot read properties of undefined (reading 'bind')", drizzle-team/drizzle-orm#2277,
 * open in 0.45): its batch item carries no prepared D1 statement. This prepares the statement
 * through the session exactly as drizzle's query builders do. Awaited on its own it runs as usual.
 */
export function rawWrite(db: Db, query: SQL) {
  const item = db.run(query)
  // session and dialect are drizzle internals (pinned version; the residency tests cover this).
  const internals = db as unknown as { session: SQLiteSession<'async', unknown, any, any>; dialect: SQLiteAsyncDialect }
  return Object.assign(item, {
    _prepare: () => internals.session.prepareQuery(internals.dialect.sqlToQuery(query), undefined, 'run', false),
  })
}
