import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createClient, type Client } from '@libsql/client'
import { demoSeedStatements } from '../db/seed/demo'

// The Node runtime's database: one SQLite file through libSQL, brought to the schema by the
// same migrations wrangler applies to D1, recorded in the same table (d1_migrations).

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../db/migrations')

/**
 * Opens (creating it and its folder if needed) the SQLite file. One connection: every libSQL
 * call is synchronous under its promise, so a second connection would add nothing but a second
 * place for the pragmas below to be missing.
 */
export async function openDatabase(file: string): Promise<Client> {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const client = createClient({ url: pathToFileURL(path.resolve(file)).href, concurrency: 1 })
  // WAL: readers (a backup with VACUUM INTO) never block the server's writes, and the server's
  // writes never block them. synchronous=FULL: a commit is on disk before the response that
  // acknowledges it (kill -9 or a power cut loses nothing acknowledged). Foreign keys as on D1.
  await client.execute('PRAGMA journal_mode = WAL')
  await client.execute('PRAGMA synchronous = FULL')
  await client.execute('PRAGMA foreign_keys = ON')
  await client.execute('PRAGMA busy_timeout = 5000')
  // A page cache of 32 MB instead of SQLite's 2 MB: a 金点子 search ranks every row sharing a
  // bigram and reads each one's page (2,500 rows of 20,000 for 路灯太暗, nearly as many pages);
  // with 2 MB they were fetched from the file again on every search (about 9 → 6 ms for that query).
  await client.execute('PRAGMA cache_size = -32768')
  return client
}

export type Migration = { name: string; sql: string }

/** db/migrations/*.sql in order (the names wrangler records). */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(dir, name), 'utf8') }))
}

/**
 * Applies the migrations not yet recorded, each in its own transaction with its record, so a
 * migration that fails leaves the database as it was. Returns the names applied.
 */
export async function migrate(client: Client, migrations = readMigrations()): Promise<string[]> {
  // The table wrangler keeps for D1, so a database moved between runtimes knows its state.
  await client.execute(`CREATE TABLE IF NOT EXISTS d1_migrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT UNIQUE,
    applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`)
  const done = new Set(
    (await client.execute('SELECT name FROM d1_migrations')).rows.map((row) => String(row.name)),
  )
  const applied: string[] = []
  for (const migration of migrations) {
    if (done.has(migration.name)) continue
    await client.executeMultiple(
      `BEGIN IMMEDIATE;\n${migration.sql}\n;INSERT INTO d1_migrations (name) VALUES ('${migration.name.replace(/'/g, "''")}');\nCOMMIT;`,
    )
    applied.push(migration.name)
  }
  return applied
}

/** Loads the demo 街道 when the database holds no street yet; says whether it did. */
export async function seedDemoIfEmpty(client: Client): Promise<boolean> {
  const row = (await client.execute('SELECT COUNT(*) AS n FROM streets')).rows[0]
  if (Number(row?.n ?? 0) > 0) return false
  await client.batch(demoSeedStatements(), 'write')
  return true
}
