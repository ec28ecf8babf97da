import { devLogin, listDevUsers } from './api'
import { ApiError } from '@/api/http'
import { InputError } from '@/lib/error-message'
import type { Me } from '@/api/types'
import { completeLogin } from './actions'
import type { LoginChoices } from './login'

export const BROWSER_LOGIN_UNAVAILABLE =
  '浏览器中的登录只在开发环境中提供，请在微信中打开“邻里”小程序。'

/** In a browser there is no WeChat identity: development servers offer demo users instead. */
export async function loadLoginChoices(): Promise<LoginChoices> {
  try {
    const { users } = await listDevUsers()
    return { kind: 'dev', users }
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      return { kind: 'unavailable', reason: BROWSER_LOGIN_UNAVAILABLE }
    throw error
  }
}

export async function login(devUserKey?: string): Promise<Me> {
  if (!devUserKey) throw new InputError('请选择一位演示用户')
  return completeLogin(await devLogin({ demoUser: devUserKey }))
}
