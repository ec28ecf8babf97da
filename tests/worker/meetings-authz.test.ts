import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { tinyJpeg } from './suggestion-helpers'
import {
  COMMUNITY,
  createMeeting,
  dbRows,
  demoSessions,
  fetchWorker,
  freezeClock,
  meetingBody,
  MEETING_DAY,
  NOW,
  readJson,
  resetRateLimits,
  seedDemo,
  sh,
  verifiedResident,
  type Res,
} from './meeting-helpers'
import { client, rawRequest, send } from './client'

// Who may do what on every meetings and inbox route: the organiser (议事会 member), a resident
// of the community, staff of another community (枫桥), and anonymous. Drafts answer 404 to
// anyone who may not see them, before any other check.

const login = demoSessions()
type Actor = 'organiser' | 'resident' | 'otherStaff' | 'anonymous'
const ACTORS: Actor[] = ['organiser', 'resident', 'otherStaff', 'anonymous']

function uploadPhoto(token: string | null, meetingId: string): Promise<Res> {
  const form = new FormData()
  form.set('file', new Blob([tinyJpeg()], { type: 'image/jpeg' }), 'minutes.jpg')
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
  return fetchWorker(
    new Request(`http://linli.test/api/meetings/${meetingId}/photos`, {
      method: 'POST',
      headers,
      body: form,
    }),
  ).then(readJson)
}

