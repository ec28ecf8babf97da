import { z } from '@hono/zod-openapi'
import { StoredPhotoSchema } from '../lib/photo-schemas'
import {
  MEETING_AUDIENCES,
  MEETING_STATUSES,
  MEETING_TYPES,
  REGISTRATION_STATUSES,
  SUGGESTION_MOVES,
} from '../../db/schema'
import { DateText, requiredText as text } from '../lib/fields'
import { cursorQuery, pageSchema } from '../lib/pagination'

// The contract of the meetings API (议事会 / 听证会 / 协调会 / 评议会). Times are UTC epoch ms;
// the app shows them in Asia/Shanghai.

export const MeetingTypeSchema = z.enum(MEETING_TYPES).openapi('MeetingType')
export const MeetingStatusSchema = z.enum(MEETING_STATUSES).openapi('MeetingStatus')
export const RegistrationStatusSchema = z.enum(REGISTRATION_STATUSES).openapi('RegistrationStatus')
export const SuggestionMoveSchema = z.enum(SUGGESTION_MOVES).openapi('SuggestionMove')

const MAX_AGENDA_ITEMS = 20

export const AgendaItemInput = z.strictObject({
  /** Present for an item that already exists (keeps its speak requests and resolution). */
  id: z.string().min(1).max(64).optional(),
  title: text(80, '议题'),
  description: z.string().trim().max(1000, '议题说明不能超过 1000 个字').default(''),
  suggestionId: z.string().min(1).max(64).optional(),
  conventionId: z.string().min(1).max(64).optional(),
})

export const MeetingBody = z.strictObject({
  type: MeetingTypeSchema,
  title: text(60, '会议名称', 2),
  description: z.string().trim().max(2000, '会议说明不能超过 2000 个字').default(''),
  startsAt: z.number({ error: '请选择开始时间' }).int(),
  endsAt: z.number({ error: '请选择结束时间' }).int(),
  /** A 邻里中心 room (booked with the meeting), or an address. Exactly one of the two. */
  roomId: z.string().min(1).max(64).optional(),
  address: z.string().trim().max(100, '地点不能超过 100 个字').optional(),
  capacity: z
    .number({ error: '请填写名额' })
    .int()
    .min(1, '名额至少 1 人')
    .max(1000, '名额不能超过 1000 人'),
  signupOpensAt: z.number({ error: '请选择报名开始时间' }).int(),
  signupClosesAt: z.number({ error: '请选择报名截止时间' }).int(),
  audience: z.enum(MEETING_AUDIENCES),
  agenda: z
    .array(AgendaItemInput)
    .min(1, '请至少列出一个议题')
    .max(MAX_AGENDA_ITEMS, `议题最多 ${MAX_AGENDA_ITEMS} 个`),
})
export type MeetingInput = z.infer<typeof MeetingBody>

export const ReasonBody = z.strictObject({ reason: text(200, '理由', 2) })
export const CodeBody = z.strictObject({ code: text(12, '签到码') })
export const SpeakBody = z.strictObject({ topic: text(100, '发言主题', 2) })
export const RatingBody = z.strictObject({
  stars: z
    .number({ error: '请选择评分' })
    .int()
    .min(1, '评分为 1 到 5 星')
    .max(5, '评分为 1 到 5 星'),
})
export const InviteBody = z.strictObject({
  userIds: z
    .array(z.string().min(1).max(64))
    .min(1, '请选择要邀请的居民')
    .max(500, '一次最多邀请 500 人'),
})
export const InviteCandidatesQuery = z.object({
  q: z.string().max(30, '查找内容不能超过 30 个字').default(''),
})
export const InviteCandidateSchema = z
  .object({ userId: z.string(), nickname: z.string(), building: z.string(), invited: z.boolean() })
  .openapi('InviteCandidate')
export const WalkInBody = z.strictObject({
  name: text(30, '姓名'),
  note: z.string().trim().max(60, '备注不能超过 60 个字').default(''),
  userId: z.string().min(1).max(64).optional(),
})
export const MinutesBody = z.strictObject({
  minutes: text(20000, '会议纪要', 10),
  publish: z.boolean().default(false),
})
export const ResolutionBody = z.strictObject({
  decision: text(2000, '决议内容', 4),
  votesFor: z.number().int().min(0).max(100000).optional(),
  votesAgainst: z.number().int().min(0).max(100000).optional(),
  votesAbstain: z.number().int().min(0).max(100000).optional(),
  owner: text(60, '责任人'),
  dueDate: DateText.optional(),
  /** What to do with the linked suggestion (only for items linked to one). */
  suggestionMove: SuggestionMoveSchema.default('none'),
})

export const MeetingListQuery = z.object({
  when: z.enum(['upcoming', 'past', 'drafts']).default('upcoming'),
  ...cursorQuery,
})

const LinkedSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  statusLabel: z.string(),
})

export const ResolutionSchema = z
  .object({
    decision: z.string(),
    votesFor: z.number().nullable(),
    votesAgainst: z.number().nullable(),
    votesAbstain: z.number().nullable(),
    owner: z.string(),
    dueDate: z.string().nullable(),
    suggestionMove: SuggestionMoveSchema,
    createdAt: z.number(),
  })
  .openapi('MeetingResolution')

