import type { InferRequestType } from 'hono/client'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { DAY, MINUTE } from '../../worker/lib/time'
import {
  addOtherCentre,
  addRoom,
  CENTRE,
  DEMO_HOURS,
  demoUserId,
  freezeClock,
  insertBooking,
  insertGroup,
  NOW,
  sh,
  statusOf,
  userWithRole,
  centreManager,
} from './booking-helpers'
import {
  dbCount,
  dbRows,
  dbRun,
  demoSessions,
  fetchWorker,
  photoStore,
  readJson,
  resetRateLimits,
  seedDemo,
} from './helpers'
import { tinyJpeg } from './suggestion-helpers'
import { assertStatus, client, rawRequest, send, succeeded } from './client'

// Who may call every 邻里中心 route that takes an id, one row per (route, caller). A refused call
// must also leave everything as it was; an allowed one must have its effect.
//
// Callers: the booking's owner (a verified resident), another resident, an unverified user, the
// centre's manager (centre-qian: 邻里中心管理员 granted for 青梧邻里中心, decision 020), staff-sun
// (admin and staff of 枫桥社区, which the centre also serves, but holding no grant: an admin may
// appoint the centre's managers, not act as one), a user who is only staff of 枫桥社区, staff of a
// community the centre does not serve (远山社区), the manager of another centre (远山邻里中心,
// serving only 远山社区), and an anonymous caller. Roles are granted, never implied: only the
// grant opens the manager routes.

type Actor =
  | 'owner'
  | 'resident'
  | 'unverified'
  | 'manager'
  | 'servedAdmin'
  | 'servedStaff'
  | 'otherStaff'
  | 'otherCentreManager'
  | 'anonymous'
const ACTORS: Actor[] = [
  'owner',
  'resident',
  'unverified',
  'manager',
  'servedAdmin',
  'servedStaff',
  'otherStaff',
  'otherCentreManager',
  'anonymous',
]
const LABELS: Record<Actor, string> = {
  owner: 'the owner (resident-wang)',
  resident: 'another resident (resident-zhang)',
  unverified: 'an unverified user (newcomer-chen)',
  manager: 'the granted centre manager (centre-qian)',
  servedAdmin: 'the admin of a served community without the grant (staff-sun)',
  servedStaff: 'staff only of a served community',
  otherStaff: 'staff and admin of a community the centre does not serve',
  otherCentreManager: 'the manager of another centre',
  anonymous: 'an anonymous caller',
}

const session = demoSessions()
const tokens = {} as Record<Actor, string | undefined>
const OWNER = demoUserId('resident-wang')
const ROOM = 'rm-a-matrix'

let seq = 0
/** A fresh half-hour of the matrix room, so that every case has a target of its own. */
const nextSlot = () => sh('2026-12-03', '00:00') + seq++ * 30 * MINUTE
const booking = (status: string, extra: Partial<Parameters<typeof insertBooking>[0]> = {}) => {
  const startsAt = extra.startsAt ?? nextSlot()
  return insertBooking({
    roomId: ROOM,
    userId: OWNER,
    startsAt,
    endsAt: startsAt + 30 * MINUTE,
    status,
    ...extra,
  })
}

type Case = {
  method: string
  path: string
  body?: Record<string, unknown>
  /** A multipart body instead of JSON (photo uploads). */
  form?: () => FormData
  effect: (allowed: boolean, res: any) => Promise<void>
}
/** signedIn: anyone with a session; managerOrOwner: the centre's managers and the owner (a group's leader). */
type Route = {
  name: string
  who: 'public' | 'signedIn' | 'owner' | 'manager' | 'managerOrOwner'
  ok: number
  setup: () => Promise<Case>
}

const RULES: InferRequestType<ReturnType<typeof client>['rooms'][':id']['rules']['$put']>['json'] =
  {
    // Every weekday must be present (z.record over an enum is exhaustive); a closed day is [].
    openingHours: { 1: [['09:00', '12:00']], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] },
    slotMinutes: 30,
    minSlots: 1,
    maxSlots: 6,
    horizonDays: 7,
    minNoticeMinutes: 30,
    needsApproval: true,
    whoMayBook: 'residents',
    checkinCode: '2468',
  }
