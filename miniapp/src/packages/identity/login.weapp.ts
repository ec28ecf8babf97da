import Taro from '@tarojs/taro'
import { wechatLogin } from './api'
import type { Me } from '@/api/types'
import { InputError } from '@/lib/error-message'
import { completeLogin } from './actions'
import type { LoginChoices } from './login'

export async function loadLoginChoices(): Promise<LoginChoices> {
  return { kind: 'wechat' }
}

/** wx.login gives a one-time code; the worker exchanges it with WeChat for our own session. */
export async function login(): Promise<Me> {
  const { code } = await Taro.login()
  if (!code) throw new InputError('微信登录失败，请稍后再试')
  return completeLogin(await wechatLogin(code))
}
