import { env } from 'cloudflare:workers'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { releaseNoShows } from '../../worker/bookings/manage-service'
import { remindUpcomingMeetings } from '../../worker/meetings/reminders'
import { createDb } from '../../worker/lib/db'
import { HOUR, MINUTE } from '../../worker/lib/time'
import {
  api, COMMUNITY, createMeeting, dbCount, dbRows, demoSessions, fetchWorker, freezeClock, meetingBody, MEETING_DAY, NOW, resetRateLimits, seedDemo, sh,
  verifiedResident,
} from './meeting-helpers'

// 议事会 from agenda to published resolution, through the API, one step at a time.

const login = demoSessions()
const inbox = async (token: string) => (await api('GET', '/api/me/inbox', { token })).body.items as { id: string; kind: string; title: string; body: string; link: string }[]

describe('meetings', () => {
  let committee: string, staffOther: string, wang: string
  beforeAll(async () => {
    await seedDemo()
    freezeClock()
    ;[committee, staffOther, wang] = await Promise.all([login('committee-wu'), login('staff-sun'), login('resident-wang')])
  })
  beforeEach(async () => {
    await resetRateLimits()
    vi.setSystemTime(NOW)
  })

  it('creates a draft that books its room, hidden from residents until published', async () => {
    const draft = await createMeeting(committee, {}, { publish: false })
    expect(draft).toMatchObject({ status: 'draft', signup: 'draft', place: '青梧邻里中心 议事厅', canManage: true })
    expect(draft.checkinCode).toMatch(/^\d{6}$/)
    const booking = await dbRows<{ status: string; purpose: string }>('SELECT b.status, b.purpose FROM bookings b JOIN meetings m ON m.booking_id = b.id WHERE m.id = ?', draft.id)
    expect(booking).toEqual([{ status: 'confirmed', purpose: '听证会：青石巷停车听证会' }])
    expect(await dbCount('SELECT COUNT(*) AS n FROM booking_slots s JOIN meetings m ON m.booking_id = s.booking_id WHERE m.id = ?', draft.id)).toBe(4)
    expect((await api('GET', `/api/meetings/${draft.id}`, { token: wang })).status).toBe(404)
    expect((await api('GET', `/api/communities/${COMMUNITY}/meetings?when=drafts`, { token: wang })).status).toBe(403)
    const drafts = await api('GET', `/api/communities/${COMMUNITY}/meetings?when=drafts`, { token: committee })
    expect(drafts.body.items.map((m: any) => m.id)).toContain(draft.id)

    const published = await api('POST', `/api/meetings/${draft.id}/publish`, { token: committee })
    expect(published.body).toMatchObject({ status: 'published', signup: 'open' })
    const seen = await api('GET', `/api/meetings/${draft.id}`, { token: wang })
    expect(seen.status).toBe(200)
    expect(seen.body.checkinCode).toBeNull()
    expect(seen.body.canManage).toBe(false)
    const upcoming = await api('GET', `/api/communities/${COMMUNITY}/meetings`)
    expect(upcoming.body.items.map((m: any) => m.id)).toContain(draft.id)
    expect((await api('POST', `/api/meetings/${draft.id}/publish`, { token: committee })).status).toBe(409)
  })

  it('refuses a room already taken, writing nothing, and a room outside opening hours', async () => {
    const first = await createMeeting(committee, { startsAt: sh(MEETING_DAY, '18:00'), endsAt: sh(MEETING_DAY, '19:00') })
    const meetingsBefore = await dbCount('SELECT COUNT(*) AS n FROM meetings')
    const taken = await api('POST', `/api/communities/${COMMUNITY}/meetings`, {
      token: committee, body: meetingBody({ title: '撞车的会', startsAt: sh(MEETING_DAY, '18:30'), endsAt: sh(MEETING_DAY, '20:00') }),
    })
    expect(taken.status).toBe(409)
    expect(taken.body.error.message).toContain('议事厅在这个时段已被预约')
    expect(await dbCount('SELECT COUNT(*) AS n FROM meetings')).toBe(meetingsBefore)
    expect(await dbCount("SELECT COUNT(*) AS n FROM bookings WHERE purpose = '听证会：撞车的会'")).toBe(0)
    const closed = await api('POST', `/api/communities/${COMMUNITY}/meetings`, {
      token: committee, body: meetingBody({ startsAt: sh(MEETING_DAY, '12:00'), endsAt: sh(MEETING_DAY, '13:00') }),
    })
    expect(closed.status).toBe(400)
    expect(closed.body.error.message).toContain('开放时间')
    const tooMany = await api('POST', `/api/communities/${COMMUNITY}/meetings`, { token: committee, body: meetingBody({ capacity: 31 }) })
    expect(tooMany.body.error.message).toContain('房间容量（30 人）')
    const address = await api('POST', `/api/communities/${COMMUNITY}/meetings`, {
      token: committee, body: meetingBody({ roomId: undefined, address: '槐树社区居委会二楼会议室', capacity: 200 }),
    })
    expect(address.status).toBe(201)
    expect(address.body.place).toBe('槐树社区居委会二楼会议室')
    expect(first.id).toBeTruthy()
  })

  it('seats the first comers, waitlists the rest and promotes in order when someone cancels, telling them', async () => {
    const m = await createMeeting(committee, { capacity: 2, startsAt: sh('2026-12-04', '14:00'), endsAt: sh('2026-12-04', '15:00') })
    const people = await Promise.all(['a', 'b', 'c', 'd'].map((p) => verifiedResident(`seat-${p}`)))
    const results = []
    for (const p of people) results.push(await api('POST', `/api/meetings/${m.id}/registration`, { token: p.token }))
    expect(results.map((r) => r.body.meeting.my.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted'])
    expect(results.map((r) => r.body.meeting.my.waitlistPosition)).toEqual([null, null, 1, 2])
    const again = await api('POST', `/api/meetings/${m.id}/registration`, { token: people[0]!.token })
    expect(again.status).toBe(200)
    expect(again.body.meeting).toMatchObject({ confirmedCount: 2, waitlistCount: 2, signup: 'waitlist' })

    const cancelled = await api('DELETE', `/api/meetings/${m.id}/registration`, { token: people[1]!.token })
    expect(cancelled.body.meeting.my).toBeNull()
    const c = await api('GET', `/api/meetings/${m.id}`, { token: people[2]!.token })
    expect(c.body.my).toMatchObject({ status: 'confirmed', waitlistPosition: null })
    const d = await api('GET', `/api/meetings/${m.id}`, { token: people[3]!.token })
    expect(d.body.my).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    const told = await inbox(people[2]!.token)
    expect(told[0]).toMatchObject({ kind: 'meeting.promoted', title: '候补转为正式报名', link: `/packages/meetings/pages/detail/index?id=${m.id}` })
    expect(await inbox(people[3]!.token)).toEqual([])
    expect((await api('GET', '/api/me/inbox/unread-count', { token: people[2]!.token })).body).toEqual({ unread: 1 })

    // A waitlisted person leaving frees no seat and promotes nobody.
    await api('DELETE', `/api/meetings/${m.id}/registration`, { token: people[3]!.token })
    expect(await dbCount("SELECT COUNT(*) AS n FROM meeting_registrations WHERE meeting_id = ? AND status = 'confirmed'", m.id)).toBe(2)
    // Signing up again after cancelling goes to the back of the queue.
    const back = await api('POST', `/api/meetings/${m.id}/registration`, { token: people[1]!.token })
    expect(back.body.meeting.my).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    const notRegistered = await api('DELETE', `/api/meetings/${m.id}/registration`, { token: people[3]!.token })
    expect(notRegistered.status).toBe(409)
  })

  it('moves a meeting: re-books the room atomically, tells registrants, promotes on a larger capacity, refuses a smaller one', async () => {
    const m = await createMeeting(committee, { capacity: 1, startsAt: sh('2026-12-05', '09:00'), endsAt: sh('2026-12-05', '10:00') })
    const [p, q] = await Promise.all([verifiedResident('move-p'), verifiedResident('move-q')])
    await api('POST', `/api/meetings/${m.id}/registration`, { token: p.token })
    await api('POST', `/api/meetings/${m.id}/registration`, { token: q.token })
    const oldBooking = (await dbRows<{ booking_id: string }>('SELECT booking_id FROM meetings WHERE id = ?', m.id))[0]!.booking_id

    const agenda = m.agenda.map((i: any) => ({ id: i.id, title: i.title, description: i.description }))
    const moved = await api('PUT', `/api/meetings/${m.id}`, {
      token: committee, body: meetingBody({ capacity: 2, startsAt: sh('2026-12-05', '10:00'), endsAt: sh('2026-12-05', '11:30'), agenda }),
    })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    expect(moved.body).toMatchObject({ startsAt: sh('2026-12-05', '10:00'), confirmedCount: 2, waitlistCount: 0 })
    expect(await dbRows('SELECT status FROM bookings WHERE id = ?', oldBooking)).toEqual([{ status: 'cancelled' }])
    const slots = await dbRows<{ slot_start: number }>('SELECT s.slot_start FROM booking_slots s JOIN meetings m ON m.booking_id = s.booking_id WHERE m.id = ? ORDER BY 1', m.id)
    expect(slots.map((s) => s.slot_start)).toEqual([sh('2026-12-05', '10:00'), sh('2026-12-05', '10:30'), sh('2026-12-05', '11:00')])
    expect((await inbox(p.token)).map((n) => n.kind)).toEqual(['meeting.changed'])
    expect((await inbox(q.token)).map((n) => n.kind).sort()).toEqual(['meeting.changed', 'meeting.promoted'])

    const retyped = await api('PUT', `/api/meetings/${m.id}`, { token: committee, body: meetingBody({ type: 'evaluation', capacity: 2, startsAt: sh('2026-12-05', '10:00'), endsAt: sh('2026-12-05', '11:30'), agenda }) })
    expect(retyped.status).toBe(409)
    expect(retyped.body.error.message).toContain('不能改为其他类型')
    expect((await inbox(p.token)).find((n) => n.kind === 'meeting.changed')!.body).toBe('“青石巷停车听证会”改为 12月5日（周六）10:00 在 青梧邻里中心 议事厅 举行。')
    const smaller = await api('PUT', `/api/meetings/${m.id}`, { token: committee, body: meetingBody({ capacity: 1, startsAt: sh('2026-12-05', '10:00'), endsAt: sh('2026-12-05', '11:30'), agenda }) })
    expect(smaller.status).toBe(409)
    expect(smaller.body.error.message).toContain('已有 2 人确认报名')

    // Moving onto a slot someone else holds changes nothing, not even the freed old slots.
    const other = await createMeeting(committee, { title: '另一个会', startsAt: sh('2026-12-05', '14:00'), endsAt: sh('2026-12-05', '15:00') })
    const clash = await api('PUT', `/api/meetings/${m.id}`, { token: committee, body: meetingBody({ capacity: 2, startsAt: sh('2026-12-05', '14:30'), endsAt: sh('2026-12-05', '15:30'), agenda }) })
    expect(clash.status).toBe(409)
    expect(await dbCount('SELECT COUNT(*) AS n FROM booking_slots s JOIN meetings m ON m.booking_id = s.booking_id WHERE m.id = ?', m.id)).toBe(3)
    expect((await api('GET', `/api/meetings/${m.id}`)).body.startsAt).toBe(sh('2026-12-05', '10:00'))
    expect(other.id).toBeTruthy()
  })

  it('lets only invited residents sign up to an invitation-only meeting, and tells them', async () => {
    const [invited, uninvited] = await Promise.all([verifiedResident('inv-yes'), verifiedResident('inv-no')])
    const m = await createMeeting(committee, { audience: 'invited', roomId: undefined, address: '居委会会议室' }, { publish: false })
    // A 议事会 member (not 居委会 staff) finds residents by nickname or building — never by real name.
    const found = await api('GET', `/api/meetings/${m.id}/invitees?q=${encodeURIComponent('梧桐苑3号楼')}`, { token: committee })
    expect(found.body.items).toEqual(expect.arrayContaining([{ userId: invited.userId, nickname: expect.any(String), building: '梧桐苑3号楼', invited: false }]))
    expect(JSON.stringify(found.body)).not.toContain('realName')
    const invitation = await api('POST', `/api/meetings/${m.id}/invitations`, { token: committee, body: { userIds: [invited.userId] } })
    const again = await api('GET', `/api/meetings/${m.id}/invitees?q=${encodeURIComponent('梧桐苑3号楼')}`, { token: committee })
    expect(again.body.items.find((r: any) => r.userId === invited.userId).invited).toBe(true)
    expect(invitation.body).toEqual({ invitedCount: 1 })
    const stranger = await api('POST', `/api/meetings/${m.id}/invitations`, { token: committee, body: { userIds: ['us-staff-sun'] } })
    expect(stranger.status).toBe(400)
    await api('POST', `/api/meetings/${m.id}/publish`, { token: committee })
    expect((await inbox(invited.token))[0]).toMatchObject({ kind: 'meeting.invited' })
    const refused = await api('POST', `/api/meetings/${m.id}/registration`, { token: uninvited.token })
    expect(refused.status).toBe(403)
    expect(refused.body.error.message).toContain('受邀居民')
    expect((await api('GET', `/api/meetings/${m.id}`, { token: uninvited.token })).body.signup).toBe('invited_only')
    expect((await api('POST', `/api/meetings/${m.id}/registration`, { token: invited.token })).body.meeting.my.status).toBe('confirmed')
    const notResident = await api('POST', `/api/meetings/${m.id}/registration`, { token: await login('newcomer-chen') })
    expect(notResident.status).toBe(403)
  })

  it('takes sign-ups only inside the window', async () => {
    const later = await createMeeting(committee, { roomId: undefined, address: '居委会', signupOpensAt: NOW + HOUR })
    const p = await verifiedResident('window')
    const early = await api('POST', `/api/meetings/${later.id}/registration`, { token: p.token })
    expect(early.status).toBe(409)
    expect(early.body.error.message).toContain('报名 12月1日（周二）11:00 开始')
    vi.setSystemTime(sh(MEETING_DAY, '12:00'))
    const late = await api('POST', `/api/meetings/${later.id}/registration`, { token: p.token })
    expect(late.body.error.message).toBe('报名已截止')
  })

  it('checks in with the right code inside the window, takes requests to speak before the start', async () => {
    const m = await createMeeting(committee, { roomId: undefined, address: '居委会' })
    const p = await verifiedResident('door')
    await api('POST', `/api/meetings/${m.id}/registration`, { token: p.token })
    const item = m.agenda[0].id
    const speak = await api('POST', `/api/meetings/${m.id}/items/${item}/speak`, { token: p.token, body: { topic: '晚上十点后能否停两侧' } })
    expect(speak.status).toBe(200)
    await api('POST', `/api/meetings/${m.id}/items/${item}/speak`, { token: p.token, body: { topic: '改一下：只谈单侧停车' } })
    expect(await dbRows('SELECT topic FROM meeting_speak_requests WHERE item_id = ?', item)).toEqual([{ topic: '改一下：只谈单侧停车' }])
    expect((await api('POST', `/api/meetings/${m.id}/items/${item}/speak`, { token: wang, body: { topic: '没报名也想说' } })).status).toBe(403)

    const code = m.checkinCode as string
    const tooEarly = await api('POST', `/api/meetings/${m.id}/checkin`, { token: p.token, body: { code } })
    expect(tooEarly.status).toBe(409)
    vi.setSystemTime(sh(MEETING_DAY, '13:00'))
    const wrong = await api('POST', `/api/meetings/${m.id}/checkin`, { token: p.token, body: { code: code === '000000' ? '111111' : '000000' } })
    expect(wrong.status).toBe(400)
    const ok = await api('POST', `/api/meetings/${m.id}/checkin`, { token: p.token, body: { code: ` ${code.slice(0, 3)} ${code.slice(3)} ` } })
    expect(ok.body.meeting.my.checkedIn).toBe(true)
    const unregistered = await api('POST', `/api/meetings/${m.id}/checkin`, { token: wang, body: { code } })
    expect(unregistered.status).toBe(403)
    vi.setSystemTime(sh(MEETING_DAY, '14:05'))
    expect((await api('POST', `/api/meetings/${m.id}/items/${item}/speak`, { token: p.token, body: { topic: '会上补充' } })).status).toBe(409)
    vi.setSystemTime(sh(MEETING_DAY, '16:01'))
    expect((await api('POST', `/api/meetings/${m.id}/checkin`, { token: p.token, body: { code } })).status).toBe(409)
  })

  it('publishes minutes and a resolution that adopts the linked suggestion, on its timeline and to its followers', async () => {
    const m = await createMeeting(committee, {
      roomId: undefined, address: '居委会', type: 'council', title: '十二月议事会',
      agenda: [{ title: '槐树弄飞线整治', suggestionId: 'sg-demo-cables' }, { title: '其他事项' }],
    })
    const [cables, other] = m.agenda
    expect(cables.suggestion).toMatchObject({ id: 'sg-demo-cables', status: 'accepted', statusLabel: '已受理' })
    const early = await api('POST', `/api/meetings/${m.id}/items/${cables.id}/resolution`, { token: committee, body: { decision: '同意整治飞线', owner: '居委会' } })
    expect(early.status).toBe(409)

    vi.setSystemTime(sh(MEETING_DAY, '16:30'))
    const halfVotes = await api('POST', `/api/meetings/${m.id}/items/${cables.id}/resolution`, { token: committee, body: { decision: '同意整治飞线', owner: '居委会', votesFor: 12 } })
    expect(halfVotes.status).toBe(400)
    const wrongMove = await api('POST', `/api/meetings/${m.id}/items/${other.id}/resolution`, { token: committee, body: { decision: '其他事项另议', owner: '居委会', suggestionMove: 'adopt' } })
    expect(wrongMove.status).toBe(400)
    const resolution = {
      decision: '同意统一整理飞线入管，费用由街道微更新资金承担', votesFor: 15, votesAgainst: 1, votesAbstain: 2, owner: '居委会 赵主任', dueDate: '2027-01-31', suggestionMove: 'adopt',
    }
    const published = await api('POST', `/api/meetings/${m.id}/items/${cables.id}/resolution`, { token: committee, body: resolution })
    expect(published.status, JSON.stringify(published.body)).toBe(200)
    expect((await api('POST', `/api/meetings/${m.id}/items/${cables.id}/resolution`, { token: committee, body: resolution })).status).toBe(409)

    const suggestion = await api('GET', '/api/suggestions/sg-demo-cables', { token: wang })
    expect(suggestion.body.status).toBe('adopted')
    expect(suggestion.body.timeline.find((e: any) => e.kind === 'meeting_agenda' && e.body.includes('十二月议事会'))).toMatchObject({ kindLabel: '列入议事会议程' })
    const event = suggestion.body.timeline.find((e: any) => e.kind === 'adopted')
    expect(event.body).toContain('十二月议事会')
    expect(event.body).toContain('赞成 15，反对 1，弃权 2')
    expect(event.actorLabel).toContain('议事会')
    const caseFile = await api('GET', '/api/suggestions/sg-demo-cables/meetings')
    expect(caseFile.body.items.find((i: any) => i.meetingId === m.id)).toMatchObject({ meetingId: m.id, itemTitle: '槐树弄飞线整治', resolution: { votesFor: 15, owner: '居委会 赵主任', suggestionMove: 'adopt' } })
    // The author (resident-zhang) and the supporter (resident-wang) are told.
    const toldAuthor = (await inbox(await login('resident-zhang')))[0]!
    expect(toldAuthor).toMatchObject({ kind: 'suggestion.adopted', title: '金点子答复：采纳', link: '/packages/ideas/pages/detail/index?id=sg-demo-cables' })
    expect(toldAuthor.body).toContain('十二月议事会')
    expect((await inbox(wang)).some((n) => n.kind === 'suggestion.adopted')).toBe(true)

    const draftMinutes = await api('PUT', `/api/meetings/${m.id}/minutes`, { token: committee, body: { minutes: '到会居民 18 人。讨论了飞线整治，同意整理入管。', publish: false } })
    expect(draftMinutes.status).toBe(200)
    expect((await api('GET', `/api/meetings/${m.id}`)).body.minutes).toBeNull()
    await api('PUT', `/api/meetings/${m.id}/minutes`, { token: committee, body: { minutes: '到会居民 18 人。讨论了飞线整治，同意整理入管。', publish: true } })
    const read = await api('GET', `/api/meetings/${m.id}`)
    expect(read.body).toMatchObject({ minutesPublished: true, minutes: '到会居民 18 人。讨论了飞线整治，同意整理入管。' })
    expect(read.body.agenda[0].resolution).toMatchObject({ decision: resolution.decision, dueDate: '2027-01-31' })
    const past = await api('GET', `/api/communities/${COMMUNITY}/meetings?when=past`)
    expect(past.body.items.map((x: any) => x.id)).toContain(m.id)
  })

  it('records a resolution on a linked convention on its timeline', async () => {
    const conventionId = (await dbRows<{ id: string }>("SELECT id FROM conventions WHERE community_id = ? AND status <> 'draft' LIMIT 1", COMMUNITY))[0]?.id
    if (!conventionId) {
      const drafted = await api('POST', `/api/communities/${COMMUNITY}/conventions`, {
        token: committee, body: { title: '楼道堆物公约', preamble: '为了楼道通行安全。', articles: ['楼道内不得堆放杂物。'], scope: { type: 'community', ids: [] } },
      })
      expect(drafted.status, JSON.stringify(drafted.body)).toBe(201)
      const opened = await api('POST', `/api/conventions/${drafted.body.id}/consultation`, { token: committee, body: { endsAt: NOW + 10 * 24 * HOUR } })
      expect(opened.status, JSON.stringify(opened.body)).toBe(200)
    }
    const cid = conventionId ?? (await dbRows<{ id: string }>("SELECT id FROM conventions WHERE community_id = ? AND status <> 'draft' LIMIT 1", COMMUNITY))[0]!.id
    const m = await createMeeting(committee, { roomId: undefined, address: '居委会', agenda: [{ title: '公约征求意见', conventionId: cid }] })
    vi.setSystemTime(sh(MEETING_DAY, '15:00'))
    const r = await api('POST', `/api/meetings/${m.id}/items/${m.agenda[0].id}/resolution`, { token: committee, body: { decision: '建议修改第一条后付诸表决', owner: '议事会' } })
    expect(r.status).toBe(200)
    expect(await dbRows('SELECT kind, actor_role FROM convention_events WHERE convention_id = ? AND kind = ?', cid, 'meeting_resolution')).toEqual([{ kind: 'meeting_resolution', actor_role: 'committee' }])
  })

  it('collects 评议会 ratings from residents present and adds them to the suggestion’s 民事民评', async () => {
    const m = await createMeeting(committee, {
      type: 'evaluation', title: '路灯工程评议会', roomId: undefined, address: '居委会', agenda: [{ title: '青石巷路灯', suggestionId: 'sg-demo-lights' }],
    })
    // Not an evaluation meeting: no ratings (created now, asked after the start below).
    const council = await createMeeting(committee, { roomId: undefined, address: '居委会' })
    const [present, absent] = await Promise.all([verifiedResident('rate-present'), verifiedResident('rate-absent')])
    for (const p of [present, absent]) await api('POST', `/api/meetings/${m.id}/registration`, { token: p.token })
    const before = (await dbRows<{ rating_count: number; completion_round: number }>("SELECT rating_count, completion_round FROM suggestions WHERE id = 'sg-demo-lights'"))[0]!
    vi.setSystemTime(sh(MEETING_DAY, '14:10'))
    await api('POST', `/api/meetings/${m.id}/checkin`, { token: present.token, body: { code: m.checkinCode } })
    const item = m.agenda[0].id
    expect((await api('POST', `/api/meetings/${m.id}/items/${item}/rating`, { token: absent.token, body: { stars: 1 } })).status).toBe(403)
    expect((await api('POST', `/api/meetings/${m.id}/items/${item}/rating`, { token: present.token, body: { stars: 6 } })).status).toBe(400)
    expect((await api('POST', `/api/meetings/${m.id}/items/${item}/rating`, { token: present.token, body: { stars: 4 } })).status).toBe(200)
    expect((await api('POST', `/api/meetings/${m.id}/items/${item}/rating`, { token: present.token, body: { stars: 5 } })).status).toBe(200)
    const after = (await dbRows<{ rating_count: number }>("SELECT rating_count FROM suggestions WHERE id = 'sg-demo-lights'"))[0]!
    expect(after.rating_count).toBe(before.rating_count + 1)
    expect(await dbRows("SELECT stars, round FROM suggestion_ratings WHERE suggestion_id = 'sg-demo-lights' AND user_id = ?", present.userId))
      .toEqual([{ stars: 5, round: before.completion_round }])
    const detail = await api('GET', `/api/meetings/${m.id}`, { token: present.token })
    expect(detail.body.agenda[0].rating).toEqual({ count: 1, average: 5, mine: 5 })
    expect((await api('POST', `/api/meetings/${council.id}/items/${council.agenda[0].id}/rating`, { token: present.token, body: { stars: 3 } })).status).toBe(409)
  })

  it('lists attendance for organisers (audited), exports it as CSV with a BOM, and takes walk-ins', async () => {
    const m = await createMeeting(committee, { roomId: undefined, address: '居委会', title: '名单测试会' })
    const p = await verifiedResident('csv')
    await api('POST', `/api/meetings/${m.id}/registration`, { token: p.token })
    expect((await api('POST', `/api/meetings/${m.id}/walk-ins`, { token: committee, body: { name: '李阿姨', note: '3号楼' } })).status).toBe(409)
    vi.setSystemTime(sh(MEETING_DAY, '13:50'))
    expect((await api('POST', `/api/meetings/${m.id}/walk-ins`, { token: committee, body: { name: '李阿姨', note: '3号楼' } })).status).toBe(200)
    expect((await api('POST', `/api/meetings/${m.id}/walk-ins`, { token: committee, body: { name: '报名者', userId: p.userId } })).status).toBe(200)
    const list = await api('GET', `/api/meetings/${m.id}/attendance`, { token: committee })
    expect(list.body.counts).toEqual({ confirmed: 1, waitlisted: 0, checkedIn: 1, walkIns: 1 })
    expect(list.body.walkIns[0]).toMatchObject({ name: '李阿姨', note: '3号楼' })
    expect(await dbCount("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'meeting.view_attendance' AND target_id = ?", m.id)).toBe(1)
    expect((await api('GET', `/api/meetings/${m.id}/attendance`, { token: p.token })).status).toBe(403)
    expect((await api('GET', `/api/meetings/${m.id}/attendance`, { token: staffOther })).status).toBe(403)

    const response = await fetchWorker(new Request(`http://linli.test/api/meetings/${m.id}/attendance.csv`, { headers: { authorization: `Bearer ${committee}` } }))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text.split('\r\n')[0]).toBe('"序号","类型","昵称","姓名","楼栋","报名状态","报名时间","候补转正时间","签到时间","备注"')
    expect(text).toContain('"现场登记","","李阿姨"')
    expect(text).toContain('"正式报名"')
  })

  it('cancels a meeting: frees the room, tells everyone registered, stops sign-ups', async () => {
    const m = await createMeeting(committee, { startsAt: sh('2026-12-06', '09:00'), endsAt: sh('2026-12-06', '10:00'), agenda: [{ title: '长椅选址', suggestionId: 'sg-demo-bench' }] })
    const p = await verifiedResident('cancel')
    await api('POST', `/api/meetings/${m.id}/registration`, { token: p.token })
    const noReason = await api('POST', `/api/meetings/${m.id}/cancel`, { token: committee, body: { reason: '' } })
    expect(noReason.status).toBe(400)
    const cancelled = await api('POST', `/api/meetings/${m.id}/cancel`, { token: committee, body: { reason: '主讲单位临时有事，改期另行通知' } })
    expect(cancelled.body).toMatchObject({ status: 'cancelled', signup: 'cancelled', cancelReason: '主讲单位临时有事，改期另行通知' })
    expect(await dbCount('SELECT COUNT(*) AS n FROM booking_slots s JOIN meetings m ON m.booking_id = s.booking_id WHERE m.id = ?', m.id)).toBe(0)
    expect((await inbox(p.token))[0]).toMatchObject({ kind: 'meeting.cancelled' })
    expect((await inbox(p.token))[0]!.body).toContain('主讲单位临时有事')
    const q = await verifiedResident('cancel-late')
    expect((await api('POST', `/api/meetings/${m.id}/registration`, { token: q.token })).status).toBe(409)
    // The freed slot can be booked by a resident again.
    const booked = await api('POST', '/api/bookings', { token: q.token, body: { roomId: 'rm-council', startsAt: sh('2026-12-06', '09:00'), endsAt: sh('2026-12-06', '10:00'), purpose: '读书会', headcount: 5 } })
    expect(booked.status, JSON.stringify(booked.body)).toBe(201)
    expect((await api('POST', `/api/meetings/${m.id}/cancel`, { token: committee, body: { reason: '再取消一次' } })).status).toBe(409)
    const timeline = (await api('GET', '/api/suggestions/sg-demo-bench')).body.timeline as { kind: string; kindLabel: string; body: string }[]
    expect(timeline.find((e) => e.kind === 'meeting_cancelled')).toMatchObject({ kindLabel: '议事会取消' })
    expect(timeline.find((e) => e.kind === 'meeting_cancelled')!.body).toContain('主讲单位临时有事')
  })

  it('keeps the inbox private and marks read', async () => {
    const p = await verifiedResident('inbox')
    const m = await createMeeting(committee, { audience: 'invited', roomId: undefined, address: '居委会' }, { publish: false })
    await api('POST', `/api/meetings/${m.id}/invitations`, { token: committee, body: { userIds: [p.userId] } })
    await api('POST', `/api/meetings/${m.id}/publish`, { token: committee })
    const [n] = await inbox(p.token)
    expect((await api('POST', `/api/me/inbox/${n!.id}/read`, { token: wang })).status).toBe(404)
    expect((await api('POST', `/api/me/inbox/${n!.id}/read`)).status).toBe(401)
    expect((await api('POST', `/api/me/inbox/${n!.id}/read`, { token: p.token })).status).toBe(200)
    expect((await api('GET', '/api/me/inbox/unread-count', { token: p.token })).body).toEqual({ unread: 0 })
    expect((await api('GET', '/api/me/inbox?unread=1', { token: p.token })).body.items).toEqual([])
    expect((await api('GET', '/api/me/inbox')).status).toBe(401)
    expect(MINUTE).toBe(60_000)
  })

  it('exports my meetings with my data, and deleting my account gives my seat to the waitlist', async () => {
    const m = await createMeeting(committee, { capacity: 1, roomId: undefined, address: '居委会', title: '注销测试会' })
    const [leaving, waiting] = await Promise.all([verifiedResident('gdpr-leave'), verifiedResident('gdpr-wait')])
    await api('POST', `/api/meetings/${m.id}/registration`, { token: leaving.token })
    await api('POST', `/api/meetings/${m.id}/registration`, { token: waiting.token })
    await api('POST', `/api/meetings/${m.id}/items/${m.agenda[0].id}/speak`, { token: leaving.token, body: { topic: '我要发言' } })
    const exported = await api('GET', '/api/me/export', { token: leaving.token })
    expect(exported.body.meetings.registrations).toEqual([expect.objectContaining({ meetingId: m.id, status: 'confirmed' })])
    expect(exported.body.meetings.speakRequests).toEqual([expect.objectContaining({ topic: '我要发言' })])
    expect((await api('DELETE', '/api/me', { token: leaving.token })).status).toBe(200)
    expect(await dbRows('SELECT status FROM meeting_registrations WHERE meeting_id = ? AND user_id = ?', m.id, leaving.userId)).toEqual([{ status: 'cancelled' }])
    expect(await dbCount('SELECT COUNT(*) AS n FROM meeting_speak_requests WHERE user_id = ?', leaving.userId)).toBe(0)
    expect((await api('GET', `/api/meetings/${m.id}`, { token: waiting.token })).body.my.status).toBe('confirmed')
  })

  it('holds a meeting’s room past the no-show grace, and marks it used when people check in', async () => {
    const m = await createMeeting(committee, { startsAt: sh('2026-12-07', '09:00'), endsAt: sh('2026-12-07', '10:00') })
    const p = await verifiedResident('room-used')
    await api('POST', `/api/meetings/${m.id}/registration`, { token: p.token })
    const bookingOf = async () => (await dbRows<{ status: string }>('SELECT b.status FROM bookings b JOIN meetings m ON m.booking_id = b.id WHERE m.id = ?', m.id))[0]!.status
    vi.setSystemTime(sh('2026-12-07', '09:40'))
    await releaseNoShows(createDb(env.DB))
    expect(await bookingOf()).toBe('confirmed')
    await api('POST', `/api/meetings/${m.id}/checkin`, { token: p.token, body: { code: m.checkinCode } })
    expect(await bookingOf()).toBe('checked_in')
  })

  it('lists the 100 newest of many past meetings (more ids than D1 binds in one statement)', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => `('old-${i}', 'cm-huaishu', 'council', '往期议事会 ${i}', '', ${NOW - (i + 2) * 86_400_000}, ${NOW - (i + 2) * 86_400_000 + 3_600_000},
      NULL, NULL, '居委会', 30, 0, 1, 'residents', 'published', '123456', 'us-committee-wu', 0, 0)`)
    await env.DB.prepare(`INSERT INTO meetings (id, community_id, type, title, description, starts_at, ends_at, room_id, booking_id, address, capacity,
      signup_opens_at, signup_closes_at, audience, status, checkin_code, created_by, created_at, updated_at) VALUES ${rows.join(',')}`).run()
    const past = await api('GET', `/api/communities/${COMMUNITY}/meetings?when=past`, { token: wang })
    expect(past.status).toBe(200)
    expect(past.body.items).toHaveLength(100)
  })

  it('a meeting’s room counts against nobody’s quota and cannot be cancelled as a booking', async () => {
    const m = await createMeeting(committee, { roomId: 'rm-hall', capacity: 60, startsAt: sh('2026-12-02', '14:00'), endsAt: sh('2026-12-02', '20:00'), signupClosesAt: sh('2026-12-02', '12:00') })
    const bookingId = (await dbRows<{ booking_id: string }>('SELECT booking_id FROM meetings WHERE id = ?', m.id))[0]!.booking_id
    const cancel = await api('POST', `/api/bookings/${bookingId}/cancel`, { token: committee })
    expect(cancel.status).toBe(409)
    expect(cancel.body.error.message).toContain('会议占用的房间')
    // Six hours of meeting, yet the organiser may still book their own weekly six hours.
    const own = await api('POST', '/api/bookings', { token: committee, body: { roomId: 'rm-art', startsAt: sh('2026-12-04', '14:00'), endsAt: sh('2026-12-04', '18:00'), purpose: '书画小组', headcount: 6 } })
    expect(own.status, JSON.stringify(own.body)).toBe(201)
  })

  it('reminds confirmed registrants once, within a day of the start', async () => {
    const m = await createMeeting(committee, { roomId: undefined, address: '居委会', title: '提醒测试会', capacity: 1 })
    const [seated, waiting] = await Promise.all([verifiedResident('remind-seat'), verifiedResident('remind-wait')])
    await api('POST', `/api/meetings/${m.id}/registration`, { token: seated.token })
    await api('POST', `/api/meetings/${m.id}/registration`, { token: waiting.token })
    const reminders = () => dbRows<{ user_id: string }>("SELECT user_id FROM notifications WHERE kind = 'meeting.reminder' AND link LIKE ?", `%${m.id}`)
    await remindUpcomingMeetings(createDb(env.DB))
    expect(await reminders()).toEqual([]) // two days ahead: not yet
    vi.setSystemTime(sh(MEETING_DAY, '09:00'))
    await remindUpcomingMeetings(createDb(env.DB))
    await remindUpcomingMeetings(createDb(env.DB))
    expect(await reminders()).toEqual([{ user_id: seated.userId }])
  })

  it('a blackout does not silently cancel a meeting’s room: the manager is asked to have it moved first', async () => {
    const m = await createMeeting(committee, { startsAt: sh('2026-12-08', '14:00'), endsAt: sh('2026-12-08', '15:00'), signupClosesAt: sh('2026-12-08', '12:00') })
    const manager = await login('centre-qian')
    const blackout = { roomId: 'rm-council', startsAt: sh('2026-12-08', '08:30'), endsAt: sh('2026-12-08', '21:00'), kind: 'maintenance', reason: '更换空调', confirm: true }
    const refused = await api('POST', '/api/centres/ct-qingwu/blackouts', { token: manager, body: blackout })
    expect(refused.status).toBe(409)
    expect(refused.body.error.message).toContain('青石巷停车听证会')
    expect(await dbRows('SELECT b.status FROM bookings b JOIN meetings m ON m.booking_id = b.id WHERE m.id = ?', m.id)).toEqual([{ status: 'confirmed' }])
    expect(await dbCount("SELECT COUNT(*) AS n FROM blackouts WHERE reason LIKE '%更换空调%'")).toBe(0)
    // Once the meeting has moved elsewhere, the blackout goes ahead.
    await api('POST', `/api/meetings/${m.id}/cancel`, { token: committee, body: { reason: '议事厅检修，改期另行通知' } })
    expect((await api('POST', '/api/centres/ct-qingwu/blackouts', { token: manager, body: blackout })).body.created).toBe(true)
  })
})
