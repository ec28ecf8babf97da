// The door sign of a room: what the QR code holds, and the code as large spaced digits.
import { BOOKING_PAGES } from './routes'

/**
 * The address in the QR code: 我的预约 of the H5 app with the code, so a phone camera opens it
 * and the code is filled in; the mini-program's own scanner reads `code=` from it too
 * (booking-form.ts#codeFromScan).
 */
export function checkinUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/#${BOOKING_PAGES.mine}?code=${encodeURIComponent(code)}`
}

/** "318 206": digits in groups of three (four digits stay together), easier to read at the door. */
export function spacedCode(code: string): string {
  return code.length <= 4 ? code : code.replace(/(\d{3})(?=\d)/g, '$1 ')
}
