// What the tab pages call from this domain, apart from the rest of its routes: a module in the
// main package comes whole and WeChat caps the main package (decision 009), so the tab imports
// this file, never ./api.ts (which would ship every route of the domain to every first download).
import { request } from '@/api/request'
import type { Booking, CentreRoom, FreeRooms, FreeRoomsQuery, ManagedCentre } from './api'

const id = encodeURIComponent

/** Bookable rooms of a centre with their rules; with a date, each room's free slots that day (one call for the tab). */
export const listCentreRooms = (centreId: string, date?: string) =>
  request<{ items: CentreRoom[] }>('GET', `/api/centres/${id(centreId)}/rooms`, { query: { date } })

/** Centres I manage, with pending approvals; empty for everyone else (never a 403). */
export const listManagedCentres = () =>
  request<{ items: ManagedCentre[] }>('GET', '/api/me/managed-centres')

/** "这个时间，哪间都行": rooms free for the whole of start–end that seat the headcount. */
export const findFreeRooms = (centreId: string, query: FreeRoomsQuery) =>
  request<FreeRooms>('GET', `/api/centres/${id(centreId)}/free-rooms`, { query })

export const listMyBookings = () => request<{ items: Booking[] }>('GET', '/api/me/bookings')
