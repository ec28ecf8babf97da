import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { DEMO, fetchWorker, loginDemo, loginNew, readJson, type Res } from './helpers'
import type { InferRequestType } from 'hono/client'
import { client, expectStatus, send } from './client'

/** The body of POST /api/communities/{id}/suggestions, from the route's schema. */
export type SuggestionInput = InferRequestType<
  ReturnType<typeof client>['communities'][':id']['suggestions']['$post']
>['json']

// Fixtures and request helpers for the 金点子 test files.
//
// Requests go through the typed client (client.ts: straight to the worker entry; see why there).

export const HUAISHU = DEMO.communities.huaishu
export const FENGQIAO = DEMO.communities.fengqiao

export { expectStatus, loginDemo, loginNew, type Res }

export async function rows<T = Record<string, any>>(
  sql: string,
  ...params: unknown[]
): Promise<T[]> {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<T>()
  ).results
}

export async function one<T = Record<string, any>>(sql: string, ...params: unknown[]): Promise<T> {
  const row = await env.DB.prepare(sql)
    .bind(...params)
    .first<T>()
  if (!row) throw new Error(`no row: ${sql}`)
  return row
}

export async function count(sql: string, ...params: unknown[]): Promise<number> {
  return (await one<{ n: number }>(sql, ...params)).n
}

export async function run(sql: string, ...params: unknown[]): Promise<void> {
  await env.DB.prepare(sql)
    .bind(...params)
    .run()
}

/** The writes-per-minute limit is tested elsewhere; these files drive many writes through a few accounts. */
export async function resetRateLimits(): Promise<void> {
  await run('DELETE FROM rate_limits')
}

/** Lets the clock move on, so that "updated after read" comparisons are not decided inside one millisecond. */
export const tick = (ms = 3) => new Promise((resolve) => setTimeout(resolve, ms))

/** Demo sessions, one login per demo user and file (logins are limited to 10 per minute). */
export function demoLogins() {
  const cache = new Map<string, Promise<string>>()
  const login = (key: string) => {
    let token = cache.get(key)
    if (!token) cache.set(key, (token = loginDemo(key)))
    return token
  }
  /** Several at once, as a tuple of the same length. */
  login.all = <K extends readonly string[]>(...keys: K) =>
    Promise.all(keys.map(login)) as Promise<{ -readonly [I in keyof K]: string }>
  return login
}

/** The households of a community, in a stable order. */
export async function householdsOf(communityId: string): Promise<string[]> {
  return (
    await rows<{ id: string }>(
      'SELECT id FROM households WHERE community_id = ? ORDER BY id',
      communityId,
    )
  ).map((r) => r.id)
}

/**
 * `n` fresh users made verified residents of the community by inserting their residencies
 * directly (the residency flow is tested in residency.test.ts), spread round-robin over
 * `householdIds`, or over `householdCount` households starting at `householdOffset`. They log in
 * without the consent step (one request each instead of three): no 金点子 route asks for it.
 */
export async function verifiedResidents(
  prefix: string,
  n: number,
  options: {
    communityId?: string
    householdCount?: number
    householdOffset?: number
    householdIds?: string[]
  } = {},
) {
  const communityId = options.communityId ?? HUAISHU
  const all = await householdsOf(communityId)
  const pool =
    options.householdIds ??
    all.slice(
      options.householdOffset ?? 0,
      (options.householdOffset ?? 0) + (options.householdCount ?? all.length),
    )
  const users = await Promise.all(
    Array.from({ length: n }, (_, i) => loginNew(`${prefix}-${i}`, { consent: false })),
  )
  const people = users.map((u, i) => ({ ...u, householdId: pool[i % pool.length]! }))
  await env.DB.batch(
    people.map((p, i) =>
      env.DB.prepare(
        `INSERT INTO residencies (id, user_id, household_id, community_id, status, via, real_name, is_representative, verified_at, verified_by)
     VALUES (?, ?, ?, ?, 'verified', 'request', ?, 0, ?, 'us-staff-zhao')`,
      ).bind(`rs-${prefix}-${i}`, p.userId, p.householdId, communityId, `居民${i}`, Date.now()),
    ),
  )
  return people
}

