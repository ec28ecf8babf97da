import { z } from '@hono/zod-openapi'
import { AppError } from './errors'

// The one client for WeChat's servers. Its base URL comes from env so that tests and local
// development talk to a fake; nothing else in the worker calls WeChat.

const Code2SessionResponse = z.object({
  openid: z.string().optional(),
  session_key: z.string().optional(),
  unionid: z.string().optional(),
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
})

export type WechatConfig = { baseUrl: string; appId: string; secret: string | undefined }

// WeChat's documented code2Session errors, in words a resident understands.
const CODE2SESSION_ERRORS: Record<number, { message: string; status: 400 | 429 | 502 }> = {
  40029: { message: '登录凭证无效或已过期，请重新进入小程序', status: 400 },
  40163: { message: '登录凭证已被使用，请重新进入小程序', status: 400 },
  45011: { message: '登录太频繁，请稍后再试', status: 429 },
  40226: { message: '微信判断此账号存在风险，暂时无法登录', status: 400 },
  [-1]: { message: '微信服务繁忙，请稍后再试', status: 502 },
}

/** Exchanges a wx.login code for the user's openid. session_key is dropped here and never stored or logged. */
export async function code2Session(
  config: WechatConfig,
  code: string,
  fetchFn: typeof fetch = fetch,
) {
  if (!config.appId || !config.secret)
    throw new AppError('WECHAT_LOGIN_FAILED', '微信登录尚未配置，请联系管理员')
  const url = new URL('/sns/jscode2session', config.baseUrl)
  url.search = new URLSearchParams({
    appid: config.appId,
    secret: config.secret,
    js_code: code,
    grant_type: 'authorization_code',
  }).toString()
  let body: unknown
  try {
    const response = await fetchFn(url.toString())
    body = await response.json()
  } catch {
    throw new AppError('WECHAT_LOGIN_FAILED', '无法连接微信服务，请稍后再试')
  }
  const parsed = Code2SessionResponse.safeParse(body)
  if (!parsed.success)
    throw new AppError('WECHAT_LOGIN_FAILED', '微信服务返回了无法识别的结果，请稍后再试')
  const { openid, unionid, errcode } = parsed.data
  if (errcode) {
    const known = CODE2SESSION_ERRORS[errcode]
    throw new AppError(
      'WECHAT_LOGIN_FAILED',
      known?.message ?? `微信登录失败（${errcode}），请稍后再试`,
      undefined,
      known?.status ?? 502,
    )
  }
  if (!openid) throw new AppError('WECHAT_LOGIN_FAILED', '微信服务返回了无法识别的结果，请稍后再试')
  return { openid, unionid: unionid ?? null }
}

// ── Calls with the app's access_token (subscribe messages, mini-program codes) ─────────────────
// The token comes from lib/wechat-token.ts (cached in the database, refreshed by one caller at a
// time); these functions only make the call and say what WeChat answered.

