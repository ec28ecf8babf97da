import { PRIVACY_NOTICE } from '../../worker/identity/privacy'
import { http } from '../http-client'
import { openFile } from './sqlite'

export type Reply = { status: number; body: any }

/** One request to a server; the body parsed, or `{ text }` when it is not JSON. */
export async function call(
  baseUrl: string,
  method: string,
  route: string,
  token?: string,
  body?: unknown,
): Promise<Reply> {
  const response = await http(`${baseUrl}${route}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await response.text()
  try {
    return { status: response.status, body: JSON.parse(text) }
  } catch {
    return { status: response.status, body: { text: text.slice(0, 300) } }
  }
}

/**
 * n consented, verified residents of 槐树社区 (one household: these tests are about rooms and
 * crashes, not households) written straight into the server's file, then signed in through the
 * dev login. Returns their session tokens.
 */
export async function residents(
  databasePath: string,
  baseUrl: string,
  n: number,
  prefix: string,
): Promise<string[]> {
  const client = openFile(databasePath)
  try {
    await client.execute('PRAGMA busy_timeout = 5000')
    await client.batch(
      Array.from({ length: n }, (_, i) => [
        {
          sql: `INSERT INTO users (id, openid, nickname, current_community_id, consent_version, consented_at, created_at)
            VALUES (?, ?, ?, 'cm-huaishu', ?, 0, 0)`,
          args: [`us-${prefix}-${i}`, `dev:${prefix}-${i}`, `居民${i}`, PRIVACY_NOTICE.version],
        },
        {
          sql: `INSERT INTO residencies (id, user_id, household_id, community_id, status, via, is_representative, verified_at)
            VALUES (?, ?, 'hh-wutong-1-1-101', 'cm-huaishu', 'verified', 'request', 0, 0)`,
          args: [`rs-${prefix}-${i}`, `us-${prefix}-${i}`],
        },
      ]).flat(),
      'write',
    )
  } finally {
    client.close()
  }
  const tokens: string[] = []
  for (let i = 0; i < n; i++) {
    const login = await call(baseUrl, 'POST', '/api/auth/dev', undefined, {
      openid: `dev:${prefix}-${i}`,
    })
    if (login.status !== 200) throw new Error(`login ${i}: ${JSON.stringify(login.body)}`)
    tokens.push(login.body.token as string)
  }
  return tokens
}
