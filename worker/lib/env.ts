import type { DrizzleD1Database } from 'drizzle-orm/d1'
import type * as schema from '../../db/schema'

// Bindings and variables from wrangler.toml (or the test pool's miniflare options).
export type Bindings = {
  DB: D1Database
  ASSETS?: Fetcher
  /** "development" enables the dev login; anything else (e.g. "production") removes it. */
  ENVIRONMENT: string
  WECHAT_API_BASE: string
  WECHAT_APPID: string
  WECHAT_SECRET?: string
  /** Private bucket for photos; served only through the worker. */
  PHOTOS: R2Bucket
  /** Signs short-lived URLs of photos that are not public yet (wrangler secret in production). */
  PHOTO_URL_SECRET: string
  /** Keys ballot rows (HMAC of voter): without it, ballots cannot be linked to a voter (wrangler secret). */
  BALLOT_SECRET: string
  /** "off" silences the per-request log line (the worker tests, where thousands of lines slow the runner). */
  REQUEST_LOG?: string
}

/** The signed-in user, as the session middleware (lib/auth.ts) resolves the bearer token. */
export type SessionUser = {
  id: string
  nickname: string
  consentVersion: string | null
  currentCommunityId: string | null
  sessionId: string
}

// Where photo bytes live. On Workers it is R2 (private bucket, served only through the worker,
// lib/photo-store.ts); a Node deployment would implement the same interface on the file system.
export interface PhotoStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>
  get(key: string): Promise<{ body: ReadableStream; contentType: string } | null>
}

/** Drizzle over D1; $client is the D1 binding itself, used only by runBatch. */
export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database }

export type AppEnv = {
  Bindings: Bindings
  Variables: {
    db: Db
    requestId: string
    /** Set by the session middleware when a valid bearer token was sent. */
    user: SessionUser | null
    photos: PhotoStore
    photoSecret: string
    ballotSecret: string
  }
}