/** A WeChat server call that did not succeed: WeChat's errcode, or -1 when it did not answer. */
export class WechatCallError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat ${errcode}: ${errmsg}`)
  }
}

const ErrorReply = z.object({ errcode: z.number().optional(), errmsg: z.string().optional() })

async function postJson(url: URL, body: unknown, fetchFn: typeof fetch): Promise<Response> {
  try {
    return await fetchFn(url.toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  } catch (error) {
    throw new WechatCallError(-1, `no answer: ${String(error)}`)
  }
}

async function jsonOf(response: Response): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    throw new WechatCallError(-1, `unreadable answer (HTTP ${response.status})`)
  }
}

const StableTokenResponse = ErrorReply.extend({
  access_token: z.string().optional(),
  expires_in: z.number().optional(),
})

/**
 * A new access_token from stable_token (not the old /cgi-bin/token: a stable token stays valid
 * while another caller fetches one, so two servers never invalidate each other's). `forceRefresh`
 * is limited by WeChat (20 a day): only for a token WeChat has refused.
 */
export async function fetchStableToken(
  config: WechatConfig,
  options: { forceRefresh?: boolean } = {},
  fetchFn: typeof fetch = fetch,
): Promise<{ accessToken: string; expiresInSeconds: number }> {
  if (!config.appId || !config.secret)
    throw new WechatCallError(-2, 'WECHAT_APPID or WECHAT_SECRET is not configured')
  const response = await postJson(
    new URL('/cgi-bin/stable_token', config.baseUrl),
    {
      grant_type: 'client_credential',
      appid: config.appId,
      secret: config.secret,
      force_refresh: options.forceRefresh ?? false,
    },
    fetchFn,
  )
  const parsed = StableTokenResponse.safeParse(await jsonOf(response))
  if (!parsed.success) throw new WechatCallError(-1, 'unreadable stable_token answer')
  const { access_token, expires_in, errcode, errmsg } = parsed.data
  if (errcode) throw new WechatCallError(errcode, errmsg ?? '')
  if (!access_token || !expires_in) throw new WechatCallError(-1, 'stable_token without a token')
  return { accessToken: access_token, expiresInSeconds: expires_in }
}

/** What to do after a failed send (worker/inbox/wechat-outbox.ts acts on it). */
export type SendFailureClass =
  /** No credit, refused, unknown user: give up, the inbox notice stays. */
  | 'refused'
  /** The access_token was refused: refresh it once and retry. */
  | 'token'
  /** Too many calls: try later, and stop sending for now. */
  | 'rate_limited'
  /** The template, a field or the page does not fit: give up and say so in the log. */
  | 'invalid'
  /** WeChat busy or unreachable: retry with backoff. */
  | 'transient'

// Subscribe-message errcodes (subscribeMessage.send), by what we do about them.
const SEND_ERRORS: Record<number, SendFailureClass> = {
  43101: 'refused', // the user has no subscription (credit) left or refused
  40003: 'refused', // touser is not a user of this app (e.g. an account deleted since)
  43107: 'refused', // subscribe messages of this template are banned
  40001: 'token', // invalid credential
  40014: 'token', // invalid access_token
  42001: 'token', // access_token expired
  45009: 'rate_limited', // daily quota reached
  45011: 'rate_limited', // per-minute quota reached
  45047: 'rate_limited', // too many messages to this user
  40037: 'invalid', // template id
  47003: 'invalid', // a field's value breaks the template's rules
  41030: 'invalid', // page path
}

export function classifySendError(errcode: number): SendFailureClass {
  return SEND_ERRORS[errcode] ?? 'transient'
}

export type SubscribeMessage = {
  /** The recipient's openid. */
  touser: string
  templateId: string
  /** Page opened by tapping the message, without a leading slash: packages/…/index?id=… */
  page: string
  data: Record<string, { value: string }>
  /** formal (released), trial or developer: which version of the app the message opens. */
  miniprogramState: 'formal' | 'trial' | 'developer'
}

/** Sends one subscribe message; throws WechatCallError with WeChat's errcode when it is not sent. */
export async function sendSubscribeMessage(
  config: WechatConfig,
  accessToken: string,
  message: SubscribeMessage,
  fetchFn: typeof fetch = fetch,
): Promise<void> {
  const url = new URL('/cgi-bin/message/subscribe/send', config.baseUrl)
  url.searchParams.set('access_token', accessToken)
  const response = await postJson(
    url,
    {
      touser: message.touser,
      template_id: message.templateId,
      page: message.page,
      data: message.data,
      miniprogram_state: message.miniprogramState,
      lang: 'zh_CN',
    },
    fetchFn,
  )
  const parsed = ErrorReply.safeParse(await jsonOf(response))
  if (!parsed.success) throw new WechatCallError(-1, 'unreadable subscribe/send answer')
  if (parsed.data.errcode) throw new WechatCallError(parsed.data.errcode, parsed.data.errmsg ?? '')
}

/**
 * An unlimited mini-program code (小程序码) opening `page` with `scene` (≤ 32 visible
 * characters, read by the page from its `scene` option). Returns the image; WeChat answers JSON
 * only for an error.
 */
export async function fetchUnlimitedCode(
  config: WechatConfig,
  accessToken: string,
  request: { scene: string; page: string; width?: number },
  fetchFn: typeof fetch = fetch,
): Promise<{ bytes: Uint8Array; contentType: string }> {
  const url = new URL('/wxa/getwxacodeunlimit', config.baseUrl)
  url.searchParams.set('access_token', accessToken)
  const response = await postJson(
    url,
    {
      scene: request.scene,
      page: request.page,
      width: request.width ?? 430,
      // Codes are printed before a release reaches every page; WeChat opens the page anyway.
      check_path: false,
    },
    fetchFn,
  )
  const contentType = response.headers.get('content-type') ?? ''
  if (contentType.startsWith('image/'))
    return { bytes: new Uint8Array(await response.arrayBuffer()), contentType }
  const parsed = ErrorReply.safeParse(await jsonOf(response))
  throw new WechatCallError(
    parsed.success ? (parsed.data.errcode ?? -1) : -1,
    parsed.success ? (parsed.data.errmsg ?? 'no image') : 'no image',
  )
}

// ── Content security (issue 13, decision 013): msgSecCheck v2, mediaCheckAsync v2 and the push
// that brings the photo verdicts back. Called by lib/content-check.ts only; the token comes from
// lib/wechat-token.ts like every call above.

/** How long a resident's write waits for WeChat's text check before it is saved as held (and retried). */
export const CONTENT_CHECK_TIMEOUT_MS = 3000

/** WeChat's scene of the content: 1 资料 (names), 2 评论, 3 论坛 (posts), 4 社交日志. */
export type SecurityScene = 1 | 2 | 3 | 4

const SecuritySuggest = z.enum(['pass', 'review', 'risky'])
const SecurityResult = z.object({ suggest: SecuritySuggest, label: z.number() })
const SecurityDetail = z.object({
  strategy: z.string().optional(),
  errcode: z.number().optional(),
  suggest: z.string().optional(),
  label: z.number().optional(),
  keyword: z.string().optional(),
})

/** A verdict: pass, review (a person should look) or risky; the label (e.g. 20003 辱骂) and the words WeChat named. */
export type SecurityVerdict = {
  suggest: z.infer<typeof SecuritySuggest>
  label: number
  keywords: string[]
}

const MsgSecCheckResponse = ErrorReply.extend({
  result: SecurityResult.optional(),
  detail: z.array(SecurityDetail).optional(),
})

function keywordsOf(detail: z.infer<typeof SecurityDetail>[] | undefined): string[] {
  const words = (detail ?? [])
    .filter((d) => d.keyword && d.suggest !== 'pass')
    .map((d) => d.keyword!)
  return [...new Set(words)]
}

/** The fetch, given up after `ms` (AbortSignal.timeout): a slow WeChat must not hold a write. */
function timed(fetchFn: typeof fetch, ms: number): typeof fetch {
  return (input, init) => fetchFn(input, { ...init, signal: AbortSignal.timeout(ms) })
}

/** msgSecCheck v2 on one text of one user; throws WechatCallError when WeChat gives no verdict. */
export async function msgSecCheck(
  config: WechatConfig,
  accessToken: string,
  input: { openid: string; scene: SecurityScene; content: string },
  fetchFn: typeof fetch = fetch,
): Promise<SecurityVerdict> {
  const url = new URL('/wxa/msg_sec_check', config.baseUrl)
  url.searchParams.set('access_token', accessToken)
  const response = await postJson(
    url,
    { content: input.content, version: 2, scene: input.scene, openid: input.openid },
    timed(fetchFn, CONTENT_CHECK_TIMEOUT_MS),
  )
  const parsed = MsgSecCheckResponse.safeParse(await jsonOf(response))
  if (!parsed.success) throw new WechatCallError(-1, 'unreadable msg_sec_check answer')
  const { errcode, errmsg, result, detail } = parsed.data
  if (errcode) throw new WechatCallError(errcode, errmsg ?? '')
  if (!result) throw new WechatCallError(-1, 'msg_sec_check without a result')
  return { ...result, keywords: keywordsOf(detail) }
}

const MediaCheckResponse = ErrorReply.extend({ trace_id: z.string().optional() })

/**
 * mediaCheckAsync v2: WeChat fetches the photo from `mediaUrl` and later pushes its verdict
 * with the trace_id returned here (parseMediaCheckPush).
 */
export async function mediaCheckAsync(
  config: WechatConfig,
  accessToken: string,
  input: { openid: string; scene: SecurityScene; mediaUrl: string },
  fetchFn: typeof fetch = fetch,
): Promise<{ traceId: string }> {
  const url = new URL('/wxa/media_check_async', config.baseUrl)
  url.searchParams.set('access_token', accessToken)
  const response = await postJson(
    url,
    {
      media_url: input.mediaUrl,
      media_type: 2,
      version: 2,
      scene: input.scene,
      openid: input.openid,
    },
    timed(fetchFn, CONTENT_CHECK_TIMEOUT_MS),
  )
  const parsed = MediaCheckResponse.safeParse(await jsonOf(response))
  if (!parsed.success) throw new WechatCallError(-1, 'unreadable media_check_async answer')
  const { errcode, errmsg, trace_id } = parsed.data
  if (errcode) throw new WechatCallError(errcode, errmsg ?? '')
  if (!trace_id) throw new WechatCallError(-1, 'media_check_async without a trace_id')
  return { traceId: trace_id }
}

/** How old a push may be (its timestamp) before it is refused as a replay. */
export const PUSH_MAX_AGE_MS = 5 * 60 * 1000

/**
 * WeChat's push (消息推送, plain JSON mode) is signed as sha1 of the token, timestamp and nonce,
 * sorted and joined. A missing, wrong or stale signature is refused; the comparison does not
 * stop at the first differing character.
 */
export async function isSignedPush(
  token: string,
  query: { signature?: string; timestamp?: string; nonce?: string },
  at = Date.now(),
): Promise<boolean> {
  const { signature, timestamp, nonce } = query
  if (!token || !signature || !timestamp || !nonce) return false
  const seconds = Number(timestamp)
  if (!Number.isInteger(seconds) || Math.abs(at - seconds * 1000) > PUSH_MAX_AGE_MS) return false
  const joined = [token, timestamp, nonce].sort().join('')
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(joined))
  const expected = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
  if (expected.length !== signature.length) return false
  let difference = 0
  for (let i = 0; i < expected.length; i++)
    difference |= expected.charCodeAt(i) ^ signature.toLowerCase().charCodeAt(i)
  return difference === 0
}

const MediaCheckPush = z.object({
  Event: z.literal('wxa_media_check'),
  appid: z.string().optional(),
  trace_id: z.string().min(1),
  result: SecurityResult,
  detail: z.array(SecurityDetail).optional(),
})

/** The verdict of a mediaCheckAsync push, or null when the body is some other push (or not one at all). */
export function parseMediaCheckPush(
  body: unknown,
): { appId: string | null; traceId: string; verdict: SecurityVerdict } | null {
  const parsed = MediaCheckPush.safeParse(body)
  if (!parsed.success) return null
  const { appid, trace_id, result, detail } = parsed.data
  return {
    appId: appid ?? null,
    traceId: trace_id,
    verdict: { ...result, keywords: keywordsOf(detail) },
  }
}
