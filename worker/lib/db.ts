import type { Client as LibsqlClient, InStatement, InValue } from '@libsql/client'
import { sql, type Logger, type SQL } from 'drizzle-orm'
import { DrizzleD1Database } from 'drizzle-orm/d1/driver'
import { SQLiteD1Session } from 'drizzle-orm/d1/session'
import { LibSQLDatabase } from 'drizzle-orm/libsql/driver-core'
import { LibSQLSession } from 'drizzle-orm/libsql/session'
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core'
import { createMiddleware } from 'hono/factory'
import type { AppEnv, Db } from './env'

// The only place that touches env.DB: domain code receives `db` and stays runtime-agnostic.
// Workers bind D1, Node (server/) a libSQL client on a SQLite file; where the two differ, this
// file makes them behave as one, and tests/worker/db-parity.test.ts pins it on both:
//   - a batch is one transaction, all or nothing (D1 batch; libSQL batch in "write" mode);
//   - at most 100 bound parameters per statement (D1's limit, enforced on libSQL too, so code
//     that passes the Node tests cannot fail on Workers);
//   - constraint failures read the same ("UNIQUE constraint failed: …" in the error's cause chain);
//   - a raw db.get() without a row is undefined (Drizzle's libSQL driver throws);
//   - concurrent requests interleave at every query (libSQL answers synchronously).

/** The database a runtime provides: D1 on Workers, a libSQL client (file: URL) on Node. */
export type Database = D1Database | LibsqlClient

// Drizzle built the way drizzle-orm/d1 and drizzle-orm/libsql build it, but without the schema:
// given one, drizzle() works out every table's relational config and makes a query builder per
// table for `db.query` on every request — 0.2 ms (workerd) to 2 ms (Node), more than a cheap
// request's whole time — and nothing here uses `db.query` (every read is a select). Building
// libSQL's from its classes also keeps @libsql/client itself out of the Workers bundle (server/
// creates the client).
function drizzleLibsql(client: LibsqlClient, logger: Logger): LibSQLDatabase {
  const dialect = new SQLiteAsyncDialect()
  const session = new LibSQLSession(client, dialect, undefined, { logger }, undefined)
  const db = new LibSQLDatabase('async', dialect, session as never, undefined)
  return Object.assign(db, { $client: client })
}

function drizzleD1(client: D1Database, logger: Logger): DrizzleD1Database {
  const dialect = new SQLiteAsyncDialect()
  const session = new SQLiteD1Session(client, dialect, undefined, { logger })
  const db = new DrizzleD1Database('async', dialect, session as never, undefined)
  return Object.assign(db, { $client: client })
}

/** A libSQL client has execute(); a D1 binding has prepare() and no execute(). */
function isLibsql(database: Database): database is LibsqlClient {
  return 'execute' in database
}

// ── Round trips ────────────────────────────────────────────────────────────────────────────
// Every call that goes to the database counts one: a query, or a whole batch of statements
// (one trip however many it holds). Counted in the driver, per request, never estimated.

/** SQL round trips of one request (or one job). */
export type RoundTrips = { count: number }

/** Response header with the request's round trips (development only: tests and benchmarks read it). */
export const ROUND_TRIPS_HEADER = 'x-sql-round-trips'

const roundTripsOf = new WeakMap<object, RoundTrips>()

/** The counter createDb() attached to this `db` (a fresh one if it was built without). */
export function roundTrips(db: Db): RoundTrips {
  return roundTripsOf.get(db) ?? { count: 0 }
}

export const dbMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const trips: RoundTrips = { count: 0 }
  c.set('db', createDb(c.env.DB, trips))
  await next()
  if (c.env.ENVIRONMENT === 'development') c.header(ROUND_TRIPS_HEADER, String(trips.count))
})

