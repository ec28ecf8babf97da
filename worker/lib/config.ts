import { z } from 'zod'
import type { Config } from './env'

// The configuration both runtimes share (lib/env.ts#Config) and the one check of it. On Workers
// the values are wrangler.toml vars and `wrangler secret`s, and the two signing secrets are
// checked on every request (photo-store.ts: a Worker cannot refuse to start). On Node
// (server/config.ts) they come from the environment or .env and are checked once, before the
// server listens: it refuses to start with the list of what is wrong.

/** The value `npm run serve` and `npm run start:node` use in development; never valid elsewhere. */
export const DEVELOPMENT_SECRET = 'local-development-only'

/** The secrets every request needs: photo URLs are signed and ballots keyed with them. */
export function requestSecrets(env: Pick<Config, 'PHOTO_URL_SECRET' | 'BALLOT_SECRET'>) {
  if (!env.PHOTO_URL_SECRET) throw new Error('PHOTO_URL_SECRET is not configured')
  if (!env.BALLOT_SECRET) throw new Error('BALLOT_SECRET is not configured')
  return { photoSecret: env.PHOTO_URL_SECRET, ballotSecret: env.BALLOT_SECRET }
}

const secret = (name: string) =>
  z
    .string(`${name} is not set`)
    .min(16, `${name} must be at least 16 characters (e.g. openssl rand -hex 32)`)
    .refine((v) => v !== DEVELOPMENT_SECRET, `${name} still has the development value`)

const Shared = {
  WECHAT_API_BASE: z.url('WECHAT_API_BASE must be a URL').default('https://api.weixin.qq.com'),
  // Checked in full where it is read (worker/inbox/template-config.ts): JSON at least.
  WECHAT_SUBSCRIBE_TEMPLATES: z
    .string()
    .refine(isJsonObject, 'WECHAT_SUBSCRIBE_TEMPLATES must be a JSON object')
    .optional(),
  WECHAT_MINIPROGRAM_STATE: z
    .enum(
      ['formal', 'trial', 'developer'],
      'WECHAT_MINIPROGRAM_STATE is formal, trial or developer',
    )
    .optional(),
  WECHAT_CONTENT_CHECK: z.enum(['on', 'off'], 'WECHAT_CONTENT_CHECK is on or off').optional(),
  WECHAT_PUSH_TOKEN: z.string().optional(),
  REQUEST_LOG: z.enum(['on', 'off']).optional(),
}

/** Development: the dev login is on and the secrets have local defaults, as under `npm start`. */
const DevelopmentConfig = z.object({
  ENVIRONMENT: z.literal('development'),
  WECHAT_APPID: z.string().default(''),
  WECHAT_SECRET: z.string().optional(),
  PHOTO_URL_SECRET: z.string().min(1).default(DEVELOPMENT_SECRET),
  BALLOT_SECRET: z.string().min(1).default(DEVELOPMENT_SECRET),
  ...Shared,
})

/** Anything else is a deployment residents use: every secret is required and none is a default. */
const DeploymentConfig = z.object({
  ENVIRONMENT: z
    .string()
    .min(1)
    .refine((v) => v !== 'development'),
  WECHAT_APPID: z.string('WECHAT_APPID is not set').min(1, 'WECHAT_APPID is not set'),
  WECHAT_SECRET: z.string('WECHAT_SECRET is not set').min(1, 'WECHAT_SECRET is not set'),
  PHOTO_URL_SECRET: secret('PHOTO_URL_SECRET'),
  BALLOT_SECRET: secret('BALLOT_SECRET'),
  ...Shared,
})

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
  } catch {
    return false
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration refused:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/**
 * The configuration from raw variables (empty strings count as unset); ENVIRONMENT defaults to
 * "production", so a server started without it never offers the dev login. Throws ConfigError
 * listing every problem.
 */
export function parseConfig(vars: Record<string, string | undefined>): Config {
  const raw = Object.fromEntries(
    Object.entries(vars).filter((entry): entry is [string, string] => Boolean(entry[1])),
  )
  raw.ENVIRONMENT ??= 'production'
  const schema = raw.ENVIRONMENT === 'development' ? DevelopmentConfig : DeploymentConfig
  const parsed = schema.safeParse(raw)
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => issue.message))
  return parsed.data
}
