import { existsSync } from 'node:fs'
import path from 'node:path'
import { ConfigError, parseConfig } from '../worker/lib/config'
import type { Config } from '../worker/lib/env'

// The Node server's configuration: the app's (worker/lib/config.ts, the same check as on
// Workers) plus where this machine keeps things. From the environment, and from an .env file
// for what the environment does not set.

export const ROOT = path.resolve(import.meta.dirname, '..')

export type ServerConfig = {
  app: Config
  /** PORT, default 8787 (as `npm start`); 0 takes any free port (tests). */
  port: number
  /** HOST, default 127.0.0.1: behind the reverse proxy that terminates HTTPS. */
  host: string
  /** DATABASE_PATH, default .data/linli.db. */
  databasePath: string
  /** PHOTOS_DIR, default .data/photos. */
  photosDir: string
  /** H5_DIR, default miniapp/dist/h5 (the build `npm run build:h5` makes). */
  h5Dir: string
}

/** Reads `file` (default ROOT/.env, or ENV_FILE) into process.env without overriding what is set. */
export function loadEnvFile(file = process.env.ENV_FILE ?? path.join(ROOT, '.env')): void {
  if (existsSync(file)) process.loadEnvFile(file)
}

/** The configuration from `env`; throws ConfigError with every problem found. */
export function serverConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const problems: string[] = []
  let app: Config | undefined
  try {
    app = parseConfig(env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    problems.push(...error.problems)
  }
  const port = Number(env.PORT || 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be a port number, got ${JSON.stringify(env.PORT)}`)
  if (problems.length > 0 || !app) throw new ConfigError(problems)
  return {
    app,
    port,
    host: env.HOST || '127.0.0.1',
    ...storagePaths(env),
    h5Dir: path.resolve(ROOT, env.H5_DIR || 'miniapp/dist/h5'),
  }
}

/** Where the database and the photos are (all backup and restore need: no secrets). */
export function storagePaths(env: Record<string, string | undefined> = process.env) {
  return {
    databasePath: path.resolve(ROOT, env.DATABASE_PATH || '.data/linli.db'),
    photosDir: path.resolve(ROOT, env.PHOTOS_DIR || '.data/photos'),
  }
}
