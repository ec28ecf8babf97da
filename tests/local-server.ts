import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { http } from './http-client'

// Starts scripts/serve-local.mts (the server of `npm start`) for the browser tests and the
// benchmarks, and stops it with its workerd.

const root = path.resolve(import.meta.dirname, '..')

export type LocalServer = {
  child: ChildProcess
  baseUrl: string
  output: () => string
  stop: () => void
}

/**
 * The `--var NAME:value` pairs of `npm run serve` (dev login, local secrets), so a server
 * started by a test is configured exactly like the one developers run.
 */
export function serveVars(serveScript: string | undefined): string[] {
  const vars = [...(serveScript ?? '').matchAll(/--var[ =]+(\S+)/g)].map((m) => m[1]!)
  if (!vars.some((v) => v.startsWith('ENVIRONMENT:'))) vars.push('ENVIRONMENT:development')
  return vars.flatMap((v) => ['--var', v])
}

export async function startLocalServer(
  args: string[],
  port: number,
  readyPath = '/api/health',
  timeoutMs = 90_000,
): Promise<LocalServer> {
  const child = spawn(
    'npx',
    ['tsx', 'scripts/serve-local.mts', '--ip', '127.0.0.1', '--port', String(port), ...args],
    {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
      // Its own process group, so stop() ends workerd too.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const stop = () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
    }
  }
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`[serve] exited (${child.exitCode}):\n${output}`)
    try {
      const response = await http(`${baseUrl}${readyPath}`)
      await response.arrayBuffer()
      if (response.ok) return { child, baseUrl, output: () => output, stop }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  stop()
  throw new Error(`[serve] did not answer ${readyPath} within ${timeoutMs / 1000}s:\n${output}`)
}
