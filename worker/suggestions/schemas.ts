import { z } from '@hono/zod-openapi'
import { PhotoUploadForm as BasePhotoUploadForm, StoredPhotoSchema } from '../lib/photo-schemas'
import { SUGGESTION_CATEGORIES, SUGGESTION_STATUSES } from '../../db/schema'
import { requiredText as text } from '../lib/fields'

export const CategorySchema = z
  .enum(SUGGESTION_CATEGORIES, { error: '请选择列表中的问题类别' })
  .openapi('SuggestionCategory')
export const StatusSchema = z.enum(SUGGESTION_STATUSES).openapi('SuggestionStatus')

export const MAX_PHOTOS = 9

const PhotoIds = z.array(z.string().min(1).max(64)).max(MAX_PHOTOS, `最多上传 ${MAX_PHOTOS} 张照片`)

export const CreateSuggestionBody = z.strictObject({
  title: text(40, '标题', 4),
  description: text(1000, '具体描述', 10),
  category: CategorySchema,
  alleyId: z.string().min(1).max(64).optional(),
  location: z
    .strictObject({
      lat: z.number().min(-90).max(90),
      lng: z.number().min(-180).max(180),
    })
    .optional(),
  landmark: z.string().trim().max(60, '地标描述不能超过 60 个字').optional(),
  photoIds: PhotoIds.default([]),
  showName: z.boolean().default(false),
})

export const SimilarQuery = z.object({
  title: z.string().trim().max(40).default(''),
  description: z.string().trim().max(1000).default(''),
  category: CategorySchema.optional(),
  alleyId: z.string().max(64).optional(),
})

export const ListQuery = z.object({
  sort: z.enum(['new', 'support', 'updated']).default('new'),
  status: StatusSchema.optional(),
  category: CategorySchema.optional(),
  alleyId: z.string().max(64).optional(),
  q: z.string().trim().max(40, '搜索词不能超过 40 个字').optional().openapi({
    description:
      '搜索词：按与搜索词共有的字词多少排序（最相关的在前，此时不按 sort 排序）；单个汉字按标题和描述查找，仍按 sort 排序',
  }),
  overdue: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})

export const PhotoSchema = StoredPhotoSchema.extend({
  /** Only for the uploader (and staff) while the content check holds the photo: 审核中, or why not shown. */
  review: z.string().nullable(),
}).openapi('SuggestionPhoto')

// The upload form is read with parseBody() in the handler; this schema documents it and gives a
// missing part a clear Chinese message (the bytes themselves are judged by lib/photo-intake).
export const PhotoUploadForm = BasePhotoUploadForm.extend({
  communityId: z.string({ error: '缺少社区信息，请刷新后重试' }),
})

/** Who wrote a suggestion, for the community's staff only. */
export const AuthorIdentitySchema = z.object({ nickname: z.string(), household: z.string() })

export const SuggestionSummarySchema = z
  .object({
    id: z.string(),
    communityId: z.string(),
    title: z.string(),
    excerpt: z.string(),
    category: CategorySchema,
    categoryLabel: z.string(),
    status: StatusSchema,
    statusLabel: z.string(),
    alley: z.object({ id: z.string(), name: z.string() }).nullable(),
    authorLabel: z.string(),
    supportCount: z.number(),
    supportHouseholdCount: z.number(),
    commentCount: z.number(),
    rating: z.object({ average: z.string(), count: z.number() }).nullable(),
    coverPhotoUrl: z.string().nullable(),
    answerDueAt: z.number().nullable(),
    isOverdue: z.boolean(),
    hidden: z.boolean(),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .openapi('SuggestionSummary')

export const TimelineEventSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    kindLabel: z.string(),
    actorLabel: z.string(),
    actorRole: z.string(),
    fromStatus: StatusSchema.nullable(),
    toStatus: StatusSchema.nullable(),
    body: z.string().nullable(),
    photos: z.array(PhotoSchema),
    createdAt: z.number(),
  })
  .openapi('SuggestionEvent')

