// Shared pieces of the benchmarks: start the local server on a private local D1, run autocannon
// against a list of endpoints, print figures. Loopback only; every run is bounded in time.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { http } from '../http-client'
import { startLocalServer, type LocalServer } from '../local-server'
import { freshDataDir, startNodeServer } from '../node-server'
import { migrate as migrateFile, openDatabase, seedDemoIfEmpty } from '../../server/database'

export const ROOT = path.resolve(import.meta.dirname, '../..')
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' }

export function freshPersistDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'linli-bench-'))
}

export function d1Execute(persistTo: string, args: string[]): string {
  return execFileSync(
    'npx',
    ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', persistTo, ...args],
    {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  )
}

export function migrate(persistTo: string): void {
  execFileSync(
    'npx',
    ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo],
    { cwd: ROOT, env, stdio: 'ignore' },
  )
}

/** Runs SQL statements through `wrangler d1 execute --file`, in files of a bounded size. */
export function executeSql(persistTo: string, statements: string[], chunk = 400): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-bench-sql-'))
  for (let i = 0; i < statements.length; i += chunk) {
    const file = path.join(dir, `part-${i}.sql`)
    writeFileSync(file, statements.slice(i, i + chunk).join('\n'))
    d1Execute(persistTo, ['--file', file])
  }
}

export type Target = {
  name: string
  url: string
  method?: 'GET' | 'POST' | 'DELETE'
  headers?: Record<string, string>
  body?: string
  requests?: autocannon.Request[]
}
export type Figure = {
  name: string
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
}

export async function measure(target: Target, seconds: number, connections = 10): Promise<Figure> {
  const result = await autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    headers: target.headers,
    body: target.body,
    requests: target.requests,
    duration: seconds,
    connections,
  })
  return {
    name: target.name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  }
}

export function printTable(title: string, figures: Figure[]): string {
  const lines = [
    `### ${title}`,
    '',
    '| endpoint | req/s | p50 ms | p99 ms | errors | non-2xx |',
    '|---|---:|---:|---:|---:|---:|',
    ...figures.map(
      (f) => `| ${f.name} | ${f.rps} | ${f.p50} | ${f.p99} | ${f.errors} | ${f.non2xx} |`,
    ),
  ]
  const text = lines.join('\n')
  console.log(`\n${text}\n`)
  return text
}

/** A SQL string literal (single quotes doubled), for the seeding statements. */
export const q = (v: string) => `'${v.replace(/'/g, "''")}'`

/** Multi-row INSERTs of `per` rows each: `${head} VALUES (…),(…);`. */
export function chunks(rows: string[], head: string, per: number): string[] {
  const out: string[] = []
  for (let i = 0; i < rows.length; i += per)
    out.push(`${head} VALUES ${rows.slice(i, i + per).join(',')};`)
  return out
}

/** A private local D1, migrated and seeded with the demo 街道; returns its folder. */
export function seededDatabase(): string {
  const persistTo = freshPersistDir()
  migrate(persistTo)
  execFileSync('npx', ['tsx', 'scripts/seed-local.ts', '--persist-to', persistTo], {
    cwd: ROOT,
    stdio: 'ignore',
  })
  return persistTo
}

/** The local server serving the app on that database, with the dev login on and the request log off. */
export function startApp(persistTo: string, port: number): Promise<LocalServer> {
  return startLocalServer(
    [
      '--persist-to',
      persistTo,
      '--var',
      'ENVIRONMENT:development',
      '--var',
      'PHOTO_URL_SECRET:bench',
      '--var',
      'BALLOT_SECRET:bench',
      '--var',
      'REQUEST_LOG:off',
    ],
    port,
  )
}

/** The ceiling: a bare Hono route on the same runtime (tests/load/bare-worker.ts). */
export function startBare(port: number): Promise<LocalServer> {
  return startLocalServer(
    ['--config', 'tests/load/bare.wrangler.toml', '--persist-to', freshPersistDir()],
    port,
    '/',
  )
}

