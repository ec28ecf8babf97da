// 议事会 under load: 2,000 meetings (with agendas and 100 registrations each: 200,000 rows) and
// 100,000 inbox notices, on both runtimes (the local Workers server on a private local D1; the
// Node server on a private SQLite file). Measures the meeting lists, a meeting's detail, sign-up
// (seat or waitlist decided in SQL) and the inbox, each against the bare Hono route of its
// runtime. Run: npm run bench (or tsx tests/load/bench-meetings.ts).
import { DAY, HOUR } from '../../worker/lib/time'
import { benchBothRuntimes, chunks, q, residentStatements, residentTokens } from './harness'

const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 2_000)
const PER_MEETING = 100
const USERS = 5_000
const NOTICES_PER_USER = 20
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)

function benchData(now: number): string[] {
  // Meetings every few hours walking back from 30 days ahead; the newest 20 are open for sign-up.
  const meetings: string[] = []
  const items: string[] = []
  const registrations: string[] = []
  for (let m = 0; m < MEETINGS; m++) {
    const start = now + 30 * DAY - m * 9 * HOUR
    const id = `bm-${m}`
    meetings.push(`(${q(id)}, 'cm-huaishu', ${q(['council', 'hearing', 'coordination', 'evaluation'][m % 4]!)}, ${q(`第 ${m} 次议事会`)}, '议事', ${start}, ${start + 2 * HOUR},
      NULL, NULL, '居委会会议室', ${m < 20 ? 1000000 : 80}, ${m < 20 ? now - DAY : start - 10 * DAY}, ${start - HOUR}, 'residents', 'published', '123456', ${start < now ? q('纪要') : 'NULL'},
      ${start < now ? start + DAY : 'NULL'}, 'us-committee-wu', ${start - 10 * DAY}, ${start - 11 * DAY}, ${start - 10 * DAY})`)
    for (let i = 0; i < 3; i++)
      items.push(`(${q(`${id}-i${i}`)}, ${q(id)}, ${i + 1}, ${q(`议题 ${i + 1}`)}, '')`)
    if (m >= 20) {
      for (let r = 0; r < PER_MEETING; r++) {
        registrations.push(
          `(${q(`${id}-r${r}`)}, ${q(id)}, ${q(`mu-${(m * 37 + r) % USERS}`)}, ${r + 1}, ${r < 80 ? "'confirmed'" : "'waitlisted'"}, ${start - 5 * DAY + r})`,
        )
      }
    }
  }
  const notices: string[] = []
  for (let u = 0; u < USERS; u++) {
    for (let n = 0; n < NOTICES_PER_USER; n++) {
      notices.push(
        `(${q(`bn-${u}-${n}`)}, ${q(`mu-${u}`)}, 'meeting.promoted', '候补转为正式报名', '您已从候补转为正式报名', NULL, ${now - n * HOUR}, ${n % 3 === 0 ? 'NULL' : now})`,
      )
    }
  }
  return [
    ...residentStatements('mu', USERS, () => 'hh-wutong-1-1-101'),
    ...chunks(
      meetings,
      `INSERT INTO meetings (id, community_id, type, title, description, starts_at, ends_at, room_id, booking_id, address, capacity,
      signup_opens_at, signup_closes_at, audience, status, checkin_code, minutes, minutes_published_at, created_by, published_at, created_at, updated_at)`,
      100,
    ),
    ...chunks(
      items,
      'INSERT INTO meeting_agenda_items (id, meeting_id, position, title, description)',
      400,
    ),
    ...chunks(
      registrations,
      'INSERT INTO meeting_registrations (id, meeting_id, user_id, seq, status, created_at)',
      400,
    ),
    ...chunks(
      notices,
      'INSERT INTO notifications (id, user_id, kind, title, body, link, created_at, read_at)',
      400,
    ),
  ]
}

async function main() {
  await benchBothRuntimes({
    title: `议事会 — ${MEETINGS} meetings, ${(MEETINGS - 20) * PER_MEETING} registrations, ${USERS * NOTICES_PER_USER} notices; ${SECONDS}s per endpoint, 10 connections`,
    port: 8796,
    seconds: SECONDS,
    seed: (runtime) => runtime.execute(benchData(Date.now())),
    targets: async (base) => {
      // Per runtime: the probe for round trips is the same first request on both.
      let n = 0
      const tokens = await residentTokens(base, 'mu', 400)
      const auth = (i: number) => ({ authorization: `Bearer ${tokens[i % tokens.length]}` })
      return [
        {
          name: 'upcoming meetings (signed in)',
          url: `${base}/communities/cm-huaishu/meetings`,
          headers: auth(1),
        },
        {
          name: 'past meetings (first page: 20 newest)',
          url: `${base}/communities/cm-huaishu/meetings?when=past`,
        },
        {
          name: 'meeting detail (3 items, 100 registrations)',
          url: `${base}/meetings/bm-40`,
          headers: auth(2),
        },
        { name: 'inbox page (20 of 20 notices)', url: `${base}/me/inbox`, headers: auth(3) },
        { name: 'unread count', url: `${base}/me/inbox/unread-count`, headers: auth(4) },
        {
          name: 'POST sign-up (400 residents over the 20 open meetings; repeats answer the same place)',
          url: `${base}/meetings/bm-0/registration`,
          method: 'POST',
          requests: [
            {
              setupRequest: (req) => {
                n++
                return {
                  ...req,
                  path: `/api/meetings/bm-${n % 20}/registration`,
                  headers: { ...req.headers, ...auth(n) },
                }
              },
            },
          ],
        },
      ]
    },
  })
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
