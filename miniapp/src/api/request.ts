import Taro from '@tarojs/taro'
import { session } from '../auth/session'
import { ApiError, apiBaseUrl, buildUrl, createRequest, NETWORK_MESSAGE, toApiError, type Transport } from './http'

// The only place that calls Taro.request and Taro.uploadFile.
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

export type UploadOptions = {
  /** A local file path from Taro.chooseImage (a blob: URL on H5). */
  filePath: string
  /** The multipart field of the file. */
  name: string
  formData?: Record<string, string>
}

/**
 * POSTs one local file as multipart/form-data with the session's bearer token; errors become
 * ApiError exactly like `request`'s (uploadFile answers with the body as a string).
 */
export async function upload<T>(path: string, { filePath, name, formData }: UploadOptions): Promise<T> {
  const token = session.getToken()
  const header: Record<string, string> = { Accept: 'application/json' }
  if (token) header.Authorization = `Bearer ${token}`

  let result: { statusCode: number; data: unknown }
  try {
    result = await Taro.uploadFile({ url: buildUrl(apiBase, path), filePath, name, formData, header })
  } catch {
    throw new ApiError('NETWORK', 0, NETWORK_MESSAGE)
  }
  if (result.statusCode >= 200 && result.statusCode < 300) {
    if (typeof result.data !== 'string') return result.data as T
    try {
      return JSON.parse(result.data) as T
    } catch {
      throw new ApiError('HTTP', result.statusCode, '上传结果无法识别，请重试')
    }
  }
  const error = toApiError(result.statusCode, result.data)
  if (error.status === 401 && token) session.signOut()
  throw error
}
