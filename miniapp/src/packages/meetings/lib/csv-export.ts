import Taro from '@tarojs/taro'
import { ApiError, buildUrl, NETWORK_MESSAGE, toApiError } from '@/api/http'
import { apiBase } from '@/api/request'
import { session } from '@/auth/session'
import { attendanceCsvPath } from '@/packages/meetings/api'

// The attendance CSV needs the bearer token, so a plain link cannot fetch it.
// H5: fetch with the Authorization header, then save the Blob through a temporary <a download>.
// WeChat: downloadFile with the header, then hand the file to a chat (shareFileMessage), where
// the organiser opens it on a computer — openDocument does not open .csv files.

function authHeader(): Record<string, string> {
  const token = session.getToken()
  return token ? { Authorization: `Bearer ${token}` } : {}
}

async function saveOnH5(url: string, fileName: string): Promise<void> {
  let response: Response
  try {
    response = await fetch(url, { headers: authHeader() })
  } catch {
    throw new ApiError('NETWORK', 0, NETWORK_MESSAGE)
  }
  if (!response.ok) throw toApiError(response.status, await response.text())
  const blob = await response.blob()
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}

async function shareOnWeapp(url: string, fileName: string): Promise<void> {
  let result: { statusCode: number; tempFilePath: string }
  try {
    result = await Taro.downloadFile({ url, header: authHeader() })
  } catch {
    throw new ApiError('NETWORK', 0, NETWORK_MESSAGE)
  }
  if (result.statusCode !== 200) throw toApiError(result.statusCode, null)
  await Taro.shareFileMessage({ filePath: result.tempFilePath, fileName })
}

/** Saves (H5) or shares to a chat (WeChat) the meeting's attendance list as CSV. */
export function exportAttendanceCsv(meetingId: string, fileName: string): Promise<void> {
  const url = buildUrl(apiBase, attendanceCsvPath(meetingId))
  return process.env.TARO_ENV === 'h5' ? saveOnH5(url, fileName) : shareOnWeapp(url, fileName)
}
