import { env } from 'cloudflare:workers'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { MINUTE } from '../../worker/lib/time'
import {
  addRoom,
  bookAt,
  CENTRE,
  demoUserId,
  freezeClock,
  insertBooking,
  insertGroup,
  isChineseMessage,
  NOW,
  sh,
  statusOf,
  userWithRole,
  verifiedResident,
} from './booking-helpers'
import {
  dbCount,
  dbRows,
  demoSessions,
  fetchWorker,
  readJson,
  resetRateLimits,
  seedDemo,
  type Res,
} from './helpers'
import { GPS_MARKER, tinyJpeg, tinyPng } from './suggestion-helpers'
import { assertStatus, client, rawRequest, send, succeeded } from './client'

// What the app needs beyond booking itself: the rooms of a centre in one call, rooms offered by
// who may book them, my groups and their bookings, the centres I manage, a room's full rules for
// its door sign, room photos, finding people for groups, no-shows, public-event blackouts and
// the inbox notices of blackouts and decisions. Who may call each route: bookings-authz.test.ts.

const session = demoSessions()
let manager: string
let wang: string
let li: string

beforeAll(async () => {
  freezeClock()
  await seedDemo()
  manager = await session('centre-qian')
  wang = await session('resident-wang')
  li = await session('resident-li')
})
beforeEach(async () => {
  await resetRateLimits()
})
afterAll(() => {
  vi.useRealTimers()
})

const notices = (userId: string, kind: string) =>
  dbRows<{ title: string; body: string; link: string | null }>(
    'SELECT title, body, link FROM notifications WHERE user_id = ? AND kind = ? ORDER BY created_at',
    userId,
    kind,
  )

describe('GET /api/centres/{id}/rooms', () => {
  it('lists the bookable rooms with their rules, centre and photos, never a check-in code', async () => {
    const res = await send(client().centres[':id'].rooms.$get({ param: { id: CENTRE }, query: {} }))
    assertStatus(res, 200)
    expect(res.body.items.map((r) => r.id)).toEqual([
      'rm-hall',
      'rm-council',
      'rm-art',
      'rm-dance',
      'rm-kitchen',
      'rm-kids',
    ])
    expect(res.body.items[0]).toMatchObject({
      centreId: CENTRE,
      name: '多功能厅',
      needsApproval: true,
      whoMayBook: 'residents',
      photos: [],
      day: null,
    })
    expect(JSON.stringify(res.body)).not.toMatch(/318206|checkinCode/)
  })

  it("with a date, sums up each room's day as the room page shows it (taken, blackout, notice)", async () => {
    const date = '2026-12-02'
    await insertBooking({
      roomId: 'rm-council',
      userId: demoUserId('resident-zhang'),
      startsAt: sh(date, '08:30'),
      endsAt: sh(date, '09:30'),
      status: 'confirmed',
    })
    await env.DB.prepare(
      `INSERT INTO blackouts (id, centre_id, room_id, starts_at, ends_at, reason, created_by, created_at) VALUES ('bo-rooms', ?, 'rm-art', ?, ?, '公益活动：义诊', 'us-centre-qian', 0)`,
    )
      .bind(CENTRE, sh(date, '13:30'), sh(date, '21:00'))
      .run()
    const list = await send(
      client(wang).centres[':id'].rooms.$get({ param: { id: CENTRE }, query: { date } }),
    )
    for (const room of succeeded(list).body.items) {
      const day = await send(
        client(wang).rooms[':id'].day.$get({ param: { id: room.id }, query: { date } }),
      )
      const free = succeeded(day).body.slots.filter((s) => s.state === 'free')
      expect(room.day, room.id).toMatchObject({
        date,
        openSlots: succeeded(day).body.slots.length,
        freeSlots: free.length,
        firstFree: free[0]?.startsAt ?? null,
      })
      expect(succeeded(day).body.room).toEqual(
        Object.fromEntries(Object.entries(room).filter(([k]) => k !== 'mayBook' && k !== 'day')),
      )
    }
    const council = succeeded(list).body.items.find((r) => r.id === 'rm-council')
    expect(council!.day!.firstFree).toBe(sh(date, '09:30'))
    const art = succeeded(list).body.items.find((r) => r.id === 'rm-art')
    expect(art!.day!.closures).toEqual([
      { startsAt: sh(date, '13:30'), endsAt: sh(date, '21:00'), reason: '公益活动：义诊' },
    ])
  })

  it('tells each viewer which rooms they may book: staff rooms for staff, group rooms for group leaders', async () => {
    const mayBook = async (token?: string) =>
      Object.fromEntries(
        succeeded(
          await send(client(token).centres[':id'].rooms.$get({ param: { id: CENTRE }, query: {} })),
        ).body.items.map((r) => [r.id, r.mayBook]),
      )
    expect(await mayBook()).toMatchObject({ 'rm-art': true, 'rm-dance': false, 'rm-kids': false })
    expect(await mayBook(wang)).toMatchObject({
      'rm-art': true,
      'rm-dance': false,
      'rm-kids': false,
    })
    expect(await mayBook(li)).toMatchObject({ 'rm-art': true, 'rm-dance': true, 'rm-kids': false })
    expect(await mayBook(manager)).toMatchObject({
      'rm-art': true,
      'rm-dance': false,
      'rm-kids': true,
    })
  })

  it('answers 404 for an unknown centre and 400 for an impossible date', async () => {
    expect(
      (await send(client().centres[':id'].rooms.$get({ param: { id: 'ct-nowhere' }, query: {} })))
        .status,
    ).toBe(404)
    const bad = await send(
      client().centres[':id'].rooms.$get({ param: { id: CENTRE }, query: { date: '2026-02-30' } }),
    )
    assertStatus(bad, 400)
    expect(isChineseMessage(bad.body.error.message)).toBe(true)
  })
})

