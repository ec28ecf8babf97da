import Taro from '@tarojs/taro'
import { session } from '@/auth/session'
import { ApiError, buildUrl, NETWORK_MESSAGE, toApiError } from './http'
import { apiBase } from './request'

// The only place that calls Taro.uploadFile. Only subpackages upload photos, so this stays out
// of request.ts, which the tab pages bring into the main package (decision 009).

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
export async function upload<T>(
  path: string,
  { filePath, name, formData }: UploadOptions,
): Promise<T> {
  const token = session.getToken()
  const header: Record<string, string> = { Accept: 'application/json' }
  if (token) header.Authorization = `Bearer ${token}`

  let result: { statusCode: number; data: unknown }
  try {
    result = await Taro.uploadFile({
      url: buildUrl(apiBase, path),
      filePath,
      name,
      formData,
      header,
    })
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
