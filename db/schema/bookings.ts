import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core'
import { centres, communities, rooms } from './places'
import { users } from './identity'

// 邻里中心 room booking. Rooms themselves live in places.ts; the booking rules of a room, the
// centre's fairness policy, blackouts, groups and bookings live here.

export const roomSettings = sqliteTable('room_settings', {
  roomId: text('room_id')
    .primaryKey()
    .references(() => rooms.id),
  /** {"1":[["08:30","12:00"],["13:30","21:00"]], … "7":[…]} — ISO weekday (1 = Monday), Shanghai time. */
  openingHoursJson: text('opening_hours_json').notNull(),
  slotMinutes: integer('slot_minutes').notNull(),
  minSlots: integer('min_slots').notNull(),
  maxSlots: integer('max_slots').notNull(),
  horizonDays: integer('horizon_days').notNull(),
  minNoticeMinutes: integer('min_notice_minutes').notNull(),
  needsApproval: integer('needs_approval', { mode: 'boolean' }).notNull(),
  whoMayBook: text('who_may_book', { enum: ['residents', 'groups', 'staff'] }).notNull(),
  /** Shown at the room's door (as digits and as a QR code); entering it checks a booking in. */
  checkinCode: text('checkin_code').notNull(),
  photosJson: text('photos_json').notNull().default('[]'),
})

export const centrePolicies = sqliteTable('centre_policies', {
  centreId: text('centre_id')
    .primaryKey()
    .references(() => centres.id),
  residentMinutesPerWeek: integer('resident_minutes_per_week').notNull(),
  groupMinutesPerWeek: integer('group_minutes_per_week').notNull(),
  cancelCutoffMinutes: integer('cancel_cutoff_minutes').notNull(),
  checkinOpensMinutesBefore: integer('checkin_opens_minutes_before').notNull(),
  checkinGraceMinutes: integer('checkin_grace_minutes').notNull(),
  noShowLimit: integer('no_show_limit').notNull(),
  noShowFreezeDays: integer('no_show_freeze_days').notNull(),
})

export const blackouts = sqliteTable(
  'blackouts',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id),
    /** Null: the whole centre. */
    roomId: text('room_id').references(() => rooms.id),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    reason: text('reason').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('blackouts_centre_idx').on(t.centreId, t.startsAt)],
)

export const GROUP_KINDS = ['autonomy', 'volunteer', 'recreation'] as const

// 三自组织: 自治 / 志愿 / 自乐 groups registered with the centre.
export const groups = sqliteTable(
  'groups',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: GROUP_KINDS }).notNull(),
    leaderUserId: text('leader_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('groups_centre_idx').on(t.centreId)],
)

export const groupMembers = sqliteTable(
  'group_members',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    joinedAt: integer('joined_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    index('group_members_user_idx').on(t.userId),
  ],
)

export const BOOKING_STATUSES = [
  'pending',
  'confirmed',
  'checked_in',
  'rejected',
  'cancelled',
  'released',
] as const
export type BookingStatus = (typeof BOOKING_STATUSES)[number]

export const bookings = sqliteTable(
  'bookings',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id),
    roomId: text('room_id')
      .notNull()
      .references(() => rooms.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    groupId: text('group_id').references(() => groups.id),
    /** Bookings made together by one weekly recurrence share a series id. */
    seriesId: text('series_id'),
    purpose: text('purpose').notNull(),
    headcount: integer('headcount').notNull(),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    status: text('status', { enum: BOOKING_STATUSES }).notNull(),
    /** A cancellation after the cutoff counts as a no-show unless staff waive it. */
    lateCancel: integer('late_cancel', { mode: 'boolean' }).notNull().default(false),
    noShowWaived: integer('no_show_waived', { mode: 'boolean' }).notNull().default(false),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: integer('decided_at'),
    rejectReason: text('reject_reason'),
    cancelReason: text('cancel_reason'),
    checkedInAt: integer('checked_in_at'),
    /** 代办: who booked for this resident; null when she did (decision 019). */
    actedBy: text('acted_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('bookings_room_time_idx').on(t.roomId, t.startsAt),
    index('bookings_centre_time_idx').on(t.centreId, t.startsAt),
    index('bookings_user_time_idx').on(t.userId, t.startsAt),
    // The weekly quota of a person at a centre is summed on this index.
    index('bookings_owner_week_idx').on(t.userId, t.centreId, t.startsAt),
    index('bookings_group_time_idx').on(t.groupId, t.startsAt),
    index('bookings_status_time_idx').on(t.status, t.startsAt),
  ],
)

// One row per slot a live booking holds. The primary key (room, slot start) is what makes a
// double booking impossible: two bookings covering one slot cannot both insert it.
export const bookingSlots = sqliteTable(
  'booking_slots',
  {
    roomId: text('room_id')
      .notNull()
      .references(() => rooms.id),
    slotStart: integer('slot_start').notNull(),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id),
  },
  (t) => [
    primaryKey({ columns: [t.roomId, t.slotStart] }),
    index('booking_slots_booking_idx').on(t.bookingId),
  ],
)

// A staff override of the no-show freeze, until a given instant (recorded in the audit log too).
export const noShowOverrides = sqliteTable(
  'no_show_overrides',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id),
    until: integer('until').notNull(),
    grantedBy: text('granted_by')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.centreId] })],
)
