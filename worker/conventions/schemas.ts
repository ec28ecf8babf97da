import { z } from '@hono/zod-openapi'
import { CONVENTION_STATUSES } from '../../db/schema'
import { DECISION_RULES } from './decision-rules'
import { requiredText as text } from '../lib/fields'

export const StatusSchema = z.enum(CONVENTION_STATUSES).openapi('ConventionStatus')
export const RuleSchema = z
  .enum(DECISION_RULES, { error: '请选择表决规则' })
  .openapi('DecisionRule')
export const OptionSchema = z.enum(['yes', 'no', 'abstain'], { error: '请选择 赞成、反对 或 弃权' })

const Articles = z
  .array(text(2000, '条文'))
  .min(1, '至少需要一条条文')
  .max(60, '条文不能超过 60 条')

export const ScopeSchema = z
  .strictObject({
    type: z.enum(['community', 'compounds', 'buildings'], { error: '请选择适用范围' }),
    ids: z.array(z.string().min(1).max(64)).max(100).default([]),
  })
  .refine((s) => s.type === 'community' || s.ids.length > 0, {
    message: '请选择适用的小区或楼栋',
    path: ['ids'],
  })

export const CreateConventionBody = z.strictObject({
  title: text(40, '标题', 2),
  preamble: z.string().trim().max(2000, '前言不能超过 2000 个字').default(''),
  articles: Articles,
  scope: ScopeSchema,
})

export const ReviseBody = z.strictObject({
  title: text(40, '标题', 2),
  preamble: z.string().trim().max(2000, '前言不能超过 2000 个字').default(''),
  articles: Articles,
  changeNote: text(500, '修改说明'),
})

export const ConsultationBody = z.strictObject({
  endsAt: z.number({ error: '请选择征求意见截止时间' }).int(),
})

const ShareInput = z
  .strictObject({
    num: z.number().int().min(1, '比例无效').max(100),
    den: z.number().int().min(1, '比例无效').max(100),
  })
  .refine((s) => s.num <= s.den, { message: '比例不能超过 100%' })

export const OpenVotingBody = z.strictObject({
  rule: RuleSchema,
  closesAt: z.number({ error: '请选择表决截止时间' }).int(),
  quorum: ShareInput.optional(),
  approval: ShareInput.optional(),
  representativeOnly: z.boolean().default(false),
  /** Whether 楼组长 and 网格员 may see which households of their buildings have not voted yet (decision 018). */
  notVotedVisibleToLeaders: z.boolean().default(false),
})

export const BallotBody = z.strictObject({
  option: OptionSchema,
  /** Which roll entry the ballot is for (viewer.ballots[].voter), when the user has several. */
  voter: z.string().min(1).max(80).optional(),
})

export const PaperBallotBody = z
  .strictObject({
    householdId: z.string().min(1).max(64).optional(),
    userId: z.string().min(1).max(64).optional(),
    option: OptionSchema,
    paperRef: text(40, '纸质票编号'),
    /** 代办 (decision 019): the resident whose paper this is; her 楼组长 may then record it. */
    actingFor: z.string().min(1).max(64).optional(),
  })
  .refine((b) => Boolean(b.householdId) !== Boolean(b.userId), {
    message: '请选择一户（或按人表决时选择一位居民）',
  })

export const FilingBody = z.strictObject({
  number: text(40, '备案编号'),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '备案日期格式应为 YYYY-MM-DD')
    // A real calendar day: "2026-02-30" matches the pattern but is no date.
    .refine(
      (d) =>
        !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
        new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
      '备案日期不是有效的日期',
    ),
  authority: text(40, '备案机关'),
})

export const CommentBody = z.strictObject({
  body: text(1000, '意见内容'),
  article: z.number().int().min(1).max(60).optional(),
  parentId: z.string().min(1).max(64).optional(),
})

export const ReceiptQuery = z.object({ receipt: z.string().max(20).optional() })

const Tally = z.object({ count: z.number(), areaM2: z.string() })

export const ResultSchema = z
  .object({
    rule: RuleSchema,
    eligible: z.object({ voters: z.number(), areaM2: z.string() }),
    cast: Tally,
    yes: Tally,
    no: Tally,
    abstain: Tally,
    valid: z.boolean(),
    passed: z.boolean(),
    decidedBy: z.string(),
    explanation: z.array(z.string()),
  })
  .openapi('ConventionResult')

export const TurnoutSchema = z
  .object({
    unit: z.enum(['人', '户']),
    eligible: z.number(),
    cast: z.number(),
    /** How many more voters are needed for the vote to be valid (0 when reached). */
    remainingForValidity: z.number(),
    areaRemainingM2: z.string().nullable(),
    summary: z.string(),
    byBuilding: z.array(
      z.object({
        buildingId: z.string(),
        buildingName: z.string(),
        eligible: z.number(),
        cast: z.number(),
      }),
    ),
  })
  .openapi('Turnout')

