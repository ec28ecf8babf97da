// Pages of the booking subpackage (packages/booking), opened from the 预约 tab and from each other.
import Taro from '@tarojs/taro'
import { withQuery } from '../../lib/nav'

export const BOOKING_PAGES = {
  room: '/packages/booking/pages/room/index',
  mine: '/packages/booking/pages/mine/index',
  manage: '/packages/booking/pages/manage/index',
  rooms: '/packages/booking/pages/rooms/index',
  roomEdit: '/packages/booking/pages/room-edit/index',
  doorSign: '/packages/booking/pages/door-sign/index',
  blackouts: '/packages/booking/pages/blackouts/index',
  groups: '/packages/booking/pages/groups/index',
  policy: '/packages/booking/pages/policy/index',
  utilisation: '/packages/booking/pages/utilisation/index',
} as const

export type BookingPage = keyof typeof BOOKING_PAGES

export function bookingUrl(page: BookingPage, query: Record<string, string | undefined> = {}): string {
  return withQuery(BOOKING_PAGES[page], query)
}

export function openBooking(page: BookingPage, query: Record<string, string | undefined> = {}): void {
  void Taro.navigateTo({ url: bookingUrl(page, query) })
}