/** Drizzle over the runtime's database; every query and batch counts in `trips`. */
export function createDb(database: Database, trips: RoundTrips = { count: 0 }): Db {
  const logger = { logQuery: () => void trips.count++ }
  const gate: Gate = { rider: null, trips }
  const client = isLibsql(database) ? likeD1(database) : database
  const db = isLibsql(client)
    ? rawGetLikeD1(drizzleLibsql(gated(client, gate), logger))
    : drizzleD1(gated(client, gate), logger)
  roundTripsOf.set(db, trips)
  gates.set(db, gate)
  unguarded.set(db, client)
  return db as unknown as Db
}

/**
 * A raw `db.get(sql\`…\`)` that finds no row is `undefined` on D1; Drizzle's libSQL driver throws
 * instead (it normalizes the missing row). Here it is the first row of the same query's all().
 */
function rawGetLikeD1<T extends LibSQLDatabase>(db: T): T {
  const session = (
    db as unknown as { session: { all(q: SQL): Promise<unknown[]>; get(q: SQL): Promise<unknown> } }
  ).session
  session.get = async (query) => (await session.all(query))[0]
  return db
}

// ── Bound parameters ───────────────────────────────────────────────────────────────────────

/** D1 binds at most this many parameters per statement ("too many SQL variables"). */
export const MAX_BOUND_PARAMETERS = 100

function checkParameters(statement: InStatement) {
  const args = typeof statement === 'string' ? [] : (statement.args ?? [])
  const count = Array.isArray(args) ? args.length : Object.keys(args).length
  if (count > MAX_BOUND_PARAMETERS)
    throw new Error(
      `too many SQL variables: ${count} bound parameters, D1 binds at most ${MAX_BOUND_PARAMETERS} per statement`,
    )
}

/**
 * libSQL on a file answers synchronously under its promise, D1 after a network round trip. Each
 * call first yields to the event loop, so concurrent requests interleave at every query as they
 * do on D1 — the same races reach the same SQL rules on both runtimes, and one long request does
 * not hold the others until it finishes.
 */
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** The libSQL client behaving like D1: its limit on bound parameters, a turn per round trip. */
function likeD1(client: LibsqlClient): LibsqlClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'execute')
        return async (statement: InStatement, args?: InValue[]) => {
          const full =
            typeof statement === 'string' ? { sql: statement, args: args ?? [] } : statement
          checkParameters(full)
          await yieldTurn()
          return target.execute(full)
        }
      if (property === 'batch')
        return async (statements: InStatement[], mode?: 'write' | 'read' | 'deferred') => {
          statements.forEach(checkParameters)
          await yieldTurn()
          return target.batch(statements, mode)
        }
      const value = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

// ── Batches ────────────────────────────────────────────────────────────────────────────────

/** A Drizzle query builder (insert/update/delete/select) or a raw `db.run(sql\`…\`)`. */
export type BatchStatement =
  | { toSQL(): { sql: string; params: unknown[] } }
  | { getQuery(): { sql: string; params: unknown[] } }

function toQuery(statement: BatchStatement) {
  return 'toSQL' in statement ? statement.toSQL() : statement.getQuery()
}

/**
 * Runs statements as one batch: one transaction, in order, on one connection — all land or
 * none does, and `changes()` in a statement sees the statement before it. On D1 that is
 * `batch()`; on libSQL `batch(…, 'write')` (BEGIN IMMEDIATE … COMMIT, rolled back on the first
 * failing statement). One round trip either way.
 * (Drizzle's own db.batch() cannot bind parameters of raw `sql` statements, hence this.)
 *
 * `after`: reads run at the end of the same transaction and returned, typed (as in readBatch) —
 * what the write's answer shows (the counts after a support, the booking just made) without a
 * round trip of its own, and as the transaction left it.
 */
