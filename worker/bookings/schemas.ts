import { z } from '@hono/zod-openapi'
import { StoredPhotoSchema } from '../lib/photo-schemas'
import { BOOKING_STATUSES } from '../../db/schema'
import { DateText, requiredText as text } from '../lib/fields'

const Date_ = DateText
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间格式应为 HH:MM')

export const BookingStatusSchema = z.enum(BOOKING_STATUSES).openapi('BookingStatus')

export const DayQuery = z.object({ date: Date_ })
export const AnyRoomQuery = z.object({
  date: Date_,
  start: HHMM,
  end: HHMM,
  headcount: z.coerce.number().int().min(1).max(500).default(1),
})

export const SlotSchema = z
  .object({
    startsAt: z.number(),
    endsAt: z.number(),
    state: z.enum(['free', 'taken', 'mine', 'blackout', 'too_soon', 'too_far', 'past']),
    label: z.string(),
  })
  .openapi('Slot')

export const RoomPhotoSchema = StoredPhotoSchema.openapi('RoomPhoto')

/** A bookable room as anyone sees it: its rules, never its check-in code. */
export const RoomInfoSchema = z
  .object({
    id: z.string(),
    centreId: z.string(),
    name: z.string(),
    capacity: z.number(),
    facilities: z.array(z.string()),
    photos: z.array(RoomPhotoSchema),
    slotMinutes: z.number(),
    minSlots: z.number(),
    maxSlots: z.number(),
    needsApproval: z.boolean(),
    whoMayBook: z.enum(['residents', 'groups', 'staff']),
    openingHours: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
    horizonDays: z.number(),
    minNoticeMinutes: z.number(),
  })
  .openapi('RoomInfo')

export const RoomDaySchema = z
  .object({
    room: RoomInfoSchema,
    date: z.string(),
    slots: z.array(SlotSchema),
  })
  .openapi('RoomDay')

export const CreateBookingBody = z.strictObject({
  roomId: text(64, '房间'),
  startsAt: z.number({ error: '请选择开始时间' }).int(),
  endsAt: z.number({ error: '请选择结束时间' }).int(),
  purpose: text(100, '用途', 2),
  headcount: z
    .number({ error: '请填写人数' })
    .int()
    .min(1, '人数至少 1 人')
    .max(500, '人数不能超过 500 人'),
  groupId: z.string().min(1).max(64).optional(),
  repeatWeeks: z.number().int().min(1, '重复周数至少为 1').max(12, '最多按周重复 12 周').optional(),
  onConflict: z.enum(['all_or_nothing', 'skip']).default('all_or_nothing'),
})

export const BookingSchema = z
  .object({
    id: z.string(),
    centreId: z.string(),
    room: z.object({ id: z.string(), name: z.string() }),
    group: z.object({ id: z.string(), name: z.string() }).nullable(),
    purpose: z.string(),
    headcount: z.number(),
    startsAt: z.number(),
    endsAt: z.number(),
    status: BookingStatusSchema,
    statusLabel: z.string(),
    seriesId: z.string().nullable(),
    rejectReason: z.string().nullable(),
    cancelReason: z.string().nullable(),
    lateCancel: z.boolean(),
    checkedInAt: z.number().nullable(),
    /** False for a booking of my group that another member (its leader) made. */
    /** 代办 (decision 019): who booked for her ("由 王老师 代办"); null when she did. */
    actedBy: z.string().nullable(),
    isOwner: z.boolean(),
    canCancel: z.boolean(),
    canCheckIn: z.boolean(),
    createdAt: z.number(),
  })
  .openapi('Booking')

export const BookingResultSchema = z
  .object({
    booked: z.array(BookingSchema),
    notBooked: z.array(z.object({ startsAt: z.number(), endsAt: z.number(), reason: z.string() })),
  })
  .openapi('BookingResult')

export const CheckinBody = z.strictObject({ code: text(12, '签到码') })
export const ReasonBody = z.strictObject({ reason: text(200, '理由') })

const HHMM_ = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间格式应为 HH:MM')