const POLICY = {
  residentMinutesPerWeek: 360,
  groupMinutesPerWeek: 720,
  cancelCutoffMinutes: 120,
  checkinOpensMinutesBefore: 15,
  checkinGraceMinutes: 15,
  noShowLimit: 3,
  noShowFreezeDays: 14,
}

const ROUTES: Route[] = [
  {
    name: 'GET /api/rooms/{id}/day',
    who: 'public',
    ok: 200,
    setup: async () => ({
      method: 'GET',
      path: `/api/rooms/${ROOM}/day?date=2026-12-03`,
      effect: async (_a, res) => expect(res.body.slots.length).toBe(48),
    }),
  },
  {
    name: 'GET /api/centres/{id}/free-rooms',
    who: 'public',
    ok: 200,
    setup: async () => ({
      method: 'GET',
      path: `/api/centres/${CENTRE}/free-rooms?date=2026-12-10&start=09:00&end=10:00`,
      effect: async (_a, res) => expect(res.body.rooms.map((r: any) => r.id)).toContain('rm-art'),
    }),
  },
  {
    name: 'GET /api/centres/{id}/policy',
    who: 'public',
    ok: 200,
    setup: async () => ({
      method: 'GET',
      path: `/api/centres/${CENTRE}/policy`,
      effect: async (_a, res) => expect(res.body.noShowLimit).toBe(3),
    }),
  },
  {
    name: 'GET /api/centres/{id}/blackouts',
    who: 'public',
    ok: 200,
    setup: async () => ({
      method: 'GET',
      path: `/api/centres/${CENTRE}/blackouts`,
      effect: async (_a, res) => expect(Array.isArray(res.body.items)).toBe(true),
    }),
  },
  {
    name: 'GET /api/centres/{id}/groups',
    who: 'public',
    ok: 200,
    setup: async () => ({
      method: 'GET',
      path: `/api/centres/${CENTRE}/groups`,
      effect: async (_a, res) => expect(res.body.items.map((g: any) => g.id)).toContain('gp-dance'),
    }),
  },
  {
    name: 'GET /api/centres/{id}/calendar',
    who: 'manager',
    ok: 200,
    setup: async () => {
      const id = await booking('confirmed', { purpose: '日历里的用途' })
      return {
        method: 'GET',
        path: `/api/centres/${CENTRE}/calendar?from=${sh('2026-12-03', '00:00')}&to=${sh('2026-12-05', '00:00')}`,
        effect: async (allowed, res) => {
          if (allowed)
            expect(res.body.items.find((i: any) => i.id === id)).toMatchObject({
              purpose: '日历里的用途',
              bookedBy: '王阿姨',
            })
          else expect(JSON.stringify(res.body)).not.toContain('日历里的用途')
        },
      }
    },
  },
  {
    name: 'GET /api/centres/{id}/utilisation',
    who: 'manager',
    ok: 200,
    setup: async () => ({
      method: 'GET',
      path: `/api/centres/${CENTRE}/utilisation?from=2026-12-01&to=2026-12-07`,
      effect: async (allowed, res) => {
        if (allowed) expect(res.body.rooms.map((r: any) => r.roomId)).toContain('rm-art')
        else expect(res.body.rooms).toBeUndefined()
      },
    }),
  },
  {
    name: 'POST /api/bookings/{id}/cancel',
    who: 'owner',
    ok: 200,
    setup: async () => {
      const id = await booking('confirmed', {
        startsAt: sh('2026-12-08', '00:00') + seq++ * 30 * MINUTE,
      })
      return {
        method: 'POST',
        path: `/api/bookings/${id}/cancel`,
        effect: async (allowed) =>
          expect(await statusOf(id)).toBe(allowed ? 'cancelled' : 'confirmed'),
      }
    },
  },
  {
    name: 'POST /api/bookings/{id}/check-in',
    who: 'owner',
    ok: 200,
    setup: async () => {
      // Starts 5 minutes from now: inside the check-in window.
      const id = await booking('confirmed', { startsAt: NOW + 5 * MINUTE, holdSlots: false })
      return {
        method: 'POST',
        path: `/api/bookings/${id}/check-in`,
        body: { code: '123456' },
        effect: async (allowed) =>
          expect(await statusOf(id)).toBe(allowed ? 'checked_in' : 'confirmed'),
      }
    },
  },
  {
    name: 'POST /api/bookings/{id}/approve',
    who: 'manager',
    ok: 200,
    setup: async () => {
      const id = await booking('pending')
      return {
        method: 'POST',
        path: `/api/bookings/${id}/approve`,
        effect: async (allowed) =>
          expect(await statusOf(id)).toBe(allowed ? 'confirmed' : 'pending'),
      }
    },
  },
  {
    name: 'POST /api/bookings/{id}/reject',
    who: 'manager',
    ok: 200,
    setup: async () => {
      const id = await booking('pending')
      return {
        method: 'POST',
        path: `/api/bookings/${id}/reject`,
        body: { reason: '当天另有安排' },
        effect: async (allowed) => {
          expect(await statusOf(id)).toBe(allowed ? 'rejected' : 'pending')
          expect(
            await dbCount('SELECT COUNT(*) AS n FROM booking_slots WHERE booking_id = ?', id),
          ).toBe(allowed ? 0 : 1)
        },
      }
    },
  },
  {
    name: 'POST /api/bookings/{id}/waive',
    who: 'manager',
    ok: 200,
    setup: async () => {
      const id = await booking('released', { startsAt: NOW - 2 * DAY - seq++ * 30 * MINUTE })
      return {
        method: 'POST',
        path: `/api/bookings/${id}/waive`,
        body: { reason: '当天停电' },
        effect: async (allowed) =>
          expect(await dbCount('SELECT no_show_waived AS n FROM bookings WHERE id = ?', id)).toBe(
            allowed ? 1 : 0,
          ),
      }
    },
  },
  {
    name: 'POST /api/centres/{id}/rooms',
    who: 'manager',
    ok: 201,
    setup: async () => {
      const name = `活动室${seq++}`
      return {
        method: 'POST',
        path: `/api/centres/${CENTRE}/rooms`,
        body: { name, capacity: 12, facilities: ['白板'] },
        effect: async (allowed) =>
          expect(
            await dbCount(
              "SELECT COUNT(*) AS n FROM rooms WHERE name = ? AND centre_id = 'ct-qingwu'",
              name,
            ),
          ).toBe(allowed ? 1 : 0),
      }
    },
  },
  {
    name: 'PUT /api/rooms/{id}',
    who: 'manager',
    ok: 200,
    setup: async () => {
      const room = await addRoom(`rm-a-edit-${seq++}`)
      return {
        method: 'PUT',
        path: `/api/rooms/${room}`,
        body: { name: '改名后的房间', capacity: 8, facilities: [] },
        effect: async (allowed) =>
          expect(await dbCount('SELECT capacity AS n FROM rooms WHERE id = ?', room)).toBe(
            allowed ? 8 : 20,
          ),
      }
    },
  },
  {
    name: 'PUT /api/rooms/{id}/rules',
    who: 'manager',
    ok: 200,
    setup: async () => {
      const room = await addRoom(`rm-a-rules-${seq++}`)
      return {
        method: 'PUT',
        path: `/api/rooms/${room}/rules`,
        body: RULES,
        effect: async (allowed) => {
          const [row] = await dbRows<{ min_notice_minutes: number; checkin_code: string }>(
            'SELECT min_notice_minutes, checkin_code FROM room_settings WHERE room_id = ?',
            room,
          )
          expect(row).toEqual(
            allowed
              ? { min_notice_minutes: 30, checkin_code: '2468' }
              : { min_notice_minutes: 60, checkin_code: '123456' },
          )
        },
      }
    },
  },
  {
    name: 'PUT /api/centres/{id}/policy',
    who: 'manager',
    ok: 200,
    setup: async () => {
      const minutes = 400 + seq++
      return {
        method: 'PUT',
        path: `/api/centres/${CENTRE}/policy`,
        body: { ...POLICY, residentMinutesPerWeek: minutes },
        effect: async (allowed) => {
          expect(
            await dbCount(
              "SELECT COUNT(*) AS n FROM centre_policies WHERE centre_id = 'ct-qingwu' AND resident_minutes_per_week = ?",
              minutes,
            ),
          ).toBe(allowed ? 1 : 0)
        },
      }
    },
  },
  {
    name: 'POST /api/centres/{id}/blackouts',
    who: 'manager',
    ok: 200,
    setup: async () => {
      const startsAt = sh('2026-12-20', '00:00') + seq++ * 30 * MINUTE
      const reason = `检修 ${seq}`
      return {
        method: 'POST',
        path: `/api/centres/${CENTRE}/blackouts`,
        body: { roomId: ROOM, startsAt, endsAt: startsAt + 30 * MINUTE, reason },
        effect: async (allowed) =>
          expect(
            await dbCount('SELECT COUNT(*) AS n FROM blackouts WHERE reason = ?', reason),
          ).toBe(allowed ? 1 : 0),
      }
    },
  },
  {
    name: 'DELETE /api/blackouts/{id}',
    who: 'manager',
    ok: 200,
    setup: async () => {
      const id = `bo-a-${seq++}`
      await dbRun(
        `INSERT INTO blackouts (id, centre_id, room_id, starts_at, ends_at, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, '保洁', 'us-centre-qian', 0)`,
        id,
        CENTRE,
        ROOM,
        sh('2026-12-13', '09:00'),
        sh('2026-12-13', '10:00'),
      )
      return {
        method: 'DELETE',
        path: `/api/blackouts/${id}`,
        effect: async (allowed) =>
          expect(await dbCount('SELECT COUNT(*) AS n FROM blackouts WHERE id = ?', id)).toBe(
            allowed ? 0 : 1,
          ),
      }
    },
  },
  {
    name: 'POST /api/centres/{id}/groups',
    who: 'manager',
    ok: 201,
    setup: async () => {
      const name = `志愿队${seq++}`
      return {
        method: 'POST',
        path: `/api/centres/${CENTRE}/groups`,
        body: {
          name,
          kind: 'volunteer',
          communityId: 'cm-huaishu',
          leaderUserId: demoUserId('resident-zhang'),
        },
        effect: async (allowed) =>
          expect(await dbCount('SELECT COUNT(*) AS n FROM groups WHERE name = ?', name)).toBe(
            allowed ? 1 : 0,
          ),
      }
    },
  },
  {
    name: 'POST /api/groups/{id}/members',
    who: 'manager',
    ok: 200,
    setup: async () => {
      const group = await insertGroup(`gp-a-${seq++}`, demoUserId('resident-li'))
      return {
        method: 'POST',
        path: `/api/groups/${group}/members`,
        body: { userId: demoUserId('resident-zhang') },
        effect: async (allowed) =>
          expect(
            await dbCount(
              "SELECT COUNT(*) AS n FROM group_members WHERE group_id = ? AND user_id = 'us-resident-zhang'",
              group,
            ),
          ).toBe(allowed ? 1 : 0),
      }
    },
  },
  {
    name: 'DELETE /api/groups/{id}/members/{userId}',
    who: 'manager',
    ok: 200,
    setup: async () => {
      const group = await insertGroup(`gp-a-${seq++}`, demoUserId('resident-li'), [
        demoUserId('resident-zhang'),
      ])
      return {
        method: 'DELETE',
        path: `/api/groups/${group}/members/us-resident-zhang`,
        effect: async (allowed) =>
          expect(
            await dbCount(
              "SELECT COUNT(*) AS n FROM group_members WHERE group_id = ? AND user_id = 'us-resident-zhang'",
              group,
            ),
          ).toBe(allowed ? 0 : 1),
      }
    },
  },
  {
    name: 'POST /api/centres/{id}/no-show-overrides',
    who: 'manager',
    ok: 200,
    setup: async () => {
      const reason = `已核实情况 ${seq++}`
      return {
        method: 'POST',
        path: `/api/centres/${CENTRE}/no-show-overrides`,
        body: { userId: demoUserId('resident-zhang'), days: 7, reason },
        effect: async (allowed) =>
          expect(
            await dbCount('SELECT COUNT(*) AS n FROM no_show_overrides WHERE reason = ?', reason),
          ).toBe(allowed ? 1 : 0),
      }
    },
  },
  {
    name: 'GET /api/centres/{id}/rooms',
    who: 'public',
    ok: 200,
    setup: async () => ({
      method: 'GET',
      path: `/api/centres/${CENTRE}/rooms?date=2026-12-03`,
      effect: async (_a, res) => {
        expect(res.body.items.map((r: any) => r.id)).toContain(ROOM)
        expect(JSON.stringify(res.body)).not.toContain('checkinCode')
      },
    }),
  },
  {
    name: 'GET /api/rooms/{id}/photos/{photoId}',
    who: 'public',
    ok: 200,
    setup: async () => {
      const room = await addRoom(`rm-a-photo-read-${seq++}`)
      const photoId = `ph-a-${seq}`
      await photoStore().put(`rooms/${room}/${photoId}`, tinyJpeg(), 'image/jpeg')
      await dbRun(
        'UPDATE room_settings SET photos_json = ? WHERE room_id = ?',
        JSON.stringify([photoId]),
        room,
      )
      return { method: 'GET', path: `/api/rooms/${room}/photos/${photoId}`, effect: async () => {} }
    },
  },
  {
    name: 'GET /api/me/groups',
    who: 'signedIn',
    ok: 200,
    setup: async () => ({
      method: 'GET',
      path: '/api/me/groups',
      effect: async (allowed, res) => expect(Array.isArray(res.body.items)).toBe(allowed),
    }),
  },
  {
    name: 'GET /api/me/managed-centres',
    who: 'signedIn',
    ok: 200,
    setup: async () => ({
      method: 'GET',
      path: '/api/me/managed-centres',
      effect: async (allowed, res) => expect(Array.isArray(res.body.items)).toBe(allowed),
    }),
  },
  {
    name: 'GET /api/rooms/{id}/rules',
    who: 'manager',
    ok: 200,
    setup: async () => ({
      method: 'GET',
      path: `/api/rooms/${ROOM}/rules`,
      effect: async (allowed, res) => {
        if (allowed) expect(res.body.rules.checkinCode).toBe('123456')
        else expect(JSON.stringify(res.body)).not.toContain('123456')
      },
    }),
  },
  {
    name: 'POST /api/rooms/{id}/photos',
    who: 'manager',
    ok: 201,
    setup: async () => {
      const room = await addRoom(`rm-a-photo-up-${seq++}`)
      const form = () => {
        const f = new FormData()
        f.set('file', new Blob([tinyJpeg()], { type: 'image/jpeg' }), 'room.jpg')
        return f
      }
      return {
        method: 'POST',
        path: `/api/rooms/${room}/photos`,
        form,
        effect: async (allowed) =>
          expect(
            await dbCount(
              'SELECT json_array_length(photos_json) AS n FROM room_settings WHERE room_id = ?',
              room,
            ),
          ).toBe(allowed ? 1 : 0),
      }
    },
  },
  {
    name: 'DELETE /api/rooms/{id}/photos/{photoId}',
    who: 'manager',
    ok: 200,
    setup: async () => {
      const room = await addRoom(`rm-a-photo-del-${seq++}`)
      await dbRun(
        'UPDATE room_settings SET photos_json = ? WHERE room_id = ?',
        JSON.stringify(['ph-keep', 'ph-gone']),
        room,
      )
      return {
        method: 'DELETE',
        path: `/api/rooms/${room}/photos/ph-gone`,
        effect: async (allowed) =>
          expect(
            (
              await dbRows<{ p: string }>(
                'SELECT photos_json AS p FROM room_settings WHERE room_id = ?',
                room,
              )
            )[0]!.p,
          ).toBe(allowed ? '["ph-keep"]' : '["ph-keep","ph-gone"]'),
      }
    },
  },
  {
    name: 'GET /api/centres/{id}/people',
    who: 'manager',
    ok: 200,
    setup: async () => ({
      method: 'GET',
      path: `/api/centres/${CENTRE}/people?q=${encodeURIComponent('张')}`,
      effect: async (allowed, res) => {
        if (allowed)
          expect(res.body.items.map((p: any) => p.id)).toContain(demoUserId('resident-zhang'))
        else expect(res.body.items).toBeUndefined()
      },
    }),
  },
  {
    name: 'GET /api/groups/{id}/members',
    who: 'managerOrOwner',
    ok: 200,
    setup: async () => {
      const group = await insertGroup(`gp-a-${seq++}`, OWNER, [demoUserId('resident-zhang')])
      return {
        method: 'GET',
        path: `/api/groups/${group}/members`,
        effect: async (allowed, res) => {
          if (allowed)
            expect(res.body.items.map((m: any) => m.id)).toEqual([
              OWNER,
              demoUserId('resident-zhang'),
            ])
          else expect(res.body.items).toBeUndefined()
        },
      }
    },
  },
  {
    name: 'GET /api/centres/{id}/no-shows',
    who: 'manager',
    ok: 200,
    setup: async () => {
      const id = await booking('released', { startsAt: NOW - 3 * DAY - seq++ * 30 * MINUTE })
      return {
        method: 'GET',
        path: `/api/centres/${CENTRE}/no-shows`,
        effect: async (allowed, res) => {
          if (allowed) expect(res.body.items.map((i: any) => i.bookingId)).toContain(id)
          else expect(JSON.stringify(res.body)).not.toContain(id)
        },
      }
    },
  },
]

