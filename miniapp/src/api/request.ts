import Taro from '@tarojs/taro'
import { session } from '@/auth/session'
import { apiBaseUrl, createRequest, type Transport } from './http'

// The only place that calls Taro.request (Taro.uploadFile: upload.ts, kept apart because only
// subpackages upload, and this module ships in the main package; decision 009).
const transport: Transport = async ({ url, method, header, data }) => {
  const response = await Taro.request({ url, method, header, data, dataType: 'json' })
  return { statusCode: response.statusCode, data: response.data }
}

// Both are replaced at build time (DefinePlugin), so write them out in full.
export const apiBase = apiBaseUrl(process.env.TARO_ENV, process.env.TARO_APP_API_BASE)

export const request = createRequest({
  transport,
  baseUrl: apiBase,
  getToken: session.getToken,
  onUnauthenticated: () => session.signOut(),
})

/** An API path (`/api/…`, as photo URLs come) made absolute for <Image> and previewImage. */
export function apiUrl(path: string): string {
  return /^https?:\/\//.test(path) ? path : `${apiBase.replace(/\/+$/, '')}${path}`
}
