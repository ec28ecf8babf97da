import { env } from 'cloudflare:workers'
import { vi } from 'vitest'
import { DAY, MINUTE, shanghaiMidnight } from '../../worker/lib/time'
import { dbRows, loginNew } from './helpers'
import { client, send } from './client'

// Shared by the bookings-*.test.ts files. Every file freezes the clock (the worker runs in the
// same isolate, so its now() sees the frozen Date too) at one Shanghai instant, so that weekdays,
// weeks, notice and horizon are the same whatever day the tests run.

export const CENTRE = 'ct-qingwu'

/** The frozen "now": Tuesday 2026-12-01 10:00 in Shanghai (02:00 UTC). Its Shanghai week runs Mon 11-30 – Sun 12-06. */
export const NOW = shanghaiMidnight('2026-12-01') + 10 * 60 * MINUTE

/** Freezes Date (only Date: timers and the workerd I/O stay real) at `ms`. */
export function freezeClock(ms = NOW): void {
  vi.useFakeTimers({ toFake: ['Date'], now: ms })
}

/** UTC ms of a Shanghai wall-clock time: sh('2026-12-02', '09:30'). */
export function sh(date: string, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return shanghaiMidnight(date) + (h! * 60 + m!) * MINUTE
}

export type BookingInput = {
  roomId: string
  startsAt: number
  endsAt: number
  purpose?: string
  headcount?: number
  groupId?: string
  repeatWeeks?: number
  onConflict?: 'all_or_nothing' | 'skip'
}

/** POST /api/bookings with a plausible purpose and headcount unless given. */
export function book(token: string | undefined, input: BookingInput) {
  return send(
    client(token).bookings.$post({ json: { purpose: '邻里活动', headcount: 2, ...input } }),
  )
}

/** Books on a Shanghai day from hh:mm to hh:mm. */
export function bookAt(
  token: string,
  roomId: string,
  date: string,
  from: string,
  to: string,
  extra: Partial<BookingInput> = {},
) {
  return book(token, { roomId, startsAt: sh(date, from), endsAt: sh(date, to), ...extra })
}

let residentSeq = 0

/** A fresh consented user with a verified residency in 槐树社区 (served by the centre). */
export async function verifiedResident(prefix: string): Promise<{ token: string; userId: string }> {
  const openid = `${prefix}-${++residentSeq}`
  const user = await loginNew(openid)
  await env.DB.prepare(
    `INSERT INTO residencies (id, user_id, household_id, community_id, status, via, is_representative, verified_at)
    VALUES (?, ?, 'hh-wutong-3-1-101', 'cm-huaishu', 'verified', 'request', 0, 0)`,
  )
    .bind(`rs-${openid}`, user.userId)
    .run()
  return user
}

export type RoomOptions = {
  centreId?: string
  capacity?: number
  openingHours?: Record<string, [string, string][]>
  slotMinutes?: number
  minSlots?: number
  maxSlots?: number
  horizonDays?: number
  minNoticeMinutes?: number
  needsApproval?: boolean
  whoMayBook?: 'residents' | 'groups' | 'staff'
  checkinCode?: string
}

export const DEMO_HOURS = Object.fromEntries(
  [1, 2, 3, 4, 5, 6, 7].map((d) => [
    String(d),
    [
      ['08:30', '12:00'],
      ['13:30', '21:00'],
    ] as [string, string][],
  ]),
)

/** A room of its own for one test, with the demo rules unless overridden. */
export async function addRoom(id: string, o: RoomOptions = {}): Promise<string> {
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO rooms (id, centre_id, name, capacity, facilities_json, sort_order) VALUES (?, ?, ?, ?, '[]', 99)`,
    ).bind(id, o.centreId ?? CENTRE, `测试室 ${id}`, o.capacity ?? 20),
    env.DB.prepare(
      `INSERT INTO room_settings (room_id, opening_hours_json, slot_minutes, min_slots, max_slots, horizon_days, min_notice_minutes,
      needs_approval, who_may_book, checkin_code, photos_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]')`,
    ).bind(
      id,
      JSON.stringify(o.openingHours ?? DEMO_HOURS),
      o.slotMinutes ?? 30,
      o.minSlots ?? 1,
      o.maxSlots ?? 8,
      o.horizonDays ?? 14,
      o.minNoticeMinutes ?? 60,
      o.needsApproval ? 1 : 0,
      o.whoMayBook ?? 'residents',
      o.checkinCode ?? '123456',
    ),
  ])
  return id
}

let bookingSeq = 0

/**
 * A booking written straight into the tables (for the past, or a state the API would take a
 * while to reach). Live statuses also hold their slots, as the service would.
 */
