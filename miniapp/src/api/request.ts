import Taro from '@tarojs/taro'
import { session } from '../auth/session'
import { apiBaseUrl, createRequest, type Transport } from './http'

// The only place that calls Taro.request.
const transport: Transport = async ({ url, method, header, data }) => {
  const response = await Taro.request({ url, method, header, data, dataType: 'json' })
  return { statusCode: response.statusCode, data: response.data }
}

export const request = createRequest({
  transport,
  // Both are replaced at build time (DefinePlugin), so write them out in full.
  baseUrl: apiBaseUrl(process.env.TARO_ENV, process.env.TARO_APP_API_BASE),
  getToken: session.getToken,
  onUnauthenticated: () => session.signOut(),
})