export const SuggestionDetailSchema = SuggestionSummarySchema.extend({
  description: z.string(),
  landmark: z.string(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  photos: z.array(PhotoSchema),
  mergedInto: z.object({ id: z.string(), title: z.string() }).nullable(),
  planner: z.object({ id: z.string(), nickname: z.string() }).nullable(),
  hiddenReason: z.string().nullable(),
  /** 代办 (decision 019): who submitted it for its author — shown to her and to staff ("由 王老师 代办"). */
  actedBy: z.string().nullable(),
  /** Only for the community's staff: who wrote it and from which household (the committee always knows). */
  authorIdentity: AuthorIdentitySchema.nullable(),
  threshold: z.object({
    households: z.number(),
    reachedAt: z.number().nullable(),
    deadlineDays: z.number(),
  }),
  timeline: z.array(TimelineEventSchema),
  viewer: z.object({
    isAuthor: z.boolean(),
    supported: z.boolean(),
    /** Who supported it for the viewer (代办, decision 019), by name; null when she did or has not. */
    supportActedBy: z.string().nullable(),
    canSupport: z.boolean(),
    canRate: z.boolean(),
    myRating: z.object({ stars: z.number(), unresolved: z.boolean() }).nullable(),
    canHandle: z.boolean(),
    canModerate: z.boolean(),
  }),
}).openapi('SuggestionDetail')

export const SupportResultSchema = z.object({
  supported: z.boolean(),
  supportCount: z.number(),
  supportHouseholdCount: z.number(),
})

export const CommentSchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    authorLabel: z.string(),
    body: z.string(),
    hidden: z.boolean(),
    /** Only on the author's own held comment: 审核中, or why it is not shown to others. */
    review: z.string().nullable(),
    createdAt: z.number(),
    replies: z.array(
      z.object({
        id: z.string(),
        parentId: z.string().nullable(),
        authorLabel: z.string(),
        body: z.string(),
        hidden: z.boolean(),
        review: z.string().nullable(),
        createdAt: z.number(),
      }),
    ),
  })
  .openapi('SuggestionComment')

export const CreateCommentBody = z.strictObject({
  body: text(500, '评论内容'),
  parentId: z.string().min(1).max(64).optional(),
})

export const RatingBody = z
  .strictObject({
    stars: z
      .number({ error: '请选择 1 到 5 颗星' })
      .int()
      .min(1, '请选择 1 到 5 颗星')
      .max(5, '请选择 1 到 5 颗星'),
    unresolved: z.boolean().default(false),
    reason: z.string().trim().max(300, '理由不能超过 300 个字').optional(),
  })
  .refine((v) => !v.unresolved || (v.reason && v.reason.length > 0), {
    message: '选择“未解决”时请说明理由',
    path: ['reason'],
  })

export const FlagBody = z.strictObject({
  reason: text(200, '举报理由'),
  commentId: z.string().min(1).max(64).optional(),
})

export const ReasonBody = z.strictObject({ reason: text(300, '理由') })

export const AnswerBody = z.strictObject({
  decision: z.enum(['adopt', 'not_adopt', 'close_unfixed'], { error: '请选择答复结论' }),
  body: text(1000, '答复内容'),
})

export const MergeBody = z.strictObject({
  targetId: text(64, '合并到的建议'),
  body: text(1000, '合并说明'),
})

export const AssignBody = z.strictObject({ plannerUserId: text(64, '街巷规划师') })

export const ProgressBody = z.strictObject({
  body: text(1000, '进展说明'),
  photoIds: PhotoIds.default([]),
})

export const TemplateBody = z.strictObject({
  kind: z.enum(['adopt', 'not_adopt', 'merge', 'close', 'progress', 'hide']),
  title: text(30, '模板名称'),
  body: text(1000, '模板内容'),
})

export const TemplateSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    createdAt: z.number(),
  })
  .openapi('AnswerTemplate')

export const SettingsBody = z.strictObject({
  responseThresholdHouseholds: z
    .number()
    .int()
    .min(1, '门槛至少 1 户')
    .max(1000, '门槛不能超过 1000 户'),
  answerDeadlineDays: z
    .number()
    .int()
    .min(1, '答复期限至少 1 天')
    .max(90, '答复期限不能超过 90 天'),
})

export const SettingsSchema = z
  .object({ responseThresholdHouseholds: z.number(), answerDeadlineDays: z.number() })
  .openapi('SuggestionSettings')

export const ModerationQueueSchema = z.object({
  /** Each with who wrote it, as the staff detail shows it. */
  submissions: z.array(
    SuggestionSummarySchema.extend({
      authorIdentity: AuthorIdentitySchema.nullable(),
      /** Why the content check held it, beside the submission (publishing it approves the hold). */
      contentCheck: z
        .object({ status: z.string(), reason: z.string(), matchedWords: z.array(z.string()) })
        .nullable(),
    }),
  ),
  flags: z.array(
    z.object({
      id: z.string(),
      suggestionId: z.string(),
      suggestionTitle: z.string(),
      commentId: z.string().nullable(),
      commentBody: z.string().nullable(),
      reason: z.string(),
      createdAt: z.number(),
    }),
  ),
})

export const MySuggestionsQuery = z.object({ tab: z.enum(['mine', 'supported']).default('mine') })

export const MySuggestionSchema = SuggestionSummarySchema.extend({
  unread: z.boolean(),
  /** 我附议的: who supported it for her (代办, decision 019), by name; null when she did. */
  supportActedBy: z.string().nullable(),
})

export type SuggestionSummary = z.infer<typeof SuggestionSummarySchema>
export type SuggestionDetail = z.infer<typeof SuggestionDetailSchema>
