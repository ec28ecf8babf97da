// Shared pieces of the benchmarks: start the local server on a private local D1, run autocannon
// against a list of endpoints, print figures. Loopback only; every run is bounded in time.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { http } from '../http-client'
import { startLocalServer, type LocalServer } from '../local-server'

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
