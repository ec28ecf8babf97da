import type { WechatConfig } from '../lib/wechat'
import { subscribeTemplates, type Templates } from './template-config'
import type { DrainConfig } from './wechat-outbox'

/** The variables the WeChat channel reads (lib/env.ts#Config; both runtimes). */
export type WechatEnv = {
  WECHAT_API_BASE: string
  WECHAT_APPID: string
  WECHAT_SECRET?: string
  /** Topic → template and field mapping, JSON (template-config.ts). */
  WECHAT_SUBSCRIBE_TEMPLATES?: string
  /** Which version a message opens: formal (default), trial or developer. */
  WECHAT_MINIPROGRAM_STATE?: string
}

export function wechatConfigOf(env: WechatEnv): WechatConfig {
  return { baseUrl: env.WECHAT_API_BASE, appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET }
}

export function templatesOf(env: WechatEnv): Templates {
  return subscribeTemplates(env.WECHAT_SUBSCRIBE_TEMPLATES)
}

export function drainConfigOf(env: WechatEnv, fetchFn?: typeof fetch): DrainConfig {
  const state = env.WECHAT_MINIPROGRAM_STATE
  return {
    wechat: wechatConfigOf(env),
    templates: templatesOf(env),
    miniprogramState: state === 'trial' || state === 'developer' ? state : 'formal',
    fetchFn,
  }
}
