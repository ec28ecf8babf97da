import { env } from 'cloudflare:workers'
import { demoSeedStatements, DEMO } from '../../db/seed/demo'
import { photoStoreOf, type PhotoStore } from '../../worker/lib/photo-store'
import { client, expectStatus, fetchWorker, rawRequest, readJson, send, type Res } from './client'

export { DEMO, fetchWorker, rawRequest, readJson, type Res }

/** Loads the demo 街道 into this test file's D1. */
export async function seedDemo(): Promise<void> {
  const statements = demoSeedStatements().map((sql) => env.DB.prepare(sql))
  await env.DB.batch(statements)
}

/**
 * This file's photo store through the app's own interface (R2 in workerd, the photo directory on
 * Node), for tests that put or read stored bytes directly.
 */
export function photoStore(): PhotoStore {
  return photoStoreOf(env.PHOTOS)
}

/** A session for a seeded demo user (e.g. "resident-wang", "staff-zhao"). */
export async function loginDemo(key: string): Promise<string> {
  const res = await send(client().auth.dev.$post({ json: { demoUser: key } }))
  if (res.status !== 200)
    throw new Error(`dev login ${key} failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.token
}

/** A session for a fresh user identified by openid; `consent` accepts the privacy notice too. */
export async function loginNew(
  openid: string,
  { consent = true } = {},
): Promise<{ token: string; userId: string }> {
  const res = await send(client().auth.dev.$post({ json: { openid } }))
  if (res.status !== 200)
    throw new Error(`dev login ${openid} failed: ${res.status} ${JSON.stringify(res.body)}`)
  const token = res.body.token
  if (consent) {
    const notice = expectStatus(await send(client().privacy.notice.$get()), 200)
    const consented = await send(
      client(token).me.consent.$post({ json: { version: notice.body.version } }),
    )
    if (consented.status !== 200)
      throw new Error(`consent for ${openid} failed: ${consented.status}`)
  }
  return { token, userId: res.body.user.id }
}

export async function dbCount(sql: string, ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>()
  return row?.n ?? 0
}

/** Rows of a raw SQL query against this test file's D1. */
export async function dbRows<T = Record<string, unknown>>(
  sql: string,
  ...params: unknown[]
): Promise<T[]> {
  const result = await env.DB.prepare(sql)
    .bind(...params)
    .all<T>()
  return result.results
}

/** Runs a raw SQL write (to age a session, expire a code, …). */
export async function dbRun(sql: string, ...params: unknown[]): Promise<void> {
  await env.DB.prepare(sql)
    .bind(...params)
    .run()
}

/**
 * Clears the rate-limit counters. Files that drive many writes through one staff account call
 * this between tests so that the 60 writes/minute limit (tested in auth.test.ts) does not leak
 * into unrelated tests.
 */
export async function resetRateLimits(): Promise<void> {
  await dbRun('DELETE FROM rate_limits')
}

/** SHA-256 hex, computed here independently of the worker's helper. */
export async function sha256(input: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(input))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Demo sessions cached for one test file: each demo user logs in once, which keeps the file
 * under the login limit of 10 per openid and minute.
 */
export function demoSessions() {
  const tokens = new Map<string, Promise<string>>()
  return (key: string): Promise<string> => {
    let token = tokens.get(key)
    if (!token) {
      token = loginDemo(key)
      tokens.set(key, token)
    }
    return token
  }
}

/** Staff issue one invite code per household; returns the codes in the same order. */
export async function issueCodes(
  staffToken: string,
  communityId: string,
  householdIds: string[],
): Promise<string[]> {
  const res = await send(
    client(staffToken).communities[':id']['invite-codes'].$post({
      param: { id: communityId },
      json: { householdIds },
    }),
  )
  if (res.status !== 201)
    throw new Error(`issue codes failed: ${res.status} ${JSON.stringify(res.body)}`)
  return householdIds.map((id) => res.body.items.find((i) => i.householdId === id)!.code)
}

/** A fresh consented user who became a verified resident of the household with an invite code. */
export async function newResident(
  openid: string,
  staffToken: string,
  communityId: string,
  householdId: string,
) {
  const [code] = await issueCodes(staffToken, communityId, [householdId])
  const user = await loginNew(openid)
  const res = await send(client(user.token).residency.claim.$post({ json: { code: code! } }))
  if (res.status !== 200) throw new Error(`claim failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { ...user, residencyId: res.body.id }
}

/** A pending residency request of a fresh consented user. */
export async function newRequest(
  openid: string,
  input: { communityId: string; buildingId: string; unit: string; room: string; realName: string },
) {
  const user = await loginNew(openid)
  const res = await send(client(user.token).residency.requests.$post({ json: input }))
  if (res.status !== 201)
    throw new Error(`request failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { ...user, requestId: res.body.id }
}

/** Names of the application tables whose rows contain the text anywhere (for "never stored" checks). */
export async function tablesContaining(needle: string): Promise<string[]> {
  const tables = await dbRows<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'",
  )
  if (!tables.some((t) => t.name === 'sessions') || !tables.some((t) => t.name === 'users'))
    throw new Error('schema not visible')
  const found: string[] = []
  for (const { name } of tables) {
    const rows = await dbRows(`SELECT * FROM "${name}"`)
    if (JSON.stringify(rows).includes(needle)) found.push(name)
  }
  return found
}
