import { z } from '@hono/zod-openapi'
import { REGISTER_KINDS } from '../../db/schema'
import { requiredText as text } from '../lib/fields'

// The contract of the public figures (docs/metrics.md), the street view, the resolutions
// register and the open data. Nothing here names a person or a household: these answers are
// served to anyone without signing in.

/** A share as counts and a percentage with one decimal ("85.7"), null when nothing counted. */
export const RateSchema = z
  .object({
    numerator: z.number().int(),
    denominator: z.number().int(),
    percent: z.string().nullable(),
  })
  .openapi('Rate')
export type Rate = z.infer<typeof RateSchema>

export const MedianDaysSchema = z
  .object({
    /** Median days from submission to the first answer, one decimal ("3.5"); null when none. */
    days: z.string().nullable(),
    count: z.number().int(),
  })
  .openapi('MedianDays')

/** The figures of one slice (the window, a month, a category, a back alley). */
export const FigureSetSchema = z
  .object({
    received: z.number().int(),
    response: RateSchema,
    resolution: RateSchema,
    satisfaction: RateSchema,
    medianDaysToAnswer: MedianDaysSchema,
  })
  .openapi('FigureSet')
export type FigureSet = z.infer<typeof FigureSetSchema>

export const RegisterStatusSchema = z
  .enum(['on_time', 'overdue', 'done', 'evaluated'])
  .openapi('RegisterStatus')
export type RegisterStatus = z.infer<typeof RegisterStatusSchema>

export const RegisterCountsSchema = z
  .object({ on_time: z.number(), overdue: z.number(), done: z.number(), evaluated: z.number() })
  .openapi('RegisterCounts')

export const OverdueItemSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    categoryLabel: z.string(),
    alleyName: z.string().nullable(),
    /** When the answer was due (UTC ms). */
    dueAt: z.number(),
    daysOverdue: z.number().int(),
  })
  .openapi('OverdueSuggestion')

export const CommunityFiguresSchema = z
  .object({
    community: z.object({
      id: z.string(),
      name: z.string(),
      streetId: z.string(),
      streetName: z.string(),
    }),
    /** When these figures were computed (UTC ms); they are never older than freshnessMinutes. */
    computedAt: z.number(),
    freshnessMinutes: z.number().int(),
    window: z.object({
      /** First and last month of the window, Shanghai calendar ("2026-01" … "2026-12"). */
      fromMonth: z.string(),
      toMonth: z.string(),
      fromMs: z.number(),
      toMs: z.number(),
    }),
    settings: z.object({
      responseThresholdHouseholds: z.number().int(),
      answerDeadlineDays: z.number().int(),
    }),
    headline: FigureSetSchema.extend({ overdueNow: z.number().int() }),
    monthly: z.array(FigureSetSchema.extend({ month: z.string() })),
    byCategory: z.array(FigureSetSchema.extend({ key: z.string(), label: z.string() })),
    byAlley: z.array(
      FigureSetSchema.extend({
        /** The alley's id, or "none" for 金点子 that name no alley. */
        key: z.string(),
        label: z.string(),
      }),
    ),
    /** 金点子 whose answer is overdue now (at most 50 listed; `count` is all of them). */
    overdue: z.object({ count: z.number().int(), items: z.array(OverdueItemSchema) }),
    register: RegisterCountsSchema,
  })
  .openapi('CommunityFigures')
export type CommunityFigures = z.infer<typeof CommunityFiguresSchema>

export const StreetFiguresSchema = z
  .object({
    street: z.object({ id: z.string(), name: z.string(), district: z.string() }),
    /** The oldest of the communities' computation times. */
    computedAt: z.number(),
    freshnessMinutes: z.number().int(),
    window: CommunityFiguresSchema.shape.window,
    communities: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        headline: CommunityFiguresSchema.shape.headline,
        register: RegisterCountsSchema,
      }),
    ),
  })
  .openapi('StreetFigures')
