// One typed function per 微规约 route (worker/conventions/routes.ts). Shapes are the worker's
// zod schemas, imported as types only (decision 003): a changed response fails the typecheck.
import type { z } from '@hono/zod-openapi'
import type {
  BallotBody,
  BallotReceiptSchema,
  CommentBody,
  CommentSchema,
  ConventionDetailSchema,
  ConventionSummarySchema,
  CreateConventionBody,
  DiffSchema,
  FilingBody,
  OpenVotingBody,
  OptionSchema,
  PaperBallotBody,
  ResultSchema,
  ReviseBody,
  RuleSchema,
  StatusSchema,
  TurnoutSchema,
  VersionSchema,
} from '@worker/conventions/schemas'
import { request } from '@/api/request'
import type { Ok } from '@/api/types'

export type ConventionStatus = z.infer<typeof StatusSchema>
export type DecisionRule = z.infer<typeof RuleSchema>
export type BallotOption = z.infer<typeof OptionSchema>
export type ConventionSummary = z.infer<typeof ConventionSummarySchema>
export type ConventionDetail = z.infer<typeof ConventionDetailSchema>
export type ConventionResult = z.infer<typeof ResultSchema>
export type ConventionVersion = z.infer<typeof VersionSchema>
export type ConventionDiff = z.infer<typeof DiffSchema>
export type ConventionComment = z.infer<typeof CommentSchema>
export type Turnout = z.infer<typeof TurnoutSchema>
export type BallotReceipt = z.infer<typeof BallotReceiptSchema>

export type CreateConventionInput = z.input<typeof CreateConventionBody>
export type ReviseConventionInput = z.input<typeof ReviseBody>
export type OpenVotingInput = z.input<typeof OpenVotingBody>
export type CommentInput = z.input<typeof CommentBody>
export type PaperBallotInput = z.input<typeof PaperBallotBody>
export type FilingInput = z.input<typeof FilingBody>
export type ScopeInput = CreateConventionInput['scope']

const id = encodeURIComponent
const base = (conventionId: string) => `/api/conventions/${id(conventionId)}`

// --- reading --------------------------------------------------------------------------------

export const getConvention = (conventionId: string) =>
  request<ConventionDetail>('GET', base(conventionId))
export const listVersions = (conventionId: string) =>
  request<{ items: ConventionVersion[] }>('GET', `${base(conventionId)}/versions`)
export const diffVersions = (conventionId: string, from: number, to: number) =>
  request<ConventionDiff>('GET', `${base(conventionId)}/diff`, { query: { from, to } })
export const listComments = (conventionId: string) =>
  request<{ items: ConventionComment[] }>('GET', `${base(conventionId)}/comments`)
export const getTurnout = (conventionId: string) =>
  request<Turnout>('GET', `${base(conventionId)}/turnout`)
/** After closing: the counted receipts with their options; with `receipt`, that one only (404 if not counted). */
export const listReceipts = (conventionId: string, receipt?: string) =>
  request<{ items: BallotReceipt[] }>('GET', `${base(conventionId)}/receipts`, {
    query: { receipt },
  })

// --- residents ------------------------------------------------------------------------------

export const addComment = (conventionId: string, body: CommentInput) =>
  request<ConventionComment>('POST', `${base(conventionId)}/comments`, { body })
/** `voter`: which of the viewer's ballots (viewer.ballots[].voter), when she may cast several. */
export const castBallot = (conventionId: string, option: BallotOption, voter?: string) =>
  request<BallotReceipt>('POST', `${base(conventionId)}/ballots`, {
    body: { option, voter } satisfies z.input<typeof BallotBody>,
  })
export const pledge = (conventionId: string) => request<Ok>('POST', `${base(conventionId)}/pledges`)

// --- committee and staff --------------------------------------------------------------------

export const createConvention = (communityId: string, body: CreateConventionInput) =>
  request<ConventionDetail>('POST', `/api/communities/${id(communityId)}/conventions`, { body })
export const reviseConvention = (conventionId: string, body: ReviseConventionInput) =>
  request<ConventionDetail>('PUT', `${base(conventionId)}/text`, { body })
export const openConsultation = (conventionId: string, endsAt: number) =>
  request<ConventionDetail>('POST', `${base(conventionId)}/consultation`, { body: { endsAt } })
export const openVoting = (conventionId: string, body: OpenVotingInput) =>
  request<ConventionDetail>('POST', `${base(conventionId)}/voting`, { body })
export const closeVoting = (conventionId: string) =>
  request<ConventionDetail>('POST', `${base(conventionId)}/close`)
export const fileConvention = (conventionId: string, body: FilingInput) =>
  request<ConventionDetail>('POST', `${base(conventionId)}/filing`, { body })
export const amendConvention = (conventionId: string) =>
  request<ConventionDetail>('POST', `${base(conventionId)}/amend`)
export const recordPaperBallot = (conventionId: string, body: PaperBallotInput) =>
  request<BallotReceipt>('POST', `${base(conventionId)}/paper-ballots`, { body })