export async function runBatch<T extends unknown[] = []>(
  db: Db,
  statements: BatchStatement[],
  after?: { [K in keyof T]: Read<T[K]> },
): Promise<T> {
  const reads = (after ?? []) as Read<unknown>[]
  if (statements.length === 0) return (reads.length ? readBatch(db, reads) : []) as Promise<T>
  // Nothing is written under an unproved rider (the request's session): as the first batch, this
  // one starts with the rider's guard — it writes nothing unless the guard holds — and reads it.
  const rider = takeRider(db)
  if (!rider) await answerRider(db)
  const written = rider ? [abortUnlessStatement(db, rider.guard), ...statements] : statements
  const askedAfter = rider ? [...reads, rider.read] : reads
  roundTrips(db).count++
  const client = clientOf(db)
  const queries = [...written, ...asked(askedAfter).map((read) => read.statement)].map(toQuery)
  let results: unknown[]
  try {
    results = await sendBatch(client, queries, 'write')
  } catch (error) {
    if (rider) await answerAfterFailure(db, rider)
    throw error
  }
  const values = answers(askedAfter, results.slice(written.length), isLibsql(client))
  if (rider) {
    rider.settle({ value: values.pop() })
    await rider.answered
  }
  return values as T
}

// ── Reads in one round trip ────────────────────────────────────────────────────────────────
// A request gathers the reads it needs — authorization included — into one readBatch and decides
// after (decision 021): every read is keyed by what the request already knows (its ids, the
// user), and what would have needed an earlier answer is a subquery or a join instead
// (`… WHERE community_id = (SELECT community_id FROM suggestions WHERE id = ?)`).

/**
 * One read of a batch: a SELECT and how its rows become the value wanted. Either `map` over rows
 * as plain objects keyed by the names the SELECT gives its columns (raw `sql`: alias them,
 * `… AS startsAt`), or `decode` of the runtime's raw result (rowsRead/rowRead: Drizzle's own
 * mapping of a Drizzle select, typed from it).
 */
export type Read<T> =
  | { statement: BatchStatement; map: (rows: Record<string, unknown>[]) => T }
  | { statement: BatchStatement; decode: (result: unknown, libsql: boolean) => T }
  | { known: T }

/**
 * A read whose answer is known without asking (a visitor's roles, support or residency): it
 * takes its place in the batch's answers and sends no statement.
 */
export function known<T>(value: T): Read<T> {
  return { known: value }
}

/** The reads of a batch that send a statement. */
function asked(reads: Read<unknown>[]) {
  return reads.filter((read) => !('known' in read)) as Exclude<Read<unknown>, { known: unknown }>[]
}

/** Each read's value: a known one as it is, the others from the statements' results in order. */
function answers(reads: Read<unknown>[], results: unknown[], libsql: boolean): unknown[] {
  let next = 0
  return reads.map((read) => ('known' in read ? read.known : decode(read, results[next++], libsql)))
}

/** A Drizzle select as it prepares itself: its fields, and the mapping Drizzle applies to a batch result. */
type PreparedSelect = {
  fields?: unknown[]
  getQuery(): { sql: string; params: unknown[] }
  mapAllResult(result: unknown, isFromBatch: true): unknown[]
}
type DrizzleSelect<T> = PromiseLike<T[]> & {
  prepare(): unknown
  toSQL(): { sql: string; params: unknown[] }
}

/** All rows of a Drizzle select, mapped and typed as awaiting it would give them. */
export function rowsRead<T>(query: DrizzleSelect<T>): Read<T[]> {
  const prepared = query.prepare() as unknown as PreparedSelect
  return {
    // The SQL prepare() already built: building it again (toSQL) cost as much as preparing.
    statement: { getQuery: () => prepared.getQuery() },
    decode: (result, libsql) => {
      // D1 answers a batch's rows as objects: two columns of one name (users.id and
      // sessions.id in a join) would become one key, and every later value would shift.
      const first = libsql ? undefined : (result as { results: object[] }).results[0]
      if (first && prepared.fields && Object.keys(first).length !== prepared.fields.length)
        throw new Error(
          `a batched read has columns of the same name (alias them): ${query.toSQL().sql}`,
        )
      return prepared.mapAllResult(result, true) as T[]
    },
  }
}

/** The first row of a Drizzle select (add `.limit(1)`), or undefined. */
export function rowRead<T>(query: DrizzleSelect<T>): Read<T | undefined> {
  return mapRead(rowsRead(query), (rows) => rows[0])
}

