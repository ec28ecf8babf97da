// Pages of the booking subpackage (packages/bookings), opened from the 预约 tab and from each other.
import Taro from '@tarojs/taro'
import { withQuery } from '@/lib/nav'

export const BOOKING_PAGES = {
  room: '/packages/bookings/pages/room/index',
  mine: '/packages/bookings/pages/mine/index',
  manage: '/packages/bookings/pages/manage/index',
  rooms: '/packages/bookings/pages/rooms/index',
  roomEdit: '/packages/bookings/pages/room-edit/index',
  doorSign: '/packages/bookings/pages/door-sign/index',
  blackouts: '/packages/bookings/pages/blackouts/index',
  groups: '/packages/bookings/pages/groups/index',
  policy: '/packages/bookings/pages/policy/index',
  utilisation: '/packages/bookings/pages/utilisation/index',
} as const

export type BookingPage = keyof typeof BOOKING_PAGES

export function bookingUrl(
  page: BookingPage,
  query: Record<string, string | undefined> = {},
): string {
  return withQuery(BOOKING_PAGES[page], query)
}

export function openBooking(
  page: BookingPage,
  query: Record<string, string | undefined> = {},
): void {
  void Taro.navigateTo({ url: bookingUrl(page, query) })
}