export type StreetFigures = z.infer<typeof StreetFiguresSchema>

export const RegisterKindSchema = z.enum(REGISTER_KINDS).openapi('RegisterKind')

export const RegisterEntrySchema = z
  .object({
    kind: RegisterKindSchema,
    /** Stable: the agenda item of a resolution, or the convention. */
    id: z.string(),
    communityId: z.string(),
    title: z.string(),
    /** The decision as published (a resolution), or the convention's filing. */
    decision: z.string(),
    meeting: z
      .object({ id: z.string(), title: z.string(), typeLabel: z.string(), startsAt: z.number() })
      .nullable(),
    /** Who carries it out, as written in the minutes (a person's role or a unit). */
    owner: z.string(),
    /** Shanghai date YYYY-MM-DD, or null when none was set. */
    dueDate: z.string().nullable(),
    status: RegisterStatusSchema,
    statusLabel: z.string(),
    linked: z
      .object({
        kind: z.enum(['suggestion', 'convention']),
        id: z.string(),
        title: z.string(),
        statusLabel: z.string(),
      })
      .nullable(),
    /** The organiser's note when a resolution without a 金点子 was marked done. */
    doneNote: z.string().nullable(),
    evaluation: z.object({ count: z.number().int(), average: z.string() }).nullable(),
    /** Whether an organiser may mark it done here (a resolution that no 金点子 carries, not done yet). */
    canMarkDone: z.boolean(),
    followers: z.number().int(),
    publishedAt: z.number(),
  })
  .openapi('RegisterEntry')
export type RegisterEntry = z.infer<typeof RegisterEntrySchema>

export const RegisterListSchema = z
  .object({
    community: z.object({ id: z.string(), name: z.string() }),
    counts: RegisterCountsSchema,
    items: z.array(RegisterEntrySchema),
  })
  .openapi('Register')

export const RegisterEntryParams = z.object({
  kind: RegisterKindSchema.openapi({ param: { name: 'kind', in: 'path' } }),
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
})

export const DoneBody = z.strictObject({ note: text(300, '完成情况', 2) })

export const FollowingSchema = z
  .object({ items: z.array(z.object({ kind: RegisterKindSchema, entryId: z.string() })) })
  .openapi('RegisterFollowing')

/** A published 金点子 as open data: no author, no household, photos only of public ones. */
export const OpenSuggestionSchema = z
  .object({
    id: z.string(),
    communityId: z.string(),
    title: z.string(),
    description: z.string(),
    category: z.string(),
    categoryLabel: z.string(),
    alleyId: z.string().nullable(),
    alleyName: z.string().nullable(),
    status: z.string(),
    statusLabel: z.string(),
    mergedIntoId: z.string().nullable(),
    supportHouseholds: z.number().int(),
    createdAt: z.string(),
    thresholdReachedAt: z.string().nullable(),
    answerDueAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
    ratingCount: z.number().int(),
    ratingAverage: z.string().nullable(),
    photoUrls: z.array(z.string()),
    url: z.string(),
  })
  .openapi('OpenSuggestion')
export type OpenSuggestion = z.infer<typeof OpenSuggestionSchema>

export const LicenceSchema = z
  .object({ name: z.string(), url: z.string(), attribution: z.string() })
  .openapi('Licence')

export const OpenSuggestionsSchema = z
  .object({
    licence: LicenceSchema,
    generatedAt: z.string(),
    community: z.object({ id: z.string(), name: z.string(), streetName: z.string() }),
    items: z.array(OpenSuggestionSchema),
  })
  .openapi('OpenSuggestions')

export const OpenCommunityFiguresSchema = z
  .object({ licence: LicenceSchema, figures: CommunityFiguresSchema })
  .openapi('OpenCommunityFigures')

export const OpenStreetFiguresSchema = z
  .object({ licence: LicenceSchema, figures: StreetFiguresSchema })
  .openapi('OpenStreetFigures')