export const AgendaItemSchema = z
  .object({
    id: z.string(),
    position: z.number(),
    title: z.string(),
    description: z.string(),
    suggestion: LinkedSchema.nullable(),
    convention: LinkedSchema.nullable(),
    resolution: ResolutionSchema.nullable(),
    speakRequestCount: z.number(),
    /** The viewer's own request to speak on this item. */
    mySpeakTopic: z.string().nullable(),
    /** 评议会: ratings of this item and the viewer's own. */
    rating: z.object({
      count: z.number(),
      average: z.number().nullable(),
      mine: z.number().nullable(),
    }),
  })
  .openapi('AgendaItem')

export const MyRegistrationSchema = z
  .object({
    status: RegistrationStatusSchema,
    /** 1-based place on the waitlist; null when confirmed. */
    waitlistPosition: z.number().nullable(),
    checkedIn: z.boolean(),
    createdAt: z.number(),
    /** 代办 (decision 019): who signed her up ("由 王老师 代办"); null when she did. */
    actedBy: z.string().nullable(),
  })
  .openapi('MyRegistration')

export const MeetingSummarySchema = z
  .object({
    id: z.string(),
    communityId: z.string(),
    type: MeetingTypeSchema,
    typeLabel: z.string(),
    title: z.string(),
    status: MeetingStatusSchema,
    startsAt: z.number(),
    endsAt: z.number(),
    place: z.string(),
    roomId: z.string().nullable(),
    capacity: z.number(),
    confirmedCount: z.number(),
    waitlistCount: z.number(),
    signupOpensAt: z.number(),
    signupClosesAt: z.number(),
    audience: z.enum(MEETING_AUDIENCES),
    /** open, waitlist (seats taken: a sign-up joins the waitlist), not_yet, closed, cancelled, invited_only (viewer not invited), draft. */
    signup: z.enum(['open', 'waitlist', 'not_yet', 'closed', 'cancelled', 'invited_only', 'draft']),
    minutesPublished: z.boolean(),
    my: MyRegistrationSchema.nullable(),
  })
  .openapi('MeetingSummary')

export const PhotoSchema = StoredPhotoSchema

export const MeetingDetailSchema = MeetingSummarySchema.extend({
  description: z.string(),
  cancelReason: z.string().nullable(),
  agenda: z.array(AgendaItemSchema),
  minutes: z.string().nullable(),
  minutesPublishedAt: z.number().nullable(),
  photos: z.array(PhotoSchema),
  /** For the committee: what they may do, and the door code (null for everyone else). */
  canManage: z.boolean(),
  checkinCode: z.string().nullable(),
  checkinOpensAt: z.number(),
  checkinClosesAt: z.number(),
  invitedCount: z.number().nullable(),
}).openapi('MeetingDetail')

export const MeetingListSchema = z
  .object({ items: z.array(MeetingSummarySchema) })
  .openapi('MeetingList')

/** A community's meetings, a page at a time (nextCursor: null on the last page). */
export const MeetingPageSchema = pageSchema(MeetingSummarySchema).openapi('MeetingPage')

export const RegistrationResultSchema = z
  .object({ meeting: MeetingSummarySchema })
  .openapi('RegistrationResult')

export const AttendanceSchema = z
  .object({
    registrations: z.array(
      z.object({
        seq: z.number(),
        userId: z.string(),
        nickname: z.string(),
        /** Real name and building from the residency, for the committee's list at the door. */
        realName: z.string().nullable(),
        building: z.string().nullable(),
        status: RegistrationStatusSchema,
        checkedInAt: z.number().nullable(),
        createdAt: z.number(),
        promotedAt: z.number().nullable(),
      }),
    ),
    walkIns: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        note: z.string(),
        userId: z.string().nullable(),
        createdAt: z.number(),
      }),
    ),
    speakRequests: z.array(
      z.object({
        itemId: z.string(),
        itemTitle: z.string(),
        nickname: z.string(),
        topic: z.string(),
        createdAt: z.number(),
      }),
    ),
    invited: z.array(z.object({ userId: z.string(), nickname: z.string() })),
    counts: z.object({
      confirmed: z.number(),
      waitlisted: z.number(),
      checkedIn: z.number(),
      walkIns: z.number(),
    }),
  })
  .openapi('MeetingAttendance')

export const AgendaCandidateSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.string(),
    supportHouseholdCount: z.number(),
    thresholdReachedAt: z.number().nullable(),
  })
  .openapi('AgendaCandidate')

/** A linked suggestion's view of the meetings that discussed it (one case file). */
export const SuggestionMeetingSchema = z
  .object({
    meetingId: z.string(),
    meetingTitle: z.string(),
    typeLabel: z.string(),
    startsAt: z.number(),
    status: MeetingStatusSchema,
    itemTitle: z.string(),
    resolution: ResolutionSchema.nullable(),
  })
  .openapi('SuggestionMeeting')

/** An agenda item of a meeting, in a path. */
export const ItemParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
  itemId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'itemId', in: 'path' } }),
})
