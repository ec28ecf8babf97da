import type { InferRequestType } from 'hono/client'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { MINUTE } from '../../worker/lib/time'
import {
  addRoom,
  book,
  bookAt,
  CENTRE,
  demoUserId,
  freezeClock,
  insertBooking,
  isChineseMessage,
  sh,
  statusOf,
  verifiedResident,
} from './booking-helpers'
import { assertStatus, client, failed, rawRequest, send, succeeded } from './client'
import { dbCount, dbRows, demoSessions, resetRateLimits, seedDemo } from './helpers'

// The centre manager's routes (admin-routes.ts): room rules, policy, blackouts with
// preview/confirm, groups and members, no-show override, utilisation. Who may call them is in
// bookings-authz.test.ts; this file checks what they do. Clock frozen at Tue 2026-12-01 10:00.

const session = demoSessions()
let manager: string

type Api = ReturnType<typeof client>
type Rules = InferRequestType<Api['rooms'][':id']['rules']['$put']>['json']
type Policy = InferRequestType<Api['centres'][':id']['policy']['$put']>['json']
type Blackout = InferRequestType<Api['centres'][':id']['blackouts']['$post']>['json']
type Group = InferRequestType<Api['centres'][':id']['groups']['$post']>['json']

const CLOSED = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] }
const RULES: Rules = {
  openingHours: {
    ...CLOSED,
    3: [
      ['09:00', '12:00'],
      ['14:00', '18:00'],
    ],
  },
  slotMinutes: 60,
  minSlots: 1,
  maxSlots: 3,
  horizonDays: 30,
  minNoticeMinutes: 120,
  needsApproval: false,
  whoMayBook: 'residents',
  checkinCode: '8080',
}
const POLICY: Policy = {
  residentMinutesPerWeek: 360,
  groupMinutesPerWeek: 720,
  cancelCutoffMinutes: 120,
  checkinOpensMinutesBefore: 15,
  checkinGraceMinutes: 15,
  noShowLimit: 3,
  noShowFreezeDays: 14,
}

beforeAll(async () => {
  freezeClock()
  await seedDemo()
  manager = await session('centre-qian')
})
beforeEach(async () => {
  await resetRateLimits()
})
afterAll(() => {
  vi.useRealTimers()
})

describe('POST /api/centres/{id}/rooms and PUT /api/rooms/{id}', () => {
  it('creates a room that becomes bookable once its rules are set; renaming and a smaller capacity apply to the next booking', async () => {
    const res = await send(
      client(manager).centres[':id'].rooms.$post({
        param: { id: CENTRE },
        json: { name: '茶话室', capacity: 10, facilities: ['茶具', '沙发'] },
      }),
    )
    assertStatus(res, 201)
    expect(res.body).toMatchObject({ name: '茶话室', capacity: 10, facilities: ['茶具', '沙发'] })
    const room = res.body.id
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'room.create' AND target_id = ?",
        room,
      ),
    ).toBe(1)
    const r = await verifiedResident('new-room')
    expect((await bookAt(r.token, room, '2026-12-09', '09:00', '10:00')).status).toBe(404)
    expect(
      (
        await send(
          client(manager).rooms[':id'].rules.$put({
            param: { id: room },
            json: { ...RULES, horizonDays: 14, minNoticeMinutes: 60 },
          }),
        )
      ).status,
    ).toBe(200)
    expect(
      (await bookAt(r.token, room, '2026-12-09', '09:00', '10:00', { headcount: 10 })).status,
    ).toBe(201)
    const renamed = await send(
      client(manager).rooms[':id'].$put({
        param: { id: room },
        json: { name: '茶话小室', capacity: 6, facilities: [] },
      }),
    )
    expect(renamed.status).toBe(200)
    const day = await send(
      client().rooms[':id'].day.$get({ param: { id: room }, query: { date: '2026-12-09' } }),
    )
    expect(succeeded(day).body.room).toMatchObject({
      name: '茶话小室',
      capacity: 6,
      facilities: [],
    })
    const over = await bookAt(r.token, room, '2026-12-09', '10:00', '11:00', { headcount: 7 })
    assertStatus(over, 400)
    expect(over.body.error.message).toBe('人数超过房间容量（6 人）')
  })

  it('refuses an empty name or a capacity of 0 (400) and stores nothing', async () => {
    const before = await dbCount('SELECT COUNT(*) AS n FROM rooms')
    const addRoomNamed = (json: { name: string; capacity: number }) =>
      send(client(manager).centres[':id'].rooms.$post({ param: { id: CENTRE }, json }))
    const noName = await addRoomNamed({ name: ' ', capacity: 5 })
    assertStatus(noName, 400)
    expect(noName.body.error.message).toContain('请填写房间名称')
    const empty = await addRoomNamed({ name: '空房', capacity: 0 })
    assertStatus(empty, 400)
    expect(empty.body.error.message).toContain('容纳人数至少 1 人')
    expect(await dbCount('SELECT COUNT(*) AS n FROM rooms')).toBe(before)
  })
})

