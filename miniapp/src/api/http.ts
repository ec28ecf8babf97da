// The transport-independent half of the API client: URL building, the bearer token, and turning
// `{error:{code,message}}` into an ApiError. It imports nothing from Taro so that node tests can
// drive it with a fake transport; `request.ts` binds it to Taro.request.
import type { ErrorCode } from '@worker/lib/errors'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** The subset of Taro.request's options and result that the client uses. */
export type TransportOptions = {
  url: string
  method: HttpMethod
  header: Record<string, string>
  data?: unknown
}
export type TransportResult = { statusCode: number; data: unknown }
export type Transport = (options: TransportOptions) => Promise<TransportResult>

export type ApiIssue = { path: string; message: string }

/** Codes of the API's error model (worker/lib/errors.ts), plus NETWORK (no answer) and HTTP (an answer that is not ours). */
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'HTTP'

export class ApiError extends Error {
  readonly code: ApiErrorCode | (string & {})
  readonly status: number
  readonly issues: ApiIssue[]
  /** What the API adds to some errors, e.g. `currentStatus` of INVALID_STATE or `notBooked` of a refused series. */
  readonly details: Record<string, unknown>

  constructor(
    code: ApiError['code'],
    status: number,
    message: string,
    issues: ApiIssue[] = [],
    details: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.status = status
    this.issues = issues
    this.details = details
  }
}

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后再试'

/** Chinese text for answers that do not carry the API's error body (proxy pages, gateways). */
export function fallbackMessage(status: number): string {
  if (status === 401) return '请先登录'
  if (status === 403) return '没有权限进行此操作'
  if (status === 404) return '请求的内容不存在'
  if (status === 429) return '操作太频繁，请稍后再试'
  if (status >= 500) return '服务暂时不可用，请稍后再试'
  return `请求失败（${status}）`
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data
  if (data === '') return null
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Reads the API's error body; anything else becomes an HTTP error with a generic message. */
export function toApiError(status: number, data: unknown): ApiError {
  const body = parseBody(data)
  const error = isRecord(body) ? body.error : undefined
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    const issues = Array.isArray(error.issues)
      ? error.issues.filter(
          (i): i is ApiIssue =>
            isRecord(i) && typeof i.path === 'string' && typeof i.message === 'string',
        )
      : []
    return new ApiError(
      error.code,
      status,
      error.message,
      issues,
      isRecord(error.details) ? error.details : {},
    )
  }
  return new ApiError('HTTP', status, fallbackMessage(status))
}

export type Query = Record<string, string | number | boolean | null | undefined>

export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const base = baseUrl.replace(/\/+$/, '')
  const pairs = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return `${base}${path}${pairs.length ? `?${pairs.join('&')}` : ''}`
}

/**
 * Where the API lives. The H5 build is served by the worker itself, so it uses its own origin;
 * the mini-program needs an absolute origin (TARO_APP_API_BASE at build time).
 */
export function apiBaseUrl(platform: string | undefined, configured: string | undefined): string {
  if (platform === 'h5') return ''
  return configured && configured.trim() ? configured.trim() : 'http://127.0.0.1:8787'
}

export type RequestOptions = { body?: unknown; query?: Query }
export type RequestFn = <T>(
  method: HttpMethod,
  path: string,
  options?: RequestOptions,
) => Promise<T>

export type ClientOptions = {
  transport: Transport
  baseUrl: string
  getToken: () => string | null
  /** Called when the API says the session is gone (expired, revoked, logged out elsewhere). */
  onUnauthenticated?: () => void
}

export function createRequest({
  transport,
  baseUrl,
  getToken,
  onUnauthenticated,
}: ClientOptions): RequestFn {
  return async function request<T>(
    method: HttpMethod,
    path: string,
    options: RequestOptions = {},
  ): Promise<T> {
    const header: Record<string, string> = { Accept: 'application/json' }
    const token = getToken()
    if (token) header.Authorization = `Bearer ${token}`
    const hasBody = options.body !== undefined
    if (hasBody) header['Content-Type'] = 'application/json'

    let result: TransportResult
    try {
      result = await transport({
        url: buildUrl(baseUrl, path, options.query),
        method,
        header,
        ...(hasBody ? { data: options.body } : {}),
      })
    } catch {
      throw new ApiError('NETWORK', 0, NETWORK_MESSAGE)
    }

    if (result.statusCode >= 200 && result.statusCode < 300) return parseBody(result.data) as T
    const error = toApiError(result.statusCode, result.data)
    if (error.status === 401 && token) onUnauthenticated?.()
    throw error
  }
}
