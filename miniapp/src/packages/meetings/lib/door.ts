import { meetingUrl } from './routes'

/**
 * What the door's QR code encodes: the H5 app's meeting page (hash router, served from the
 * API's origin) with the code, so that any phone camera opens it ready to check in.
 */
export function checkinUrl(origin: string, meetingId: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/#${meetingUrl('detail', { id: meetingId, code })}`
}