describe('meetings authorization', () => {
  const tokens = {} as Record<Actor, string | null>
  let residentId: string
  beforeAll(async () => {
    await seedDemo()
    freezeClock()
    const resident = await verifiedResident('authz')
    residentId = resident.userId
    Object.assign(tokens, {
      organiser: await login('committee-wu'),
      resident: resident.token,
      otherStaff: await login('staff-sun'),
      anonymous: null,
    })
  })
  beforeEach(async () => {
    await resetRateLimits()
    vi.setSystemTime(NOW)
  })

  /** Calls the route as each actor (in `order`: the organiser last when their call consumes the target). */
  const expectStatuses = async (
    call: (token: string | null) => Promise<Res>,
    expected: Record<Actor, number>,
    order = ACTORS,
  ) => {
    const got = {} as Record<Actor, number>
    for (const actor of order) got[actor] = (await call(tokens[actor])).status
    expect(got).toEqual(expected)
  }

  it('community routes: create, drafts, agenda candidates', async () => {
    await expectStatuses(
      (token) =>
        send(
          client(token).communities[':id'].meetings.$post({
            param: { id: COMMUNITY },
            json: meetingBody({ roomId: undefined, address: '居委会' }),
          }),
        ),
      { organiser: 201, resident: 403, otherStaff: 403, anonymous: 401 },
    )
    await expectStatuses(
      (token) =>
        send(
          client(token).communities[':id'].meetings.$get({
            param: { id: COMMUNITY },
            query: { when: 'drafts' },
          }),
        ),
      { organiser: 200, resident: 403, otherStaff: 403, anonymous: 401 },
    )
    await expectStatuses(
      (token) =>
        send(
          client(token).communities[':id'].meetings['agenda-candidates'].$get({
            param: { id: COMMUNITY },
          }),
        ),
      { organiser: 200, resident: 403, otherStaff: 403, anonymous: 401 },
    )
    await expectStatuses(
      (token) =>
        send(
          client(token).communities[':id'].meetings.$get({ param: { id: COMMUNITY }, query: {} }),
        ),
      { organiser: 200, resident: 200, otherStaff: 200, anonymous: 200 },
    )
  })

  it('a draft is invisible to everyone but the organisers, on every route', async () => {
    const draft = await createMeeting(
      tokens.organiser!,
      { roomId: undefined, address: '居委会' },
      { publish: false },
    )
    const item = draft.agenda[0]!.id
    const hidden = { organiser: 200, resident: 404, otherStaff: 404, anonymous: 404 }
    await expectStatuses(
      (token) => send(client(token).meetings[':id'].$get({ param: { id: draft.id } })),
      hidden,
    )
    await expectStatuses(
      (token) =>
        send(client(token).meetings[':id'].registration.$post({ param: { id: draft.id } })),
      { ...hidden, organiser: 404, anonymous: 401 },
    )
    await expectStatuses(
      (token) =>
        send(
          client(token).meetings[':id'].items[':itemId'].speak.$post({
            param: { id: draft.id, itemId: item },
            json: { topic: '草稿上发言' },
          }),
        ),
      { organiser: 409, resident: 404, otherStaff: 404, anonymous: 401 },
    )
  })

  it('organiser routes on a published meeting', async () => {
    const m = await createMeeting(tokens.organiser!, { roomId: undefined, address: '居委会' })
    const agenda = m.agenda.map((i) => ({ id: i.id, title: i.title, description: i.description }))
    const organiserOnly = { organiser: 200, resident: 403, otherStaff: 403, anonymous: 401 }
    await expectStatuses(
      (token) =>
        send(
          client(token).meetings[':id'].$put({
            param: { id: m.id },
            json: meetingBody({ roomId: undefined, address: '居委会', agenda }),
          }),
        ),
      organiserOnly,
    )
    await expectStatuses(
      (token) =>
        send(
          client(token).meetings[':id'].invitations.$post({
            param: { id: m.id },
            json: { userIds: [residentId] },
          }),
        ),
      organiserOnly,
    )
    await expectStatuses(
      (token) => send(client(token).meetings[':id'].attendance.$get({ param: { id: m.id } })),
      organiserOnly,
    )
    await expectStatuses(
      (token) =>
        send(
          client(token).meetings[':id'].invitees.$get({
            param: { id: m.id },
            query: { q: '梧桐' },
          }),
        ),
      organiserOnly,
    )
    await expectStatuses(
      (token) =>
        send(client(token).meetings[':id']['attendance.csv'].$get({ param: { id: m.id } })),
      organiserOnly,
    )
    await expectStatuses((token) => uploadPhoto(token, m.id), { ...organiserOnly, organiser: 201 })
    vi.setSystemTime(sh(MEETING_DAY, '14:30'))
    await expectStatuses(
      (token) =>
        send(
          client(token).meetings[':id']['walk-ins'].$post({
            param: { id: m.id },
            json: { name: '王伯伯' },
          }),
        ),
      organiserOnly,
    )
    await expectStatuses(
      (token) =>
        send(
          client(token).meetings[':id'].minutes.$put({
            param: { id: m.id },
            json: { minutes: '会议纪要：讨论并通过了停车方案。', publish: false },
          }),
        ),
      organiserOnly,
    )
    // The resolution is published once: the organiser's call is the only one that gets that far.
    await expectStatuses(
      (token) =>
        send(
          client(token).meetings[':id'].items[':itemId'].resolution.$post({
            param: { id: m.id, itemId: agenda[0]!.id },
            json: { decision: '同意试行三个月', owner: '居委会' },
          }),
        ),
      organiserOnly,
    )
    await expectStatuses(
      (token) =>
        send(
          client(token).meetings[':id'].cancel.$post({
            param: { id: m.id },
            json: { reason: '测试取消权限' },
          }),
        ),
      organiserOnly,
    )
    await expectStatuses(
      (token) => send(client(token).meetings[':id'].publish.$post({ param: { id: m.id } })),
      { organiser: 409, resident: 403, otherStaff: 403, anonymous: 401 },
    )
  })

  it('photos: drafts of the minutes are the organisers’ until published; deleting is theirs', async () => {
    const m = await createMeeting(tokens.organiser!, { roomId: undefined, address: '居委会' })
    const photo = await uploadPhoto(tokens.organiser, m.id)
    const path = `/api/meeting-photos/${photo.body.id}`
    const get = (token: string | null) =>
      fetchWorker(
        new Request(`http://linli.test${path}`, {
          headers: token ? { authorization: `Bearer ${token}` } : {},
        }),
      ).then(readJson)
    await expectStatuses(get, { organiser: 200, resident: 404, otherStaff: 404, anonymous: 404 })
    // The signed URL the organiser got works without a session (for <Image>).
    expect((await fetchWorker(new Request(`http://linli.test${photo.body.url}`))).status).toBe(200)
    vi.setSystemTime(sh(MEETING_DAY, '16:30'))
    await send(
      client(tokens.organiser).meetings[':id'].minutes.$put({
        param: { id: m.id },
        json: { minutes: '会议纪要：一切顺利，附现场照片。', publish: true },
      }),
    )
    await expectStatuses(get, { organiser: 200, resident: 200, otherStaff: 200, anonymous: 200 })
    await expectStatuses(
      (token) => rawRequest('DELETE', path, { token }),
      { organiser: 200, resident: 403, otherStaff: 403, anonymous: 401 },
      ['resident', 'otherStaff', 'anonymous', 'organiser'],
    )
  })

  it('resident routes: sign-up, cancel, speak, check-in need a resident of the community', async () => {
    const m = await createMeeting(tokens.organiser!, { roomId: undefined, address: '居委会' })
    const item = m.agenda[0]!.id
    // committee-wu lives in 槐树社区 too, so the organiser may sign up like anyone.
    await expectStatuses(
      (token) => send(client(token).meetings[':id'].registration.$post({ param: { id: m.id } })),
      { organiser: 200, resident: 200, otherStaff: 403, anonymous: 401 },
    )
    await expectStatuses(
      (token) =>
        send(
          client(token).meetings[':id'].items[':itemId'].speak.$post({
            param: { id: m.id, itemId: item },
            json: { topic: '我想谈谈' },
          }),
        ),
      { organiser: 200, resident: 200, otherStaff: 403, anonymous: 401 },
    )
    await expectStatuses(
      (token) => send(client(token).meetings[':id'].registration.$delete({ param: { id: m.id } })),
      { organiser: 200, resident: 200, otherStaff: 409, anonymous: 401 },
    )
    await send(client(tokens.resident).meetings[':id'].registration.$post({ param: { id: m.id } }))
    vi.setSystemTime(sh(MEETING_DAY, '13:30'))
    await expectStatuses(
      (token) =>
        send(
          client(token).meetings[':id'].checkin.$post({
            param: { id: m.id },
            json: { code: m.checkinCode! },
          }),
        ),
      { organiser: 403, resident: 200, otherStaff: 403, anonymous: 401 },
    )
    // Another meeting's item through this meeting: not found.
    const other = await createMeeting(tokens.organiser!, {
      roomId: undefined,
      address: '居委会',
      startsAt: sh('2026-12-10', '14:00'),
      endsAt: sh('2026-12-10', '15:00'),
    })
    expect(
      (
        await send(
          client(tokens.resident).meetings[':id'].items[':itemId'].speak.$post({
            param: { id: m.id, itemId: other.agenda[0]!.id },
            json: { topic: '串门' },
          }),
        )
      ).status,
    ).toBe(404)
  })

  it('inbox: my notifications are mine alone; my meetings need a session', async () => {
    const m = await createMeeting(
      tokens.organiser!,
      { roomId: undefined, address: '居委会', audience: 'invited' },
      { publish: false },
    )
    await send(
      client(tokens.organiser).meetings[':id'].invitations.$post({
        param: { id: m.id },
        json: { userIds: [residentId] },
      }),
    )
    await send(client(tokens.organiser).meetings[':id'].publish.$post({ param: { id: m.id } }))
    const [note] = await dbRows<{ id: string }>(
      'SELECT id FROM notifications WHERE user_id = ? ORDER BY created_at DESC LIMIT 1',
      residentId,
    )
    await expectStatuses(
      (token) => send(client(token).me.inbox[':id'].read.$post({ param: { id: note!.id } })),
      { organiser: 404, resident: 200, otherStaff: 404, anonymous: 401 },
    )
    await expectStatuses((token) => send(client(token).me.inbox.$get({ query: {} })), {
      organiser: 200,
      resident: 200,
      otherStaff: 200,
      anonymous: 401,
    })
    await expectStatuses((token) => send(client(token).me.meetings.$get()), {
      organiser: 200,
      resident: 200,
      otherStaff: 200,
      anonymous: 401,
    })
  })

  it('a suggestion’s meetings follow the suggestion’s visibility', async () => {
    await expectStatuses(
      (token) =>
        send(client(token).suggestions[':id'].meetings.$get({ param: { id: 'sg-demo-cables' } })),
      { organiser: 200, resident: 200, otherStaff: 200, anonymous: 200 },
    )
    await expectStatuses(
      (token) => send(client(token).suggestions[':id'].meetings.$get({ param: { id: 'sg-nope' } })),
      { organiser: 404, resident: 404, otherStaff: 404, anonymous: 404 },
    )
  })

  it('keeps at most 12 photos per meeting, also when 16 uploads arrive at once', async () => {
    const m = await createMeeting(tokens.organiser!, { roomId: undefined, address: '居委会' })
    const results = await Promise.all(
      Array.from({ length: 16 }, () => uploadPhoto(tokens.organiser, m.id)),
    )
    expect(results.filter((r) => r.status === 201)).toHaveLength(12)
    expect(results.filter((r) => r.status !== 201).map((r) => r.body.error.message)).toEqual(
      Array(4).fill('每次会议最多 12 张照片'),
    )
    expect(
      (
        await dbRows<{ n: number }>(
          'SELECT COUNT(*) AS n FROM meeting_photos WHERE meeting_id = ?',
          m.id,
        )
      )[0]!.n,
    ).toBe(12)
  })
})
