// `cloudflare:workers` for the worker tests on Node (tests/worker/node/vitest.config.mts): this
// test file's env, as the Workers pool gives it, but with the Node runtime's bindings — a fresh
// SQLite file through libSQL as DB and a fresh photo directory as PHOTOS (server/). The app sees
// exactly what server/main.ts gives it.
//
// For the tests' own SQL, DB also answers D1's statement API (prepare/bind/first/all/run, and
// batch of those): a few lines over the same client, here only.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Client, InValue } from '@libsql/client'
import { afterAll } from 'vitest'
import { openDatabase, readMigrations } from '../../../server/database'
import { diskPhotoStore } from '../../../server/disk-photo-store'
import worker from '../../../worker/index'
import { TEST_VARS } from '../test-vars'
import { createExecutionContext } from './cloudflare-test'

const dir = mkdtempSync(path.join(tmpdir(), 'linli-node-test-'))
const client = await openDatabase(path.join(dir, 'test.db'))
afterAll(() => {
  client.close()
  rmSync(dir, { recursive: true, force: true })
})

class Statement {
  constructor(
    readonly sql: string,
    readonly args: InValue[] = [],
  ) {}
  bind(...args: unknown[]) {
    return new Statement(this.sql, args as InValue[])
  }
  async all<T>() {
    const result = await client.execute(this)
    return { results: result.rows.map((row) => ({ ...row })) as T[], success: true }
  }
  async first<T>() {
    return ((await this.all<T>()).results[0] ?? null) as T | null
  }
  async run() {
    const result = await client.execute(this)
    return { success: true, meta: { changes: result.rowsAffected } }
  }
}

// workerd's local D1 answers every call after an I/O hop. Tests that race two requests rest on
// it: both read before either writes (e.g. the same staff rejecting twice at once: both answered
// as done). On Node the only real asynchrony before the first query is crypto.subtle (the thread
// pool), and a request whose digest comes back late found the other one finished. The Node
// server does not wait (lib/db.ts yields a turn); the tests' database waits a timer tick per
// call, as D1 does, so those races overlap on both runtimes.
const ioHop = () => new Promise<void>((resolve) => setTimeout(resolve, 0))
const db = new Proxy(Object.assign(client, { prepare: (sql: string) => new Statement(sql) }), {
  get(target, property, receiver) {
    if (property === 'execute' || property === 'batch')
      return async (...args: unknown[]) => {
        await ioHop()
        return (target[property] as (...a: unknown[]) => unknown).apply(target, args)
      }
    const value = Reflect.get(target, property, receiver)
    return typeof value === 'function' ? value.bind(target) : value
  },
}) as Client & { prepare(sql: string): Statement }

export const env = {
  ...TEST_VARS,
  DB: db,
  PHOTOS: diskPhotoStore(path.join(dir, 'photos')),
  TEST_MIGRATIONS: readMigrations(),
} as unknown as Cloudflare.Env

export const exports = {
  default: {
    fetch: (request: Request) => worker.fetch(request, env, createExecutionContext()),
  },
}
