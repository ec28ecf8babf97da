// One typed function per 邻里中心 booking route (worker/bookings/routes.ts, admin-routes.ts).
// Shapes are the worker's zod schemas, imported as types only (decision 003); the few routes
// whose schema is inline or loose in the worker have their type written next to the function.
import type { z } from 'zod'
import type * as schemas from '@worker/bookings/schemas'
import { request } from '@/api/request'
import { upload } from '@/api/upload'
import type { Ok } from '@/api/types'

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
export type FreeRoomsQuery = Omit<z.infer<typeof schemas.AnyRoomQuery>, 'headcount'> & {
  headcount?: number
}
export type CentrePolicy = z.infer<typeof schemas.PolicyBody>
export type RoomPhoto = z.infer<typeof schemas.RoomPhotoSchema>
/** A room on the 预约 tab: rules, whether I may book it, and (for a date) its day at a glance. */
export type CentreRoom = z.infer<typeof schemas.CentreRoomSchema>
export type MyGroup = z.infer<typeof schemas.MyGroupSchema>
export type ManagedCentre = z.infer<typeof schemas.ManagedCentreSchema>
export type GroupKind = z.infer<typeof schemas.GroupKindSchema>
export type RoomRules = z.infer<typeof schemas.RoomRulesBody>
export type RoomInput = z.input<typeof schemas.RoomBody>
export type RoomAdmin = z.infer<typeof schemas.RoomAdminSchema>
export type Blackout = z.infer<typeof schemas.BlackoutSchema>
export type BlackoutKind = Blackout['kind']
export type BlackoutInput = z.input<typeof schemas.BlackoutBody>
export type BlackoutResult = z.infer<typeof schemas.BlackoutResultSchema>
export type Person = z.infer<typeof schemas.PersonSchema>
export type GroupMember = z.infer<typeof schemas.GroupMemberSchema>
export type NoShow = z.infer<typeof schemas.NoShowSchema>
export type NoShows = z.infer<typeof schemas.NoShowsSchema>
export type Utilisation = z.infer<typeof schemas.UtilisationSchema>
export type GroupInput = z.input<typeof schemas.GroupBody>

// --- residents ------------------------------------------------------------------------------

/** Groups (三自组织) I lead or belong to. */
export const listMyGroups = () => request<{ items: MyGroup[] }>('GET', '/api/me/groups')

/** Upcoming blackouts of a centre (public). */
export const listBlackouts = (centreId: string) =>
  request<{ items: Blackout[] }>('GET', `/api/centres/${id(centreId)}/blackouts`)

/** The room's slots on a Shanghai date ("YYYY-MM-DD"); others' bookings are only "已预约". */
export const getRoomDay = (roomId: string, date: string) =>
  request<RoomDay>('GET', `/api/rooms/${id(roomId)}/day`, { query: { date } })

/** GET /api/centres/{id}/free-rooms — its response schema is inline in routes.ts. */
export type FreeRooms = { startsAt: number; endsAt: number; rooms: BookableRoom[] }

/** One booking, or a weekly series for a group (201 lists what was booked and what not). */
export const createBooking = (body: CreateBookingBody) =>
  request<BookingResult>('POST', '/api/bookings', { body })
/** 代办 (decision 019): booked as the resident, by staff or her 楼组长 — her quota, her booking. */
export const createBookingFor = (residentId: string, body: CreateBookingBody) =>
  request<BookingResult>('POST', `/api/bookings/for/${encodeURIComponent(residentId)}`, { body })

export const cancelBooking = (bookingId: string) =>
  request<Booking>('POST', `/api/bookings/${id(bookingId)}/cancel`)

export const checkInBooking = (bookingId: string, code: string) =>
  request<Booking>('POST', `/api/bookings/${id(bookingId)}/check-in`, { body: { code } })

/** Cancel cutoff, check-in window and no-show rule of a centre (public). */
export const getCentrePolicy = (centreId: string) =>
  request<CentrePolicy>('GET', `/api/centres/${id(centreId)}/policy`)

export type CentreGroup = z.infer<typeof schemas.CentreGroupSchema>

export const listCentreGroups = (centreId: string) =>
  request<{ items: CentreGroup[] }>('GET', `/api/centres/${id(centreId)}/groups`)

// --- centre managers ------------------------------------------------------------------------