export const VersionSchema = z
  .object({
    version: z.number(),
    title: z.string(),
    preamble: z.string(),
    articles: z.array(z.string()),
    changeNote: z.string(),
    createdAt: z.number(),
  })
  .openapi('ConventionVersion')

export const ConventionSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    status: StatusSchema,
    statusLabel: z.string(),
    scopeLabel: z.string(),
    currentVersion: z.number(),
    consultationEndsAt: z.number().nullable(),
    votingClosesAt: z.number().nullable(),
    passed: z.boolean().nullable(),
    updatedAt: z.number(),
  })
  .openapi('ConventionSummary')

export const ConventionDetailSchema = ConventionSummarySchema.extend({
  communityId: z.string(),
  text: VersionSchema,
  amends: z.object({ id: z.string(), title: z.string() }).nullable(),
  supersededBy: z.object({ id: z.string(), title: z.string() }).nullable(),
  consultationStartsAt: z.number().nullable(),
  voting: z
    .object({
      rule: RuleSchema,
      ruleDescription: z.string(),
      opensAt: z.number(),
      closesAt: z.number(),
      version: z.number(),
      roll: z.object({ voters: z.number(), areaM2: z.string() }),
      /** Who the roll counts: residents, households, or owners (业主, Civil Code votes since decision 011). */
      basis: z.enum(['residents', 'households', 'owners']),
      /** How an owners roll was counted, in plain Chinese (empty for other rolls). */
      counting: z.array(z.string()),
      /** Chosen at opening: 楼组长 and 网格员 see which households have not voted yet (decision 018). */
      notVotedVisibleToLeaders: z.boolean(),
      /** What that means for the voter, in words (shown on the ballot page). */
      leadersNote: z.string(),
    })
    .nullable(),
  result: ResultSchema.nullable(),
  filing: z
    .object({ number: z.string(), date: z.string(), authority: z.string(), inForceAt: z.number() })
    .nullable(),
  pledges: z.object({
    total: z.number(),
    byBuilding: z.array(z.object({ buildingName: z.string(), count: z.number() })),
  }),
  timeline: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      kindLabel: z.string(),
      actorLabel: z.string(),
      body: z.string().nullable(),
      createdAt: z.number(),
    }),
  ),
  viewer: z.object({
    inScope: z.boolean(),
    canComment: z.boolean(),
    canVote: z.boolean(),
    hasVoted: z.boolean(),
    /** The ballots the viewer may cast now: herself, her household, or as owner / proxy. */
    ballots: z.array(
      z.object({
        voter: z.string(),
        source: z.enum(['online', 'proxy']),
        label: z.string(),
        units: z.array(z.string()),
        areaM2: z.string().nullable(),
        hasVoted: z.boolean(),
      }),
    ),
    /** Why the signed-in viewer cannot vote in this running vote (e.g. a tenant under the Civil Code rules). */
    voteRefusal: z.string().nullable(),
    canPledge: z.boolean(),
    pledged: z.boolean(),
    canManage: z.boolean(),
    canRecordPaper: z.boolean(),
  }),
}).openapi('ConventionDetail')

export const DiffSchema = z
  .object({
    from: z.number(),
    to: z.number(),
    title: z.object({ from: z.string(), to: z.string(), changed: z.boolean() }),
    preamble: z.object({ from: z.string(), to: z.string(), changed: z.boolean() }),
    articles: z.array(
      z.object({
        article: z.number(),
        fromArticle: z.number().nullable(),
        toArticle: z.number().nullable(),
        change: z.enum(['same', 'changed', 'added', 'removed']),
        from: z.string().nullable(),
        to: z.string().nullable(),
      }),
    ),
  })
  .openapi('ConventionDiff')

export const CommentSchema = z
  .object({
    id: z.string(),
    version: z.number(),
    article: z.number().nullable(),
    authorLabel: z.string(),
    body: z.string(),
    /** Only on the author's own held comment (content check): 审核中, or why it is not shown. */
    review: z.string().nullable(),
    createdAt: z.number(),
    replies: z.array(
      z.object({
        id: z.string(),
        authorLabel: z.string(),
        body: z.string(),
        review: z.string().nullable(),
        createdAt: z.number(),
      }),
    ),
  })
  .openapi('ConventionComment')

export const BallotReceiptSchema = z
  .object({
    receipt: z.string(),
    option: OptionSchema,
    source: z.enum(['online', 'proxy', 'paper']),
  })
  .openapi('BallotReceipt')

/** Two versions of a convention to compare. */
export const DiffQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
})