describe('GET /api/centres/{id}/free-rooms offers only rooms the viewer may book', () => {
  const path = `/api/centres/${CENTRE}/free-rooms?date=2026-12-10&start=09:00&end=10:00`
  const ids = async (token?: string) =>
    (await rawRequest('GET', path, { token })).body.rooms.map((r: any) => r.id)

  it('leaves staff rooms out for residents and visitors, group rooms out for non-leaders', async () => {
    expect(await ids()).toEqual(['rm-hall', 'rm-council', 'rm-art', 'rm-kitchen'])
    expect(await ids(wang)).toEqual(['rm-hall', 'rm-council', 'rm-art', 'rm-kitchen'])
    expect(await ids(li)).toEqual(['rm-hall', 'rm-council', 'rm-art', 'rm-dance', 'rm-kitchen'])
    expect(await ids(manager)).toEqual(['rm-hall', 'rm-council', 'rm-art', 'rm-kitchen', 'rm-kids'])
  })

  it('gives each room its centre id', async () => {
    const res = await rawRequest('GET', path)
    expect(res.body.rooms.every((r: any) => r.centreId === CENTRE)).toBe(true)
    expect(
      succeeded(
        await send(
          client().rooms[':id'].day.$get({
            param: { id: 'rm-art' },
            query: { date: '2026-12-10' },
          }),
        ),
      ).body.room.centreId,
    ).toBe(CENTRE)
  })
})

