// One typed function per 邻里中心 booking route (worker/bookings/routes.ts, admin-routes.ts).
// Shapes are the worker's zod schemas, imported as types only (decision 003); the few routes
// whose schema is inline or loose in the worker have their type written next to the function.
import type { z } from 'zod'
import type * as schemas from '../../../worker/bookings/schemas'
import { request } from './request'
import type { Ok } from './types'

const id = encodeURIComponent

export type BookingStatus = z.infer<typeof schemas.BookingStatusSchema>
export type RoomDay = z.infer<typeof schemas.RoomDaySchema>
/** A room with its booking rules (opening hours, slot length, approval, who may book…). */
export type BookableRoom = RoomDay['room']
export type WhoMayBook = BookableRoom['whoMayBook']
export type Slot = z.infer<typeof schemas.SlotSchema>
export type SlotState = Slot['state']
export type Booking = z.infer<typeof schemas.BookingSchema>
export type BookingResult = z.infer<typeof schemas.BookingResultSchema>
export type NotBooked = BookingResult['notBooked'][number]
export type CreateBookingBody = z.input<typeof schemas.CreateBookingBody>
/** headcount is coerced from the query string by the worker (defaults to 1). */
export type FreeRoomsQuery = Omit<z.infer<typeof schemas.AnyRoomQuery>, 'headcount'> & { headcount?: number }
export type CentrePolicy = z.infer<typeof schemas.PolicyBody>

// --- residents ------------------------------------------------------------------------------

/** The room's slots on a Shanghai date ("YYYY-MM-DD"); others' bookings are only "已预约". */
export const getRoomDay = (roomId: string, date: string) =>
  request<RoomDay>('GET', `/api/rooms/${id(roomId)}/day`, { query: { date } })

/** GET /api/centres/{id}/free-rooms — its response schema is inline in routes.ts. */
export type FreeRooms = { startsAt: number; endsAt: number; rooms: BookableRoom[] }

/** "这个时间，哪间都行": rooms free for the whole of start–end that seat the headcount. */
export const findFreeRooms = (centreId: string, query: FreeRoomsQuery) =>
  request<FreeRooms>('GET', `/api/centres/${id(centreId)}/free-rooms`, { query })

/** One booking, or a weekly series for a group (201 lists what was booked and what not). */
export const createBooking = (body: CreateBookingBody) => request<BookingResult>('POST', '/api/bookings', { body })

export const listMyBookings = () => request<{ items: Booking[] }>('GET', '/api/me/bookings')

export const cancelBooking = (bookingId: string) => request<Booking>('POST', `/api/bookings/${id(bookingId)}/cancel`)

export const checkInBooking = (bookingId: string, code: string) =>
  request<Booking>('POST', `/api/bookings/${id(bookingId)}/check-in`, { body: { code } })

/** Cancel cutoff, check-in window and no-show rule of a centre (public). */
export const getCentrePolicy = (centreId: string) => request<CentrePolicy>('GET', `/api/centres/${id(centreId)}/policy`)

/** GET /api/centres/{id}/groups answers a loose record in admin-routes.ts; this is what listGroups returns. */
export type CentreGroup = {
  id: string
  name: string
  kind: 'autonomy' | 'volunteer' | 'recreation'
  communityId: string
  leader: { id: string; nickname: string }
  memberCount: number
}

export const listCentreGroups = (centreId: string) =>
  request<{ items: CentreGroup[] }>('GET', `/api/centres/${id(centreId)}/groups`)

// --- centre managers ------------------------------------------------------------------------

/** GET /api/centres/{id}/calendar — CalendarSchema is private to routes.ts; this mirrors it. */
export type CalendarItem = {
  id: string
  room: { id: string; name: string }
  group: { id: string; name: string } | null
  bookedBy: string
  purpose: string
  headcount: number
  startsAt: number
  endsAt: number
  status: string
  statusLabel: string
}

/** Bookings of a centre starting in [from, to) (UTC ms); 403 for anyone but its managers. */
export const getCentreCalendar = (centreId: string, from: number, to: number, status?: 'pending') =>
  request<{ items: CalendarItem[] }>('GET', `/api/centres/${id(centreId)}/calendar`, { query: { from, to, status } })

export const approveBooking = (bookingId: string) => request<Ok>('POST', `/api/bookings/${id(bookingId)}/approve`)

export const rejectBooking = (bookingId: string, reason: string) =>
  request<Ok>('POST', `/api/bookings/${id(bookingId)}/reject`, { body: { reason } })
