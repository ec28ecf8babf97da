import { ApiError } from '@/api/http'

/**
 * A problem the person can put right, in Chinese, found before anything is sent (an empty field,
 * a code of the wrong length). Its message is shown as written: a plain `Error` is a programming
 * error and only ever reads "出了点问题", so a form check must throw or show this one.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InputError'
  }
}

export const GENERIC_MESSAGE = '出了点问题，请稍后再试'

/** The text to show for any failure; API messages are already written for residents. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const first = error.issues[0]
    // A validation error's first issue is usually more precise than the summary.
    if (error.code === 'VALIDATION_FAILED' && first && first.message) return first.message
    return error.message
  }
  if (error instanceof InputError) return error.message
  return GENERIC_MESSAGE
}

export function isApiError(error: unknown, code: string): error is ApiError {
  return error instanceof ApiError && error.code === code
}
