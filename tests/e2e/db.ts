// Direct SQL on the e2e server's database, for what a browser cannot do: check the database
// after a race, or move a deadline into the past instead of waiting for it. The local D1 of the
// Workers server, or the SQLite file of the Node server (node.vitest.config.mts).
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { inject } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')

export function hasDatabase(): boolean {
  return Boolean(inject('stateDir') || inject('sqliteFile'))
}

export function sql<T = Record<string, unknown>>(statement: string): T[] {
  const sqliteFile = inject('sqliteFile')
  if (sqliteFile) {
    const out = execFileSync(
      process.execPath,
      [path.join(root, 'tests/e2e/sql-file.mjs'), sqliteFile, statement],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    )
    return JSON.parse(out) as T[]
  }
  const stateDir = inject('stateDir')
  if (!stateDir)
    throw new Error(
      '[e2e] no local database: this test needs the server started by global-setup (not E2E_BASE_URL)',
    )
  const out = execFileSync(
    'npx',
    [
      'wrangler',
      'd1',
      'execute',
      'DB',
      '--local',
      '--persist-to',
      stateDir,
      '--json',
      '--command',
      statement,
    ],
    {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  return (JSON.parse(out) as { results: T[] }[])[0]?.results ?? []
}
