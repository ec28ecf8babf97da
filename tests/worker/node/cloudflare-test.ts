// `cloudflare:test` for the worker tests on Node: the execution context, the scheduled
// controller and migrations, as @cloudflare/vitest-pool-workers offers them.
import type { Client } from '@libsql/client'
import { migrate, type Migration } from '../../../server/database'

type Context = ExecutionContext & { promises: Promise<unknown>[] }

export function createExecutionContext(): ExecutionContext {
  const promises: Promise<unknown>[] = []
  return {
    promises,
    waitUntil: (promise: Promise<unknown>) => void promises.push(promise),
    passThroughOnException: () => {},
    props: {},
  } as Context
}

export async function waitOnExecutionContext(ctx: ExecutionContext): Promise<void> {
  await Promise.all((ctx as Context).promises)
}

export function createScheduledController(options: {
  scheduledTime?: number
  cron?: string
}): ScheduledController {
  return {
    scheduledTime: options.scheduledTime ?? Date.now(),
    cron: options.cron ?? '',
    noRetry: () => {},
  }
}

/** The Node server's own migrator (server/database.ts) on this file's database. */
export async function applyD1Migrations(db: unknown, migrations: unknown): Promise<void> {
  await migrate(db as Client, migrations as Migration[])
}