/** A read whose value is turned into another (a row into a yes/no, a list into a map). */
export function mapRead<A, B>(read: Read<A>, f: (value: A) => B): Read<B> {
  if ('known' in read) return known(f(read.known))
  return 'map' in read
    ? { statement: read.statement, map: (rows) => f(read.map(rows)) }
    : { statement: read.statement, decode: (result, libsql) => f(read.decode(result, libsql)) }
}

function decode<T>(read: Exclude<Read<T>, { known: T }>, result: unknown, libsql: boolean): T {
  if ('decode' in read) return read.decode(result, libsql)
  if (libsql) {
    const set = result as { columns: string[]; rows: unknown[][] }
    return read.map(
      set.rows.map((row) => Object.fromEntries(set.columns.map((column, i) => [column, row[i]]))),
    )
  }
  return read.map((result as { results: Record<string, unknown>[] }).results)
}

/**
 * Several SELECTs in one round trip (a page that shows many things at once, e.g. the home's
 * to-dos, a 金点子 with its timeline and the viewer's roles), each turned into its value.
 * Reads only: nothing is written (on libSQL a read transaction, so the reads see one state).
 */
export async function readBatch<T extends unknown[]>(
  db: Db,
  reads: { [K in keyof T]: Read<T[K]> },
): Promise<T> {
  const statements = asked(reads as Read<unknown>[])
  if (statements.length === 0) return answers(reads as Read<unknown>[], [], false) as T
  // The first batch carries the rider (the request's session), answered before these are used.
  const rider = takeRider(db)
  const sent = rider ? [...statements, rider.read] : statements
  roundTrips(db).count++
  const client = clientOf(db)
  const queries = sent.map((read) => toQuery(read.statement))
  let results: unknown[]
  try {
    results = await sendBatch(client, queries, 'read')
  } catch (error) {
    if (rider) await answerAfterFailure(db, rider)
    throw error
  }
  if (rider) {
    const [value] = answers([rider.read], results.slice(statements.length), isLibsql(client))
    rider.settle({ value })
    await rider.answered
  }
  return answers(reads as Read<unknown>[], results, isLibsql(client)) as T
}

// ── A read that rides with the first batch ─────────────────────────────────────────────────
// A signed-in GET guesses its session from the last one of the same token (lib/auth.ts,
// decision 024) and proves it in the same round trip as the request's first batch of reads: the
// session's read rides along, and its check runs before any of the batch's answers is returned.
// Anything else — a write batch, a single query — waits until the rider has been answered, so no
// statement is written and no answer leaves under a session that was not checked.

type AskedRead = Exclude<Read<unknown>, { known: unknown }>
type Rider = {
  read: AskedRead
  /** SQL that holds when the read would pass its check: a write batch's first condition. */
  guard: SQL
  /** Runs the check on the rider's answer (or fails with the batch's error). */
  settle: (outcome: { value: unknown } | { error: unknown }) => void
  /** Settled once the check has run: rejects with the check's error. */
  answered: Promise<void>
  taken: boolean
}
type Gate = { rider: Rider | null; trips: RoundTrips }
const gates = new WeakMap<object, Gate>()
const unguarded = new WeakMap<object, Database>()

/** The driver's client without the gate (readBatch and runBatch wait on it themselves). */
function clientOf(db: Db): Database {
  return unguarded.get(db) ?? db.$client
}

/**
 * `read` rides with the first batch of reads of this request, and `check` runs on its answer
 * (throwing refuses everything the request read or would write). A request that reads nothing
 * in a batch asks it alone, at the first other query or at answerRider.
 */