/** A fresh user holding a role in a community (granted directly; role management is tested elsewhere). */
export async function userWithRole(
  openid: string,
  role: 'staff' | 'planner' | 'admin',
  communityId = HUAISHU,
) {
  const user = await loginNew(openid)
  await run(
    `INSERT INTO role_grants (id, community_id, user_id, role, granted_by, granted_at) VALUES (?, ?, ?, ?, NULL, ?)`,
    `rg-${openid}-${role}`,
    communityId,
    user.userId,
    role,
    Date.now(),
  )
  return user
}

let serial = 0

/** A valid submission; every call gets its own words unless overridden. */
export function suggestionBody(overrides?: Partial<SuggestionInput>): SuggestionInput
/** With overrides the schema refuses (for the rawRequest() tests about bad input): untyped. */
export function suggestionBody(overrides: Record<string, unknown>): Record<string, unknown>
export function suggestionBody(overrides: Record<string, unknown> = {}) {
  serial++
  return {
    title: `巷口路面坑洼第${serial}处`,
    description: `第${serial}处路面坑洼，下雨天积水很深，老人和孩子走路容易滑倒，希望尽快修补。`,
    category: 'road_surface' as const,
    alleyId: 'al-huaishu-1',
    ...overrides,
  }
}

/** Submits through the API and returns the new suggestion's id. */
export async function submit(
  token: string,
  overrides: Partial<SuggestionInput> = {},
  communityId: string = HUAISHU,
): Promise<string> {
  const res = expectStatus(
    await send(
      client(token).communities[':id'].suggestions.$post({
        param: { id: communityId },
        json: suggestionBody(overrides),
      }),
    ),
    201,
  )
  return res.body.id as string
}

type Reachable =
  | 'submitted'
  | 'published'
  | 'accepted'
  | 'adopted'
  | 'not_adopted'
  | 'merged'
  | 'in_progress'
  | 'completed'
  | 'reopened'
  | 'closed_unfixed'

/**
 * A new suggestion driven through the API into `status`. The author is a verified resident,
 * `staff` a staff member of the community.
 */
export async function suggestionIn(
  status: Reachable,
  tokens: { author: string; staff: string },
  overrides: Partial<SuggestionInput> = {},
): Promise<string> {
  await resetRateLimits()
  const { author, staff } = tokens
  const id = await submit(author, overrides)
  const suggestion = () => client(staff).suggestions[':id']
  const param = { id }
  const act = {
    publish: async () => expectStatus(await send(suggestion().publish.$post({ param })), 200),
    accept: async () => expectStatus(await send(suggestion().accept.$post({ param })), 200),
    answer: async (json: { decision: 'adopt' | 'not_adopt' | 'close_unfixed'; body: string }) =>
      expectStatus(await send(suggestion().answer.$post({ param, json })), 200),
    merge: async (json: { targetId: string; body: string }) =>
      expectStatus(await send(suggestion().merge.$post({ param, json })), 200),
    progress: async (json: { body: string }) =>
      expectStatus(await send(suggestion().progress.$post({ param, json })), 200),
    complete: async (json: { body: string }) =>
      expectStatus(await send(suggestion().complete.$post({ param, json })), 200),
  }
  if (status === 'submitted') return id
  await act.publish()
  switch (status) {
    case 'published':
      break
    case 'accepted':
      await act.accept()
      break
    case 'adopted':
      await act.answer({ decision: 'adopt', body: '采纳，交由街道城管科实施' })
      break
    case 'not_adopted':
      await act.answer({
        decision: 'not_adopt',
        body: '不采纳：该路段属于市政道路，已转交市政部门',
      })
      break
    case 'closed_unfixed':
      await act.answer({ decision: 'close_unfixed', body: '经研究暂无条件实施，关闭' })
      break
    case 'merged': {
      const target = await submit(author)
      expectStatus(
        await send(client(staff).suggestions[':id'].publish.$post({ param: { id: target } })),
        200,
      )
      await act.merge({ targetId: target, body: '与另一条建议是同一处问题，合并处理' })
      break
    }
    case 'in_progress':
      await act.answer({ decision: 'adopt', body: '采纳' })
      await act.progress({ body: '已安排施工队' })
      break
    case 'completed':
    case 'reopened':
      await act.answer({ decision: 'adopt', body: '采纳' })
      await act.complete({ body: '已修补完成' })
      if (status === 'reopened') {
        expectStatus(
          await send(
            client(author).suggestions[':id'].ratings.$post({
              param: { id },
              json: { stars: 1, unresolved: true, reason: '下雨又积水了' },
            }),
          ),
          200,
        )
      }
      break
  }
  expect(
    (await one<{ status: string }>('SELECT status FROM suggestions WHERE id = ?', id)).status,
  ).toBe(status)
  return id
}