/** The same route configured as the app is (assets router in front, a D1), for the floors. */
export function startBareAppShaped(port: number): Promise<LocalServer> {
  return startLocalServer(
    ['--config', 'tests/load/bare-app-shaped.wrangler.toml', '--persist-to', freshPersistDir()],
    port,
    '/api/bare',
  )
}

/**
 * `count` verified residents of 槐树社区 with ids `${prefix}-0…` (openid `dev:<id>`, consented),
 * as INSERT statements; `householdOf(u)` is resident u's household.
 */
export function residentStatements(
  prefix: string,
  count: number,
  householdOf: (u: number) => string,
  createdAt = 0,
): string[] {
  const users: string[] = []
  const residencies: string[] = []
  for (let u = 0; u < count; u++) {
    users.push(
      `(${q(`${prefix}-${u}`)}, ${q(`dev:${prefix}-${u}`)}, ${q(`居民${u}`)}, 'cm-huaishu', '2026-11-01', ${createdAt}, ${createdAt})`,
    )
    residencies.push(
      `(${q(`${prefix}r-${u}`)}, ${q(`${prefix}-${u}`)}, ${q(householdOf(u))}, 'cm-huaishu', 'verified', 'request', 0, ${createdAt})`,
    )
  }
  return [
    ...chunks(
      users,
      'INSERT INTO users (id, openid, nickname, current_community_id, consent_version, consented_at, created_at)',
      300,
    ),
    ...chunks(
      residencies,
      'INSERT INTO residencies (id, user_id, household_id, community_id, status, via, is_representative, verified_at)',
      300,
    ),
  ]
}

