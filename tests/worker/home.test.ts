import { beforeAll, describe, expect, it } from 'vitest'
import { DAY, HOUR } from '../../worker/lib/time'
import { insertBooking } from './booking-helpers'
import { client, expectStatus, send } from './client'
import { DEMO, dbRun, demoSessions, loginNew, seedDemo } from './helpers'

// 首页, "what needs me" (issue 12): GET /api/me/home in one request, its reads in one batch.

const demo = demoSessions()
const home = async (token: string, communityId?: string) =>
  expectStatus(
    await send(client(token).me.home.$get({ query: communityId ? { communityId } : {} })),
    200,
  )

beforeAll(seedDemo)

describe('GET /api/me/home', () => {
  it('refuses a visitor', async () => {
    expect((await send(client().me.home.$get({ query: {} }))).status).toBe(401)
  })

  it('shows a resident what needs her: the vote she has not cast, her meetings and bookings of the next days, news of her 金点子', async () => {
    const zhang = await demo('resident-zhang')
    const first = await home(zhang)
    expect(first.body.communityId).toBe(DEMO.communities.huaishu)
    expect(first.body.votes.map((v) => v.id)).toEqual(['cv-demo-parking'])
    expect(first.body.votes[0]!.closesAt).toBeGreaterThan(Date.now())
    expect(first.body.staff).toBeNull()
    expect(first.body.bookingsToApprove).toBeNull()

    // A council the day after tomorrow she signs up for, a booking tomorrow, an answer to her 金点子.
    const start = Date.now() + 2 * DAY
    await dbRun(
      `UPDATE meetings SET starts_at = ?, ends_at = ?, signup_opens_at = ?, signup_closes_at = ? WHERE id = 'mt-demo-council'`,
      start,
      start + 2 * HOUR,
      Date.now() - DAY,
      start - HOUR,
    )
    expectStatus(
      await send(
        client(zhang).meetings[':id'].registration.$post({ param: { id: 'mt-demo-council' } }),
      ),
      200,
    )
    const tomorrow = Date.now() + DAY
    const bookingId = await insertBooking({
      roomId: 'rm-art',
      userId: 'us-resident-zhang',
      startsAt: tomorrow,
      endsAt: tomorrow + HOUR,
      status: 'pending',
    })
    // A booking next month is not for the home.
    await insertBooking({
      roomId: 'rm-art',
      userId: 'us-resident-zhang',
      startsAt: tomorrow + 30 * DAY,
      endsAt: tomorrow + 30 * DAY + HOUR,
      status: 'confirmed',
    })
    await dbRun(
      `INSERT INTO notifications (id, user_id, kind, title, body, link, created_at)
       VALUES ('nt-home-1', 'us-resident-zhang', 'suggestion.adopted', '金点子答复：采纳', '“路灯”：采纳', '/packages/suggestions/pages/detail/index?id=x', ?),
              ('nt-home-2', 'us-resident-zhang', 'booking.approved', '预约已获批准', '…', NULL, ?)`,
      Date.now(),
      Date.now(),
    )

    const second = await home(zhang)
    expect(second.body.meetings).toEqual([
      {
        id: 'mt-demo-council',
        title: expect.any(String),
        startsAt: start,
        place: expect.any(String),
        waitlisted: false,
      },
    ])
    expect(second.body.bookings).toEqual([
      {
        id: bookingId,
        roomName: '书画室',
        startsAt: tomorrow,
        endsAt: tomorrow + HOUR,
        pending: true,
      },
    ])
    expect(second.body.news.unread).toBe(1)
    expect(second.body.news.items.map((n) => n.id)).toEqual(['nt-home-1'])
    // The session, the home's one batch, and the voting service's ballot check of the one running
    // vote (the convention, her households in its scope, her ballot key).
    expect(Number(second.headers.get('x-sql-round-trips'))).toBeLessThanOrEqual(5)

    // Voted: the vote no longer waits for her.
    expect(
      (
        await send(
          client(zhang).conventions[':id'].ballots.$post({
            param: { id: 'cv-demo-parking' },
            json: { option: 'yes' },
          }),
        )
      ).status,
    ).toBeLessThan(300)
    expect((await home(zhang)).body.votes).toEqual([])
  })

  it('shows staff the counts that wait for them, in their own community only', async () => {
    const zhao = await demo('staff-zhao')
    const mine = await home(zhao, DEMO.communities.huaishu)
    expect(mine.body.staff).toEqual({
      moderation: expect.any(Number),
      residencyRequests: expect.any(Number),
      answersDue: expect.any(Number),
      overdue: expect.any(Number),
    })
    const before = mine.body.staff!
    const asker = await loginNew('wx-home-asker')
    expectStatus(
      await send(
        client(asker.token).residency.requests.$post({
          json: {
            communityId: DEMO.communities.huaishu,
            buildingId: 'bd-wutong-3',
            unit: '1',
            room: '501',
            realName: '陈晓',
          },
        }),
      ),
      201,
    )
    expect((await home(zhao, DEMO.communities.huaishu)).body.staff).toEqual({
      ...before,
      residencyRequests: before.residencyRequests + 1,
    })
    // 枫桥社区's staff asking about 槐树社区: nothing of its work.
    const sun = await demo('staff-sun')
    expect((await home(sun, DEMO.communities.huaishu)).body.staff).toBeNull()
    expect((await home(sun, DEMO.communities.fengqiao)).body.staff).not.toBeNull()
    // The centre's manager sees the bookings waiting for approval; an admin of a community the
    // centre serves does not (she manages no centre unless granted, decision 020).
    const manager = await home(await demo('centre-qian'))
    expect(manager.body.bookingsToApprove).toBeGreaterThanOrEqual(1)
    expect((await home(zhao, DEMO.communities.huaishu)).body.bookingsToApprove).toBeNull()
  })

  it('someone without a community yet gets an empty home, not an error', async () => {
    const { token } = await loginNew('wx-home-new')
    const res = await home(token)
    expect(res.body).toEqual({
      communityId: null,
      votes: [],
      meetings: [],
      bookings: [],
      news: { unread: 0, items: [] },
      staff: null,
      bookingsToApprove: null,
    })
  })
})