describe('PUT /api/rooms/{id}/rules', () => {
  it('changes the rules: /day and booking follow them at once, and the change is audited', async () => {
    const room = await addRoom('rm-m-rules')
    const res = await send(
      client(manager).rooms[':id'].rules.$put({ param: { id: room }, json: RULES }),
    )
    assertStatus(res, 200)
    expect(res.body.settings).toMatchObject({ slotMinutes: 60, maxSlots: 3, checkinCode: '8080' })
    // Wednesdays only, 60-minute slots.
    const dayOf = async (date: string) =>
      succeeded(
        await send(client().rooms[':id'].day.$get({ param: { id: room }, query: { date } })),
      ).body
    const wed = await dayOf('2026-12-02')
    expect(wed.slots.map((s) => (s.endsAt - s.startsAt) / MINUTE)).toEqual(Array(7).fill(60))
    expect(wed.room).toMatchObject({ slotMinutes: 60, horizonDays: 30, minNoticeMinutes: 120 })
    expect((await dayOf('2026-12-03')).slots).toEqual([])
    const r = await verifiedResident('rules')
    expect((await bookAt(r.token, room, '2026-12-09', '09:30', '10:30')).status).toBe(400)
    expect((await bookAt(r.token, room, '2026-12-09', '09:00', '13:00')).status).toBe(400)
    expect((await bookAt(r.token, room, '2026-12-23', '14:00', '17:00')).status).toBe(201)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'room.update_rules' AND target_id = ? AND actor_user_id = 'us-centre-qian'",
        room,
      ),
    ).toBe(1)
  })

  const invalid: [string, Partial<Rules>, string][] = [
    [
      'overlapping ranges',
      {
        openingHours: {
          ...CLOSED,
          1: [
            ['09:00', '12:00'],
            ['11:00', '13:00'],
          ],
        },
      },
      '星期1的开放时间段有重叠',
    ],
    [
      'a range that closes before it opens',
      { openingHours: { ...CLOSED, 2: [['12:00', '09:00']] } },
      '星期2的开放时间 12:00–09:00 无效',
    ],
    [
      'a range that is not a whole number of slots',
      { openingHours: { ...CLOSED, 3: [['09:00', '10:30']] } },
      '不是 60 分钟的整数倍',
    ],
    [
      'a minimum longer than the maximum',
      { minSlots: 4, maxSlots: 2 },
      '最短预约时长不能大于最长预约时长',
    ],
    ['a 45-minute slot', { slotMinutes: 45 }, '时段长度应为 15、30 或 60 分钟'],
    ['a check-in code with letters', { checkinCode: 'ab12' }, '签到码应为 4–8 位数字'],
    ['a horizon of 91 days', { horizonDays: 91 }, '最多可提前 90 天预约'],
    [
      'a time like 9:00',
      { openingHours: { ...CLOSED, 4: [['9:00', '12:00']] } },
      '时间格式应为 HH:MM',
    ],
  ]
  it.each(invalid)('refuses %s with 400 and changes nothing', async (_label, patch, message) => {
    const room = await addRoom(`rm-m-bad-${Math.random().toString(36).slice(2, 8)}`)
    const before = await dbRows('SELECT * FROM room_settings WHERE room_id = ?', room)
    const res = await send(
      client(manager).rooms[':id'].rules.$put({
        param: { id: room },
        json: { ...RULES, ...patch },
      }),
    )
    assertStatus(res, 400)
    expect(res.body.error.message).toContain(message)
    expect(await dbRows('SELECT * FROM room_settings WHERE room_id = ?', room)).toEqual(before)
  })

  // Rules the types forbid: a field the schema does not know.
  const forbidden: [string, Record<string, unknown>, string][] = [
    ['an unknown field', { colour: 'blue' }, '不接受的字段：colour'],
  ]
  it.each(forbidden)('refuses %s with 400 and changes nothing', async (_label, patch, message) => {
    const room = await addRoom(`rm-m-bad-${Math.random().toString(36).slice(2, 8)}`)
    const before = await dbRows('SELECT * FROM room_settings WHERE room_id = ?', room)
    const res = await rawRequest('PUT', `/api/rooms/${room}/rules`, {
      token: manager,
      body: { ...RULES, ...patch },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(res.body.error.message).toContain(message)
    expect(await dbRows('SELECT * FROM room_settings WHERE room_id = ?', room)).toEqual(before)
  })

  it('answers 404 for an unknown room', async () => {
    const res = await send(
      client(manager).rooms[':id'].rules.$put({ param: { id: 'rm-nowhere' }, json: RULES }),
    )
    assertStatus(res, 404)
    expect(res.body.error.message).toBe('房间不存在或已删除')
  })
})