describe('GET /api/me/groups and group bookings for members', () => {
  it('lists the groups I lead or belong to', async () => {
    const mine = await send(client(wang).me.groups.$get())
    assertStatus(mine, 200)
    expect(mine.body.items).toEqual([
      {
        id: 'gp-dance',
        name: '槐树广场舞队',
        kind: 'recreation',
        centreId: CENTRE,
        centreName: '青梧邻里中心',
        leader: { id: demoUserId('resident-li'), nickname: expect.any(String) },
        memberCount: 2,
        isLeader: false,
      },
    ])
    expect(succeeded(await send(client(li).me.groups.$get())).body.items[0]).toMatchObject({
      id: 'gp-dance',
      isLeader: true,
    })
    expect(succeeded(await send(client(manager).me.groups.$get())).body.items).toEqual([])
    expect((await send(client().me.groups.$get())).status).toBe(401)
  })

  it("shows a member the group's live bookings: check in yes, cancel no", async () => {
    const room = await addRoom('rm-group-member')
    const id = await insertBooking({
      roomId: room,
      userId: demoUserId('resident-li'),
      groupId: 'gp-dance',
      startsAt: NOW + 5 * MINUTE,
      endsAt: NOW + 35 * MINUTE,
      status: 'confirmed',
      purpose: '排练',
      holdSlots: false,
    })
    const cancelled = await insertBooking({
      roomId: room,
      userId: demoUserId('resident-li'),
      groupId: 'gp-dance',
      startsAt: NOW + 60 * MINUTE,
      endsAt: NOW + 90 * MINUTE,
      status: 'cancelled',
    })
    const mine = await send(client(wang).me.bookings.$get())
    const b = succeeded(mine).body.items.find((x) => x.id === id)
    expect(b).toMatchObject({
      isOwner: false,
      canCancel: false,
      canCheckIn: true,
      group: { id: 'gp-dance', name: '槐树广场舞队' },
      purpose: '排练',
    })
    expect(succeeded(mine).body.items.map((x) => x.id)).not.toContain(cancelled)
    // A resident outside the group sees none of it.
    const zhang = await session('resident-zhang')
    expect(JSON.stringify((await send(client(zhang).me.bookings.$get())).body)).not.toContain(id)
    const checked = await send(
      client(wang).bookings[':id']['check-in'].$post({ param: { id }, json: { code: '123456' } }),
    )
    expect(checked.status, JSON.stringify(checked.body)).toBe(200)
    expect(checked.body).toMatchObject({
      id,
      status: 'checked_in',
      isOwner: false,
      canCancel: false,
    })
    expect((await send(client(wang).bookings[':id'].cancel.$post({ param: { id } }))).status).toBe(
      403,
    )
  })
})

describe('GET /api/me/managed-centres', () => {
  it('lists the centres a manager runs with their pending count; empty for residents', async () => {
    await insertBooking({
      roomId: 'rm-hall',
      userId: demoUserId('resident-zhang'),
      startsAt: sh('2026-12-09', '09:00'),
      endsAt: sh('2026-12-09', '10:00'),
      status: 'pending',
    })
    const pendingNow = await dbCount(
      "SELECT COUNT(*) AS n FROM bookings WHERE centre_id = ? AND status = 'pending' AND starts_at >= ?",
      CENTRE,
      NOW,
    )
    const res = await send(client(manager).me['managed-centres'].$get())
    assertStatus(res, 200)
    expect(res.body.items).toEqual([{ id: CENTRE, name: '青梧邻里中心', pendingCount: pendingNow }])
    expect(succeeded(await send(client(wang).me['managed-centres'].$get())).body.items).toEqual([])
    const staffOnly = await userWithRole('rooms-staff-only', 'cm-huaishu', 'staff')
    expect(
      succeeded(await send(client(staffOnly.token).me['managed-centres'].$get())).body.items,
    ).toEqual([])
    expect((await send(client().me['managed-centres'].$get())).status).toBe(401)
  })
})

describe('GET /api/rooms/{id}/rules', () => {
  it('gives the manager every rule and the check-in code; a room without rules has rules null', async () => {
    const res = await send(client(manager).rooms[':id'].rules.$get({ param: { id: 'rm-hall' } }))
    assertStatus(res, 200)
    expect(res.body).toMatchObject({
      id: 'rm-hall',
      centreId: CENTRE,
      centreName: '青梧邻里中心',
      name: '多功能厅',
      rules: { checkinCode: '318206', needsApproval: true, slotMinutes: 30 },
    })
    expect(res.body.rules!.openingHours['1']).toEqual([
      ['08:30', '12:00'],
      ['13:30', '21:00'],
    ])
    const created = await send(
      client(manager).centres[':id'].rooms.$post({
        param: { id: CENTRE },
        json: { name: '待开放室', capacity: 8, facilities: [] },
      }),
    )
    expect(
      (
        await send(
          client(manager).rooms[':id'].rules.$get({ param: { id: succeeded(created).body.id } }),
        )
      ).body,
    ).toMatchObject({ name: '待开放室', rules: null, photos: [] })
  })
})