/** Sessions (dev login) for the first `count` residents made by residentStatements. */
export async function residentTokens(
  apiBase: string,
  prefix: string,
  count: number,
): Promise<string[]> {
  const tokens: string[] = []
  for (let u = 0; u < count; u++) {
    const res = await http(`${apiBase}/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: `dev:${prefix}-${u}` }),
    })
    tokens.push(((await res.json()) as { token: string }).token)
  }
  return tokens
}

// ── Both runtimes ──────────────────────────────────────────────────────────────────────────
// Each benchmark runs its endpoints on Workers (the local server: Miniflare, workerd, local D1)
// and on Node (server/main.ts: @hono/node-server, a SQLite file through libSQL), one after the
// other, each against a bare Hono route on its own runtime; and reads each endpoint's SQL round
// trips from the x-sql-round-trips header the app sends in development (worker/lib/db.ts).

export type RuntimeName = 'Workers' | 'Node'

/** A private database of one runtime with the demo street, and its servers. */
export type Runtime = {
  name: RuntimeName
  /** Runs SQL statements on the database (seeding, or a change between measurements). */
  execute(statements: string[]): Promise<void>
  /** Rows of one query. */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>
  /** Starts the app (dev login on, request log off) and the bare routes beside it. */
  start(port: number): Promise<Servers>
}

/** The app, its runtime's bare route, and the floors below which no app request can go. */
export type Servers = {
  api: string
  bare: string
  floors: Floor[]
  stop: () => Promise<void>
}
export type Floor = Target & { trips: number }

/** Names of the floors, the same on both runtimes (a runtime without one shows —). */
const AS_SERVED = 'floor: the bare route as the app is served (assets router in front on Workers)'
const ONE_QUERY = 'floor: that, plus one query (SELECT 1)'

/** BENCH_RUNTIMES=node (or workers) runs one of the two. */
export function runtimeNames(): RuntimeName[] {
  const wanted = (process.env.BENCH_RUNTIMES ?? 'workers,node').toLowerCase().split(',')
  return (['Workers', 'Node'] as const).filter((name) => wanted.includes(name.toLowerCase()))
}

export async function openRuntime(name: RuntimeName): Promise<Runtime> {
  return name === 'Workers' ? workersRuntime() : nodeRuntime()
}

function workersRuntime(): Runtime {
  const persistTo = seededDatabase()
  return {
    name: 'Workers',
    async execute(statements) {
      executeSql(persistTo, statements, 60)
    },
    async query<T>(sql: string) {
      return (
        JSON.parse(d1Execute(persistTo, ['--json', '--command', sql])) as { results: T[] }[]
      )[0]!.results
    },
    async start(port) {
      const app = await startApp(persistTo, port)
      const bare = await startBare(port + 1)
      const shaped = await startBareAppShaped(port + 2)
      return {
        api: `${app.baseUrl}/api`,
        bare: `${bare.baseUrl}/`,
        floors: [
          { name: AS_SERVED, url: `${shaped.baseUrl}/api/bare`, trips: 0 },
          { name: ONE_QUERY, url: `${shaped.baseUrl}/api/one-query`, trips: 1 },
        ],
        stop: async () => {
          app.stop()
          bare.stop()
          shaped.stop()
          // Seeded benchmark databases are tens of MB each: none is kept.
          rmSync(persistTo, { recursive: true, force: true })
        },
      }
    },
  }
}

async function nodeRuntime(): Promise<Runtime> {
  const dataDir = freshDataDir('linli-bench-node-')
  const client = await openDatabase(path.join(dataDir, 'linli.db'))
  await migrateFile(client)
  await seedDemoIfEmpty(client)
  return {
    name: 'Node',
    async execute(statements) {
      for (let i = 0; i < statements.length; i += 200)
        await client.executeMultiple(`BEGIN;\n${statements.slice(i, i + 200).join('\n')}\nCOMMIT;`)
    },
    async query<T>(sql: string) {
      return (await client.execute(sql)).rows.map((row) => ({ ...row })) as T[]
    },
    async start(workersPort) {
      // Ports of their own: the Workers servers of the same benchmark may still be exiting.
      const port = workersPort + 100
      const app = await startNodeServer(dataDir, { PORT: String(port), REQUEST_LOG: 'off' })
      const bare = await startBareNode(port + 1, path.join(dataDir, 'bare.db'))
      return {
        api: `${app.baseUrl}/api`,
        bare: `http://127.0.0.1:${port + 1}/`,
        // No router in front on Node: the app serves the H5 build itself.
        floors: [{ name: ONE_QUERY, url: `http://127.0.0.1:${port + 1}/api/one-query`, trips: 1 }],
        stop: async () => {
          await app.stop()
          bare.kill('SIGTERM')
          client.close()
          rmSync(dataDir, { recursive: true, force: true })
        },
      }
    },
  }
}