describe('PUT /api/centres/{id}/policy', () => {
  const getPolicy = () => send(client().centres[':id'].policy.$get({ param: { id: CENTRE } }))
  it('changes the quota for the next booking (audited), and GET shows the policy', async () => {
    const r = await verifiedResident('policy')
    const putPolicy = (json: Policy) =>
      send(client(manager).centres[':id'].policy.$put({ param: { id: CENTRE }, json }))
    const res = await putPolicy({ ...POLICY, residentMinutesPerWeek: 60 })
    assertStatus(res, 200)
    expect(res.body.residentMinutesPerWeek).toBe(60)
    expect((await getPolicy()).body).toEqual({
      ...POLICY,
      residentMinutesPerWeek: 60,
    })
    const over = await bookAt(r.token, 'rm-art', '2026-12-10', '09:00', '10:30')
    assertStatus(over, 409)
    expect(over.body.error.message).toBe('您本周的预约已达 1 小时上限')
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'centre.update_policy' AND target_id = ?",
        CENTRE,
      ),
    ).toBe(1)
    expect((await putPolicy(POLICY)).status).toBe(200)
    expect((await bookAt(r.token, 'rm-art', '2026-12-10', '09:00', '10:30')).status).toBe(201)
  })

  it('refuses a grace period under 5 minutes and a missing field (400), leaving the policy', async () => {
    const bad = await send(
      client(manager).centres[':id'].policy.$put({
        param: { id: CENTRE },
        json: { ...POLICY, checkinGraceMinutes: 4 },
      }),
    )
    assertStatus(bad, 400)
    expect(bad.body.error.message).toContain('签到宽限至少 5 分钟')
    // A missing field: the types forbid it.
    const { noShowLimit: _n, ...partial } = POLICY
    const missing = await rawRequest('PUT', `/api/centres/${CENTRE}/policy`, {
      token: manager,
      body: partial,
    })
    expect(missing.status).toBe(400)
    const { error } = failed(missing).body
    expect(error.message).toMatch(/^提交的内容有误：/)
    expect(error.issues!.map((i) => i.path)).toEqual(['noShowLimit'])
    expect((await getPolicy()).body).toEqual(POLICY)
  })
})

