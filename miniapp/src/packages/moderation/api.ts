// Content safety for staff (worker/moderation/routes.ts; shapes from worker/moderation/schemas.ts):
// the street's word list and what the machine check held back.
import type { z } from 'zod'
import type { ContentWordsSchema, HoldQueueSchema, HoldSchema } from '@worker/moderation/schemas'
import { request } from '@/api/request'

export type ContentWords = z.infer<typeof ContentWordsSchema>
export type ContentWord = ContentWords['items'][number]
export type HoldQueue = z.infer<typeof HoldQueueSchema>
export type ContentHold = z.infer<typeof HoldSchema>
export type WordKind = ContentWord['kind']

const community = (id: string) => `/api/communities/${encodeURIComponent(id)}`

export const listWords = (communityId: string) =>
  request<ContentWords>('GET', `${community(communityId)}/content-words`)

export const setWord = (communityId: string, word: string, kind: WordKind) =>
  request<ContentWords>('POST', `${community(communityId)}/content-words`, {
    body: { word, kind },
  })

export const removeWord = (communityId: string, word: string) =>
  request<ContentWords>('POST', `${community(communityId)}/content-words/remove`, {
    body: { word },
  })

export const listHolds = (communityId: string) =>
  request<HoldQueue>('GET', `${community(communityId)}/content-holds`)

type Decided = { id: string; status: string; statusLabel: string }

export const approveHold = (id: string) =>
  request<Decided>('POST', `/api/content-holds/${encodeURIComponent(id)}/approve`)

export const rejectHold = (id: string, reason: string) =>
  request<Decided>('POST', `/api/content-holds/${encodeURIComponent(id)}/reject`, {
    body: { reason },
  })
