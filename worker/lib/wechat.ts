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