function expected(route: Route, actor: Actor): number {
  if (route.who === 'public') return route.ok
  if (actor === 'anonymous') return 401
  if (route.who === 'signedIn') return route.ok
  if (route.who === 'owner') return actor === 'owner' ? route.ok : 403
  if (route.who === 'managerOrOwner' && actor === 'owner') return route.ok
  return actor === 'manager' ? route.ok : 403
}

let other: Awaited<ReturnType<typeof addOtherCentre>>

beforeAll(async () => {
  freezeClock()
  await seedDemo()
  await addRoom(ROOM, {
    openingHours: Object.fromEntries(Object.keys(DEMO_HOURS).map((d) => [d, [['00:00', '24:00']]])),
  })
  other = await addOtherCentre()
  tokens.owner = await session('resident-wang')
  tokens.resident = await session('resident-zhang')
  tokens.unverified = await session('newcomer-chen')
  tokens.manager = await session('centre-qian')
  tokens.servedAdmin = await session('staff-sun')
  tokens.servedStaff = (await userWithRole('fq-staff-only', 'cm-fengqiao', 'staff')).token
  const ysStaff = await userWithRole('ys-staff', other.communityId, 'staff')
  await dbRun(
    "INSERT INTO role_grants (id, community_id, user_id, role, granted_at) VALUES ('rg-ys-staff-admin', ?, ?, 'admin', 0)",
    other.communityId,
    ysStaff.userId,
  )
  tokens.otherStaff = ysStaff.token
  tokens.otherCentreManager = (await centreManager('ys-manager', other.centreId)).token
  tokens.anonymous = undefined
})
beforeEach(async () => {
  await resetRateLimits()
})
afterAll(() => {
  vi.useRealTimers()
})