export const RoomRulesBody = z.strictObject({
  // Days left out are closed.
  openingHours: z.partialRecord(
    z.enum(['1', '2', '3', '4', '5', '6', '7'], { error: '星期应为 1–7' }),
    z.array(z.tuple([HHMM_, HHMM_])).max(6, '每天最多 6 个开放时段'),
  ),
  slotMinutes: z
    .number()
    .int()
    .refine((m) => [15, 30, 60].includes(m), '时段长度应为 15、30 或 60 分钟'),
  minSlots: z.number().int().min(1, '最短预约至少 1 个时段').max(48),
  maxSlots: z.number().int().min(1, '最长预约至少 1 个时段').max(48, '最长预约不能超过 48 个时段'),
  horizonDays: z.number().int().min(1, '至少可提前 1 天预约').max(90, '最多可提前 90 天预约'),
  minNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60, '提前量不能超过 7 天'),
  needsApproval: z.boolean(),
  whoMayBook: z.enum(['residents', 'groups', 'staff'], { error: '请选择谁可以预约' }),
  checkinCode: z.string().regex(/^\d{4,8}$/, '签到码应为 4–8 位数字'),
})

export const PolicyBody = z.strictObject({
  residentMinutesPerWeek: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
  groupMinutesPerWeek: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
  cancelCutoffMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
  checkinOpensMinutesBefore: z.number().int().min(0).max(120),
  checkinGraceMinutes: z.number().int().min(5, '签到宽限至少 5 分钟').max(120),
  noShowLimit: z.number().int().min(1).max(20),
  noShowFreezeDays: z.number().int().min(1).max(90),
})

/** Why a centre closes; a public-interest event (公益活动) takes priority over residents' bookings. */
export const BLACKOUT_KINDS = ['public_event', 'maintenance', 'holiday', 'other'] as const

export const BlackoutBody = z.strictObject({
  roomId: z.string().min(1).max(64).optional(),
  startsAt: z.number({ error: '请选择开始时间' }).int(),
  endsAt: z.number({ error: '请选择结束时间' }).int(),
  kind: z
    .enum(BLACKOUT_KINDS, { error: '请选择暂停类型（公益活动 / 维修保养 / 节假日 / 其他）' })
    .default('other'),
  reason: text(100, '暂停原因'),
  confirm: z.boolean().default(false),
})

export const GroupBody = z.strictObject({
  name: text(30, '团队名称', 2),
  kind: z.enum(['autonomy', 'volunteer', 'recreation'], {
    error: '请选择团队类型（自治 / 志愿 / 自乐）',
  }),
  communityId: text(64, '所属社区'),
  leaderUserId: text(64, '负责人'),
})

export const MemberBody = z.strictObject({ userId: text(64, '成员') })
export const OverrideBody = z.strictObject({
  userId: text(64, '居民'),
  days: z.number().int().min(1).max(90),
  reason: text(200, '理由'),
})
export const UtilisationQuery = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
})

export const RoomBody = z.strictObject({
  name: text(20, '房间名称'),
  capacity: z
    .number({ error: '请填写容纳人数' })
    .int()
    .min(1, '容纳人数至少 1 人')
    .max(500, '容纳人数不能超过 500 人'),
  facilities: z.array(text(20, '设施')).max(20, '设施最多 20 项').default([]),
})

// --- the app's own views: the rooms of a centre, my groups, centres I manage -----------------

export const CentreRoomsQuery = z.object({ date: Date_.optional() })

/** One room on the 预约 tab: its rules, whether the viewer may book it, and (with ?date) the day at a glance. */
export const CentreRoomSchema = RoomInfoSchema.extend({
  mayBook: z.boolean(),
  day: z
    .object({
      date: z.string(),
      openSlots: z.number(),
      freeSlots: z.number(),
      firstFree: z.number().nullable(),
      closures: z.array(z.object({ startsAt: z.number(), endsAt: z.number(), reason: z.string() })),
    })
    .nullable(),
}).openapi('CentreRoom')

export const GroupKindSchema = z.enum(['autonomy', 'volunteer', 'recreation'])

export const MyGroupSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: GroupKindSchema,
    centreId: z.string(),
    centreName: z.string(),
    leader: z.object({ id: z.string(), nickname: z.string() }),
    memberCount: z.number(),
    isLeader: z.boolean(),
  })
  .openapi('MyGroup')

export const ManagedCentreSchema = z
  .object({ id: z.string(), name: z.string(), pendingCount: z.number() })
  .openapi('ManagedCentre')

/** What only the centre's managers see of a room: everything, with the check-in code for the door sign. */
export const RoomAdminSchema = z
  .object({
    id: z.string(),
    centreId: z.string(),
    centreName: z.string(),
    name: z.string(),
    capacity: z.number(),
    facilities: z.array(z.string()),
    photos: z.array(RoomPhotoSchema),
    rules: RoomRulesBody.nullable(),
  })
  .openapi('RoomAdmin')

