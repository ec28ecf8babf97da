import { View } from '@tarojs/components'
import { useRedirect } from '@/lib/redirect'
import { BOOKING_PAGES } from '@/packages/bookings/lib/routes'

/** 我的预约's address before the subpackage was named bookings: printed door-sign QR codes (`?code=`) and notices. */
export default function OldMyBookingsPage() {
  useRedirect(BOOKING_PAGES.mine)
  return <View />
}