describe.each(ROUTES)('$name', (route) => {
  it.each(ACTORS.map((actor) => [LABELS[actor], expected(route, actor), actor] as const))(
    '%s → %i',
    async (_label, want, actor) => {
      const c = await route.setup()
      const res = c.form
        ? await readJson(
            await fetchWorker(
              new Request(`http://linli.test${c.path}`, {
                method: c.method,
                body: c.form(),
                headers: tokens[actor] ? { authorization: `Bearer ${tokens[actor]}` } : {},
              }),
            ),
          )
        : await rawRequest(c.method, c.path, { token: tokens[actor], body: c.body })
      expect(res.status, `${LABELS[actor]}: ${JSON.stringify(res.body)}`).toBe(want)
      if (want >= 400) {
        expect(res.body.error.code).toBe(want === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN')
        expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/)
      }
      await c.effect(want < 400, res)
    },
  )
})

describe('a manager of one centre cannot act on another centre', () => {
  it('centre-qian cannot approve, see the calendar of, or change the rules of 远山邻里中心 (403), and nothing changes', async () => {
    const id = await insertBooking({
      roomId: other.roomId,
      centreId: other.centreId,
      userId: OWNER,
      startsAt: sh('2026-12-04', '09:00'),
      endsAt: sh('2026-12-04', '09:30'),
      status: 'pending',
    })
    expect(
      (await send(client(tokens.manager).bookings[':id'].approve.$post({ param: { id } }))).status,
    ).toBe(403)
    expect(await statusOf(id)).toBe('pending')
    expect(
      (
        await send(
          client(tokens.manager).centres[':id'].calendar.$get({
            param: { id: other.centreId },
            query: { from: '0', to: NOW + 30 * DAY },
          }),
        )
      ).status,
    ).toBe(403)
    expect(
      (
        await send(
          client(tokens.manager).rooms[':id'].rules.$put({
            param: { id: other.roomId },
            json: RULES,
          }),
        )
      ).status,
    ).toBe(403)
    expect(
      await dbCount(
        "SELECT min_notice_minutes AS n FROM room_settings WHERE room_id = 'rm-yuanshan'",
      ),
    ).toBe(60)
    // Its own manager can.
    expect(
      (
        await send(
          client(tokens.otherCentreManager).bookings[':id'].approve.$post({ param: { id } }),
        )
      ).status,
    ).toBe(200)
    expect(await statusOf(id)).toBe('confirmed')
  })

  it('refuses a blackout for a room of another centre, even from a manager of this one (400, nothing stored)', async () => {
    const res = await send(
      client(tokens.manager).centres[':id'].blackouts.$post({
        param: { id: CENTRE },
        json: {
          roomId: other.roomId,
          startsAt: sh('2026-12-05', '09:00'),
          endsAt: sh('2026-12-05', '10:00'),
          reason: '越权',
        },
      }),
    )
    assertStatus(res, 400)
    expect(await dbCount("SELECT COUNT(*) AS n FROM blackouts WHERE reason = '越权'")).toBe(0)
  })
})