describe('room photos', () => {
  const uploadTo = async (
    roomId: string,
    token: string | null,
    bytes: Uint8Array | string,
  ): Promise<Res> => {
    const form = new FormData()
    form.set('file', new Blob([bytes], { type: 'image/jpeg' }), 'room.jpg')
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
    return readJson(
      await fetchWorker(
        new Request(`http://linli.test/api/rooms/${roomId}/photos`, {
          method: 'POST',
          headers,
          body: form,
        }),
      ),
    )
  }

  it('stores a photo without its location metadata; residents see it on the room, anyone can load it', async () => {
    const room = await addRoom('rm-photos')
    const res = await uploadTo(room, manager, tinyJpeg({ exif: true }))
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.photos).toHaveLength(1)
    const [photo] = res.body.photos
    expect(photo.url).toBe(`/api/rooms/${room}/photos/${photo.id}`)
    const day = await send(
      client(wang).rooms[':id'].day.$get({ param: { id: room }, query: { date: '2026-12-03' } }),
    )
    expect(succeeded(day).body.room.photos).toEqual([photo])
    const image = await fetchWorker(new Request(`http://linli.test${photo.url}`))
    assertStatus(image, 200)
    expect(image.headers.get('content-type')).toBe('image/jpeg')
    const bytes = new Uint8Array(await image.arrayBuffer())
    expect(new TextDecoder('latin1').decode(bytes)).not.toContain(GPS_MARKER)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'room.add_photo' AND target_id = ?",
        room,
      ),
    ).toBe(1)
  })

  it('refuses what is not a photo (by its bytes), and a seventh photo, in Chinese', async () => {
    const room = await addRoom('rm-photos-limit')
    const text = await uploadTo(room, manager, '这不是照片')
    assertStatus(text, 400)
    expect(text.body.error.message).toBe('只支持 JPEG、PNG、WebP 格式的照片')
    for (let i = 0; i < 6; i++) expect((await uploadTo(room, manager, tinyPng())).status).toBe(201)
    const seventh = await uploadTo(room, manager, tinyPng())
    assertStatus(seventh, 400)
    expect(seventh.body.error.message).toContain('最多 6 张')
    expect(
      succeeded(await send(client(manager).rooms[':id'].rules.$get({ param: { id: room } }))).body
        .photos,
    ).toHaveLength(6)
  })

  it('removes a photo: gone from the room and no longer served', async () => {
    const room = await addRoom('rm-photos-delete')
    const first = (await uploadTo(room, manager, tinyJpeg())).body.photos[0]
    const second = (await uploadTo(room, manager, tinyPng())).body.photos[1]
    const res = await send(
      client(manager).rooms[':id'].photos[':photoId'].$delete({
        param: { id: room, photoId: first.id },
      }),
    )
    assertStatus(res, 200)
    expect(res.body.photos).toEqual([second])
    expect((await fetchWorker(new Request(`http://linli.test${first.url}`))).status).toBe(404)
    expect(
      (
        await send(
          client(manager).rooms[':id'].photos[':photoId'].$delete({
            param: { id: room, photoId: first.id },
          }),
        )
      ).status,
    ).toBe(404)
  })

  it('asks for the rules first on a room that has none', async () => {
    const created = await send(
      client(manager).centres[':id'].rooms.$post({
        param: { id: CENTRE },
        json: { name: '无规则室', capacity: 8, facilities: [] },
      }),
    )
    const res = await uploadTo(succeeded(created).body.id, manager, tinyJpeg())
    assertStatus(res, 400)
    expect(res.body.error.message).toBe('请先设置这个房间的预约规则，再上传照片')
  })
})

