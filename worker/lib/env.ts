import type { Client as LibsqlClient } from '@libsql/client'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'

/**
 * Configuration both runtimes read: wrangler.toml vars and secrets on Workers, the environment
 * (or .env) on Node, checked by lib/config.ts.
 */
export type Config = {
  /** "development" enables the dev login; anything else (e.g. "production") removes it. */
  ENVIRONMENT: string
  WECHAT_API_BASE: string
  WECHAT_APPID: string
  WECHAT_SECRET?: string
  /**
   * Subscribe-message templates per topic and their field mapping, JSON (worker/inbox/
   * template-config.ts); unset: no resident is asked and nothing is sent on WeChat.
   */
  WECHAT_SUBSCRIBE_TEMPLATES?: string
  /** Which version of the mini-program a subscribe message opens: formal (default), trial, developer. */
  WECHAT_MINIPROGRAM_STATE?: string
  /**
   * WeChat's content checks (msgSecCheck, mediaCheckAsync; decision 013): 'on' | 'off'. Unset: on in
   * a deployment, off in development, where the street's word list alone checks text.
   */
  WECHAT_CONTENT_CHECK?: string
  /** The token WeChat signs its pushes with (消息推送), for photo verdicts (wrangler secret). */
  WECHAT_PUSH_TOKEN?: string
  /** Signs short-lived URLs of photos that are not public yet (wrangler secret in production). */
  PHOTO_URL_SECRET: string
  /** Keys ballot rows (HMAC of voter): without it, ballots cannot be linked to a voter (wrangler secret). */
  BALLOT_SECRET: string
  /** "off" silences the per-request log line (the worker tests, where thousands of lines slow the runner). */
  REQUEST_LOG?: string
}

// The runtime is chosen here, at the edge, and nowhere else: lib/db.ts turns DB into `Db` and
// lib/photo-store.ts turns PHOTOS into a `PhotoStore`; routes and services see only those.

/** Workers: bindings and variables from wrangler.toml (or the test pool's miniflare options). */
export type Bindings = Config & {
  DB: D1Database
  ASSETS?: Fetcher
  /** Private bucket for photos; served only through the worker. */
  PHOTOS: R2Bucket
}

/** Node (server/): a SQLite file through libSQL, and photos in a directory on disk. */
export type NodeBindings = Config & {
  DB: LibsqlClient
  PHOTOS: PhotoStore
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
// lib/photo-store.ts); on Node a directory on disk (server/disk-photo-store.ts).
export interface PhotoStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>
  get(key: string): Promise<{ body: ReadableStream; contentType: string } | null>
  /** Removes the bytes; a key that is not there is not an error. */
  delete(key: string): Promise<void>
}

/**
 * Drizzle over D1 (Workers) or over libSQL (Node), as lib/db.ts#createDb builds it. What the two
 * drivers return from a bare `db.run()` differs, so its result is `unknown`: read rows with
 * `db.all()`. $client is the driver's own client, used only by lib/db.ts.
 */
export type Db = BaseSQLiteDatabase<'async', unknown> & {
  $client: D1Database | LibsqlClient
}

export type AppEnv = {
  Bindings: Bindings | NodeBindings
  Variables: {
    db: Db
    requestId: string
    /** Set by the session middleware when a valid bearer token was sent. */
    user: SessionUser | null
    /** A signed-in write: the user's writes in this window, this one included (session middleware). */
    writes?: number
    photos: PhotoStore
    photoSecret: string
    ballotSecret: string
  }
}