describe('privacy: others see only 已预约', () => {
  const date = '2026-12-04'
  let id: string
  beforeAll(async () => {
    id = await insertBooking({
      roomId: 'rm-art',
      userId: OWNER,
      startsAt: sh(date, '14:00'),
      endsAt: sh(date, '15:00'),
      status: 'confirmed',
      purpose: '王阿姨的书法私教课',
    })
  })
  const secrets = () => ['王阿姨的书法私教课', '王阿姨', '王秀英', OWNER, id]

  it.each(['resident', 'unverified', 'manager', 'servedAdmin', 'anonymous'] as Actor[])(
    'GET /api/rooms/{id}/day shows the slot to %s as 已预约 with no purpose, name or id',
    async (actor) => {
      const day = await send(
        client(tokens[actor]).rooms[':id'].day.$get({ param: { id: 'rm-art' }, query: { date } }),
      )
      assertStatus(day, 200)
      const slot = day.body.slots.find((s) => s.startsAt === sh(date, '14:30'))
      expect(slot).toEqual({
        startsAt: sh(date, '14:30'),
        endsAt: sh(date, '15:00'),
        state: 'taken',
        label: '已预约',
      })
      for (const secret of secrets()) expect(JSON.stringify(day.body)).not.toContain(secret)
    },
  )

  it('shows the owner the slot as 我的预约', async () => {
    const day = await send(
      client(tokens.owner).rooms[':id'].day.$get({ param: { id: 'rm-art' }, query: { date } }),
    )
    expect(succeeded(day).body.slots.find((s) => s.startsAt === sh(date, '14:00'))).toMatchObject({
      state: 'mine',
      label: '我的预约',
    })
  })

  it("leaves the booking out of free-rooms and out of other residents' 我的预约", async () => {
    const free = await send(
      client(tokens.resident).centres[':id']['free-rooms'].$get({
        param: { id: CENTRE },
        query: { date, start: '14:00', end: '15:00' },
      }),
    )
    expect(succeeded(free).body.rooms.map((r) => r.id)).not.toContain('rm-art')
    expect(succeeded(free).body.rooms.map((r) => r.id)).toContain('rm-council')
    for (const secret of secrets()) expect(JSON.stringify(free.body)).not.toContain(secret)
    const mine = await send(client(tokens.resident).me.bookings.$get())
    assertStatus(mine, 200)
    expect(JSON.stringify(mine.body)).not.toContain('王阿姨的书法私教课')
    expect(
      succeeded(await send(client(tokens.owner).me.bookings.$get())).body.items.map((b) => b.id),
    ).toContain(id)
    expect((await send(client().me.bookings.$get())).status).toBe(401)
  })

  it('shows purpose and name in the calendar to the manager only', async () => {
    const path = `/api/centres/${CENTRE}/calendar?from=${sh(date, '00:00')}&to=${sh(date, '00:00') + DAY}`
    const calendar = await rawRequest('GET', path, { token: tokens.manager })
    expect(calendar.body.items.find((i: any) => i.id === id)).toMatchObject({
      purpose: '王阿姨的书法私教课',
      bookedBy: '王阿姨',
    })
    for (const actor of [
      'owner',
      'resident',
      'servedAdmin',
      'servedStaff',
      'otherStaff',
      'otherCentreManager',
    ] as Actor[]) {
      const denied = await rawRequest('GET', path, { token: tokens[actor] })
      assertStatus(denied, 403)
      expect(JSON.stringify(denied.body)).not.toContain('王阿姨的书法私教课')
    }
  })
})