/** GET /api/centres/{id}/calendar */
export type Calendar = z.infer<typeof schemas.CalendarSchema>
export type CalendarItem = Calendar['items'][number]

/** Bookings of a centre starting in [from, to) (UTC ms); 403 for anyone but its managers. */
export const getCentreCalendar = (centreId: string, from: number, to: number, status?: 'pending') =>
  request<Calendar>('GET', `/api/centres/${id(centreId)}/calendar`, { query: { from, to, status } })

export const approveBooking = (bookingId: string) =>
  request<Ok>('POST', `/api/bookings/${id(bookingId)}/approve`)

export const rejectBooking = (bookingId: string, reason: string) =>
  request<Ok>('POST', `/api/bookings/${id(bookingId)}/reject`, { body: { reason } })

// Rooms and rules

/** A room with every rule and its check-in code (rules null: not bookable yet). */
export const getRoomAdmin = (roomId: string) =>
  request<RoomAdmin>('GET', `/api/rooms/${id(roomId)}/rules`)

export const createRoom = (centreId: string, body: RoomInput) =>
  request<{ id: string } & RoomInput>('POST', `/api/centres/${id(centreId)}/rooms`, { body })

export const updateRoom = (roomId: string, body: RoomInput) =>
  request<{ id: string } & RoomInput>('PUT', `/api/rooms/${id(roomId)}`, { body })

export const updateRoomRules = (roomId: string, body: RoomRules) =>
  request<unknown>('PUT', `/api/rooms/${id(roomId)}/rules`, { body })

/** One photo from Taro.chooseImage; answers the room's photos after it. */
export const uploadRoomPhoto = (roomId: string, filePath: string) =>
  upload<{ photos: RoomPhoto[] }>(`/api/rooms/${id(roomId)}/photos`, { filePath, name: 'file' })

export const deleteRoomPhoto = (roomId: string, photoId: string) =>
  request<{ photos: RoomPhoto[] }>('DELETE', `/api/rooms/${id(roomId)}/photos/${id(photoId)}`)

// Policy, no-shows

export const updateCentrePolicy = (centreId: string, body: CentrePolicy) =>
  request<CentrePolicy>('PUT', `/api/centres/${id(centreId)}/policy`, { body })

export const listNoShows = (centreId: string) =>
  request<NoShows>('GET', `/api/centres/${id(centreId)}/no-shows`)

export const waiveNoShow = (bookingId: string, reason: string) =>
  request<Ok>('POST', `/api/bookings/${id(bookingId)}/waive`, { body: { reason } })

export const overrideNoShow = (
  centreId: string,
  body: { userId: string; days: number; reason: string },
) =>
  request<{ ok: true; until: number }>('POST', `/api/centres/${id(centreId)}/no-show-overrides`, {
    body,
  })

// Blackouts

/** Without confirm, bookings in the way come back in `affected` and nothing is stored. */
export const createBlackout = (centreId: string, body: BlackoutInput) =>
  request<BlackoutResult>('POST', `/api/centres/${id(centreId)}/blackouts`, { body })

export const deleteBlackout = (blackoutId: string) =>
  request<Ok>('DELETE', `/api/blackouts/${id(blackoutId)}`)

// Groups and people

export const createGroup = (centreId: string, body: GroupInput) =>
  request<CentreGroup>('POST', `/api/centres/${id(centreId)}/groups`, { body })

export const listGroupMembers = (groupId: string) =>
  request<{ items: GroupMember[] }>('GET', `/api/groups/${id(groupId)}/members`)

export const addGroupMember = (groupId: string, userId: string) =>
  request<Ok>('POST', `/api/groups/${id(groupId)}/members`, { body: { userId } })

export const removeGroupMember = (groupId: string, userId: string) =>
  request<Ok>('DELETE', `/api/groups/${id(groupId)}/members/${id(userId)}`)

/** Verified residents of the centre's communities by nickname (managers only). */
export const searchPeople = (centreId: string, q: string) =>
  request<{ items: Person[] }>('GET', `/api/centres/${id(centreId)}/people`, { query: { q } })

/** Utilisation over Shanghai dates [from, to] (at most 92 days). */
export const getUtilisation = (centreId: string, from: string, to: string) =>
  request<Utilisation>('GET', `/api/centres/${id(centreId)}/utilisation`, { query: { from, to } })
