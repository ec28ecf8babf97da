// The routes the main package calls: the tab pages and what they import (auth/actions, the
// unread badge). WeChat caps the main package (decision 009), and a module in it comes whole:
// importing one list function from api/bookings.ts shipped every booking route to every
// resident's first download. So these few live here; each domain module re-exports its own,
// and subpackages keep importing from the domain modules.
import type { Booking, CentreRoom, FreeRooms, FreeRoomsQuery, ManagedCentre } from './bookings'
import type { ConventionSummary } from './conventions'
import type { MeetingListWhen, MeetingSummary } from './meetings'
import type { ListQuery, ModerationQueue, MySuggestion, SuggestionSummary } from './suggestions'
import { apiUrl, request } from './request'
import type { Me, Ok, Page, User } from './types'

const id = encodeURIComponent
const community = (communityId: string) => `/api/communities/${id(communityId)}`

// --- identity (auth/actions) ----------------------------------------------------------------

export const logout = () => request<Ok>('POST', '/api/auth/logout')
export const getMe = () => request<Me>('GET', '/api/me')
export const chooseCommunity = (communityId: string) => request<User>('PUT', '/api/me/community', { body: { communityId } })

// --- 预约 tab ---------------------------------------------------------------------------------

/** Bookable rooms of a centre with their rules; with a date, each room's free slots that day (one call for the tab). */
export const listCentreRooms = (centreId: string, date?: string) =>
  request<{ items: CentreRoom[] }>('GET', `/api/centres/${id(centreId)}/rooms`, { query: { date } })

/** Centres I manage, with pending approvals; empty for everyone else (never a 403). */
export const listManagedCentres = () => request<{ items: ManagedCentre[] }>('GET', '/api/me/managed-centres')

/** "这个时间，哪间都行": rooms free for the whole of start–end that seat the headcount. */
export const findFreeRooms = (centreId: string, query: FreeRoomsQuery) =>
  request<FreeRooms>('GET', `/api/centres/${id(centreId)}/free-rooms`, { query })

export const listMyBookings = () => request<{ items: Booking[] }>('GET', '/api/me/bookings')

// --- 金点子 tab -------------------------------------------------------------------------------

/** Photo URLs come as API paths; <Image> in WeChat needs them absolute. */
export const photoSrc = (url: string) => apiUrl(url)

export const listSuggestions = (communityId: string, query: ListQuery = {}) =>
  request<Page<SuggestionSummary>>('GET', `${community(communityId)}/suggestions`, { query })

export const listMySuggestions = (tab: 'mine' | 'supported') =>
  request<{ items: MySuggestion[] }>('GET', '/api/me/suggestions', { query: { tab } })

export const getModerationQueue = (communityId: string) =>
  request<ModerationQueue>('GET', `${community(communityId)}/suggestions/moderation`)

// --- 议事 tab ---------------------------------------------------------------------------------

export const listConventions = (communityId: string) =>
  request<{ items: ConventionSummary[] }>('GET', `${community(communityId)}/conventions`)

/** Upcoming, past, or (organisers only) drafts of a community. */
export const listMeetings = (communityId: string, when: MeetingListWhen = 'upcoming') =>
  request<{ items: MeetingSummary[] }>('GET', `${community(communityId)}/meetings`, { query: { when } })

// --- 我的 tab badge ---------------------------------------------------------------------------

export const getUnreadCount = () => request<{ unread: number }>('GET', '/api/me/inbox/unread-count')
