import { drizzle } from 'drizzle-orm/d1'
import { sql, type SQL } from 'drizzle-orm'
import { createMiddleware } from 'hono/factory'
import * as schema from '../../db/schema'
import type { AppEnv, Db } from './env'

// The only place that touches env.DB: domain code receives `db` and stays runtime-agnostic.
export const dbMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  c.set('db', createDb(c.env.DB))
  await next()
})

export function createDb(d1: D1Database): Db {
  return drizzle(d1, { schema })
}

/** A Drizzle query builder (insert/update/delete/select) or a raw `db.run(sql\`…\`)`. */
export type BatchStatement =
  | { toSQL(): { sql: string; params: unknown[] } }
  | { getQuery(): { sql: string; params: unknown[] } }

function toQuery(statement: BatchStatement) {
  return 'toSQL' in statement ? statement.toSQL() : statement.getQuery()
}

/**
 * Runs statements as one D1 batch: one transaction, in order, on one connection — all land or
 * none does, and `changes()` in a statement sees the statement before it.
 * (Drizzle's own db.batch() cannot bind parameters of raw `sql` statements, hence this.)
 */
export async function runBatch(db: Db, statements: BatchStatement[]): Promise<void> {
  if (statements.length === 0) return
  const client = db.$client
  await client.batch(
    statements.map((s) => {
      const { sql, params } = toQuery(s)
      return client.prepare(sql).bind(...params)
    }),
  )
}

/** D1 reports constraint failures as text, sometimes wrapped by Drizzle in `cause`. */
export function isUniqueViolation(error: unknown): boolean {
  return causeChain(error).some((message) => message.includes('UNIQUE constraint failed'))
}

/** The messages of an error and its causes (bounded: a cause chain may loop). */
export function causeChain(error: unknown): string[] {
  const messages: string[] = []
  let e = error as { message?: string; cause?: unknown } | undefined
  for (let depth = 0; e && depth < 5; depth++, e = e.cause as typeof e)
    messages.push(String(e.message ?? e))
  return messages
}

const ABORT_MARKER = 'malformed JSON'

/**
 * A statement that makes the whole batch fail unless `condition` holds at that point — for a
 * batch whose earlier statements must not stand alone when a later conditional UPDATE missed
 * (SQLite has no RAISE outside triggers; json() of invalid text raises instead).
 */
export function abortUnlessStatement(db: Db, condition: SQL): BatchStatement {
  return db.run(sql`SELECT CASE WHEN ${condition} THEN 1 ELSE json('batch aborted') END`)
}

/** Did the batch fail because of abortUnlessStatement? */
export function isAbort(error: unknown): boolean {
  return causeChain(error).some((message) => message.includes(ABORT_MARKER))
}
