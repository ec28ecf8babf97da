// 邻里中心 under load: 50 rooms and 200,000 past and future bookings (400,000 held slots), on
// both runtimes (the local Workers server on a private local D1; the Node server on a private
// SQLite file). Measures a room's day, "any room" search and booking, each against the bare Hono
// route of its runtime. Run: npm run bench (or tsx tests/load/bench-bookings.ts).
import { DAY, HOUR, shanghaiDate, shanghaiMidnight } from '../../worker/lib/time'
import { benchBothRuntimes, chunks, q, residentStatements, residentTokens } from './harness'

const ROOMS = 50
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 200_000)
const USERS = 500
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CENTRE = 'ct-qingwu'

function benchData(): string[] {
  const hours = JSON.stringify(
    Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), [['08:00', '22:00']]])),
  )
  const rooms: string[] = []
  const settings: string[] = []
  for (let r = 0; r < ROOMS; r++) {
    rooms.push(`(${q(`br-${r}`)}, ${q(CENTRE)}, ${q(`活动室${r + 1}`)}, 30, '[]', ${100 + r})`)
    settings.push(`(${q(`br-${r}`)}, ${q(hours)}, 30, 1, 8, 14, 0, 0, 'residents', '123456', '[]')`)
  }
  // One-hour bookings, 14 per room-day (08:00–22:00), walking back in time from the end of the
  // horizon; the last 10 days ahead are left half free so that new bookings can succeed.
  const bookings: string[] = []
  const slots: string[] = []
  const today = shanghaiMidnight(shanghaiDate(Date.now()))
  let made = 0
  for (let d = 10; made < BOOKINGS; d--) {
    for (let r = 0; r < ROOMS && made < BOOKINGS; r++) {
      for (let h = 0; h < 14 && made < BOOKINGS; h++) {
        if (d > 0 && (h + r) % 2 === 0) continue
        const start = today + d * DAY + (8 + h) * HOUR
        const id = `bb-${made}`
        const status = d < 0 ? (made % 5 === 0 ? 'released' : 'checked_in') : 'confirmed'
        bookings.push(
          `(${q(id)}, ${q(CENTRE)}, ${q(`br-${r}`)}, ${q(`bk-${made % USERS}`)}, '活动', 6, ${start}, ${start + HOUR}, ${q(status)}, 0, ${start - DAY}, ${start - DAY})`,
        )
        slots.push(
          `(${q(`br-${r}`)}, ${start}, ${q(id)})`,
          `(${q(`br-${r}`)}, ${start + HOUR / 2}, ${q(id)})`,
        )
        made++
      }
    }
  }
  return [
    ...chunks(
      rooms,
      'INSERT INTO rooms (id, centre_id, name, capacity, facilities_json, sort_order)',
      200,
    ),
    ...chunks(
      settings,
      'INSERT INTO room_settings (room_id, opening_hours_json, slot_minutes, min_slots, max_slots, horizon_days, min_notice_minutes, needs_approval, who_may_book, checkin_code, photos_json)',
      100,
    ),
    ...residentStatements('bk', USERS, () => 'hh-wutong-1-1-101'),
    ...chunks(
      bookings,
      'INSERT INTO bookings (id, centre_id, room_id, user_id, purpose, headcount, starts_at, ends_at, status, late_cancel, created_at, updated_at)',
      400,
    ),
    ...chunks(slots, 'INSERT INTO booking_slots (room_id, slot_start, booking_id)', 800),
  ]
}

async function main() {
  await benchBothRuntimes({
    title: `邻里中心 — ${ROOMS} rooms, ${BOOKINGS} bookings; ${SECONDS}s per endpoint, 10 connections`,
    port: 8792,
    seconds: SECONDS,
    seed: (runtime) => runtime.execute(benchData()),
    targets: async (base) => {
      // Per runtime: the probe for round trips is the same first request on both.
      let n = 0
      const tokens = await residentTokens(base, 'bk', 200)
      const day = shanghaiDate(Date.now() + 3 * DAY)
      const dayStart = shanghaiMidnight(day)
      return [
        { name: 'room day (availability, 28 slots)', url: `${base}/rooms/br-7/day?date=${day}` },
        {
          name: '"this time, any room" (50 rooms)',
          url: `${base}/centres/${CENTRE}/free-rooms?date=${day}&start=15:00&end=16:00&headcount=10`,
        },
        {
          name: 'POST booking (200 residents, random room and hour; conflicts answer 409)',
          url: `${base}/bookings`,
          method: 'POST',
          requests: [
            {
              setupRequest: (req) => {
                n++
                const start = dayStart + (8 + ((n * 7) % 14)) * HOUR
                const body = JSON.stringify({
                  roomId: `br-${(n * 13) % ROOMS}`,
                  startsAt: start,
                  endsAt: start + HOUR,
                  purpose: '压测',
                  headcount: 4,
                })
                return {
                  ...req,
                  body,
                  headers: {
                    ...req.headers,
                    'content-type': 'application/json',
                    authorization: `Bearer ${tokens[n % tokens.length]}`,
                  },
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
