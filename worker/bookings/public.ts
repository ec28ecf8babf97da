// What other domains (today: meetings) may use of 邻里中心 bookings: the room a meeting holds,
// through statements bookings writes (docs/architecture.md, "Layers").

export {
  bookingExists,
  bookRoomStatements,
  heldRoomInUseStatement,
  meetingRoom,
  releaseRoomStatements,
  updateHeldRoomStatement,
  whyRoomNotBooked,
  type MeetingRoom,
} from './held-rooms'

/** What a booking's statuses are called (the 操作记录 says them). */
export { STATUS_LABELS } from './repo'

/** What the home page (首页) shows of this domain, read in its one batch. */
export { bookingsToApproveRead, myNextBookingsRead, type NextBooking } from './to-dos'
