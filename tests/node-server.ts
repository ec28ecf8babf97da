import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

// Starts the Node server (server/main.ts, what `npm run serve:node` runs) for the server tests,
// the browser journeys on Node and the benchmarks. One process — `node --import tsx`, as the
// systemd unit in docs/deploy.md runs it — so that a kill -9 of `pid` is a kill -9 of the server.

const root = path.resolve(import.meta.dirname, '..')

export type NodeServer = {
  child: ChildProcess
  pid: number
  baseUrl: string
  databasePath: string
  photosDir: string
  output: () => string
  /** SIGTERM, and resolves when the process has exited. */
  stop: () => Promise<void>
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<number | string>
}

/** A fresh folder for a server's database and photos. */
export function freshDataDir(prefix = 'linli-node-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix))
}

/**
 * A server on `dataDir`/linli.db and `dataDir`/photos (unless env says otherwise), development by
 * default (dev login), on a free port unless PORT is given; resolves when it says it is ready.
 */
export async function startNodeServer(
  dataDir: string,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<NodeServer> {
  const databasePath = env.DATABASE_PATH ?? path.join(dataDir, 'linli.db')
  const photosDir = env.PHOTOS_DIR ?? path.join(dataDir, 'photos')
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--default-environment', 'development'],
    {
      cwd: root,
      env: {
        ...process.env,
        // A developer's .env must not leak into a test's server.
        ENV_FILE: path.join(dataDir, '.env'),
        PORT: '0',
        REQUEST_LOG: 'off',
        ...env,
        DATABASE_PATH: databasePath,
        PHOTOS_DIR: photosDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  )
  const ready = new Promise<string>((resolve, reject) => {
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000)
      const match = /Ready on (http:\/\/[^\s]+)/.exec(output)
      if (match) resolve(match[1]!)
    }
    child.stdout?.on('data', keep)
    child.stderr?.on('data', keep)
    void exited.then((code) => reject(new Error(`[node server] exited (${code}):\n${output}`)))
    setTimeout(
      () => reject(new Error(`[node server] not ready within ${timeoutMs / 1000}s:\n${output}`)),
      timeoutMs,
    ).unref()
  })
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  let baseUrl: string
  try {
    baseUrl = await ready
  } catch (error) {
    await stop()
    throw error
  }
  return {
    child,
    pid: child.pid!,
    baseUrl,
    databasePath,
    photosDir,
    output: () => output,
    stop,
    exited,
  }
}
