import { env, exports } from 'cloudflare:workers'
import { demoSeedStatements, DEMO } from '../../db/seed/demo'

export { DEMO }

/** Loads the demo 街道 into this test file's D1. */
export async function seedDemo(): Promise<void> {
  const statements = demoSeedStatements().map((sql) => env.DB.prepare(sql))
  await env.DB.batch(statements)
}

type Json = Record<string, unknown> | unknown[]

/** Calls the worker through its real fetch handler, as a client would. */
export async function api(method: string, path: string, options: { token?: string; body?: Json | string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  let body: string | undefined
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    headers['content-type'] ??= 'application/json'
  }
  const response = await exports.default.fetch(new Request(`http://linli.test${path}`, { method, headers, body }))
  const text = await response.text()
  let json: any = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = text
  }
  return { status: response.status, body: json, headers: response.headers }
}

/** A session for a seeded demo user (e.g. "resident-wang", "staff-zhao"). */
export async function loginDemo(key: string): Promise<string> {
  const res = await api('POST', '/api/auth/dev', { body: { demoUser: key } })
  if (res.status !== 200) throw new Error(`dev login ${key} failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.token as string
}

/** A session for a fresh user identified by openid; `consent` accepts the privacy notice too. */
export async function loginNew(openid: string, { consent = true } = {}): Promise<{ token: string; userId: string }> {
  const res = await api('POST', '/api/auth/dev', { body: { openid } })
  if (res.status !== 200) throw new Error(`dev login ${openid} failed: ${res.status}`)
  const token = res.body.token as string
  if (consent) {
    const notice = await api('GET', '/api/privacy/notice')
    await api('POST', '/api/me/consent', { token, body: { version: notice.body.version } })
  }
  return { token, userId: res.body.user.id as string }
}

export async function dbCount(sql: string, ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql).bind(...params).first<{ n: number }>()
  return row?.n ?? 0
}
