// The local API + H5 server for `npm start`, the browser tests and the benchmarks: the worker
// (bundled with esbuild) in workerd through Miniflare, with the bindings of wrangler.toml,
// the local D1 and R2 under --persist-to, serving miniapp/dist/h5.
//
// Why not `wrangler dev`: it puts a proxy worker in front of the app and forwards every request
// over a pooled keep-alive connection that the app's workerd closes after 5 s idle; a request
// the proxy writes on such a connection at that moment is lost, and for a POST wrangler answers
// 503 "Your worker restarted mid-request" (docs/decisions/008-local-server.md). Miniflare serves
// from one workerd, with no hop between the socket and the app.
//
// Usage: tsx scripts/serve-local.mts [--config wrangler.toml] [--port 8787] [--ip 127.0.0.1] [--persist-to DIR]
//        [--var NAME:value]... [--watch] [--cron-port PORT]
//
// --cron-port: GET http://<ip>:PORT/cdn-cgi/handler/scheduled runs the cron handler. Miniflare's own
// /cdn-cgi/handler/scheduled answers "exception" once [assets] is configured (the assets router
// has no scheduled handler: cloudflare/workers-sdk#9882, fixed in miniflare releases after the one
// pinned here), so the trigger is served beside it, calling the worker's scheduled() directly.
import path from 'node:path'
import * as esbuild from 'esbuild'
import { Log, LogLevel, Miniflare } from 'miniflare'
import { unstable_getMiniflareWorkerOptions } from 'wrangler'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'

const root = path.resolve(import.meta.dirname, '..')

type Options = {
  config: string
  port: number
  ip: string
  persistTo: string
  vars: Record<string, string>
  watch: boolean
  cronPort: number | null
}

export function parseArgs(argv: string[]): Options {
  const options: Options = {
    config: path.join(root, 'wrangler.toml'),
    port: 8787,
    ip: '127.0.0.1',
    persistTo: path.join(root, '.wrangler/state'),
    vars: {},
    watch: false,
    cronPort: null,
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const next = () => {
      const value = argv[++i]
      if (value === undefined) throw new Error(`[serve] ${arg} needs a value`)
      return value
    }
    if (arg === '--config') options.config = path.resolve(next())
    else if (arg === '--port') options.port = Number(next())
    else if (arg === '--ip') options.ip = next()
    else if (arg === '--persist-to') options.persistTo = path.resolve(next())
    else if (arg === '--watch') options.watch = true
    else if (arg === '--cron-port') options.cronPort = Number(next())
    else if (arg === '--var') {
      const pair = next()
      const colon = pair.indexOf(':')
      if (colon < 1) throw new Error(`[serve] --var takes NAME:value, got ${pair}`)
      options.vars[pair.slice(0, colon)] = pair.slice(colon + 1)
    } else throw new Error(`[serve] unknown argument ${arg}`)
  }
  return options
}

const options = parseArgs(process.argv.slice(2))
const { workerOptions, main } = unstable_getMiniflareWorkerOptions(options.config)
const outdir = mkdtempSync(path.join(tmpdir(), 'linli-serve-'))
const buildOptions: esbuild.BuildOptions = {
  entryPoints: [main!],
  outdir,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'neutral',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['module', 'main'],
  external: ['node:*', 'cloudflare:*'],
  sourcemap: 'inline',
  logLevel: 'warning',
}
const scriptPath = path.join(outdir, `${path.basename(main!, path.extname(main!))}.js`)

function miniflareOptions() {
  return {
    ...workerOptions,
    bindings: { ...workerOptions.bindings, ...options.vars },
    modules: true,
    scriptPath,
    modulesRoot: outdir,
    // No request.cf from Cloudflare's servers (no internet here): a fixed placeholder.
    cf: false,
    host: options.ip,
    port: options.port,
    d1Persist: path.join(options.persistTo, 'v3/d1'),
    r2Persist: path.join(options.persistTo, 'v3/r2'),
    // GET /cdn-cgi/handler/scheduled runs the cron handler, as with `wrangler dev`.
    unsafeTriggerHandlers: true,
    log: new Log(LogLevel.WARN),
  }
}

await esbuild.build(buildOptions)
const mf = new Miniflare(miniflareOptions())
const url = await mf.ready
console.log(`[serve] Ready on ${url.origin}`)

if (options.cronPort !== null) {
  const cron = createServer((request, response) => {
    if (!request.url?.startsWith('/cdn-cgi/handler/scheduled')) {
      response.writeHead(404).end()
      return
    }
    // scheduled() resolves once the handler and its waitUntil() work have finished.
    void mf
      .getWorker()
      .then((worker) => worker.scheduled({ cron: '*/5 * * * *', scheduledTime: new Date() }))
      .then(
        (result) => response.writeHead(result.outcome === 'ok' ? 200 : 500).end(result.outcome),
        (error: unknown) => response.writeHead(500).end(String(error)),
      )
  })
  cron.listen(options.cronPort, options.ip, () =>
    console.log(
      `[serve] Cron trigger on http://${options.ip}:${options.cronPort}/cdn-cgi/handler/scheduled`,
    ),
  )
}

if (options.watch) {
  // Rebuild and reload the worker when its source changes (npm start).
  let initialBuild = true
  const context = await esbuild.context({
    ...buildOptions,
    plugins: [
      {
        name: 'reload',
        setup(build) {
          build.onEnd(async (result) => {
            // watch() starts with a build of what is already running: nothing to reload.
            if (initialBuild) return void (initialBuild = false)
            if (result.errors.length) return
            await mf.setOptions(miniflareOptions())
            console.log('[serve] reloaded')
          })
        },
      },
    ],
  })
  await context.watch()
}

const stop = async () => {
  await mf.dispose()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
