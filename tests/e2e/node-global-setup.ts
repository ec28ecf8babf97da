import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { freshDataDir, startNodeServer } from '../node-server'
import { chromiumAvailable, MISSING_CHROMIUM_IN_CI, MISSING_CHROMIUM_MESSAGE } from './chromium'

declare module 'vitest' {
  interface ProvidedContext {
    /** The Node server's SQLite file (for tests/e2e/db.ts); empty on the Workers server. */
    sqliteFile: string
  }
}

const root = path.resolve(import.meta.dirname, '../..')

/**
 * The browser journeys of node.vitest.config.mts against the Node server (server/main.ts, as
 * `npm run start:node` runs it) on a fresh SQLite file with the demo street, serving
 * miniapp/dist/h5.
 */
export default async function setup(project: TestProject) {
  project.provide('stateDir', '')
  if (!chromiumAvailable()) {
    if (process.env.CI === 'true') throw new Error(MISSING_CHROMIUM_IN_CI)
    console.warn(MISSING_CHROMIUM_MESSAGE)
    project.provide('baseUrl', '')
    project.provide('sqliteFile', '')
    return
  }
  if (!existsSync(path.join(root, 'miniapp/dist/h5/index.html')))
    throw new Error(
      '[e2e] miniapp/dist/h5 is missing: run `npm run build:h5` first (npm run test:e2e does).',
    )
  const dataDir = freshDataDir('linli-e2e-node-')
  const server = await startNodeServer(dataDir)
  project.provide('baseUrl', server.baseUrl)
  project.provide('sqliteFile', server.databasePath)
  return async () => {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