export function rideWithFirstBatch<T>(
  db: Db,
  read: Read<T>,
  check: (value: T) => void,
  guard: SQL,
): void {
  const gate = gates.get(db)
  if (!gate) throw new Error('rideWithFirstBatch: a db made by createDb')
  if ('known' in read) throw new Error('rideWithFirstBatch: a read that asks')
  let settle!: Rider['settle']
  const answered = new Promise<void>((resolve, reject) => {
    settle = (outcome) => {
      if ('error' in outcome) return reject(outcome.error)
      try {
        check(outcome.value as T)
        resolve()
      } catch (error) {
        reject(error)
      }
    }
  })
  // Awaited by whoever needs it; never an unhandled rejection meanwhile.
  answered.catch(() => undefined)
  gate.rider = { read: read as AskedRead, guard, settle, answered, taken: false }
}

function takeRider(db: Db): Rider | null {
  const rider = gates.get(db)?.rider
  if (!rider || rider.taken) return null
  rider.taken = true
  return rider
}

/** Waits until the rider has been answered and checked, asking it alone if nothing took it yet. */
export async function answerRider(db: Db): Promise<void> {
  const gate = gates.get(db)
  if (gate) await waitForRider(clientOf(db), gate)
}

async function waitForRider(client: Database, gate: Gate): Promise<void> {
  const rider = gate.rider
  if (!rider) return
  if (!rider.taken) {
    rider.taken = true
    await askRider(client, gate, rider)
  }
  await rider.answered
}

/** Sends the rider's read alone (one round trip) and runs its check. */
async function askRider(client: Database, gate: Gate, rider: Rider): Promise<void> {
  try {
    gate.trips.count++
    const results = await sendBatch(client, [toQuery(rider.read.statement)], 'read')
    const [value] = answers([rider.read], results, isLibsql(client))
    rider.settle({ value })
  } catch (error) {
    rider.settle({ error })
  }
}

/**
 * A batch that carried the rider failed: was it the session (the guard, or a session that has
 * ended) or the batch's own reason? The rider asked alone tells — its check throws if the
 * session was not the one guessed; otherwise the caller rethrows the batch's own error.
 */
async function answerAfterFailure(db: Db, rider: Rider): Promise<void> {
  await askRider(clientOf(db), gates.get(db)!, rider)
  await rider.answered
}

/** One batch on the runtime's client: D1's batch, or libSQL's in `mode` (one transaction). */
async function sendBatch(
  client: Database,
  queries: { sql: string; params: unknown[] }[],
  mode: 'read' | 'write',
): Promise<unknown[]> {
  if (isLibsql(client))
    return client.batch(
      queries.map(({ sql, params }) => ({ sql, args: params as InValue[] })),
      mode,
    )
  return client.batch(queries.map(({ sql, params }) => client.prepare(sql).bind(...params)))
}

type AnyFunction = (...args: unknown[]) => unknown

/** The driver's client, each of its calls waiting on the gate's rider first. */
function gated<D extends Database>(client: D, gate: Gate): D {
  const wait = () => waitForRider(client, gate)
  const statement = (prepared: object): object =>
    new Proxy(prepared, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver)
        if (typeof value !== 'function') return value
        if (property === 'bind')
          return (...args: unknown[]) =>
            statement((value as AnyFunction).apply(target, args) as object)
        if (['all', 'raw', 'run', 'first'].includes(String(property)))
          return async (...args: unknown[]) => {
            await wait()
            return (value as AnyFunction).apply(target, args)
          }
        return value.bind(target)
      },
    })
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      if (property === 'prepare' && !isLibsql(target))
        return (query: string) => statement((value as AnyFunction).call(target, query) as object)
      if (['execute', 'batch', 'exec'].includes(String(property)))
        return async (...args: unknown[]) => {
          await wait()
          return (value as AnyFunction).apply(target, args)
        }
      return value.bind(target)
    },
  })
}

// ── Errors ─────────────────────────────────────────────────────────────────────────────────

/**
 * D1 and libSQL report constraint failures as text ("UNIQUE constraint failed: t.c"), wrapped
 * by Drizzle in `cause`: D1 as "D1_ERROR: … SQLITE_CONSTRAINT", libSQL as "SQLITE_CONSTRAINT: …".
 */
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
