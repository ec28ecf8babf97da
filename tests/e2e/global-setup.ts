import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { chromiumAvailable, MISSING_CHROMIUM_IN_CI, MISSING_CHROMIUM_MESSAGE } from './chromium'

declare module 'vitest' {
  interface ProvidedContext {
    /** Origin serving both /api and the H5 build; empty when the browser tests are skipped. */
    baseUrl: string
    /** The local D1 state of that server (for tests/e2e/db.ts); empty with E2E_BASE_URL. */
    stateDir: string
  }
}

const root = path.resolve(import.meta.dirname, '../..')

/**
 * The `--var NAME:value` pairs of `npm run serve` (dev login, local secrets), so the server
 * started here is configured exactly like the one developers run.
 */
export function serveVars(serveScript: string | undefined): string[] {
  const vars = [...(serveScript ?? '').matchAll(/--var[ =]+(\S+)/g)].map((m) => m[1]!)
  if (!vars.some((v) => v.startsWith('ENVIRONMENT:'))) vars.push('ENVIRONMENT:development')
  return vars.flatMap((v) => ['--var', v])
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

async function waitForHealth(baseUrl: string, server: ChildProcess, log: () => string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`[e2e] wrangler dev exited (${server.exitCode}):\n${log()}`)
    try {
      const response = await fetch(`${baseUrl}/api/health`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`[e2e] wrangler dev did not answer /api/health within ${timeoutMs / 1000}s:\n${log()}`)
}

/**
 * Starts `wrangler dev` on a free port with a fresh, migrated and seeded local D1 (in a temp
 * dir, so the developer's .wrangler/state is untouched) serving miniapp/dist/h5.
 * With E2E_BASE_URL set, uses that server instead and starts nothing.
 */
export default async function setup(project: TestProject) {
  if (!chromiumAvailable()) {
    if (process.env.CI === 'true') throw new Error(MISSING_CHROMIUM_IN_CI)
    console.warn(MISSING_CHROMIUM_MESSAGE)
    project.provide('baseUrl', '')
    project.provide('stateDir', '')
    return
  }

  if (process.env.E2E_BASE_URL) {
    project.provide('baseUrl', process.env.E2E_BASE_URL.replace(/\/+$/, ''))
    project.provide('stateDir', '')
    return
  }

  if (!existsSync(path.join(root, 'miniapp/dist/h5/index.html'))) {
    throw new Error('[e2e] miniapp/dist/h5 is missing: run `npm run build:h5` first (npm run test:e2e does).')
  }

  const stateDir = mkdtempSync(path.join(tmpdir(), 'linli-e2e-'))
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' }
  const run = (script: string) =>
    execFileSync('npm', ['run', '--silent', script, '--', '--persist-to', stateDir], { cwd: root, env, stdio: 'pipe' })
  run('db:migrate:local')
  run('db:seed:local')

  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  let output = ''
  const server = spawn(
    'npx',
    [
      'wrangler', 'dev',
      '--ip', '127.0.0.1',
      '--port', String(port),
      '--persist-to', stateDir,
      ...serveVars(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts?.serve),
      '--show-interactive-dev-session=false',
    ],
    { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000)
  }
  server.stdout?.on('data', keep)
  server.stderr?.on('data', keep)

  const stop = () => {
    // wrangler starts workerd as a child: end the whole process group we created.
    if (server.pid && server.exitCode === null) {
      try {
        process.kill(-server.pid, 'SIGTERM')
      } catch {
        // already gone
      }
    }
    rmSync(stateDir, { recursive: true, force: true })
  }

  try {
    await waitForHealth(baseUrl, server, () => output)
  } catch (error) {
    stop()
    throw error
  }
  project.provide('baseUrl', baseUrl)
  project.provide('stateDir', stateDir)
  return stop
}
