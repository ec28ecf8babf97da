import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startLocalServer, serveVars, type LocalServer } from '../local-server'
import { fakeWechatVars, startFakeWechat, type FakeWechatServer } from '../fake-wechat-server'
import { chromiumAvailable, MISSING_CHROMIUM_IN_CI, MISSING_CHROMIUM_MESSAGE } from './chromium'

declare module 'vitest' {
  interface ProvidedContext {
    /** Origin serving both /api and the H5 build; empty when the browser tests are skipped. */
    baseUrl: string
    /** The local D1 state of that server (for tests/e2e/db.ts); empty with E2E_BASE_URL. */
    stateDir: string
    /** The fake WeChat that server talks to (GET /__fake/requests); empty with E2E_BASE_URL. */
    wechatUrl: string
    /** GET here runs the server's cron handler (serve-local --cron-port); empty with E2E_BASE_URL. */
    cronUrl: string
  }
}

const root = path.resolve(import.meta.dirname, '../..')

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

/**
 * Starts the local server of `npm start` (scripts/serve-local.mts) on a free port with a fresh,
 * migrated and seeded local D1 (in a temp dir, so the developer's .wrangler/state is untouched)
 * serving miniapp/dist/h5.
 * With E2E_BASE_URL set, uses that server instead and starts nothing.
 */
export default async function setup(project: TestProject) {
  if (!chromiumAvailable()) {
    if (process.env.CI === 'true') throw new Error(MISSING_CHROMIUM_IN_CI)
    console.warn(MISSING_CHROMIUM_MESSAGE)
    project.provide('baseUrl', '')
    project.provide('stateDir', '')
    project.provide('wechatUrl', '')
    project.provide('cronUrl', '')
    return
  }

  if (process.env.E2E_BASE_URL) {
    project.provide('baseUrl', process.env.E2E_BASE_URL.replace(/\/+$/, ''))
    project.provide('stateDir', '')
    project.provide('wechatUrl', '')
    project.provide('cronUrl', '')
    return
  }

  if (!existsSync(path.join(root, 'miniapp/dist/h5/index.html'))) {
    throw new Error(
      '[e2e] miniapp/dist/h5 is missing: run `npm run build:h5` first (npm run test:e2e does).',
    )
  }

  const stateDir = mkdtempSync(path.join(tmpdir(), 'linli-e2e-'))
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' }
  const run = (script: string) =>
    execFileSync('npm', ['run', '--silent', script, '--', '--persist-to', stateDir], {
      cwd: root,
      env,
      stdio: 'pipe',
    })
  run('db:migrate:local')
  run('db:seed:local')

  // WeChat's servers are the only thing faked: the server sends its subscribe messages here.
  const wechat: FakeWechatServer = await startFakeWechat()
  const cronPort = await freePort()
  let server: LocalServer
  try {
    const vars = serveVars(
      JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts?.serve,
    )
    server = await startLocalServer(
      [
        '--persist-to',
        stateDir,
        ...vars,
        ...fakeWechatVars(wechat.url),
        '--cron-port',
        String(cronPort),
      ],
      await freePort(),
    )
  } catch (error) {
    await wechat.close()
    rmSync(stateDir, { recursive: true, force: true })
    throw error
  }
  const stop = async () => {
    server.stop()
    await wechat.close()
    rmSync(stateDir, { recursive: true, force: true })
  }
  const baseUrl = server.baseUrl
  project.provide('baseUrl', baseUrl)
  project.provide('stateDir', stateDir)
  project.provide('wechatUrl', wechat.url)
  project.provide('cronUrl', `http://127.0.0.1:${cronPort}/cdn-cgi/handler/scheduled`)
  return stop
}