describe('POST /api/centres/{id}/blackouts — preview, then confirm', () => {
  const postBlackout = (json: Blackout) =>
    send(client(manager).centres[':id'].blackouts.$post({ param: { id: CENTRE }, json }))
  const deleteBlackout = (id: string) =>
    send(client(manager).blackouts[':id'].$delete({ param: { id } }))
  it('lists the affected bookings without changing anything, then cancels exactly those on confirmation, with the reason', async () => {
    const room = await addRoom('rm-m-blackout')
    const [a, b] = [await verifiedResident('bo-a'), await verifiedResident('bo-b')]
    const inside = await bookAt(a.token, room, '2026-12-05', '09:00', '10:00', {
      purpose: '太极拳',
    })
    const edge = await bookAt(b.token, room, '2026-12-05', '11:30', '12:00', { purpose: '读报' })
    const outside = await bookAt(b.token, room, '2026-12-05', '13:30', '14:00', { purpose: '编织' })
    const [insideId, edgeId, outsideId] = [inside, edge, outside].map(
      (x) => succeeded(x).body.booked[0]!.id,
    ) as [string, string, string]
    const body: Blackout = {
      roomId: room,
      startsAt: sh('2026-12-05', '09:30'),
      endsAt: sh('2026-12-05', '13:30'),
      reason: '水管维修',
    }

    const preview = await postBlackout(body)
    assertStatus(preview, 200)
    expect(preview.body.created).toBe(false)
    expect(preview.body.blackout).toBeNull()
    expect(preview.body.affected.map((x) => x.id)).toEqual([insideId, edgeId])
    expect(preview.body.affected[0]).toMatchObject({
      purpose: '太极拳',
      startsAt: sh('2026-12-05', '09:00'),
    })
    expect(await dbCount('SELECT COUNT(*) AS n FROM blackouts WHERE room_id = ?', room)).toBe(0)
    expect(await statusOf(insideId)).toBe('confirmed')

    const done = await postBlackout({ ...body, confirm: true })
    expect(done.body).toMatchObject({
      created: true,
      blackout: { roomId: room, reason: '水管维修' },
    })
    expect([await statusOf(insideId), await statusOf(edgeId), await statusOf(outsideId)]).toEqual([
      'cancelled',
      'cancelled',
      'confirmed',
    ])
    expect(
      await dbCount(
        'SELECT COUNT(*) AS n FROM booking_slots WHERE booking_id IN (?, ?)',
        insideId,
        edgeId,
      ),
    ).toBe(0)
    const mine = succeeded(await send(client(a.token).me.bookings.$get({ query: {} })))
    expect(mine.body.items.find((x) => x.id === insideId)).toMatchObject({
      status: 'cancelled',
      cancelReason: '邻里中心暂停开放：水管维修',
      lateCancel: false,
    })
    // A cancellation by the centre is no no-show of the resident.
    expect(await dbCount('SELECT late_cancel AS n FROM bookings WHERE id = ?', insideId)).toBe(0)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'blackout.create' AND target_id = ?",
        succeeded(done).body.blackout!.id,
      ),
    ).toBe(1)
    const listed = await send(client().centres[':id'].blackouts.$get({ param: { id: CENTRE } }))
    expect(succeeded(listed).body.items.map((x) => x.id)).toContain(
      succeeded(done).body.blackout!.id,
    )
  })

  it('never leaves a live booking inside a blackout when bookings race its confirmation', async () => {
    const room = await addRoom('rm-m-blackout-race')
    const residents = await Promise.all(
      Array.from({ length: 14 }, (_, i) => verifiedResident(`bo-race-${i}`)),
    )
    const body: Blackout = {
      roomId: room,
      startsAt: sh('2026-12-06', '08:30'),
      endsAt: sh('2026-12-06', '21:00'),
      reason: '全天消杀',
      confirm: true,
    }
    const slots = [
      '08:30',
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
      '13:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
    ]
    const bookOne = (i: number) =>
      book(residents[i]!.token, {
        roomId: room,
        startsAt: sh('2026-12-06', slots[i]!),
        endsAt: sh('2026-12-06', slots[i]!) + 30 * MINUTE,
      })
    const results = await Promise.all([
      ...slots.slice(0, 7).map((_, i) => bookOne(i)),
      postBlackout(body),
      ...slots.slice(7).map((_, i) => bookOne(7 + i)),
    ])
    expect(results.map((r) => r.status).filter((s) => s >= 500)).toEqual([])
    const live = await dbCount(
      `SELECT COUNT(*) AS n FROM bookings b JOIN blackouts x ON x.room_id = b.room_id
      WHERE b.room_id = ? AND b.status IN ('pending', 'confirmed', 'checked_in') AND b.starts_at < x.ends_at AND b.ends_at > x.starts_at`,
      room,
    )
    expect(live).toBe(0)
  })

  it('creates a blackout over no bookings at once, and refuses an end before the start', async () => {
    const ok = await postBlackout({
      startsAt: sh('2026-12-24', '18:00'),
      endsAt: sh('2026-12-24', '21:00'),
      reason: '平安夜活动',
    })
    expect(ok.body).toMatchObject({ created: true, affected: [], blackout: { roomId: null } })
    const bad = await postBlackout({
      startsAt: sh('2026-12-24', '18:00'),
      endsAt: sh('2026-12-24', '18:00'),
      reason: '空',
    })
    assertStatus(bad, 400)
    expect(bad.body.error.message).toBe('结束时间应晚于开始时间')
  })

  it('DELETE /api/blackouts/{id} reopens the room', async () => {
    const room = await addRoom('rm-m-reopen')
    const created = await postBlackout({
      roomId: room,
      startsAt: sh('2026-12-07', '08:30'),
      endsAt: sh('2026-12-07', '12:00'),
      reason: '粉刷',
    })
    const blackoutId = succeeded(created).body.blackout!.id
    const r = await verifiedResident('reopen')
    expect((await bookAt(r.token, room, '2026-12-07', '09:00', '09:30')).status).toBe(409)
    expect((await deleteBlackout(blackoutId)).status).toBe(200)
    expect((await bookAt(r.token, room, '2026-12-07', '09:00', '09:30')).status).toBe(201)
    expect((await deleteBlackout(blackoutId)).status).toBe(404)
  })
})

