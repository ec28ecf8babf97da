// What the tab pages call from this domain, apart from the rest of its routes: a module in the
// main package comes whole and WeChat caps the main package (decision 009), so the tab imports
// this file, never ./api.ts (which would ship every route of the domain to every first download).
import { request } from '@/api/request'
import type { Page } from '@/api/types'
import type { MeetingListWhen, MeetingSummary } from './api'

/**
 * Upcoming, past, or (organisers only) drafts of a community: a page of 20 (or `limit`, at most
 * 100), the next one after `cursor`.
 */
export const listMeetings = (
  communityId: string,
  when: MeetingListWhen = 'upcoming',
  cursor?: string,
  limit?: number,
) =>
  request<Page<MeetingSummary>>(
    'GET',
    `/api/communities/${encodeURIComponent(communityId)}/meetings`,
    { query: { when, cursor, limit } },
  )
