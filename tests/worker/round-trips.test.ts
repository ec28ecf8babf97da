import { beforeAll, describe, expect, it } from 'vitest'
import { ROUND_TRIPS_HEADER } from '../../worker/lib/db'
import { DAY, HOUR, shanghaiDate, shanghaiMidnight } from '../../worker/lib/time'
import { client, send, succeeded } from './client'
import { DEMO, demoSessions, seedDemo } from './helpers'

// SQL round trips per request on the hot endpoints (issue 18), as the app counts them
// (worker/lib/db.ts, x-sql-round-trips in development), on both runtimes. A read is one batch:
// a signed-in one carries its session along (guessed from the token's last request and proved
// in the batch, decision 024; every token here has been seen at its login); a write is the
// session (which also counts the write limit), one batch of reads, and its write batch with its
// answer (decision 021). A change that adds a query to one of these fails here: gather it into
// the batch.

// One more, pinned where they are so that they only go down. A 微规约 in voting, and 首页 while a
// vote runs: where she stands on the roll comes with the page's batch, but whether her ballots
// are in needs her ballot keys, which only the worker can compute from it (decision 006).
// A booking, made or refused: the session, its reads with the content check's context, and the
// write with its answer — the booking made, or why not (read at the end of the same batch).
const BOOKING_TRIPS = { booked: 3, refused: 3 }
const HOME_WITH_A_VOTE = 2
const CONVENTION_TRIPS = { visitor: 1, resident: 2 }

const demo = demoSessions()
const tripsOf = (res: { headers: Headers }) => {
  const header = res.headers.get(ROUND_TRIPS_HEADER)
  expect(header, 'the app answers its round trips in development').not.toBeNull()
  return Number(header)
}

beforeAll(seedDemo)

