// The Node entry (`npm run start:node`, or `npm run serve:node` without the H5 build): the same
// Hono app as on Workers, on a SQLite file through libSQL, photos on disk, housekeeping on a
// timer. For a 居委会 that must host in the mainland (docs/deploy.md).
//
// Configuration: environment variables, then .env (server/config.ts). Refuses to start, saying
// why, when a deployment (ENVIRONMENT other than "development") lacks a secret.
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { serve } from '@hono/node-server'
import { Cron } from 'croner'
import { HOUSEKEEPING_CRON, runHousekeeping } from '../worker/jobs'
import { ConfigError } from '../worker/lib/config'
import { createDb } from '../worker/lib/db'
import { loadEnvFile, serverConfig, type ServerConfig } from './config'
import { migrate, openDatabase, seedDemoIfEmpty } from './database'
import { diskPhotoStore } from './disk-photo-store'
import { nodeBindings, nodeFetch } from './node-app'
import { pidFileOf, runningServer } from './pid-file'

/**
 * `--default-environment development` (npm run start:node / serve:node): the environment to assume
 * when neither the environment nor .env names one. Without it a server is a deployment.
 */
function defaultEnvironment(): string | undefined {
  const i = process.argv.indexOf('--default-environment')
  return i > 0 ? process.argv[i + 1] : undefined
}

function readConfig(): ServerConfig {
  loadEnvFile()
  process.env.ENVIRONMENT ||= defaultEnvironment()
  try {
    return serverConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`[linli] ${error.message}\n[linli] not started (see docs/deploy.md)`)
    process.exit(1)
  }
}

async function main() {
  const config = readConfig()
  const development = config.app.ENVIRONMENT === 'development'
  // One server per database: restore and a second server both read this file.
  const pidFile = pidFileOf(config.databasePath)
  const other = runningServer(config.databasePath)
  if (other !== null) {
    console.error(
      `[linli] a server (pid ${other}) already serves ${config.databasePath}: not started`,
    )
    process.exit(1)
  }
  const client = await openDatabase(config.databasePath)
  writeFileSync(pidFile, String(process.pid))
  process.on('exit', () => rmSync(pidFile, { force: true }))
  const applied = await migrate(client)
  if (applied.length) console.log(`[linli] migrations applied: ${applied.join(', ')}`)
  if (development && (await seedDemoIfEmpty(client)))
    console.log('[linli] 已写入演示街道：青梧街道（槐树社区、枫桥社区）、青梧邻里中心和演示用户')
  if (!existsSync(path.join(config.h5Dir, 'index.html')))
    console.warn(
      `[linli] no H5 build in ${config.h5Dir}: the API serves, the app does not (npm run build:h5)`,
    )

  const bindings = nodeBindings(config.app, client, diskPhotoStore(config.photosDir))
  const fetchApp = nodeFetch(bindings, config.h5Dir)

  async function housekeeping() {
    try {
      await runHousekeeping(createDb(client), config.app)
    } catch (error) {
      console.error(JSON.stringify({ job: 'housekeeping', error: String(error) }))
    }
  }
  // The cron of wrangler.toml, in UTC as Cloudflare runs it; a run still going skips the next.
  const timer = new Cron(HOUSEKEEPING_CRON, { timezone: 'UTC', protect: true }, housekeeping)

  const server = serve(
    {
      hostname: config.host,
      port: config.port,
      fetch: (request) => {
        // As `wrangler dev` and npm start: run the cron handler now (development only).
        if (development && new URL(request.url).pathname === '/cdn-cgi/handler/scheduled')
          return housekeeping().then(() => new Response('Ran scheduled event'))
        return fetchApp(request)
      },
    },
    (info) => {
      console.log(
        `[linli] Ready on http://${config.host}:${info.port} (${config.app.ENVIRONMENT}; database ${config.databasePath})`,
      )
    },
  )
  server.on('error', (error) => {
    console.error(`[linli] cannot listen on ${config.host}:${config.port}: ${error.message}`)
    process.exit(1)
  })

  let stopping = false
  function stop() {
    if (stopping) return
    stopping = true
    timer.stop()
    // Finish the requests in flight, then close the database (a clean WAL checkpoint).
    server.close(() => {
      client.close()
      process.exit(0)
    })
    setTimeout(() => process.exit(0), 10_000).unref()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
