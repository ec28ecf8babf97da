import { z } from '@hono/zod-openapi'
import { requiredText } from '../lib/fields'

// Content safety for staff (decision 013): the street's word list and the queue of what the
// machine check held back.

export const WordKindSchema = z.enum(['block', 'review'], { error: '请选择“拒绝”或“人工审核”' })

export const ContentWordSchema = z
  .object({
    word: z.string(),
    /** block: refused with the word named; review: saved but held for staff. */
    kind: WordKindSchema,
    /** Shipped with the app (lifting it keeps a record) or added by the street. */
    source: z.enum(['default', 'street']),
    addedAt: z.number().nullable(),
  })
  .openapi('ContentWord')

export const ContentWordsSchema = z
  .object({
    streetName: z.string(),
    /** How text is checked here: the local list alone, or the list then WeChat. */
    mode: z.enum(['local', 'wechat']),
    modeLabel: z.string(),
    items: z.array(ContentWordSchema),
    /** Default words this street lifted. */
    lifted: z.array(z.string()),
  })
  .openapi('ContentWords')

export const SetWordBody = z.strictObject({
  word: requiredText(20, '词语'),
  kind: WordKindSchema,
})

export const RemoveWordBody = z.strictObject({ word: requiredText(20, '词语') })

export const HoldSchema = z
  .object({
    id: z.string(),
    targetType: z.string(),
    targetLabel: z.string(),
    kind: z.enum(['text', 'photo']),
    status: z.enum(['checking', 'review', 'risky', 'rejected', 'passed', 'approved']),
    statusLabel: z.string(),
    /** The held text, or null for a photo (see photoUrl). */
    text: z.string().nullable(),
    /** A signed URL of the held photo, for staff to look at. */
    photoUrl: z.string().nullable(),
    reason: z.string(),
    matchedWords: z.array(z.string()),
    author: z.object({ id: z.string(), nickname: z.string() }),
    createdAt: z.number(),
  })
  .openapi('ContentHold')

export const HoldQueueSchema = z
  .object({
    mode: z.enum(['local', 'wechat']),
    modeLabel: z.string(),
    /** Held for a person: review verdicts, and photos WeChat has not answered for too long. */
    items: z.array(HoldSchema),
  })
  .openapi('ContentHoldQueue')

export const RejectHoldBody = z.strictObject({ reason: requiredText(200, '理由') })

export type ContentWords = z.infer<typeof ContentWordsSchema>
export type ContentHold = z.infer<typeof HoldSchema>
export type HoldQueue = z.infer<typeof HoldQueueSchema>