describe('finding people, group members', () => {
  it('finds verified residents of the served communities by nickname; LIKE wildcards are literal', async () => {
    const res = await send(
      client(manager).centres[':id'].people.$get({ param: { id: CENTRE }, query: { q: '王' } }),
    )
    assertStatus(res, 200)
    expect(res.body.items.map((p) => p.id)).toContain(demoUserId('resident-wang'))
    expect(res.body.items[0]).toHaveProperty('community')
    expect(
      succeeded(
        await send(
          client(manager).centres[':id'].people.$get({ param: { id: CENTRE }, query: { q: '%' } }),
        ),
      ).body.items,
    ).toEqual([])
    const empty = await send(
      client(manager).centres[':id'].people.$get({ param: { id: CENTRE }, query: { q: '' } }),
    )
    assertStatus(empty, 400)
    expect(empty.body.error.message).toContain('请输入要查找的昵称')
  })

  it('lists members with the leader marked, after an add and a remove', async () => {
    const group = await insertGroup('gp-members', demoUserId('resident-li'))
    expect(
      (
        await send(
          client(manager).groups[':id'].members.$post({
            param: { id: group },
            json: { userId: demoUserId('resident-zhang') },
          }),
        )
      ).status,
    ).toBe(200)
    const list = await send(client(manager).groups[':id'].members.$get({ param: { id: group } }))
    expect(succeeded(list).body.items.map((m) => [m.id, m.isLeader])).toEqual([
      [demoUserId('resident-li'), true],
      [demoUserId('resident-zhang'), false],
    ])
    expect(
      (await send(client(li).groups[':id'].members.$get({ param: { id: group } }))).status,
    ).toBe(200)
    const leaderOut = await send(
      client(manager).groups[':id'].members[':userId'].$delete({
        param: { id: group, userId: demoUserId('resident-li') },
      }),
    )
    assertStatus(leaderOut, 409)
    expect(leaderOut.body.error.message).toBe('不能移除团队负责人')
  })
})

describe('GET /api/centres/{id}/no-shows', () => {
  it('lists missed check-ins and who is frozen; a waived one is marked and lifts the freeze', async () => {
    const r = await verifiedResident('noshow')
    const room = await addRoom('rm-noshows')
    const ids: string[] = []
    for (const daysAgo of [3, 5, 7]) {
      ids.push(
        await insertBooking({
          roomId: room,
          userId: r.userId,
          startsAt: NOW - daysAgo * 24 * 60 * MINUTE,
          endsAt: NOW - daysAgo * 24 * 60 * MINUTE + 30 * MINUTE,
          status: 'released',
        }),
      )
    }
    const before = await send(
      client(manager).centres[':id']['no-shows'].$get({ param: { id: CENTRE } }),
    )
    assertStatus(before, 200)
    expect(
      before.body.items
        .filter((i) => i.user.id === r.userId)
        .map((i) => [i.bookingId, i.kind, i.waived]),
    ).toEqual(ids.map((id) => [id, 'released', false]))
    expect(before.body.frozen.find((f) => f.user.id === r.userId)).toMatchObject({ count: 3 })
    expect(
      (
        await send(
          client(manager).bookings[':id'].waive.$post({
            param: { id: ids[0]! },
            json: { reason: '当天停电' },
          }),
        )
      ).status,
    ).toBe(200)
    const after = await send(
      client(manager).centres[':id']['no-shows'].$get({ param: { id: CENTRE } }),
    )
    expect(succeeded(after)!.body.items.find((i) => i.bookingId === ids[0])!.waived).toBe(true)
    expect(succeeded(after).body.frozen.find((f) => f.user.id === r.userId)).toBeUndefined()
  })
})