/** tests/load/bare-node.ts: the bare routes on @hono/node-server, ready when they answer. */
async function startBareNode(port: number, databaseFile: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/load/bare-node.ts', String(port), databaseFile],
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  )
  for (let i = 0; i < 100; i++) {
    try {
      const response = await http(`http://127.0.0.1:${port}/`)
      await response.arrayBuffer()
      if (response.ok) return child
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  child.kill('SIGTERM')
  throw new Error('[bench] the bare Node route did not start')
}

/**
 * The SQL round trips of one request to `target`, as the app counts them (x-sql-round-trips):
 * the request autocannon would send first (its setupRequest applied), sent once.
 */
export async function roundTripsOf(target: Target): Promise<number | null> {
  const url = new URL(target.url)
  let request: { method: string; path: string; headers: Record<string, string>; body?: string } = {
    method: target.method ?? 'GET',
    path: `${url.pathname}${url.search}`,
    headers: { ...target.headers },
    body: target.body,
  }
  const setup = target.requests?.[0]?.setupRequest
  if (setup) request = (setup as unknown as (r: typeof request) => typeof request)(request)
  const response = await http(`${url.origin}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  })
  await response.arrayBuffer()
  const trips = response.headers.get('x-sql-round-trips')
  return trips === null ? null : Number(trips)
}

export type Measured = Figure & { trips: number | null }

/** One endpoint on one runtime: its round trips (one probe request), then the load run. */
export async function measureWithTrips(target: Target, seconds: number): Promise<Measured> {
  const trips = await roundTripsOf(target)
  return { ...(await measure(target, seconds)), trips }
}

/**
 * The two runtimes side by side: for each endpoint, its round trips and, per runtime, req/s,
 * p50, p99 and the share of that runtime's bare route.
 */
export function printComparison(title: string, results: RuntimeResult[]): string {
  const names = [
    ...new Set(results.flatMap((r) => (r.floors ?? []).map((f) => f.name))),
    ...(results[0]?.figures.map((f) => f.name) ?? []),
  ]
  const rowOf = (r: RuntimeResult, name: string) =>
    [...(r.floors ?? []), ...r.figures].find((f) => f.name === name)
  const head = results.map((r) => `${r.runtime} req/s | p50 ms | p99 ms | of bare`).join(' | ')
  const lines = [
    `### ${title}`,
    '',
    `| endpoint | SQL round trips | ${head} |`,
    `|---|---:|${results.map(() => '---:|---:|---:|---:').join('|')}|`,
    `| bare Hono route (ceiling) | 0 | ${results.map((r) => `${r.bare.rps} | ${r.bare.p50} | ${r.bare.p99} | 100%`).join(' | ')} |`,
    ...names.map((name) => {
      const trips = [
        ...new Set(results.flatMap((r) => (rowOf(r, name) ? [rowOf(r, name)!.trips ?? '?'] : []))),
      ].join(' / ')
      const cells = results.map((r) => {
        const f = rowOf(r, name)
        if (!f) return '— | — | — | —'
        const errors = f.errors || f.non2xx ? ` (${f.errors} errors, ${f.non2xx} non-2xx)` : ''
        return `${f.rps}${errors} | ${f.p50} | ${f.p99} | ${((100 * f.rps) / Math.max(1, r.bare.rps)).toFixed(1)}%`
      })
      return `| ${name} | ${trips} | ${cells.join(' | ')} |`
    }),
  ]
  const text = lines.join('\n')
  console.log(`\n${text}\n`)
  return text
}

/** One runtime's figures: its bare route, its floors, and the endpoints measured. */
export type RuntimeResult = {
  runtime: RuntimeName
  bare: Figure
  floors?: Measured[]
  figures: Measured[]
}

/** The bare route and the floors of a runtime's servers, measured before its endpoints. */
export async function measureCeilings(
  servers: Servers,
  seconds: number,
): Promise<{ bare: Figure; floors: Measured[] }> {
  const bare = await measure({ name: 'bare', url: servers.bare }, seconds)
  const floors: Measured[] = []
  for (const floor of servers.floors)
    floors.push({ ...(await measure(floor, seconds)), trips: floor.trips })
  return { bare, floors }
}

/**
 * A benchmark on each runtime in turn: a private database seeded by `seed`, the app and its bare
 * route started, `targets` (built once the app answers: tokens, ids) measured, the servers
 * stopped; then one table of both.
 */
export async function benchBothRuntimes(options: {
  title: string
  port: number
  seconds: number
  seed: (runtime: Runtime) => Promise<void>
  targets: (api: string, runtime: Runtime) => Promise<Target[]>
}): Promise<string> {
  const results: RuntimeResult[] = []
  for (const name of runtimeNames()) {
    const started = Date.now()
    const runtime = await openRuntime(name)
    await options.seed(runtime)
    console.log(`[bench] ${name}: seeded in ${Math.round((Date.now() - started) / 1000)}s`)
    const servers = await runtime.start(options.port)
    try {
      const targets = await options.targets(servers.api, runtime)
      const { bare, floors } = await measureCeilings(servers, options.seconds)
      const figures: Measured[] = []
      for (const target of targets) figures.push(await measureWithTrips(target, options.seconds))
      results.push({ runtime: name, bare, floors, figures })
    } finally {
      await servers.stop()
    }
  }
  return printComparison(options.title, results)
}
