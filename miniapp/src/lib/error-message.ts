import { ApiError } from '@/api/http'

/** The text to show for any failure; API messages are already written for residents. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const first = error.issues[0]
    // A validation error's first issue is usually more precise than the summary.
    if (error.code === 'VALIDATION_FAILED' && first && first.message) return first.message
    return error.message
  }
  return '出了点问题，请稍后再试'
}

export function isApiError(error: unknown, code: string): error is ApiError {
  return error instanceof ApiError && error.code === code
}