describe('blackouts: public events, and the people they cancel are told why', () => {
  it('marks a 公益活动 blackout, shows it on the day grid, and tells each affected owner the reason in their inbox', async () => {
    const room = await addRoom('rm-public-event')
    const a = await verifiedResident('event-a')
    const b = await verifiedResident('event-b')
    expect((await bookAt(a.token, room, '2026-12-05', '09:00', '10:00')).status).toBe(201)
    expect((await bookAt(b.token, room, '2026-12-05', '10:00', '11:00')).status).toBe(201)
    const body = {
      roomId: room,
      startsAt: sh('2026-12-05', '08:30'),
      endsAt: sh('2026-12-05', '12:00'),
      kind: 'public_event' as const,
      reason: '社区义诊',
    }
    const preview = await send(
      client(manager).centres[':id'].blackouts.$post({ param: { id: CENTRE }, json: body }),
    )
    expect(preview.body).toMatchObject({ created: false, blackout: null })
    expect(succeeded(preview).body.affected).toHaveLength(2)
    expect(await notices(a.userId, 'booking.cancelled_by_blackout')).toEqual([])
    const done = await send(
      client(manager).centres[':id'].blackouts.$post({
        param: { id: CENTRE },
        json: { ...body, confirm: true },
      }),
    )
    expect(done.body).toMatchObject({
      created: true,
      blackout: { reason: '公益活动：社区义诊', kind: 'public_event' },
    })
    for (const who of [a, b]) {
      const [notice] = await notices(who.userId, 'booking.cancelled_by_blackout')
      expect(notice).toMatchObject({
        title: '您的预约已被邻里中心取消',
        link: '/packages/bookings/pages/mine/index',
      })
      expect(notice!.body).toBe(
        `测试室 ${room} 12月5日（周六）08:30–12:00 暂停开放（公益活动：社区义诊），您在这段时间的预约已取消，请另选时间。`,
      )
    }
    const day = await send(
      client(a.token).rooms[':id'].day.$get({ param: { id: room }, query: { date: '2026-12-05' } }),
    )
    expect(
      succeeded(day).body.slots.find((s) => s.startsAt === sh('2026-12-05', '09:00')),
    ).toMatchObject({ state: 'blackout', label: '暂停开放：公益活动：社区义诊' })
    const list = await send(client().centres[':id'].blackouts.$get({ param: { id: CENTRE } }))
    expect(
      succeeded(list).body.items.find((x) => x.id === succeeded(done).body.blackout!.id),
    ).toMatchObject({
      kind: 'public_event',
      roomName: `测试室 ${room}`,
      reason: '公益活动：社区义诊',
    })
  })

  it('tells nobody when the blackout covers no booking, and refuses an unknown kind in Chinese', async () => {
    const before = await dbCount('SELECT COUNT(*) AS n FROM notifications')
    const ok = await send(
      client(manager).centres[':id'].blackouts.$post({
        param: { id: CENTRE },
        json: {
          startsAt: sh('2026-12-30', '08:00'),
          endsAt: sh('2026-12-30', '08:30'),
          kind: 'maintenance',
          reason: '消防检查',
        },
      }),
    )
    expect(ok.body).toMatchObject({
      created: true,
      blackout: { reason: '维修保养：消防检查', kind: 'maintenance' },
    })
    expect(await dbCount('SELECT COUNT(*) AS n FROM notifications')).toBe(before)
    const bad = await rawRequest('POST', `/api/centres/${CENTRE}/blackouts`, {
      token: manager,
      body: {
        startsAt: sh('2026-12-30', '09:00'),
        endsAt: sh('2026-12-30', '10:00'),
        kind: 'party',
        reason: '联欢',
      },
    })
    assertStatus(bad, 400)
    expect(bad.body.error.message).toContain('请选择暂停类型')
  })
})

describe("approval decisions reach the resident's inbox", () => {
  it('an approval and a rejection (with its reason) each notify the booker once; a refused second decision notifies nobody', async () => {
    const r = await verifiedResident('decided')
    const first = await bookAt(r.token, 'rm-kitchen', '2026-12-07', '09:00', '10:00', {
      purpose: '包饺子',
    })
    const second = await bookAt(r.token, 'rm-kitchen', '2026-12-07', '14:00', '15:00', {
      purpose: '做月饼',
    })
    const [approved, rejected] = [
      succeeded(first)!.body.booked[0]!.id,
      succeeded(second)!.body.booked[0]!.id,
    ]
    expect(
      (await send(client(manager).bookings[':id'].approve.$post({ param: { id: approved } })))
        .status,
    ).toBe(200)
    expect(
      (
        await send(
          client(manager).bookings[':id'].reject.$post({
            param: { id: rejected },
            json: { reason: '厨房当天检修' },
          }),
        )
      ).status,
    ).toBe(200)
    expect(await notices(r.userId, 'booking.approved')).toEqual([
      {
        title: '预约已获批准',
        body: '共享厨房 12月7日（周一）09:00–10:00（包饺子）已获批准，请按时到场签到。',
        link: '/packages/bookings/pages/mine/index',
      },
    ])
    expect(await notices(r.userId, 'booking.rejected')).toEqual([
      {
        title: '预约未获批准',
        body: '共享厨房 12月7日（周一）14:00–15:00（做月饼）未获批准。理由：厨房当天检修',
        link: '/packages/bookings/pages/mine/index',
      },
    ])
    expect(
      (
        await send(
          client(manager).bookings[':id'].reject.$post({
            param: { id: approved },
            json: { reason: '改主意了' },
          }),
        )
      ).status,
    ).toBe(409)
    expect(await notices(r.userId, 'booking.rejected')).toHaveLength(1)
    expect(await statusOf(approved)).toBe('confirmed')
  })
})