export async function insertBooking(b: {
  roomId: string
  userId: string
  startsAt: number
  endsAt: number
  status: string
  centreId?: string
  groupId?: string | null
  lateCancel?: boolean
  purpose?: string
  slotMinutes?: number
  /** false: write the row only (e.g. several check-in tests at the same instant); default true for live statuses. */
  holdSlots?: boolean
}): Promise<string> {
  const id = `bk-test-${++bookingSeq}`
  const statements = [
    env.DB.prepare(
      `INSERT INTO bookings (id, centre_id, room_id, user_id, group_id, purpose, headcount, starts_at, ends_at, status,
    late_cancel, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 2, ?, ?, ?, ?, ?, ?)`,
    ).bind(
      id,
      b.centreId ?? CENTRE,
      b.roomId,
      b.userId,
      b.groupId ?? null,
      b.purpose ?? '测试预约',
      b.startsAt,
      b.endsAt,
      b.status,
      b.lateCancel ? 1 : 0,
      b.startsAt - DAY,
      b.startsAt - DAY,
    ),
  ]
  if (b.holdSlots !== false && ['pending', 'confirmed', 'checked_in'].includes(b.status)) {
    for (let s = b.startsAt; s < b.endsAt; s += (b.slotMinutes ?? 30) * MINUTE) {
      statements.push(
        env.DB.prepare(
          'INSERT INTO booking_slots (room_id, slot_start, booking_id) VALUES (?, ?, ?)',
        ).bind(b.roomId, s, id),
      )
    }
  }
  await env.DB.batch(statements)
  return id
}

/** Minutes of live bookings an owner holds that start in [from, to). */
export async function liveMinutes(
  owner: { userId?: string; groupId?: string },
  from: number,
  to: number,
): Promise<number> {
  const [row] = await dbRows<{ m: number | null }>(
    `SELECT SUM(ends_at - starts_at) / 60000 AS m FROM bookings
     WHERE ${owner.groupId ? 'group_id = ?' : 'user_id = ? AND group_id IS NULL'}
       AND status IN ('pending', 'confirmed', 'checked_in') AND starts_at >= ? AND starts_at < ?`,
    owner.groupId ?? owner.userId,
    from,
    to,
  )
  return row?.m ?? 0
}

export async function bookingRows(where = '1 = 1', ...params: unknown[]) {
  return dbRows<{
    id: string
    status: string
    starts_at: number
    ends_at: number
    user_id: string
    group_id: string | null
    series_id: string | null
    late_cancel: number
  }>(
    `SELECT id, status, starts_at, ends_at, user_id, group_id, series_id, late_cancel FROM bookings WHERE ${where} ORDER BY starts_at`,
    ...params,
  )
}

/** A user id of a demo user key. */
export const demoUserId = (key: string) => `us-${key}`

/** True when the text contains Chinese and reads as a sentence for a resident (no English words). */
export function isChineseMessage(message: unknown): boolean {
  return (
    typeof message === 'string' &&
    /[\u4e00-\u9fff]/.test(message) &&
    !/\b(Invalid|expected|received|undefined|null|NaN|Error)\b/i.test(message)
  )
}

/** A registered group of the centre (三自组织) with its leader and members, written straight into the tables. */
export async function insertGroup(
  id: string,
  leaderUserId: string,
  memberUserIds: string[] = [],
): Promise<string> {
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO groups (id, centre_id, community_id, name, kind, leader_user_id, created_at) VALUES (?, ?, 'cm-huaishu', ?, 'recreation', ?, 0)`,
    ).bind(id, CENTRE, `测试团队 ${id}`, leaderUserId),
    ...[leaderUserId, ...memberUserIds].map((u) =>
      env.DB.prepare(
        'INSERT INTO group_members (group_id, user_id, joined_at) VALUES (?, ?, 0)',
      ).bind(id, u),
    ),
  ])
  return id
}

/** The status of a booking, straight from the table. */
export async function statusOf(id: string): Promise<string | undefined> {
  return (await dbRows<{ status: string }>('SELECT status FROM bookings WHERE id = ?', id))[0]
    ?.status
}

/** A fresh consented user holding one role in a community (no residency). */
export async function userWithRole(
  openid: string,
  communityId: string,
  role: string,
): Promise<{ token: string; userId: string }> {
  const user = await loginNew(openid)
  await env.DB.prepare(
    'INSERT INTO role_grants (id, community_id, user_id, role, granted_by, granted_at) VALUES (?, ?, ?, ?, NULL, 0)',
  )
    .bind(`rg-${openid}-${role}`, communityId, user.userId, role)
    .run()
  return user
}

/** A fresh consented user granted 邻里中心管理员 of one centre (decision 020), and nothing else. */
export async function centreManager(
  openid: string,
  centreId: string,
): Promise<{ token: string; userId: string }> {
  const user = await loginNew(openid)
  await env.DB.prepare(
    "INSERT INTO centre_role_grants (id, centre_id, user_id, role, granted_by, granted_at) VALUES (?, ?, ?, 'manager', 'us-staff-zhao', 0)",
  )
    .bind(`cg-${openid}`, centreId, user.userId)
    .run()
  return user
}

/** A second centre, 远山邻里中心, serving only a community of its own (远山社区), with one room. */
export async function addOtherCentre(): Promise<{
  centreId: string
  communityId: string
  roomId: string
}> {
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO communities (id, street_id, name, created_at) VALUES ('cm-yuanshan', 'st-qingwu', '远山社区', 0)",
    ),
    env.DB.prepare(
      "INSERT INTO centres (id, street_id, name, address, opening_note) VALUES ('ct-yuanshan', 'st-qingwu', '远山邻里中心', '远山路 1 号', '')",
    ),
    env.DB.prepare(
      "INSERT INTO centre_communities (centre_id, community_id) VALUES ('ct-yuanshan', 'cm-yuanshan')",
    ),
  ])
  await addRoom('rm-yuanshan', { centreId: 'ct-yuanshan', needsApproval: true })
  return { centreId: 'ct-yuanshan', communityId: 'cm-yuanshan', roomId: 'rm-yuanshan' }
}
