import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core'
import { sql } from 'drizzle-orm'
import { communities, rooms } from './places'
import { users } from './identity'
import { bookings } from './bookings'
import { suggestions } from './suggestions'
import { conventions } from './conventions'

// 议事会 and 三会: meetings from agenda to published resolution.

export const MEETING_TYPES = ['council', 'hearing', 'coordination', 'evaluation'] as const
export type MeetingType = (typeof MEETING_TYPES)[number]

/** draft → published → cancelled; "held" is a matter of time, minutes have their own stamp. */
export const MEETING_STATUSES = ['draft', 'published', 'cancelled'] as const
export type MeetingStatus = (typeof MEETING_STATUSES)[number]

export const MEETING_AUDIENCES = ['residents', 'invited'] as const

export const meetings = sqliteTable(
  'meetings',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    type: text('type', { enum: MEETING_TYPES }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    /** A 邻里中心 room, booked by creating the meeting (bookingId), or null with an address. */
    roomId: text('room_id').references(() => rooms.id),
    bookingId: text('booking_id').references(() => bookings.id),
    address: text('address').notNull(),
    capacity: integer('capacity').notNull(),
    signupOpensAt: integer('signup_opens_at').notNull(),
    signupClosesAt: integer('signup_closes_at').notNull(),
    audience: text('audience', { enum: MEETING_AUDIENCES }).notNull(),
    status: text('status', { enum: MEETING_STATUSES }).notNull(),
    /** Shown at the door as digits and a QR code; entering it checks a registration in. */
    checkinCode: text('checkin_code').notNull(),
    cancelReason: text('cancel_reason'),
    minutes: text('minutes'),
    minutesPublishedAt: integer('minutes_published_at'),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    publishedAt: integer('published_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('meetings_community_time_idx').on(t.communityId, t.startsAt),
    // Upcoming meetings (ends_at ≥ now): a community's few, not its whole history.
    index('meetings_community_ends_idx').on(t.communityId, t.endsAt),
    index('meetings_booking_idx').on(t.bookingId),
  ],
)

export const meetingAgendaItems = sqliteTable(
  'meeting_agenda_items',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    suggestionId: text('suggestion_id').references(() => suggestions.id),
    conventionId: text('convention_id').references(() => conventions.id),
  },
  (t) => [
    index('meeting_agenda_meeting_idx').on(t.meetingId, t.position),
    index('meeting_agenda_suggestion_idx').on(t.suggestionId),
    index('meeting_agenda_convention_idx').on(t.conventionId),
  ],
)

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number]

// Sign-ups in arrival order (seq). Seats and the waitlist are decided in SQL when the row is
// inserted and when a seat frees; one live registration per person and meeting (unique index).
export const meetingRegistrations = sqliteTable(
  'meeting_registrations',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    seq: integer('seq').notNull(),
    status: text('status', { enum: REGISTRATION_STATUSES }).notNull(),
    /** Set on the rows one promotion moved from the waitlist, to tell exactly those people. */
    promotionId: text('promotion_id'),
    promotedAt: integer('promoted_at'),
    cancelledAt: integer('cancelled_at'),
    checkedInAt: integer('checked_in_at'),
    /** 代办: who signed this resident up; null when she did (decision 019). */
    actedBy: text('acted_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('meeting_registrations_seq_idx').on(t.meetingId, t.seq),
    uniqueIndex('meeting_registrations_live_idx')
      .on(t.meetingId, t.userId)
      .where(sql`status <> 'cancelled'`),
    index('meeting_registrations_status_idx').on(t.meetingId, t.status, t.seq),
    index('meeting_registrations_user_idx').on(t.userId, t.createdAt),
    index('meeting_registrations_promotion_idx').on(t.promotionId),
  ],
)

export const meetingInvitations = sqliteTable(
  'meeting_invitations',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    invitedBy: text('invited_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.userId] }),
    index('meeting_invitations_user_idx').on(t.userId),
  ],
)

// People at the door without a registration: a resident account, or just a name written down.
export const meetingWalkIns = sqliteTable(
  'meeting_walk_ins',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    userId: text('user_id').references(() => users.id),
    name: text('name').notNull(),
    note: text('note').notNull().default(''),
    addedBy: text('added_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('meeting_walk_ins_meeting_idx').on(t.meetingId, t.createdAt),
    uniqueIndex('meeting_walk_ins_user_idx')
      .on(t.meetingId, t.userId)
      .where(sql`user_id IS NOT NULL`),
  ],
)

export const meetingSpeakRequests = sqliteTable(
  'meeting_speak_requests',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    itemId: text('item_id')
      .notNull()
      .references(() => meetingAgendaItems.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    topic: text('topic').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('meeting_speak_item_user_idx').on(t.itemId, t.userId),
    index('meeting_speak_meeting_idx').on(t.meetingId, t.createdAt),
  ],
)

export const SUGGESTION_MOVES = [
  'none',
  'accept',
  'adopt',
  'not_adopt',
  'complete',
  'close_unfixed',
] as const
export type SuggestionMove = (typeof SUGGESTION_MOVES)[number]

// 民事民决: the decision on one agenda item, published once.
export const meetingResolutions = sqliteTable(
  'meeting_resolutions',
  {
    itemId: text('item_id')
      .primaryKey()
      .references(() => meetingAgendaItems.id),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    decision: text('decision').notNull(),
    votesFor: integer('votes_for'),
    votesAgainst: integer('votes_against'),
    votesAbstain: integer('votes_abstain'),
    /** Who carries it out (a person or a unit, as written in the minutes). */
    owner: text('owner').notNull(),
    /** Shanghai date, YYYY-MM-DD. */
    dueDate: text('due_date'),
    /** What the resolution did to the linked suggestion. */
    suggestionMove: text('suggestion_move', { enum: SUGGESTION_MOVES }).notNull().default('none'),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('meeting_resolutions_meeting_idx').on(t.meetingId)],
)

export const meetingPhotos = sqliteTable(
  'meeting_photos',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    r2Key: text('r2_key').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    uploadedBy: text('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('meeting_photos_meeting_idx').on(t.meetingId, t.createdAt)],
)

// 评议会: residents present rate each completed item 1–5 (one per person and item, changeable).
export const meetingItemRatings = sqliteTable(
  'meeting_item_ratings',
  {
    itemId: text('item_id')
      .notNull()
      .references(() => meetingAgendaItems.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    stars: integer('stars').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.userId] })],
)