describe('groups (三自组织) and members', () => {
  const postGroup = (json: Group) =>
    send(client(manager).centres[':id'].groups.$post({ param: { id: CENTRE }, json }))
  const newGroup: Group = {
    name: '新团队',
    kind: 'autonomy',
    communityId: 'cm-fengqiao',
    leaderUserId: demoUserId('resident-li'),
  }
  it('registers a group with its leader as first member; the leader can then book a groups-only room for it', async () => {
    const res = await postGroup({
      name: '槐树志愿服务队',
      kind: 'volunteer',
      communityId: 'cm-huaishu',
      leaderUserId: demoUserId('resident-zhang'),
    })
    assertStatus(res, 201)
    expect(res.body).toMatchObject({
      name: '槐树志愿服务队',
      kind: 'volunteer',
      leader: { id: demoUserId('resident-zhang'), nickname: '张大爷' },
      memberCount: 1,
    })
    const booked = await bookAt(
      await session('resident-zhang'),
      'rm-dance',
      '2026-12-08',
      '19:00',
      '20:00',
      { groupId: res.body.id },
    )
    expect(booked.status, JSON.stringify(booked.body)).toBe(201)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'group.create' AND target_id = ?",
        res.body.id,
      ),
    ).toBe(1)
  })

  const bad: [string, Partial<Group>, 400 | 404, string][] = [
    [
      'a community the centre does not serve',
      { communityId: 'cm-nowhere' },
      400,
      '该社区不在本邻里中心的服务范围内',
    ],
    ['an unknown leader', { leaderUserId: 'us-nobody' }, 404, '负责人不存在或已删除'],
    ['a one-character name', { name: '队' }, 400, '团队名称至少 2 个字'],
  ]
  it.each(bad)('refuses %s (%i) and stores nothing', async (_label, patch, status, message) => {
    const before = await dbCount('SELECT COUNT(*) AS n FROM groups')
    const res = await postGroup({ ...newGroup, ...patch })
    expect(res.status).toBe(status)
    expect(failed(res).body.error.message).toContain(message)
    expect(await dbCount('SELECT COUNT(*) AS n FROM groups')).toBe(before)
  })

  // A kind the types forbid.
  const forbidden: [string, Record<string, unknown>, number, string][] = [
    ['an unknown kind', { kind: 'sports' }, 400, '请选择团队类型（自治 / 志愿 / 自乐）'],
  ]
  it.each(forbidden)(
    'refuses %s (%i) and stores nothing',
    async (_label, patch, status, message) => {
      const before = await dbCount('SELECT COUNT(*) AS n FROM groups')
      const res = await rawRequest('POST', `/api/centres/${CENTRE}/groups`, {
        token: manager,
        body: { ...newGroup, ...patch },
      })
      expect(res.status).toBe(status)
      expect(res.body.error.message).toContain(message)
      expect(await dbCount('SELECT COUNT(*) AS n FROM groups')).toBe(before)
    },
  )

  it('adds a member (idempotently) and removes one, but never the leader', async () => {
    const members = client(manager).groups[':id'].members
    const addMember = (userId: string) =>
      send(members.$post({ param: { id: 'gp-dance' }, json: { userId } }))
    const removeMember = (userId: string) =>
      send(members[':userId'].$delete({ param: { id: 'gp-dance', userId } }))
    const add = () => addMember(demoUserId('resident-zhang'))
    expect((await add()).status).toBe(200)
    expect((await add()).status).toBe(200)
    const count = () =>
      dbCount("SELECT COUNT(*) AS n FROM group_members WHERE group_id = 'gp-dance'")
    expect(await count()).toBe(3)
    const leader = await removeMember(demoUserId('resident-li'))
    assertStatus(leader, 409)
    expect(leader.body.error.message).toBe('不能移除团队负责人')
    expect((await removeMember(demoUserId('resident-zhang'))).status).toBe(200)
    expect(await count()).toBe(2)
    const unknown = await addMember('us-nobody')
    expect(unknown.status).toBe(404)
    expect(await count()).toBe(2)
  })
})

