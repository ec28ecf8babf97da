// One typed function per 金点子 route (worker/suggestions/routes.ts and staff-routes.ts). The
// shapes are the worker's zod schemas, imported as types only (decision 003).
import type { z } from 'zod'
import type * as s from '@worker/suggestions/schemas'
import { request } from '@/api/request'
import { upload } from '@/api/upload'
import type { Ok } from '@/api/types'

export type SuggestionCategory = z.infer<typeof s.CategorySchema>
export type SuggestionStatus = z.infer<typeof s.StatusSchema>
export type SuggestionSummary = z.infer<typeof s.SuggestionSummarySchema>
export type SuggestionDetail = z.infer<typeof s.SuggestionDetailSchema>
export type SuggestionPhoto = z.infer<typeof s.PhotoSchema>
export type TimelineEvent = z.infer<typeof s.TimelineEventSchema>
export type SuggestionComment = z.infer<typeof s.CommentSchema>
export type SupportResult = z.infer<typeof s.SupportResultSchema>
export type MySuggestion = z.infer<typeof s.MySuggestionSchema>
export type ModerationQueue = z.infer<typeof s.ModerationQueueSchema>
export type ModerationFlag = ModerationQueue['flags'][number]
export type AnswerTemplate = z.infer<typeof s.TemplateSchema>
export type TemplateKind = z.input<typeof s.TemplateBody>['kind']
export type SuggestionSettings = z.infer<typeof s.SettingsSchema>

/** `limit` is coerced from the query string by the API (its zod input type is unknown). */
export type ListQuery = Omit<z.input<typeof s.ListQuery>, 'limit'> & { limit?: number }
export type ListSort = NonNullable<ListQuery['sort']>
export type SimilarQuery = z.input<typeof s.SimilarQuery>
export type CreateSuggestionBody = z.input<typeof s.CreateSuggestionBody>
export type RatingBody = z.input<typeof s.RatingBody>
export type AnswerBody = z.input<typeof s.AnswerBody>
export type AnswerDecision = AnswerBody['decision']
export type ProgressBody = z.input<typeof s.ProgressBody>
export type MergeBody = z.input<typeof s.MergeBody>
export type TemplateBody = z.input<typeof s.TemplateBody>

const id = encodeURIComponent
const community = (communityId: string) => `/api/communities/${id(communityId)}`
const suggestion = (suggestionId: string) => `/api/suggestions/${id(suggestionId)}`

// --- browsing -------------------------------------------------------------------------------

export const findSimilarSuggestions = (communityId: string, query: SimilarQuery) =>
  request<{ items: SuggestionSummary[] }>('GET', `${community(communityId)}/suggestions/similar`, {
    query,
  })

export const getSuggestionSettings = (communityId: string) =>
  request<SuggestionSettings>('GET', `${community(communityId)}/suggestion-settings`)

export const getSuggestion = (suggestionId: string) =>
  request<SuggestionDetail>('GET', suggestion(suggestionId))

export const listComments = (suggestionId: string) =>
  request<{ items: SuggestionComment[] }>('GET', `${suggestion(suggestionId)}/comments`)

// --- residents ------------------------------------------------------------------------------

export const createSuggestion = (communityId: string, body: CreateSuggestionBody) =>
  request<SuggestionDetail>('POST', `${community(communityId)}/suggestions`, { body })

/** Stores one photo (multipart: file + communityId); attach its id to a suggestion or progress update. */
export const uploadSuggestionPhoto = (communityId: string, filePath: string) =>
  upload<SuggestionPhoto>('/api/suggestion-photos', {
    filePath,
    name: 'file',
    formData: { communityId },
  })

export const supportSuggestion = (suggestionId: string) =>
  request<SupportResult>('POST', `${suggestion(suggestionId)}/support`)

// --- 代办: staff or her 楼组长 acting for a resident (decision 019) ------------------------------

export const createSuggestionFor = (
  communityId: string,
  residentId: string,
  body: CreateSuggestionBody,
) =>
  request<SuggestionDetail>('POST', `${community(communityId)}/suggestions/for/${id(residentId)}`, {
    body,
  })
export const supportSuggestionFor = (suggestionId: string, residentId: string) =>
  request<SupportResult>('POST', `${suggestion(suggestionId)}/support/for/${id(residentId)}`)
export const withdrawSupport = (suggestionId: string) =>
  request<SupportResult>('DELETE', `${suggestion(suggestionId)}/support`)

export const addComment = (suggestionId: string, body: string, parentId?: string) =>
  request<SuggestionComment>('POST', `${suggestion(suggestionId)}/comments`, {
    body: parentId ? { body, parentId } : { body },
  })

export const rateSuggestion = (suggestionId: string, body: RatingBody) =>
  request<{ stars: number; unresolved: boolean }>('POST', `${suggestion(suggestionId)}/ratings`, {
    body,
  })

export const flagContent = (suggestionId: string, reason: string, commentId?: string) =>
  request<Ok>('POST', `${suggestion(suggestionId)}/flags`, {
    body: commentId ? { reason, commentId } : { reason },
  })

// --- staff, planners ------------------------------------------------------------------------

export const publishSuggestion = (suggestionId: string) =>
  request<SuggestionDetail>('POST', `${suggestion(suggestionId)}/publish`)
export const hideSuggestion = (suggestionId: string, reason: string) =>
  request<SuggestionDetail>('POST', `${suggestion(suggestionId)}/hide`, { body: { reason } })
export const unhideSuggestion = (suggestionId: string) =>
  request<SuggestionDetail>('POST', `${suggestion(suggestionId)}/unhide`)
export const acceptSuggestion = (suggestionId: string) =>
  request<SuggestionDetail>('POST', `${suggestion(suggestionId)}/accept`)
export const answerSuggestion = (suggestionId: string, body: AnswerBody) =>
  request<SuggestionDetail>('POST', `${suggestion(suggestionId)}/answer`, { body })
export const mergeSuggestion = (suggestionId: string, body: MergeBody) =>
  request<SuggestionDetail>('POST', `${suggestion(suggestionId)}/merge`, { body })
export const assignPlanner = (suggestionId: string, plannerUserId: string) =>
  request<SuggestionDetail>('POST', `${suggestion(suggestionId)}/assign`, {
    body: { plannerUserId },
  })
export const postProgress = (suggestionId: string, body: ProgressBody) =>
  request<SuggestionDetail>('POST', `${suggestion(suggestionId)}/progress`, { body })
export const completeSuggestion = (suggestionId: string, body: ProgressBody) =>
  request<SuggestionDetail>('POST', `${suggestion(suggestionId)}/complete`, { body })

export const hideComment = (commentId: string, reason: string) =>
  request<Ok>('POST', `/api/suggestion-comments/${id(commentId)}/hide`, { body: { reason } })
export const dismissFlag = (flagId: string) =>
  request<Ok>('POST', `/api/suggestion-flags/${id(flagId)}/dismiss`)

export const updateSuggestionSettings = (communityId: string, body: SuggestionSettings) =>
  request<SuggestionSettings>('PUT', `${community(communityId)}/suggestion-settings`, { body })

export const listAnswerTemplates = (communityId: string) =>
  request<{ items: AnswerTemplate[] }>('GET', `${community(communityId)}/answer-templates`)
export const createAnswerTemplate = (communityId: string, body: TemplateBody) =>
  request<AnswerTemplate>('POST', `${community(communityId)}/answer-templates`, { body })
export const deleteAnswerTemplate = (templateId: string) =>
  request<Ok>('DELETE', `/api/answer-templates/${id(templateId)}`)
