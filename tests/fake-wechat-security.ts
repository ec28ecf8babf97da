// A fake of WeChat's content security (issue 13): stable_token, msg_sec_check v2 and
// media_check_async v2, plus the signed push that brings a photo's verdict back. Verdicts come
// from words in the text, so a test says what it wants by what the resident writes:
//   违规样例 → risky (label 20003, the word named in detail), 复核样例 → review (label 10001),
//   超时样例 → no answer until the caller gives up, 出错样例 → errcode -1 (system busy).
// It runs inside workerd as a fetch spy (tests/worker) and behind a real HTTP server
// (tests/fake-wechat-security-server.ts: the browser test and the benchmark).

export const FAKE_RISKY = '违规样例'
export const FAKE_REVIEW = '复核样例'
export const FAKE_SLOW = '超时样例'
export const FAKE_ERROR = '出错样例'

export type SecurityRequest = { path: string; query: Record<string, string>; body: any }

export function createFakeSecurity(options: { delayMs?: number } = {}) {
  const requests: SecurityRequest[] = []
  /** The trace_ids handed out, in the order of the media checks asked. */
  const traceIds: string[] = []
  let traceSerial = 0

  const wait = (ms: number, signal: AbortSignal | null) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms)
      signal?.addEventListener('abort', () => {
        clearTimeout(timer)
        reject(new DOMException('aborted', 'AbortError'))
      })
    })

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const query = Object.fromEntries(url.searchParams)
    const text = request.method === 'POST' ? await request.text() : ''
    const body = text ? JSON.parse(text) : null
    requests.push({ path: url.pathname, query, body })
    if (options.delayMs) await wait(options.delayMs, request.signal)
    switch (url.pathname) {
      case '/cgi-bin/stable_token':
        return Response.json({ access_token: 'fake-security-token', expires_in: 7200 })
      case '/wxa/msg_sec_check': {
        if (query.access_token !== 'fake-security-token')
          return Response.json({ errcode: 40001, errmsg: 'invalid credential' })
        const content = String(body?.content ?? '')
        if (content.includes(FAKE_SLOW)) {
          await wait(60_000, request.signal)
          return Response.json({ errcode: -1, errmsg: 'too late' })
        }
        if (content.includes(FAKE_ERROR))
          return Response.json({ errcode: -1, errmsg: 'system error' })
        const verdict = content.includes(FAKE_RISKY)
          ? { suggest: 'risky', label: 20003, keyword: FAKE_RISKY }
          : content.includes(FAKE_REVIEW)
            ? { suggest: 'review', label: 10001, keyword: FAKE_REVIEW }
            : { suggest: 'pass', label: 100 }
        return Response.json({
          errcode: 0,
          errmsg: 'ok',
          trace_id: `msg-${requests.length}`,
          result: { suggest: verdict.suggest, label: verdict.label },
          detail: [
            {
              strategy: 'content_model',
              errcode: 0,
              suggest: verdict.suggest,
              label: verdict.label,
              ...('keyword' in verdict ? { keyword: verdict.keyword } : {}),
            },
          ],
        })
      }
      case '/wxa/media_check_async':
        if (query.access_token !== 'fake-security-token')
          return Response.json({ errcode: 40001, errmsg: 'invalid credential' })
        traceIds.push(`trace-${++traceSerial}-${crypto.randomUUID()}`)
        return Response.json({ errcode: 0, errmsg: 'ok', trace_id: traceIds.at(-1) })
      default:
        return Response.json({ errcode: 404, errmsg: `no such fake: ${url.pathname}` })
    }
  }

  return {
    handle,
    requests,
    textChecks: () => requests.filter((r) => r.path === '/wxa/msg_sec_check'),
    mediaChecks: () => requests.filter((r) => r.path === '/wxa/media_check_async'),
    traceIds: () => [...traceIds],
  }
}

export type FakeSecurity = ReturnType<typeof createFakeSecurity>

/** The query WeChat signs a push with: sha1 of token, timestamp and nonce, sorted and joined. */
export async function signedPushQuery(token: string, at = Date.now(), nonce = 'n0nce') {
  const timestamp = String(Math.floor(at / 1000))
  const joined = [token, timestamp, nonce].sort().join('')
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(joined))
  const signature = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
  return { signature, timestamp, nonce }
}

/** The JSON WeChat pushes when an asynchronous photo check is done. */
export function mediaCheckPush(
  traceId: string,
  suggest: 'pass' | 'review' | 'risky',
  appid = 'wx-test-appid',
) {
  return {
    ToUserName: 'gh_fake',
    FromUserName: 'fake-openid',
    CreateTime: Math.floor(Date.now() / 1000),
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid,
    trace_id: traceId,
    version: 2,
    detail: [
      {
        strategy: 'content_model',
        errcode: 0,
        suggest,
        label: suggest === 'pass' ? 100 : 20002,
        prob: 90,
      },
    ],
    errcode: 0,
    errmsg: 'ok',
    result: { suggest, label: suggest === 'pass' ? 100 : 20002 },
  }
}
