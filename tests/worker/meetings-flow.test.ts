import { env } from 'cloudflare:workers'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { releaseNoShows } from '../../worker/bookings/manage-service'
import { remindUpcomingMeetings } from '../../worker/meetings/reminders'
import { createDb } from '../../worker/lib/db'
import { HOUR, MINUTE } from '../../worker/lib/time'
import {
  COMMUNITY,
  createMeeting,
  dbCount,
  dbRows,
  demoSessions,
  fetchWorker,
  freezeClock,
  meetingBody,
  MEETING_DAY,
  NOW,
  resetRateLimits,
  seedDemo,
  sh,
  verifiedResident,
} from './meeting-helpers'
import { assertStatus, client, failed, send, succeeded } from './client'

// 议事会 from agenda to published resolution, through the API, one step at a time.

const login = demoSessions()
const inbox = async (token: string) =>
  succeeded(await send(client(token).me.inbox.$get({ query: {} }))).body.items as {
    id: string
    kind: string
    title: string
    body: string
    link: string
  }[]

describe('meetings', () => {
  let committee: string, staffOther: string, wang: string
  beforeAll(async () => {
    await seedDemo()
    freezeClock()
    ;[committee, staffOther, wang] = await Promise.all([
      login('committee-wu'),
      login('staff-sun'),
      login('resident-wang'),
    ])
  })
  beforeEach(async () => {
    await resetRateLimits()
    vi.setSystemTime(NOW)
  })

  it('creates a draft that books its room, hidden from residents until published', async () => {
    const draft = await createMeeting(committee, {}, { publish: false })
    expect(draft).toMatchObject({
      status: 'draft',
      signup: 'draft',
      place: '青梧邻里中心 议事厅',
      canManage: true,
    })
    expect(draft.checkinCode).toMatch(/^\d{6}$/)
    const booking = await dbRows<{ status: string; purpose: string }>(
      'SELECT b.status, b.purpose FROM bookings b JOIN meetings m ON m.booking_id = b.id WHERE m.id = ?',
      draft.id,
    )
    expect(booking).toEqual([{ status: 'confirmed', purpose: '听证会：青石巷停车听证会' }])
    expect(
      await dbCount(
        'SELECT COUNT(*) AS n FROM booking_slots s JOIN meetings m ON m.booking_id = s.booking_id WHERE m.id = ?',
        draft.id,
      ),
    ).toBe(4)
    expect(
      (await send(client(wang).meetings[':id'].$get({ param: { id: draft.id } }))).status,
    ).toBe(404)
    expect(
      (
        await send(
          client(wang).communities[':id'].meetings.$get({
            param: { id: COMMUNITY },
            query: { when: 'drafts' },
          }),
        )
      ).status,
    ).toBe(403)
    const drafts = await send(
      client(committee).communities[':id'].meetings.$get({
        param: { id: COMMUNITY },
        query: { when: 'drafts' },
      }),
    )
    expect(succeeded(drafts).body.items.map((m) => m.id)).toContain(draft.id)

    const published = await send(
      client(committee).meetings[':id'].publish.$post({ param: { id: draft.id } }),
    )
    expect(published.body).toMatchObject({ status: 'published', signup: 'open' })
    const seen = await send(client(wang).meetings[':id'].$get({ param: { id: draft.id } }))
    assertStatus(seen, 200)
    expect(seen.body.checkinCode).toBeNull()
    expect(seen.body.canManage).toBe(false)
    const upcoming = await send(
      client().communities[':id'].meetings.$get({ param: { id: COMMUNITY }, query: {} }),
    )
    expect(succeeded(upcoming).body.items.map((m) => m.id)).toContain(draft.id)
    expect(
      (await send(client(committee).meetings[':id'].publish.$post({ param: { id: draft.id } })))
        .status,
    ).toBe(409)
  })

  it('lists cancelled meetings under 即将召开 after every live one, each in time order', async () => {
    const at = (day: string, time: string) => ({
      roomId: undefined,
      address: '居委会二楼',
      startsAt: sh(day, time),
      endsAt: sh(day, time) + HOUR,
      signupClosesAt: sh(day, time) - HOUR,
    })
    const early = await createMeeting(committee, {
      title: '最早的会（取消）',
      ...at('2026-12-02', '19:00'),
    })
    const live = await createMeeting(committee, {
      title: '照常召开的会',
      ...at('2026-12-04', '19:00'),
    })
    const later = await createMeeting(committee, {
      title: '更晚的会（取消）',
      ...at('2026-12-05', '19:00'),
    })
    for (const m of [early, later])
      assertStatus(
        await send(
          client(committee).meetings[':id'].cancel.$post({
            param: { id: m.id },
            json: { reason: '改期另行通知' },
          }),
        ),
        200,
      )
    const listed = succeeded(
      await send(
        client().communities[':id'].meetings.$get({ param: { id: COMMUNITY }, query: {} }),
      ),
    ).body.items
    const mine = listed.filter((m) => [early.id, live.id, later.id].includes(m.id))
    expect(mine.map((m) => m.title)).toEqual([
      '照常召开的会',
      '最早的会（取消）',
      '更晚的会（取消）',
    ])
    // Every live meeting of the list comes before the first cancelled one.
    const firstCancelled = listed.findIndex((m) => m.status === 'cancelled')
    expect(listed.slice(firstCancelled).every((m) => m.status === 'cancelled')).toBe(true)
  })

  it('refuses a room already taken, writing nothing, and a room outside opening hours', async () => {
    const first = await createMeeting(committee, {
      startsAt: sh(MEETING_DAY, '18:00'),
      endsAt: sh(MEETING_DAY, '19:00'),
    })
    const meetingsBefore = await dbCount('SELECT COUNT(*) AS n FROM meetings')
    const taken = await send(
      client(committee).communities[':id'].meetings.$post({
        param: { id: COMMUNITY },
        json: meetingBody({
          title: '撞车的会',
          startsAt: sh(MEETING_DAY, '18:30'),
          endsAt: sh(MEETING_DAY, '20:00'),
        }),
      }),
    )
    assertStatus(taken, 409)
    expect(taken.body.error.message).toContain('议事厅在这个时段已被预约')
    expect(await dbCount('SELECT COUNT(*) AS n FROM meetings')).toBe(meetingsBefore)
    expect(
      await dbCount("SELECT COUNT(*) AS n FROM bookings WHERE purpose = '听证会：撞车的会'"),
    ).toBe(0)
    const closed = await send(
      client(committee).communities[':id'].meetings.$post({
        param: { id: COMMUNITY },
        json: meetingBody({ startsAt: sh(MEETING_DAY, '12:00'), endsAt: sh(MEETING_DAY, '13:00') }),
      }),
    )
    assertStatus(closed, 400)
    expect(closed.body.error.message).toContain('开放时间')
    const tooMany = await send(
      client(committee).communities[':id'].meetings.$post({
        param: { id: COMMUNITY },
        json: meetingBody({ capacity: 31 }),
      }),
    )
    expect(failed(tooMany).body.error.message).toContain('房间容量（30 人）')
    const address = await send(
      client(committee).communities[':id'].meetings.$post({
        param: { id: COMMUNITY },
        json: meetingBody({
          roomId: undefined,
          address: '槐树社区居委会二楼会议室',
          capacity: 200,
        }),
      }),
    )
    assertStatus(address, 201)
    expect(address.body.place).toBe('槐树社区居委会二楼会议室')
    expect(first.id).toBeTruthy()
  })

  it('seats the first comers, waitlists the rest and promotes in order when someone cancels, telling them', async () => {
    const m = await createMeeting(committee, {
      capacity: 2,
      startsAt: sh('2026-12-04', '14:00'),
      endsAt: sh('2026-12-04', '15:00'),
    })
    const people = await Promise.all(['a', 'b', 'c', 'd'].map((p) => verifiedResident(`seat-${p}`)))
    const results = []
    for (const p of people)
      results.push(
        await send(client(p.token).meetings[':id'].registration.$post({ param: { id: m.id } })),
      )
    expect(results.map((r) => succeeded(r).body.meeting.my!.status)).toEqual([
      'confirmed',
      'confirmed',
      'waitlisted',
      'waitlisted',
    ])
    expect(results.map((r) => succeeded(r).body.meeting.my!.waitlistPosition)).toEqual([
      null,
      null,
      1,
      2,
    ])
    const again = await send(
      client(people[0]!.token).meetings[':id'].registration.$post({ param: { id: m.id } }),
    )
    assertStatus(again, 200)
    expect(again.body.meeting).toMatchObject({
      confirmedCount: 2,
      waitlistCount: 2,
      signup: 'waitlist',
    })

    const cancelled = await send(
      client(people[1]!.token).meetings[':id'].registration.$delete({ param: { id: m.id } }),
    )
    expect(succeeded(cancelled).body.meeting.my).toBeNull()
    const c = await send(client(people[2]!.token).meetings[':id'].$get({ param: { id: m.id } }))
    expect(succeeded(c).body.my).toMatchObject({ status: 'confirmed', waitlistPosition: null })
    const d = await send(client(people[3]!.token).meetings[':id'].$get({ param: { id: m.id } }))
    expect(succeeded(d).body.my).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    const told = await inbox(people[2]!.token)
    expect(told[0]).toMatchObject({
      kind: 'meeting.promoted',
      title: '候补转为正式报名',
      link: `/packages/meetings/pages/detail/index?id=${m.id}`,
    })
    expect(await inbox(people[3]!.token)).toEqual([])
    expect((await send(client(people[2]!.token).me.inbox['unread-count'].$get())).body).toEqual({
      unread: 1,
    })

    // A waitlisted person leaving frees no seat and promotes nobody.
    await send(
      client(people[3]!.token).meetings[':id'].registration.$delete({ param: { id: m.id } }),
    )
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM meeting_registrations WHERE meeting_id = ? AND status = 'confirmed'",
        m.id,
      ),
    ).toBe(2)
    // Signing up again after cancelling goes to the back of the queue.
    const back = await send(
      client(people[1]!.token).meetings[':id'].registration.$post({ param: { id: m.id } }),
    )
    expect(succeeded(back).body.meeting.my).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    })
    const notRegistered = await send(
      client(people[3]!.token).meetings[':id'].registration.$delete({ param: { id: m.id } }),
    )
    assertStatus(notRegistered, 409)
  })

  it('moves a meeting: re-books the room atomically, tells registrants, promotes on a larger capacity, refuses a smaller one', async () => {
    const m = await createMeeting(committee, {
      capacity: 1,
      startsAt: sh('2026-12-05', '09:00'),
      endsAt: sh('2026-12-05', '10:00'),
    })
    const [p, q] = await Promise.all([verifiedResident('move-p'), verifiedResident('move-q')])
    await send(client(p.token).meetings[':id'].registration.$post({ param: { id: m.id } }))
    await send(client(q.token).meetings[':id'].registration.$post({ param: { id: m.id } }))
    const oldBooking = (
      await dbRows<{ booking_id: string }>('SELECT booking_id FROM meetings WHERE id = ?', m.id)
    )[0]!.booking_id

    const agenda = m.agenda.map((i) => ({ id: i.id, title: i.title, description: i.description }))
    const moved = await send(
      client(committee).meetings[':id'].$put({
        param: { id: m.id },
        json: meetingBody({
          capacity: 2,
          startsAt: sh('2026-12-05', '10:00'),
          endsAt: sh('2026-12-05', '11:30'),
          agenda,
        }),
      }),
    )
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    expect(moved.body).toMatchObject({
      startsAt: sh('2026-12-05', '10:00'),
      confirmedCount: 2,
      waitlistCount: 0,
    })
    expect(await dbRows('SELECT status FROM bookings WHERE id = ?', oldBooking)).toEqual([
      { status: 'cancelled' },
    ])
    const slots = await dbRows<{ slot_start: number }>(
      'SELECT s.slot_start FROM booking_slots s JOIN meetings m ON m.booking_id = s.booking_id WHERE m.id = ? ORDER BY 1',
      m.id,
    )
    expect(slots.map((s) => s.slot_start)).toEqual([
      sh('2026-12-05', '10:00'),
      sh('2026-12-05', '10:30'),
      sh('2026-12-05', '11:00'),
    ])
    expect((await inbox(p.token)).map((n) => n.kind)).toEqual(['meeting.changed'])
    expect((await inbox(q.token)).map((n) => n.kind).sort()).toEqual([
      'meeting.changed',
      'meeting.promoted',
    ])

    const retyped = await send(
      client(committee).meetings[':id'].$put({
        param: { id: m.id },
        json: meetingBody({
          type: 'evaluation',
          capacity: 2,
          startsAt: sh('2026-12-05', '10:00'),
          endsAt: sh('2026-12-05', '11:30'),
          agenda,
        }),
      }),
    )
    assertStatus(retyped, 409)
    expect(retyped.body.error.message).toContain('不能改为其他类型')
    expect((await inbox(p.token)).find((n) => n.kind === 'meeting.changed')!.body).toBe(
      '“青石巷停车听证会”改为 12月5日（周六）10:00 在 青梧邻里中心 议事厅 举行。',
    )
    const smaller = await send(
      client(committee).meetings[':id'].$put({
        param: { id: m.id },
        json: meetingBody({
          capacity: 1,
          startsAt: sh('2026-12-05', '10:00'),
          endsAt: sh('2026-12-05', '11:30'),
          agenda,
        }),
      }),
    )
    assertStatus(smaller, 409)
    expect(smaller.body.error.message).toContain('已有 2 人确认报名')

    // Moving onto a slot someone else holds changes nothing, not even the freed old slots.
    const other = await createMeeting(committee, {
      title: '另一个会',
      startsAt: sh('2026-12-05', '14:00'),
      endsAt: sh('2026-12-05', '15:00'),
    })
    const clash = await send(
      client(committee).meetings[':id'].$put({
        param: { id: m.id },
        json: meetingBody({
          capacity: 2,
          startsAt: sh('2026-12-05', '14:30'),
          endsAt: sh('2026-12-05', '15:30'),
          agenda,
        }),
      }),
    )
    assertStatus(clash, 409)
    expect(
      await dbCount(
        'SELECT COUNT(*) AS n FROM booking_slots s JOIN meetings m ON m.booking_id = s.booking_id WHERE m.id = ?',
        m.id,
      ),
    ).toBe(3)
    expect(
      succeeded(await send(client().meetings[':id'].$get({ param: { id: m.id } }))).body.startsAt,
    ).toBe(sh('2026-12-05', '10:00'))
    expect(other.id).toBeTruthy()
  })

  it('lets only invited residents sign up to an invitation-only meeting, and tells them', async () => {
    const [invited, uninvited] = await Promise.all([
      verifiedResident('inv-yes'),
      verifiedResident('inv-no'),
    ])
    const m = await createMeeting(
      committee,
      { audience: 'invited', roomId: undefined, address: '居委会会议室' },
      { publish: false },
    )
    // A 议事会 member (not 居委会 staff) finds residents by nickname or building — never by real name.
    const found = await send(
      client(committee).meetings[':id'].invitees.$get({
        param: { id: m.id },
        query: { q: '梧桐苑3号楼' },
      }),
    )
    expect(succeeded(found).body.items).toEqual(
      expect.arrayContaining([
        {
          userId: invited.userId,
          nickname: expect.any(String),
          building: '梧桐苑3号楼',
          invited: false,
        },
      ]),
    )
    expect(JSON.stringify(found.body)).not.toContain('realName')
    const invitation = await send(
      client(committee).meetings[':id'].invitations.$post({
        param: { id: m.id },
        json: { userIds: [invited.userId] },
      }),
    )
    const again = await send(
      client(committee).meetings[':id'].invitees.$get({
        param: { id: m.id },
        query: { q: '梧桐苑3号楼' },
      }),
    )
    expect(succeeded(again)!.body.items.find((r) => r.userId === invited.userId)!.invited).toBe(
      true,
    )
    expect(invitation.body).toEqual({ invitedCount: 1 })
    const stranger = await send(
      client(committee).meetings[':id'].invitations.$post({
        param: { id: m.id },
        json: { userIds: ['us-staff-sun'] },
      }),
    )
    assertStatus(stranger, 400)
    await send(client(committee).meetings[':id'].publish.$post({ param: { id: m.id } }))
    expect((await inbox(invited.token))[0]).toMatchObject({ kind: 'meeting.invited' })
    const refused = await send(
      client(uninvited.token).meetings[':id'].registration.$post({ param: { id: m.id } }),
    )
    assertStatus(refused, 403)
    expect(refused.body.error.message).toContain('受邀居民')
    expect(
      succeeded(await send(client(uninvited.token).meetings[':id'].$get({ param: { id: m.id } })))
        .body.signup,
    ).toBe('invited_only')
    expect(
      succeeded(
        await send(
          client(invited.token).meetings[':id'].registration.$post({ param: { id: m.id } }),
        ),
      ).body.meeting.my!.status,
    ).toBe('confirmed')
    const notResident = await send(
      client(await login('newcomer-chen')).meetings[':id'].registration.$post({
        param: { id: m.id },
      }),
    )
    assertStatus(notResident, 403)
  })

  it('takes sign-ups only inside the window', async () => {
    const later = await createMeeting(committee, {
      roomId: undefined,
      address: '居委会',
      signupOpensAt: NOW + HOUR,
    })
    const p = await verifiedResident('window')
    const early = await send(
      client(p.token).meetings[':id'].registration.$post({ param: { id: later.id } }),
    )
    assertStatus(early, 409)
    expect(early.body.error.message).toContain('报名 12月1日（周二）11:00 开始')
    vi.setSystemTime(sh(MEETING_DAY, '12:00'))
    const late = await send(
      client(p.token).meetings[':id'].registration.$post({ param: { id: later.id } }),
    )
    expect(failed(late).body.error.message).toBe('报名已截止')
  })

  it('checks in with the right code inside the window, takes requests to speak before the start', async () => {
    const m = await createMeeting(committee, { roomId: undefined, address: '居委会' })
    const p = await verifiedResident('door')
    await send(client(p.token).meetings[':id'].registration.$post({ param: { id: m.id } }))
    const item = m.agenda[0]!.id
    const speak = await send(
      client(p.token).meetings[':id'].items[':itemId'].speak.$post({
        param: { id: m.id, itemId: item },
        json: { topic: '晚上十点后能否停两侧' },
      }),
    )
    assertStatus(speak, 200)
    await send(
      client(p.token).meetings[':id'].items[':itemId'].speak.$post({
        param: { id: m.id, itemId: item },
        json: { topic: '改一下：只谈单侧停车' },
      }),
    )
    expect(
      await dbRows('SELECT topic FROM meeting_speak_requests WHERE item_id = ?', item),
    ).toEqual([{ topic: '改一下：只谈单侧停车' }])
    expect(
      (
        await send(
          client(wang).meetings[':id'].items[':itemId'].speak.$post({
            param: { id: m.id, itemId: item },
            json: { topic: '没报名也想说' },
          }),
        )
      ).status,
    ).toBe(403)

    const code = m.checkinCode as string
    const tooEarly = await send(
      client(p.token).meetings[':id'].checkin.$post({ param: { id: m.id }, json: { code } }),
    )
    assertStatus(tooEarly, 409)
    vi.setSystemTime(sh(MEETING_DAY, '13:00'))
    const wrong = await send(
      client(p.token).meetings[':id'].checkin.$post({
        param: { id: m.id },
        json: { code: code === '000000' ? '111111' : '000000' },
      }),
    )
    assertStatus(wrong, 400)
    const ok = await send(
      client(p.token).meetings[':id'].checkin.$post({
        param: { id: m.id },
        json: { code: ` ${code.slice(0, 3)} ${code.slice(3)} ` },
      }),
    )
    expect(succeeded(ok).body.meeting.my!.checkedIn).toBe(true)
    const unregistered = await send(
      client(wang).meetings[':id'].checkin.$post({ param: { id: m.id }, json: { code } }),
    )
    assertStatus(unregistered, 403)
    vi.setSystemTime(sh(MEETING_DAY, '14:05'))
    expect(
      (
        await send(
          client(p.token).meetings[':id'].items[':itemId'].speak.$post({
            param: { id: m.id, itemId: item },
            json: { topic: '会上补充' },
          }),
        )
      ).status,
    ).toBe(409)
    vi.setSystemTime(sh(MEETING_DAY, '16:01'))
    expect(
      (
        await send(
          client(p.token).meetings[':id'].checkin.$post({ param: { id: m.id }, json: { code } }),
        )
      ).status,
    ).toBe(409)
  })

  it('publishes minutes and a resolution that adopts the linked suggestion, on its timeline and to its followers', async () => {
    const m = await createMeeting(committee, {
      roomId: undefined,
      address: '居委会',
      type: 'council',
      title: '十二月议事会',
      agenda: [{ title: '槐树弄飞线整治', suggestionId: 'sg-demo-cables' }, { title: '其他事项' }],
    })
    const [cables, other] = m.agenda
    expect(cables!.suggestion).toMatchObject({
      id: 'sg-demo-cables',
      status: 'accepted',
      statusLabel: '已受理',
    })
    const early = await send(
      client(committee).meetings[':id'].items[':itemId'].resolution.$post({
        param: { id: m.id, itemId: cables!.id },
        json: { decision: '同意整治飞线', owner: '居委会' },
      }),
    )
    assertStatus(early, 409)

    vi.setSystemTime(sh(MEETING_DAY, '16:30'))
    const halfVotes = await send(
      client(committee).meetings[':id'].items[':itemId'].resolution.$post({
        param: { id: m.id, itemId: cables!.id },
        json: { decision: '同意整治飞线', owner: '居委会', votesFor: 12 },
      }),
    )
    assertStatus(halfVotes, 400)
    const wrongMove = await send(
      client(committee).meetings[':id'].items[':itemId'].resolution.$post({
        param: { id: m.id, itemId: other!.id },
        json: { decision: '其他事项另议', owner: '居委会', suggestionMove: 'adopt' },
      }),
    )
    assertStatus(wrongMove, 400)
    const resolution = {
      decision: '同意统一整理飞线入管，费用由街道微更新资金承担',
      votesFor: 15,
      votesAgainst: 1,
      votesAbstain: 2,
      owner: '居委会 赵主任',
      dueDate: '2027-01-31',
      suggestionMove: 'adopt' as const,
    }
    const published = await send(
      client(committee).meetings[':id'].items[':itemId'].resolution.$post({
        param: { id: m.id, itemId: cables!.id },
        json: resolution,
      }),
    )
    expect(published.status, JSON.stringify(published.body)).toBe(200)
    expect(
      (
        await send(
          client(committee).meetings[':id'].items[':itemId'].resolution.$post({
            param: { id: m.id, itemId: cables!.id },
            json: resolution,
          }),
        )
      ).status,
    ).toBe(409)

    const suggestion = await send(
      client(wang).suggestions[':id'].$get({ param: { id: 'sg-demo-cables' } }),
    )
    expect(succeeded(suggestion).body.status).toBe('adopted')
    expect(
      succeeded(suggestion).body.timeline.find(
        (e) => e.kind === 'meeting_agenda' && e.body!.includes('十二月议事会'),
      ),
    ).toMatchObject({ kindLabel: '列入议事会议程' })
    const event = succeeded(suggestion).body.timeline.find((e) => e.kind === 'adopted')
    expect(event!.body).toContain('十二月议事会')
    expect(event!.body).toContain('赞成 15，反对 1，弃权 2')
    expect(event!.actorLabel).toContain('议事会')
    const caseFile = await send(
      client().suggestions[':id'].meetings.$get({ param: { id: 'sg-demo-cables' } }),
    )
    expect(succeeded(caseFile).body.items.find((i) => i.meetingId === m.id)).toMatchObject({
      meetingId: m.id,
      itemTitle: '槐树弄飞线整治',
      resolution: { votesFor: 15, owner: '居委会 赵主任', suggestionMove: 'adopt' },
    })
    // The author (resident-zhang) and the supporter (resident-wang) are told.
    const toldAuthor = (await inbox(await login('resident-zhang')))[0]!
    expect(toldAuthor).toMatchObject({
      kind: 'suggestion.adopted',
      title: '金点子答复：采纳',
      link: '/packages/suggestions/pages/detail/index?id=sg-demo-cables',
    })
    expect(toldAuthor.body).toContain('十二月议事会')
    expect((await inbox(wang)).some((n) => n.kind === 'suggestion.adopted')).toBe(true)

    const draftMinutes = await send(
      client(committee).meetings[':id'].minutes.$put({
        param: { id: m.id },
        json: { minutes: '到会居民 18 人。讨论了飞线整治，同意整理入管。', publish: false },
      }),
    )
    assertStatus(draftMinutes, 200)
    expect(
      succeeded(await send(client().meetings[':id'].$get({ param: { id: m.id } }))).body.minutes,
    ).toBeNull()
    await send(
      client(committee).meetings[':id'].minutes.$put({
        param: { id: m.id },
        json: { minutes: '到会居民 18 人。讨论了飞线整治，同意整理入管。', publish: true },
      }),
    )
    const read = await send(client().meetings[':id'].$get({ param: { id: m.id } }))
    expect(read.body).toMatchObject({
      minutesPublished: true,
      minutes: '到会居民 18 人。讨论了飞线整治，同意整理入管。',
    })
    expect(succeeded(read)!.body.agenda[0]!.resolution).toMatchObject({
      decision: resolution.decision,
      dueDate: '2027-01-31',
    })
    const past = await send(
      client().communities[':id'].meetings.$get({
        param: { id: COMMUNITY },
        query: { when: 'past' },
      }),
    )
    expect(succeeded(past).body.items.map((x) => x.id)).toContain(m.id)
  })

  it('records a resolution on a linked convention on its timeline', async () => {
    const conventionId = (
      await dbRows<{ id: string }>(
        "SELECT id FROM conventions WHERE community_id = ? AND status <> 'draft' LIMIT 1",
        COMMUNITY,
      )
    )[0]?.id
    if (!conventionId) {
      const drafted = await send(
        client(committee).communities[':id'].conventions.$post({
          param: { id: COMMUNITY },
          json: {
            title: '楼道堆物公约',
            preamble: '为了楼道通行安全。',
            articles: ['楼道内不得堆放杂物。'],
            scope: { type: 'community', ids: [] },
          },
        }),
      )
      expect(drafted.status, JSON.stringify(drafted.body)).toBe(201)
      const opened = await send(
        client(committee).conventions[':id'].consultation.$post({
          param: { id: succeeded(drafted).body.id },
          json: { endsAt: NOW + 10 * 24 * HOUR },
        }),
      )
      expect(opened.status, JSON.stringify(opened.body)).toBe(200)
    }
    const cid =
      conventionId ??
      (
        await dbRows<{ id: string }>(
          "SELECT id FROM conventions WHERE community_id = ? AND status <> 'draft' LIMIT 1",
          COMMUNITY,
        )
      )[0]!.id
    const m = await createMeeting(committee, {
      roomId: undefined,
      address: '居委会',
      agenda: [{ title: '公约征求意见', conventionId: cid }],
    })
    vi.setSystemTime(sh(MEETING_DAY, '15:00'))
    const r = await send(
      client(committee).meetings[':id'].items[':itemId'].resolution.$post({
        param: { id: m.id, itemId: m.agenda[0]!.id },
        json: { decision: '建议修改第一条后付诸表决', owner: '议事会' },
      }),
    )
    assertStatus(r, 200)
    expect(
      await dbRows(
        'SELECT kind, actor_role FROM convention_events WHERE convention_id = ? AND kind = ?',
        cid,
        'meeting_resolution',
      ),
    ).toEqual([{ kind: 'meeting_resolution', actor_role: 'committee' }])
  })

  it('collects 评议会 ratings from residents present and adds them to the suggestion’s 民事民评', async () => {
    const m = await createMeeting(committee, {
      type: 'evaluation',
      title: '路灯工程评议会',
      roomId: undefined,
      address: '居委会',
      agenda: [{ title: '青石巷路灯', suggestionId: 'sg-demo-lights' }],
    })
    // Not an evaluation meeting: no ratings (created now, asked after the start below).
    const council = await createMeeting(committee, { roomId: undefined, address: '居委会' })
    const [present, absent] = await Promise.all([
      verifiedResident('rate-present'),
      verifiedResident('rate-absent'),
    ])
    for (const p of [present, absent])
      await send(client(p.token).meetings[':id'].registration.$post({ param: { id: m.id } }))
    const before = (
      await dbRows<{ rating_count: number; completion_round: number }>(
        "SELECT rating_count, completion_round FROM suggestions WHERE id = 'sg-demo-lights'",
      )
    )[0]!
    vi.setSystemTime(sh(MEETING_DAY, '14:10'))
    await send(
      client(present.token).meetings[':id'].checkin.$post({
        param: { id: m.id },
        json: { code: m.checkinCode! },
      }),
    )
    const item = m.agenda[0]!.id
    expect(
      (
        await send(
          client(absent.token).meetings[':id'].items[':itemId'].rating.$post({
            param: { id: m.id, itemId: item },
            json: { stars: 1 },
          }),
        )
      ).status,
    ).toBe(403)
    expect(
      (
        await send(
          client(present.token).meetings[':id'].items[':itemId'].rating.$post({
            param: { id: m.id, itemId: item },
            json: { stars: 6 },
          }),
        )
      ).status,
    ).toBe(400)
    expect(
      (
        await send(
          client(present.token).meetings[':id'].items[':itemId'].rating.$post({
            param: { id: m.id, itemId: item },
            json: { stars: 4 },
          }),
        )
      ).status,
    ).toBe(200)
    expect(
      (
        await send(
          client(present.token).meetings[':id'].items[':itemId'].rating.$post({
            param: { id: m.id, itemId: item },
            json: { stars: 5 },
          }),
        )
      ).status,
    ).toBe(200)
    const after = (
      await dbRows<{ rating_count: number }>(
        "SELECT rating_count FROM suggestions WHERE id = 'sg-demo-lights'",
      )
    )[0]!
    expect(after.rating_count).toBe(before.rating_count + 1)
    expect(
      await dbRows(
        "SELECT stars, round FROM suggestion_ratings WHERE suggestion_id = 'sg-demo-lights' AND user_id = ?",
        present.userId,
      ),
    ).toEqual([{ stars: 5, round: before.completion_round }])
    const detail = await send(client(present.token).meetings[':id'].$get({ param: { id: m.id } }))
    expect(succeeded(detail)!.body.agenda[0]!.rating).toEqual({ count: 1, average: 5, mine: 5 })
    expect(
      (
        await send(
          client(present.token).meetings[':id'].items[':itemId'].rating.$post({
            param: { id: council.id, itemId: council.agenda[0]!.id },
            json: { stars: 3 },
          }),
        )
      ).status,
    ).toBe(409)
  })

  it('shows my 民事民评 of a linked 金点子 as my rating on the 评议会 item, and the latest of the two', async () => {
    // resident-wang rated 青石巷路灯 ★★★★★ on the 金点子 page (demo seed).
    const m = await createMeeting(committee, {
      type: 'evaluation',
      title: '路灯工程回头看',
      roomId: undefined,
      address: '居委会',
      agenda: [{ title: '青石巷路灯', suggestionId: 'sg-demo-lights' }],
    })
    await send(client(wang).meetings[':id'].registration.$post({ param: { id: m.id } }))
    vi.setSystemTime(sh(MEETING_DAY, '14:10'))
    await send(
      client(wang).meetings[':id'].checkin.$post({
        param: { id: m.id },
        json: { code: m.checkinCode! },
      }),
    )
    const mine = async () =>
      succeeded(await send(client(wang).meetings[':id'].$get({ param: { id: m.id } }))).body
        .agenda[0]!.rating.mine
    expect(await mine()).toBe(5)
    // Changed at the meeting: both places read 4.
    assertStatus(
      await send(
        client(wang).meetings[':id'].items[':itemId'].rating.$post({
          param: { id: m.id, itemId: m.agenda[0]!.id },
          json: { stars: 4 },
        }),
      ),
      200,
    )
    expect(await mine()).toBe(4)
    // Changed again on the 金点子 page afterwards: the meeting shows that one.
    assertStatus(
      await send(
        client(wang).suggestions[':id'].ratings.$post({
          param: { id: 'sg-demo-lights' },
          json: { stars: 3 },
        }),
      ),
      200,
    )
    expect(await mine()).toBe(3)
    // Someone who has rated nowhere still sees empty stars.
    expect(
      succeeded(await send(client(committee).meetings[':id'].$get({ param: { id: m.id } }))).body
        .agenda[0]!.rating.mine,
    ).toBeNull()
  })

  it('lists attendance for organisers (audited), exports it as CSV with a BOM, and takes walk-ins', async () => {
    const m = await createMeeting(committee, {
      roomId: undefined,
      address: '居委会',
      title: '名单测试会',
    })
    const p = await verifiedResident('csv')
    await send(client(p.token).meetings[':id'].registration.$post({ param: { id: m.id } }))
    expect(
      (
        await send(
          client(committee).meetings[':id']['walk-ins'].$post({
            param: { id: m.id },
            json: { name: '李阿姨', note: '3号楼' },
          }),
        )
      ).status,
    ).toBe(409)
    vi.setSystemTime(sh(MEETING_DAY, '13:50'))
    expect(
      (
        await send(
          client(committee).meetings[':id']['walk-ins'].$post({
            param: { id: m.id },
            json: { name: '李阿姨', note: '3号楼' },
          }),
        )
      ).status,
    ).toBe(200)
    expect(
      (
        await send(
          client(committee).meetings[':id']['walk-ins'].$post({
            param: { id: m.id },
            json: { name: '报名者', userId: p.userId },
          }),
        )
      ).status,
    ).toBe(200)
    const list = await send(
      client(committee).meetings[':id'].attendance.$get({ param: { id: m.id } }),
    )
    expect(succeeded(list).body.counts).toEqual({
      confirmed: 1,
      waitlisted: 0,
      checkedIn: 1,
      walkIns: 1,
    })
    expect(succeeded(list).body.walkIns[0]).toMatchObject({ name: '李阿姨', note: '3号楼' })
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'meeting.view_attendance' AND target_id = ?",
        m.id,
      ),
    ).toBe(1)
    expect(
      (await send(client(p.token).meetings[':id'].attendance.$get({ param: { id: m.id } }))).status,
    ).toBe(403)
    expect(
      (await send(client(staffOther).meetings[':id'].attendance.$get({ param: { id: m.id } })))
        .status,
    ).toBe(403)

    const response = await fetchWorker(
      new Request(`http://linli.test/api/meetings/${m.id}/attendance.csv`, {
        headers: { authorization: `Bearer ${committee}` },
      }),
    )
    assertStatus(response, 200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text.split('\r\n')[0]).toBe(
      '"序号","类型","昵称","姓名","楼栋","报名状态","报名时间","候补转正时间","签到时间","备注"',
    )
    expect(text).toContain('"现场登记","","李阿姨"')
    expect(text).toContain('"正式报名"')
  })

  it('cancels a meeting: frees the room, tells everyone registered, stops sign-ups', async () => {
    const m = await createMeeting(committee, {
      startsAt: sh('2026-12-06', '09:00'),
      endsAt: sh('2026-12-06', '10:00'),
      agenda: [{ title: '长椅选址', suggestionId: 'sg-demo-bench' }],
    })
    const p = await verifiedResident('cancel')
    await send(client(p.token).meetings[':id'].registration.$post({ param: { id: m.id } }))
    const noReason = await send(
      client(committee).meetings[':id'].cancel.$post({ param: { id: m.id }, json: { reason: '' } }),
    )
    assertStatus(noReason, 400)
    const cancelled = await send(
      client(committee).meetings[':id'].cancel.$post({
        param: { id: m.id },
        json: { reason: '主讲单位临时有事，改期另行通知' },
      }),
    )
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      signup: 'cancelled',
      cancelReason: '主讲单位临时有事，改期另行通知',
    })
    expect(
      await dbCount(
        'SELECT COUNT(*) AS n FROM booking_slots s JOIN meetings m ON m.booking_id = s.booking_id WHERE m.id = ?',
        m.id,
      ),
    ).toBe(0)
    expect((await inbox(p.token))[0]).toMatchObject({ kind: 'meeting.cancelled' })
    expect((await inbox(p.token))[0]!.body).toContain('主讲单位临时有事')
    const q = await verifiedResident('cancel-late')
    expect(
      (await send(client(q.token).meetings[':id'].registration.$post({ param: { id: m.id } })))
        .status,
    ).toBe(409)
    // The freed slot can be booked by a resident again.
    const booked = await send(
      client(q.token).bookings.$post({
        json: {
          roomId: 'rm-council',
          startsAt: sh('2026-12-06', '09:00'),
          endsAt: sh('2026-12-06', '10:00'),
          purpose: '读书会',
          headcount: 5,
        },
      }),
    )
    expect(booked.status, JSON.stringify(booked.body)).toBe(201)
    expect(
      (
        await send(
          client(committee).meetings[':id'].cancel.$post({
            param: { id: m.id },
            json: { reason: '再取消一次' },
          }),
        )
      ).status,
    ).toBe(409)
    const timeline = succeeded(
      await send(client().suggestions[':id'].$get({ param: { id: 'sg-demo-bench' } })),
    ).body.timeline as { kind: string; kindLabel: string; body: string }[]
    expect(timeline.find((e) => e.kind === 'meeting_cancelled')).toMatchObject({
      kindLabel: '议事会取消',
    })
    expect(timeline.find((e) => e.kind === 'meeting_cancelled')!.body).toContain('主讲单位临时有事')
  })

  it('keeps the inbox private and marks read', async () => {
    const p = await verifiedResident('inbox')
    const m = await createMeeting(
      committee,
      { audience: 'invited', roomId: undefined, address: '居委会' },
      { publish: false },
    )
    await send(
      client(committee).meetings[':id'].invitations.$post({
        param: { id: m.id },
        json: { userIds: [p.userId] },
      }),
    )
    await send(client(committee).meetings[':id'].publish.$post({ param: { id: m.id } }))
    const [n] = await inbox(p.token)
    expect(
      (await send(client(wang).me.inbox[':id'].read.$post({ param: { id: n!.id } }))).status,
    ).toBe(404)
    expect((await send(client().me.inbox[':id'].read.$post({ param: { id: n!.id } }))).status).toBe(
      401,
    )
    expect(
      (await send(client(p.token).me.inbox[':id'].read.$post({ param: { id: n!.id } }))).status,
    ).toBe(200)
    expect((await send(client(p.token).me.inbox['unread-count'].$get())).body).toEqual({
      unread: 0,
    })
    expect(
      succeeded(await send(client(p.token).me.inbox.$get({ query: { unread: '1' } }))).body.items,
    ).toEqual([])
    expect((await send(client().me.inbox.$get({ query: {} }))).status).toBe(401)
    expect(MINUTE).toBe(60_000)
  })

  it('exports my meetings with my data, and deleting my account gives my seat to the waitlist', async () => {
    const m = await createMeeting(committee, {
      capacity: 1,
      roomId: undefined,
      address: '居委会',
      title: '注销测试会',
    })
    const [leaving, waiting] = await Promise.all([
      verifiedResident('gdpr-leave'),
      verifiedResident('gdpr-wait'),
    ])
    await send(client(leaving.token).meetings[':id'].registration.$post({ param: { id: m.id } }))
    await send(client(waiting.token).meetings[':id'].registration.$post({ param: { id: m.id } }))
    await send(
      client(leaving.token).meetings[':id'].items[':itemId'].speak.$post({
        param: { id: m.id, itemId: m.agenda[0]!.id },
        json: { topic: '我要发言' },
      }),
    )
    const exported = await send(client(leaving.token).me.export.$get())
    expect(succeeded(exported).body.meetings.registrations).toEqual([
      expect.objectContaining({ meetingId: m.id, status: 'confirmed' }),
    ])
    expect(succeeded(exported).body.meetings.speakRequests).toEqual([
      expect.objectContaining({ topic: '我要发言' }),
    ])
    expect((await send(client(leaving.token).me.$delete())).status).toBe(200)
    expect(
      await dbRows(
        'SELECT status FROM meeting_registrations WHERE meeting_id = ? AND user_id = ?',
        m.id,
        leaving.userId,
      ),
    ).toEqual([{ status: 'cancelled' }])
    expect(
      await dbCount(
        'SELECT COUNT(*) AS n FROM meeting_speak_requests WHERE user_id = ?',
        leaving.userId,
      ),
    ).toBe(0)
    expect(
      succeeded(await send(client(waiting.token).meetings[':id'].$get({ param: { id: m.id } })))
        .body.my!.status,
    ).toBe('confirmed')
  })

  it('holds a meeting’s room past the no-show grace, and marks it used when people check in', async () => {
    const m = await createMeeting(committee, {
      startsAt: sh('2026-12-07', '09:00'),
      endsAt: sh('2026-12-07', '10:00'),
    })
    const p = await verifiedResident('room-used')
    await send(client(p.token).meetings[':id'].registration.$post({ param: { id: m.id } }))
    const bookingOf = async () =>
      (
        await dbRows<{ status: string }>(
          'SELECT b.status FROM bookings b JOIN meetings m ON m.booking_id = b.id WHERE m.id = ?',
          m.id,
        )
      )[0]!.status
    vi.setSystemTime(sh('2026-12-07', '09:40'))
    await releaseNoShows(createDb(env.DB))
    expect(await bookingOf()).toBe('confirmed')
    await send(
      client(p.token).meetings[':id'].checkin.$post({
        param: { id: m.id },
        json: { code: m.checkinCode! },
      }),
    )
    expect(await bookingOf()).toBe('checked_in')
  })

  it('lists a page of the 100 newest of many past meetings (more ids than D1 binds in one statement)', async () => {
    const rows = Array.from(
      { length: 120 },
      (
        _,
        i,
      ) => `('old-${i}', 'cm-huaishu', 'council', '往期议事会 ${i}', '', ${NOW - (i + 2) * 86_400_000}, ${NOW - (i + 2) * 86_400_000 + 3_600_000},
      NULL, NULL, '居委会', 30, 0, 1, 'residents', 'published', '123456', 'us-committee-wu', 0, 0)`,
    )
    await env.DB.prepare(
      `INSERT INTO meetings (id, community_id, type, title, description, starts_at, ends_at, room_id, booking_id, address, capacity,
      signup_opens_at, signup_closes_at, audience, status, checkin_code, created_by, created_at, updated_at) VALUES ${rows.join(',')}`,
    ).run()
    const past = await send(
      client(wang).communities[':id'].meetings.$get({
        param: { id: COMMUNITY },
        query: { when: 'past', limit: '100' },
      }),
    )
    assertStatus(past, 200)
    expect(past.body.items).toHaveLength(100)
    expect(past.body.nextCursor).not.toBeNull()
  })

  it('a meeting’s room counts against nobody’s quota and cannot be cancelled as a booking', async () => {
    const m = await createMeeting(committee, {
      roomId: 'rm-hall',
      capacity: 60,
      startsAt: sh('2026-12-02', '14:00'),
      endsAt: sh('2026-12-02', '20:00'),
      signupClosesAt: sh('2026-12-02', '12:00'),
    })
    const bookingId = (
      await dbRows<{ booking_id: string }>('SELECT booking_id FROM meetings WHERE id = ?', m.id)
    )[0]!.booking_id
    const cancel = await send(
      client(committee).bookings[':id'].cancel.$post({ param: { id: bookingId } }),
    )
    assertStatus(cancel, 409)
    expect(cancel.body.error.message).toContain('会议占用的房间')
    // Six hours of meeting, yet the organiser may still book their own weekly six hours.
    const own = await send(
      client(committee).bookings.$post({
        json: {
          roomId: 'rm-art',
          startsAt: sh('2026-12-04', '14:00'),
          endsAt: sh('2026-12-04', '18:00'),
          purpose: '书画小组',
          headcount: 6,
        },
      }),
    )
    expect(own.status, JSON.stringify(own.body)).toBe(201)
  })

  it('reminds confirmed registrants once, within a day of the start', async () => {
    const m = await createMeeting(committee, {
      roomId: undefined,
      address: '居委会',
      title: '提醒测试会',
      capacity: 1,
    })
    const [seated, waiting] = await Promise.all([
      verifiedResident('remind-seat'),
      verifiedResident('remind-wait'),
    ])
    await send(client(seated.token).meetings[':id'].registration.$post({ param: { id: m.id } }))
    await send(client(waiting.token).meetings[':id'].registration.$post({ param: { id: m.id } }))
    const reminders = () =>
      dbRows<{ user_id: string }>(
        "SELECT user_id FROM notifications WHERE kind = 'meeting.reminder' AND link LIKE ?",
        `%${m.id}`,
      )
    await remindUpcomingMeetings(createDb(env.DB))
    expect(await reminders()).toEqual([]) // two days ahead: not yet
    vi.setSystemTime(sh(MEETING_DAY, '09:00'))
    await remindUpcomingMeetings(createDb(env.DB))
    await remindUpcomingMeetings(createDb(env.DB))
    expect(await reminders()).toEqual([{ user_id: seated.userId }])
  })

  it('a blackout does not silently cancel a meeting’s room: the manager is asked to have it moved first', async () => {
    const m = await createMeeting(committee, {
      startsAt: sh('2026-12-08', '14:00'),
      endsAt: sh('2026-12-08', '15:00'),
      signupClosesAt: sh('2026-12-08', '12:00'),
    })
    const manager = await login('centre-qian')
    const blackout = {
      roomId: 'rm-council',
      startsAt: sh('2026-12-08', '08:30'),
      endsAt: sh('2026-12-08', '21:00'),
      kind: 'maintenance' as const,
      reason: '更换空调',
      confirm: true,
    }
    const refused = await send(
      client(manager).centres[':id'].blackouts.$post({
        param: { id: 'ct-qingwu' },
        json: blackout,
      }),
    )
    assertStatus(refused, 409)
    expect(refused.body.error.message).toContain('青石巷停车听证会')
    expect(
      await dbRows(
        'SELECT b.status FROM bookings b JOIN meetings m ON m.booking_id = b.id WHERE m.id = ?',
        m.id,
      ),
    ).toEqual([{ status: 'confirmed' }])
    expect(
      await dbCount("SELECT COUNT(*) AS n FROM blackouts WHERE reason LIKE '%更换空调%'"),
    ).toBe(0)
    // Once the meeting has moved elsewhere, the blackout goes ahead.
    await send(
      client(committee).meetings[':id'].cancel.$post({
        param: { id: m.id },
        json: { reason: '议事厅检修，改期另行通知' },
      }),
    )
    expect(
      succeeded(
        await send(
          client(manager).centres[':id'].blackouts.$post({
            param: { id: 'ct-qingwu' },
            json: blackout,
          }),
        ),
      ).body.created,
    ).toBe(true)
  })
})
