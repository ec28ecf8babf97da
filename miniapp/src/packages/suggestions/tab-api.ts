// What the tab pages call from this domain, apart from the rest of its routes: a module in the
// main package comes whole and WeChat caps the main package (decision 009), so the tab imports
// this file, never ./api.ts (which would ship every route of the domain to every first download).
import { apiUrl, request } from '@/api/request'
import type { Page } from '@/api/types'
import type { ListQuery, ModerationQueue, MySuggestion, SuggestionSummary } from './api'

const community = (communityId: string) => `/api/communities/${encodeURIComponent(communityId)}`

/** Photo URLs come as API paths; <Image> in WeChat needs them absolute. */
export const photoSrc = (url: string) => apiUrl(url)

export const listSuggestions = (communityId: string, query: ListQuery = {}) =>
  request<Page<SuggestionSummary>>('GET', `${community(communityId)}/suggestions`, { query })

export const listMySuggestions = (tab: 'mine' | 'supported') =>
  request<{ items: MySuggestion[] }>('GET', '/api/me/suggestions', { query: { tab } })

export const getModerationQueue = (communityId: string) =>
  request<ModerationQueue>('GET', `${community(communityId)}/suggestions/moderation`)
