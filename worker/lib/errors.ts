import type { ContentfulStatusCode } from 'hono/utils/http-status'

// The documented error codes of the API. Every error response is
// { "error": { "code", "message", "issues"? } } with a Chinese message meant for the user.
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  CONSENT_REQUIRED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  RATE_LIMITED: 429,
  WECHAT_LOGIN_FAILED: 502,
  /** A WeChat service the request needs (a mini-program code) is not configured or did not answer. */
  WECHAT_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const satisfies Record<string, ContentfulStatusCode>

export type ErrorCode = keyof typeof ERROR_STATUS

export type ErrorIssue = { path: string; message: string }

export class AppError extends Error {
  readonly status: ContentfulStatusCode
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
    status?: ContentfulStatusCode,
    /** Machine-readable facts a client may act on, e.g. { currentStatus } with INVALID_STATE. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.status = status ?? ERROR_STATUS[code]
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或已删除`)
export const forbidden = (message = '您没有权限进行此操作') => new AppError('FORBIDDEN', message)
export const conflict = (message: string) => new AppError('CONFLICT', message)

export function errorBody(error: AppError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
      ...(error.details ? { details: error.details } : {}),
    },
  }
}
