// A fake of WeChat's servers for the calls the worker makes with the app's access_token
// (stable_token, subscribe/send, getwxacodeunlimit) and for code2session. It records every
// request and fails on demand. The same fake runs inside workerd (tests/worker: installed as a
// fetch spy on the wechat.test host) and as a real HTTP server on 127.0.0.1
// (tests/fake-wechat-server.ts: browser tests and the benchmark).

export type RecordedRequest = {
  path: string
  query: Record<string, string>
  body: any
  at: number
  /** Answered with success (a token, a sent message, an image). */
  ok?: boolean
}

export type SentMessage = {
  touser: string
  template_id: string
  page: string
  data: Record<string, { value: string }>
  miniprogram_state: string
  access_token: string
}

type Failure = { errcode: number; errmsg: string; times: number }

/** A 1×1 PNG: what getwxacodeunlimit answers here. */
export const FAKE_CODE_PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
)

export function createFakeWechat(options: { sendDelayMs?: number; tokenDelayMs?: number } = {}) {
  const requests: RecordedRequest[] = []
  const failures = new Map<string, Failure[]>()
  let tokenSerial = 0
  let validToken = ''
  const revoked = new Set<string>()

  const failFor = (path: string) => {
    const queue = failures.get(path)
    const next = queue?.[0]
    if (!next) return null
    if (--next.times <= 0) queue!.shift()
    return next
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const query = Object.fromEntries(url.searchParams)
    const text = request.method === 'POST' ? await request.text() : ''
    let body: any = null
    try {
      body = text ? JSON.parse(text) : null
    } catch {
      body = text
    }
    const record: RecordedRequest = { path: url.pathname, query, body, at: Date.now() }
    requests.push(record)
    const failure = failFor(url.pathname)
    if (failure) return Response.json({ errcode: failure.errcode, errmsg: failure.errmsg })

    switch (url.pathname) {
      case '/sns/jscode2session':
        return Response.json({ openid: `wx-${query.js_code}`, session_key: 'fake-session-key' })
      case '/cgi-bin/stable_token': {
        if (options.tokenDelayMs) await new Promise((r) => setTimeout(r, options.tokenDelayMs))
        // Like stable_token: the same token while it is valid, a new one when forced or revoked.
        if (!validToken || body?.force_refresh || revoked.has(validToken))
          validToken = `fake-token-${++tokenSerial}`
        record.ok = true
        return Response.json({ access_token: validToken, expires_in: 7200 })
      }
      case '/cgi-bin/message/subscribe/send': {
        if (options.sendDelayMs) await new Promise((r) => setTimeout(r, options.sendDelayMs))
        if (query.access_token !== validToken || revoked.has(query.access_token ?? ''))
          return Response.json({ errcode: 42001, errmsg: 'access_token expired' })
        record.ok = true
        return Response.json({ errcode: 0, errmsg: 'ok' })
      }
      case '/wxa/getwxacodeunlimit':
        if (query.access_token !== validToken)
          return Response.json({ errcode: 42001, errmsg: 'access_token expired' })
        record.ok = true
        return new Response(FAKE_CODE_PNG, { headers: { 'content-type': 'image/png' } })
      default:
        return Response.json({ errcode: 404, errmsg: `no such fake: ${url.pathname}` })
    }
  }

  return {
    handle,
    requests,
    /** Messages WeChat accepted (a refused or failed one is not counted). */
    sent(): SentMessage[] {
      return requests
        .filter((r) => r.path === '/cgi-bin/message/subscribe/send' && r.ok)
        .map((r) => ({ ...r.body, access_token: r.query.access_token }))
    },
    tokenFetches: () => requests.filter((r) => r.path === '/cgi-bin/stable_token').length,
    sendAttempts: () => requests.filter((r) => r.path === '/cgi-bin/message/subscribe/send').length,
    /** The next `times` calls of `path` answer this errcode. */
    fail(path: string, errcode: number, errmsg = 'fake failure', times = 1) {
      failures.set(path, [...(failures.get(path) ?? []), { errcode, errmsg, times }])
    },
    /** WeChat no longer accepts the current token (someone else forced a refresh). */
    revokeToken() {
      revoked.add(validToken)
    },
    reset() {
      requests.length = 0
      failures.clear()
    },
  }
}

export type FakeWechat = ReturnType<typeof createFakeWechat>