export const PersonSchema = z
  .object({ id: z.string(), nickname: z.string(), community: z.string() })
  .openapi('CentrePerson')
export const PeopleQuery = z.object({
  q: z.string().trim().min(1, '请输入要查找的昵称').max(20, '昵称不能超过 20 个字'),
})

export const GroupMemberSchema = z.object({
  id: z.string(),
  nickname: z.string(),
  isLeader: z.boolean(),
  joinedAt: z.number(),
})

export const NoShowSchema = z
  .object({
    bookingId: z.string(),
    user: z.object({ id: z.string(), nickname: z.string() }),
    room: z.string(),
    startsAt: z.number(),
    endsAt: z.number(),
    kind: z.enum(['released', 'late_cancel']),
    waived: z.boolean(),
  })
  .openapi('NoShow')

export const BlackoutSchema = z
  .object({
    id: z.string(),
    roomId: z.string().nullable(),
    roomName: z.string().nullable(),
    startsAt: z.number(),
    endsAt: z.number(),
    reason: z.string(),
    kind: z.enum(BLACKOUT_KINDS),
  })
  .openapi('Blackout')

/** Without confirm, bookings in the way are listed and nothing is stored (created=false). */
export const BlackoutResultSchema = z
  .object({
    created: z.boolean(),
    blackout: BlackoutSchema.omit({ roomName: true }).nullable(),
    affected: z.array(
      z.object({
        id: z.string(),
        roomName: z.string(),
        userNickname: z.string(),
        purpose: z.string(),
        startsAt: z.number(),
        endsAt: z.number(),
        status: z.string(),
      }),
    ),
  })
  .openapi('BlackoutResult')

export const CentreGroupSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: GroupKindSchema,
    communityId: z.string(),
    leader: z.object({ id: z.string(), nickname: z.string() }),
    memberCount: z.number(),
  })
  .openapi('CentreGroup')

export const UtilisationSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    rooms: z.array(
      z.object({
        roomId: z.string(),
        roomName: z.string(),
        openMinutes: z.number(),
        bookedMinutes: z.number(),
        checkedInMinutes: z.number(),
      }),
    ),
    byWeekdayHour: z.array(
      z.object({
        weekday: z.number(),
        hour: z.number(),
        openMinutes: z.number(),
        bookedMinutes: z.number(),
        checkedInMinutes: z.number(),
      }),
    ),
  })
  .openapi('Utilisation')

// --- shapes named here so that routes stay a list of contracts and the mini-program imports them

export const CalendarQuery = z.object({
  from: z.coerce.number().int(),
  to: z.coerce.number().int(),
  status: z.enum(['pending']).optional(),
})

export const CalendarItemSchema = z.object({
  id: z.string(),
  room: z.object({ id: z.string(), name: z.string() }),
  group: z.object({ id: z.string(), name: z.string() }).nullable(),
  bookedBy: z.string(),
  purpose: z.string(),
  headcount: z.number(),
  startsAt: z.number(),
  endsAt: z.number(),
  status: z.string(),
  statusLabel: z.string(),
})

/** A centre's bookings over a time range (the manager's calendar). */
export const CalendarSchema = z.object({ items: z.array(CalendarItemSchema) })

/** The room and its rules as stored after an update (loadBookableRoom); documented loosely. */
export const RoomWithRulesSchema = z.record(z.string(), z.unknown())

export const RoomSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  capacity: z.number(),
  facilities: z.array(z.string()),
})

export const GroupMemberParams = z.object({
  id: z.string().min(1).max(64),
  userId: z.string().min(1).max(64),
})

export const RoomPhotoParams = z.object({
  id: z.string().min(1).max(64),
  photoId: z.string().min(1).max(64),
})

export const RoomPhotosSchema = z.object({ photos: z.array(RoomPhotoSchema) })

/** Recent no-shows and the residents whose booking is frozen now. */
export const NoShowsSchema = z.object({
  items: z.array(NoShowSchema),
  frozen: z.array(
    z.object({
      user: z.object({ id: z.string(), nickname: z.string() }),
      until: z.number(),
      count: z.number(),
    }),
  ),
})

export type CalendarItem = z.infer<typeof CalendarItemSchema>
export type Calendar = z.infer<typeof CalendarSchema>
export type NoShows = z.infer<typeof NoShowsSchema>