describe('POST /api/bookings/{id}/check-in — a group booking', () => {
  it('lets a member of the group check in, not a resident outside it', async () => {
    const li = demoUserId('resident-li')
    const id = await insertBooking({
      roomId: ROOM,
      userId: li,
      groupId: 'gp-dance',
      startsAt: NOW + 10 * MINUTE,
      endsAt: NOW + 40 * MINUTE,
      status: 'confirmed',
      holdSlots: false,
    })
    const outsider = await send(
      client(tokens.resident).bookings[':id']['check-in'].$post({
        param: { id },
        json: { code: '123456' },
      }),
    )
    assertStatus(outsider, 403)
    expect(await statusOf(id)).toBe('confirmed')
    const member = await send(
      client(tokens.owner).bookings[':id']['check-in'].$post({
        param: { id },
        json: { code: '123456' },
      }),
    )
    expect(member.status, JSON.stringify(member.body)).toBe(200)
    expect(await statusOf(id)).toBe('checked_in')
  })
})

describe('GET /api/me/managed-centres — the centres granted, nothing implied', () => {
  it('lists 青梧邻里中心 for its manager, 远山邻里中心 for its own, and nothing for admins, staff or residents without a grant', async () => {
    const ids = async (actor: Actor) =>
      (await rawRequest('GET', '/api/me/managed-centres', { token: tokens[actor] })).body.items.map(
        (c: { id: string }) => c.id,
      )
    expect(await ids('manager')).toEqual([CENTRE])
    expect(await ids('otherCentreManager')).toEqual([other.centreId])
    for (const actor of ['servedAdmin', 'servedStaff', 'otherStaff', 'owner'] as Actor[])
      expect(await ids(actor), LABELS[actor]).toEqual([])
  })
})