describe('POST /api/centres/{id}/no-show-overrides', () => {
  it('refuses an unknown person with a 4xx in Chinese and stores nothing', async () => {
    const res = await send(
      client(manager).centres[':id']['no-show-overrides'].$post({
        param: { id: CENTRE },
        json: { userId: 'us-nobody', days: 3, reason: '核实' },
      }),
    )
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(isChineseMessage(failed(res).body.error.message)).toBe(true)
    expect(
      await dbCount("SELECT COUNT(*) AS n FROM no_show_overrides WHERE user_id = 'us-nobody'"),
    ).toBe(0)
  })
})

describe('GET /api/centres/{id}/utilisation', () => {
  const utilisation = (from: string, to: string) =>
    send(
      client(manager).centres[':id'].utilisation.$get({
        param: { id: CENTRE },
        query: { from, to },
      }),
    )
  it('counts open, booked and checked-in minutes per room and per weekday × hour, in Shanghai time', async () => {
    const room = await addRoom('rm-m-util')
    const wang = demoUserId('resident-wang')
    const day = '2026-12-02' // a Wednesday
    await insertBooking({
      roomId: room,
      userId: wang,
      startsAt: sh(day, '09:00'),
      endsAt: sh(day, '10:00'),
      status: 'confirmed',
    })
    await insertBooking({
      roomId: room,
      userId: wang,
      startsAt: sh(day, '14:00'),
      endsAt: sh(day, '14:30'),
      status: 'checked_in',
    })
    await insertBooking({
      roomId: room,
      userId: wang,
      startsAt: sh(day, '15:00'),
      endsAt: sh(day, '15:30'),
      status: 'pending',
    })
    await insertBooking({
      roomId: room,
      userId: wang,
      startsAt: sh(day, '16:00'),
      endsAt: sh(day, '16:30'),
      status: 'cancelled',
    })
    const res = await utilisation(day, day)
    assertStatus(res, 200)
    expect(res.body.rooms.find((r) => r.roomId === room)).toEqual({
      roomId: room,
      roomName: `测试室 ${room}`,
      openMinutes: 660,
      bookedMinutes: 90,
      checkedInMinutes: 30,
    })
    // The centre-wide grid: on that Wednesday only these bookings exist.
    const cell = (hour: number) =>
      res.body.byWeekdayHour.find((c) => c.weekday === 3 && c.hour === hour)
    expect(cell(9)).toMatchObject({ bookedMinutes: 60, checkedInMinutes: 0 })
    expect(cell(14)).toMatchObject({ bookedMinutes: 30, checkedInMinutes: 30 })
    expect(cell(15)!.bookedMinutes).toBe(0)
    expect(cell(16)!.bookedMinutes).toBe(0)
    expect(res.body.byWeekdayHour.map((c) => c.weekday)).toEqual(
      Array(res.body.byWeekdayHour.length).fill(3),
    )
    expect(res.body.byWeekdayHour.some((c) => c.hour < 8 || c.hour > 20 || c.hour === 12)).toBe(
      false,
    )
  })

  it('refuses a range over 92 days or ending before it starts (400)', async () => {
    for (const [from, to] of [
      ['2026-01-01', '2026-12-31'],
      ['2026-12-10', '2026-12-01'],
    ]) {
      const res = await utilisation(from!, to!)
      assertStatus(res, 400)
      expect(res.body.error.message).toBe('统计区间应在 1 到 92 天之间')
    }
  })
})