// ---------------------------------------------------------------------------------------------
// Photos: tiny images built byte by byte, multipart upload, raw download.

const bytesOf = (...parts: (number[] | Uint8Array | string)[]) => {
  const arrays = parts.map((p) =>
    typeof p === 'string'
      ? new TextEncoder().encode(p)
      : p instanceof Uint8Array
        ? p
        : Uint8Array.from(p),
  )
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0))
  let offset = 0
  for (const a of arrays) {
    out.set(a, offset)
    offset += a.length
  }
  return out
}

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff]
const u32be = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]
const u32le = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]

/** A JPEG segment: marker, big-endian length (which counts itself), payload. */
const segment = (marker: number, payload: number[] | Uint8Array | string) => {
  const body = bytesOf(payload)
  return bytesOf([0xff, marker, ...u16(body.length + 2)], body)
}

/** The GPS text planted in metadata, to prove it never comes back. */
export const GPS_MARKER = 'GPS:30.2741N,120.1551E'

/**
 * An 8×8 grey baseline JPEG: one quantisation table, one-code Huffman tables (DC difference 0,
 * AC end-of-block), one block of entropy-coded data. With `exif`, an APP1 Exif segment carrying
 * a GPS-looking string sits after APP0, where cameras put it.
 */
export function tinyJpeg({ exif = false } = {}): Uint8Array {
  const oneCode = (tableClassAndId: number) => [tableClassAndId, 1, ...new Array(15).fill(0), 0x00]
  return bytesOf(
    [0xff, 0xd8],
    segment(0xe0, bytesOf('JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0])),
    exif ? segment(0xe1, bytesOf('Exif\0\0', 'MM', [0, 42, 0, 0, 0, 8], GPS_MARKER)) : [],
    segment(0xdb, [0x00, ...new Array(64).fill(1)]),
    segment(0xc0, [8, ...u16(8), ...u16(8), 1, 1, 0x11, 0]),
    segment(0xc4, oneCode(0x00)),
    segment(0xc4, oneCode(0x10)),
    segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    [0x3f], // DC "0" + EOB "0", padded with 1-bits
    [0xff, 0xd9],
  )
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(data: Uint8Array): number {
  let c = 0xffffffff
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const pngChunk = (type: string, data: number[] | Uint8Array | string) => {
  const body = bytesOf(type, data)
  return bytesOf(u32be(body.length - 4), body, u32be(crc32(body)))
}

/** A 1×1 grey PNG (zlib stored block), optionally with tEXt and eXIf chunks carrying GPS text. */
export function tinyPng({ metadata = false } = {}): Uint8Array {
  const idat = [
    0x78,
    0x01,
    0x01,
    0x02,
    0x00,
    0xfd,
    0xff,
    0x00,
    0x80,
    ...u32be(((0x80 + 1 + 1) << 16) | (0x80 + 1)),
  ]
  return bytesOf(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    pngChunk('IHDR', [...u32be(1), ...u32be(1), 8, 0, 0, 0, 0]),
    metadata ? pngChunk('tEXt', bytesOf('Comment\0', GPS_MARKER)) : [],
    metadata ? pngChunk('eXIf', bytesOf('MM', [0, 42, 0, 0, 0, 8], GPS_MARKER)) : [],
    pngChunk('IDAT', idat),
    pngChunk('IEND', []),
  )
}

/** The 1×1 lossless WebP browsers are probed with. */
const VP8L_1x1 = [
  0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00,
]

const riff = (...chunks: Uint8Array[]) => {
  const body = bytesOf('WEBP', ...chunks)
  return bytesOf('RIFF', u32le(body.length), body)
}
const webpChunk = (type: string, data: number[] | Uint8Array | string) => {
  const body = bytesOf(data)
  return bytesOf(type, u32le(body.length), body, body.length % 2 ? [0] : [])
}

/**
 * A 1×1 WebP. `extended` uses the extended format (a VP8X header first); `exif` adds an EXIF
 * chunk carrying GPS text and sets VP8X's EXIF flag.
 */
export function tinyWebp({
  exif = false,
  extended = exif,
}: { exif?: boolean; extended?: boolean } = {}): Uint8Array {
  if (!extended) return riff(webpChunk('VP8L', VP8L_1x1))
  return riff(
    webpChunk('VP8X', [exif ? 0x08 : 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    webpChunk('VP8L', VP8L_1x1),
    exif ? webpChunk('EXIF', bytesOf('MM', [0, 42, 0, 0, 0, 8], GPS_MARKER)) : new Uint8Array(),
  )
}

export function containsText(bytes: Uint8Array, text: string): boolean {
  const needle = new TextEncoder().encode(text)
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}

/** POST /api/suggestion-photos as the mini-program does: multipart with `file` and `communityId`. */
export async function upload(
  token: string | null,
  file: Uint8Array | string | null,
  options: { name?: string; type?: string; communityId?: string | null; asText?: boolean } = {},
): Promise<Res> {
  const form = new FormData()
  if (options.asText) form.set('file', typeof file === 'string' ? file : 'not a file')
  else if (file !== null)
    form.set(
      'file',
      new Blob([file], { type: options.type ?? 'image/jpeg' }),
      options.name ?? 'photo.jpg',
    )
  if (options.communityId !== null) form.set('communityId', options.communityId ?? HUAISHU)
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
  return readJson(
    await fetchWorker(
      new Request('http://linli.test/api/suggestion-photos', {
        method: 'POST',
        headers,
        body: form,
      }),
    ),
  )
}

/** GET of a photo (or any path) with its raw bytes. */
export async function download(path: string, token?: string | null) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
  const response = await fetchWorker(new Request(`http://linli.test${path}`, { headers }))
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  }
}

/** Photos stored so far: objects in R2, or files in the Node runtime's photo directory. */
export async function r2ObjectCount(): Promise<number> {
  const photos = env.PHOTOS as R2Bucket | { root: string }
  if ('root' in photos) {
    const { readdir } = await import('node:fs/promises')
    // One `<key>.type` file beside each photo (server/disk-photo-store.ts).
    const files = await readdir(photos.root, { recursive: true }).catch(() => [] as string[])
    return files.filter((name) => name.endsWith('.type')).length
  }
  let total = 0
  let cursor: string | undefined
  do {
    const page = await photos.list({ cursor })
    total += page.objects.length
    cursor = page.truncated ? page.cursor : undefined
  } while (cursor)
  return total
}

/** HMAC of a photo URL, computed here independently of the worker, to forge or expire signatures. */
export async function signPhoto(
  photoId: string,
  exp: number,
  secret = env.PHOTO_URL_SECRET,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${photoId}.${exp}`))
  return [...new Uint8Array(mac)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, 32)
}
