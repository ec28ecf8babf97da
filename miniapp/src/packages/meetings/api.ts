// One typed function per 议事会 route (worker/meetings/routes.ts). Shapes are the worker's zod
// schemas, imported as types only (decision 003): a changed response fails the typecheck.
import type { z } from 'zod'
import type * as schemas from '@worker/meetings/schemas'
import { request } from '@/api/request'
import { upload } from '@/api/upload'
import type { Ok } from '@/api/types'

export type MeetingType = z.infer<typeof schemas.MeetingTypeSchema>
export type MeetingStatus = z.infer<typeof schemas.MeetingStatusSchema>
export type RegistrationStatus = z.infer<typeof schemas.RegistrationStatusSchema>
export type SuggestionMove = z.infer<typeof schemas.SuggestionMoveSchema>
export type MeetingSummary = z.infer<typeof schemas.MeetingSummarySchema>
export type MeetingDetail = z.infer<typeof schemas.MeetingDetailSchema>
export type SignupState = MeetingSummary['signup']
export type MyRegistration = z.infer<typeof schemas.MyRegistrationSchema>
export type AgendaItem = z.infer<typeof schemas.AgendaItemSchema>
export type Resolution = z.infer<typeof schemas.ResolutionSchema>
export type Attendance = z.infer<typeof schemas.AttendanceSchema>
export type AgendaCandidate = z.infer<typeof schemas.AgendaCandidateSchema>
export type InviteCandidate = z.infer<typeof schemas.InviteCandidateSchema>
export type SuggestionMeeting = z.infer<typeof schemas.SuggestionMeetingSchema>
export type MeetingPhoto = z.infer<typeof schemas.PhotoSchema>
export type MeetingInput = z.input<typeof schemas.MeetingBody>
export type AgendaItemInput = z.input<typeof schemas.AgendaItemInput>
export type ResolutionInput = z.input<typeof schemas.ResolutionBody>
export type WalkInInput = z.input<typeof schemas.WalkInBody>
export type MeetingListWhen = 'upcoming' | 'past' | 'drafts'

const id = encodeURIComponent
const base = (meetingId: string) => `/api/meetings/${id(meetingId)}`
const item = (meetingId: string, itemId: string) => `${base(meetingId)}/items/${id(itemId)}`

// --- everyone -------------------------------------------------------------------------------

export const getMeeting = (meetingId: string) => request<MeetingDetail>('GET', base(meetingId))
export const listMyMeetings = () => request<{ items: MeetingSummary[] }>('GET', '/api/me/meetings')
/** The meetings that discussed a suggestion and their resolutions (one case file). */
export const listSuggestionMeetings = (suggestionId: string) =>
  request<{ items: SuggestionMeeting[] }>('GET', `/api/suggestions/${id(suggestionId)}/meetings`)

// --- residents ------------------------------------------------------------------------------

type RegistrationResult = { meeting: MeetingSummary }
export const signUp = (meetingId: string) =>
  request<RegistrationResult>('POST', `${base(meetingId)}/registration`)
/** 代办 (decision 019): signed up as the resident, by staff or her 楼组长. */
export const signUpFor = (meetingId: string, residentId: string) =>
  request<RegistrationResult>('POST', `${base(meetingId)}/registration/for/${id(residentId)}`)
export const cancelSignUp = (meetingId: string) =>
  request<RegistrationResult>('DELETE', `${base(meetingId)}/registration`)
export const checkIn = (meetingId: string, code: string) =>
  request<RegistrationResult>('POST', `${base(meetingId)}/checkin`, { body: { code } })
export const requestToSpeak = (meetingId: string, itemId: string, topic: string) =>
  request<Ok>('POST', `${item(meetingId, itemId)}/speak`, { body: { topic } })
export const rateItem = (meetingId: string, itemId: string, stars: number) =>
  request<Ok>('POST', `${item(meetingId, itemId)}/rating`, { body: { stars } })

// --- organisers (议事会 members, 居委会 staff) ------------------------------------------------

export const createMeeting = (communityId: string, body: MeetingInput) =>
  request<MeetingDetail>('POST', `/api/communities/${id(communityId)}/meetings`, { body })
export const updateMeeting = (meetingId: string, body: MeetingInput) =>
  request<MeetingDetail>('PUT', base(meetingId), { body })
export const publishMeeting = (meetingId: string) =>
  request<MeetingDetail>('POST', `${base(meetingId)}/publish`)
export const cancelMeeting = (meetingId: string, reason: string) =>
  request<MeetingDetail>('POST', `${base(meetingId)}/cancel`, { body: { reason } })
export const inviteResidents = (meetingId: string, userIds: string[]) =>
  request<{ invitedCount: number }>('POST', `${base(meetingId)}/invitations`, { body: { userIds } })
/** Residents an organiser may invite, by nickname or building (no real names: 议事会 members use it too). */
export const listInviteCandidates = (meetingId: string, q: string) =>
  request<{ items: InviteCandidate[] }>('GET', `${base(meetingId)}/invitees`, { query: { q } })
export const listAgendaCandidates = (communityId: string) =>
  request<{ items: AgendaCandidate[] }>(
    'GET',
    `/api/communities/${id(communityId)}/meetings/agenda-candidates`,
  )
export const getAttendance = (meetingId: string) =>
  request<Attendance>('GET', `${base(meetingId)}/attendance`)
export const addWalkIn = (meetingId: string, body: WalkInInput) =>
  request<Ok>('POST', `${base(meetingId)}/walk-ins`, { body })
export const saveMinutes = (meetingId: string, minutes: string, publish: boolean) =>
  request<Ok>('PUT', `${base(meetingId)}/minutes`, { body: { minutes, publish } })
export const publishResolution = (meetingId: string, itemId: string, body: ResolutionInput) =>
  request<Ok>('POST', `${item(meetingId, itemId)}/resolution`, { body })
export const uploadMeetingPhoto = (meetingId: string, filePath: string) =>
  upload<MeetingPhoto>(`${base(meetingId)}/photos`, { filePath, name: 'file' })
export const deleteMeetingPhoto = (photoId: string) =>
  request<Ok>('DELETE', `/api/meeting-photos/${id(photoId)}`)
/** The attendance CSV's API path; it needs the bearer token, so it is fetched, not linked. */
export const attendanceCsvPath = (meetingId: string) => `${base(meetingId)}/attendance.csv`