describe('SQL round trips of the hot endpoints', () => {
  it('金点子 lists (each sort and filter) and search: 1, signed in or not', async () => {
    const wang = await demo('resident-wang')
    for (const query of [
      { sort: 'new' },
      { sort: 'support' },
      { sort: 'updated' },
      { status: 'adopted' },
      { category: 'lighting' },
      { alleyId: 'al-huaishu-2' },
      { overdue: 'true' },
      { q: '路灯' },
      { q: '青石巷', category: 'lighting' },
      { q: '灯' },
    ] as const) {
      for (const [token, trips] of [
        [undefined, 1],
        [wang, 1],
      ] as const) {
        const res = await send(
          client(token).communities[':id'].suggestions.$get({
            param: { id: DEMO.communities.huaishu },
            query,
          }),
        )
        expect(res.status).toBe(200)
        expect(tripsOf(res), JSON.stringify(query)).toBe(trips)
      }
    }
  })

  it('金点子 detail: 1 for a visitor, the author, a resident, staff (their read marks in the same batch)', async () => {
    for (const [who, trips] of [
      [null, 1],
      ['resident-wang', 1],
      ['resident-zhang', 1],
      ['staff-zhao', 1],
      ['planner-zhou', 1],
    ] as const) {
      const token = who ? await demo(who) : undefined
      const res = await send(
        client(token).suggestions[':id'].$get({ param: { id: 'sg-demo-lights' } }),
      )
      expect(res.status).toBe(200)
      expect(tripsOf(res), who ?? 'visitor').toBe(trips)
    }
  })

  it('金点子 comments: 1, signed in or not', async () => {
    for (const [who, trips] of [
      [null, 1],
      ['resident-wang', 1],
      ['staff-zhao', 1],
    ] as const) {
      const token = who ? await demo(who) : undefined
      const res = await send(
        client(token).suggestions[':id'].comments.$get({ param: { id: 'sg-demo-lights' } }),
      )
      expect(res.status).toBe(200)
      expect(tripsOf(res), who ?? 'visitor').toBe(trips)
    }
  })

  it('POST and DELETE support: 3 (session, reads, the write with its answer)', async () => {
    const li = await demo('resident-li')
    const id = { param: { id: 'sg-demo-bench' } }
    const supported = await send(client(li).suggestions[':id'].support.$post(id))
    expect(supported.status).toBe(200)
    expect(tripsOf(supported)).toBe(3)
    const withdrawn = await send(client(li).suggestions[':id'].support.$delete(id))
    expect(withdrawn.status).toBe(200)
    expect(tripsOf(withdrawn)).toBe(3)
  })

  it('meetings list and meeting detail: 1, signed in or not', async () => {
    const zhang = await demo('resident-zhang')
    for (const [token, trips] of [
      [undefined, 1],
      [zhang, 1],
    ] as const) {
      for (const when of ['upcoming', 'past'] as const) {
        const list = await send(
          client(token).communities[':id'].meetings.$get({
            param: { id: DEMO.communities.huaishu },
            query: { when },
          }),
        )
        expect(list.status).toBe(200)
        expect(tripsOf(list), when).toBe(trips)
      }
      const detail = await send(
        client(token).meetings[':id'].$get({ param: { id: 'mt-demo-council' } }),
      )
      expect(detail.status).toBe(200)
      expect(tripsOf(detail)).toBe(trips)
    }
    const drafts = await send(
      client(await demo('committee-wu')).communities[':id'].meetings.$get({
        param: { id: DEMO.communities.huaishu },
        query: { when: 'drafts' },
      }),
    )
    expect(drafts.status).toBe(200)
    expect(tripsOf(drafts)).toBe(1)
  })

  it('meeting sign-up: 3 (session, reads, the sign-up with its answer)', async () => {
    const wang = await demo('resident-wang')
    const param = { param: { id: 'mt-demo-council' } }
    const signedUp = await send(client(wang).meetings[':id'].registration.$post(param))
    expect(signedUp.status).toBe(200)
    expect(tripsOf(signedUp)).toBe(3)
    const { meeting } = succeeded(signedUp).body
    expect(meeting.my?.status).toBe('confirmed')
    expect(meeting.confirmedCount).toBe(2)
    const cancelled = await send(client(wang).meetings[':id'].registration.$delete(param))
    expect(cancelled.status).toBe(200)
  })

  it('a room day and "this time, any room": 1, signed in or not', async () => {
    const date = shanghaiDate(Date.now() + 2 * DAY)
    for (const [token, trips] of [
      [undefined, 1],
      [await demo('resident-wang'), 1],
    ] as const) {
      const day = await send(
        client(token).rooms[':id'].day.$get({ param: { id: 'rm-art' }, query: { date } }),
      )
      expect(day.status).toBe(200)
      expect(tripsOf(day)).toBe(trips)
      const free = await send(
        client(token).centres[':id']['free-rooms'].$get({
          param: { id: DEMO.centreId },
          query: { date, start: '15:00', end: '16:00', headcount: '4' },
        }),
      )
      expect(free.status).toBe(200)
      expect(tripsOf(free)).toBe(trips)
    }
  })

  it('POST booking: booked and refused', async () => {
    const date = shanghaiDate(Date.now() + 3 * DAY)
    const at = (hour: number) => shanghaiMidnight(date) + hour * HOUR
    const booking = (hour: number) => ({
      roomId: 'rm-art',
      startsAt: at(hour),
      endsAt: at(hour + 1),
      purpose: '书法',
      headcount: 4,
    })
    // The first text check of a process compiles the street's word list (one more trip, once).
    const [wang, li, zhang] = await Promise.all(
      ['resident-wang', 'resident-li', 'resident-zhang'].map((key) => demo(key)),
    )
    expect((await send(client(zhang).bookings.$post({ json: booking(14) }))).status).toBe(201)
    const booked = await send(client(wang).bookings.$post({ json: booking(10) }))
    expect(booked.status).toBe(201)
    expect(tripsOf(booked)).toBe(BOOKING_TRIPS.booked)
    const refused = await send(client(li).bookings.$post({ json: booking(10) }))
    expect(refused.status).toBe(409)
    expect(tripsOf(refused)).toBe(BOOKING_TRIPS.refused)
  })

  it('inbox and its unread count: 1', async () => {
    const zhang = await demo('resident-zhang')
    expect(tripsOf(await send(client(zhang).me.inbox.$get({ query: {} })))).toBe(1)
    expect(tripsOf(await send(client(zhang).me.inbox['unread-count'].$get()))).toBe(1)
  })

  it('首页: 1, and 1 more while a vote she may cast is running (the ballot keys)', async () => {
    // The running vote and her entries on its roll come with the home's batch; whether her
    // ballots are in is asked with her ballot keys (computed in the worker, with the secret).
    expect(tripsOf(await send(client(await demo('staff-sun')).me.home.$get({ query: {} })))).toBe(1)
    expect(
      tripsOf(await send(client(await demo('resident-zhang')).me.home.$get({ query: {} }))),
    ).toBe(HOME_WITH_A_VOTE)
  })

  it('a 微规约 in voting: 1 for a visitor; for a voter the batch, then her ballots', async () => {
    for (const [who, trips] of [
      [null, CONVENTION_TRIPS.visitor],
      ['resident-zhang', CONVENTION_TRIPS.resident],
    ] as const) {
      const res = await send(
        client(who ? await demo(who) : undefined).conventions[':id'].$get({
          param: { id: 'cv-demo-parking' },
        }),
      )
      expect(res.status).toBe(200)
      expect(tripsOf(res), who ?? 'visitor').toBe(trips)
    }
  })
})
