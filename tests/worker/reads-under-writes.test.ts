import { beforeAll, describe, expect, it } from 'vitest'
import { DAY, HOUR, shanghaiDate, shanghaiMidnight } from '../../worker/lib/time'
import { client, send, succeeded } from './client'
import { dbRows, seedDemo } from './helpers'
import { count, demoLogins, suggestionIn, verifiedResidents } from './suggestion-helpers'

// Reads that many people make at the same moment — a popular 金点子's page, the busy room's day —
// stay correct while 200 writes land (issue 18): each reader sees the count only grow, never
// past what is stored, and the writes' own answers (read in the write's batch, decision 021)
// are each one step of the count: no step missed, none counted twice.

const login = demoLogins()
const WRITERS = 200
const READERS = 4

/** Runs `read` over and over in `READERS` loops until `until` settles; returns each loop's values. */
async function readWhile<T>(until: Promise<unknown>, read: () => Promise<T>): Promise<T[][]> {
  let done = false
  const loops = Array.from({ length: READERS }, async () => {
    const seen: T[] = []
    while (!done) seen.push(await read())
    seen.push(await read())
    return seen
  })
  await until.finally(() => {
    done = true
  })
  return Promise.all(loops)
}

function expectNeverBackwards(values: number[]) {
  values.forEach((value, i) => {
    if (i > 0) expect(value).toBeGreaterThanOrEqual(values[i - 1]!)
  })
}

describe('reads under 200 concurrent writes', () => {
  let residents: Awaited<ReturnType<typeof verifiedResidents>>
  beforeAll(async () => {
    await seedDemo()
    // 200 verified residents of 槐树社区 over 60 households.
    residents = await verifiedResidents('rush', WRITERS, { householdCount: 60 })
  }, 120_000)

  it("a 金点子's support count while 200 residents support it", async () => {
    const [author, staff] = await login.all('resident-wang', 'staff-zhao')
    const id = await suggestionIn('published', { author, staff })
    const detail = async () => {
      const res = succeeded(await send(client().suggestions[':id'].$get({ param: { id } })))
      return { supports: res.body.supportCount, households: res.body.supportHouseholdCount }
    }
    const before = await detail()
    const supports = Promise.all(
      residents.map((r) =>
        send(client(r.token).suggestions[':id'].support.$post({ param: { id } })),
      ),
    )
    const loops = await readWhile(supports, detail)
    const answers = (await supports).map((r) => succeeded(r).body)

    const stored = await count(
      'SELECT COUNT(*) AS n FROM suggestion_supports WHERE suggestion_id = ?',
      id,
    )
    expect(stored).toBe(before.supports + WRITERS)
    for (const seen of loops) {
      expect(seen.length).toBeGreaterThan(1)
      expectNeverBackwards(seen.map((s) => s.supports))
      expectNeverBackwards(seen.map((s) => s.households))
      for (const s of seen) {
        expect(s.supports).toBeLessThanOrEqual(stored)
        expect(s.households).toBeLessThanOrEqual(s.supports)
      }
      expect(seen.at(-1)!.supports).toBe(stored)
    }
    // Each support's answer is the count its own write left: 1 … 200 steps, each once.
    expect(answers.every((a) => a.supported)).toBe(true)
    expect(answers.map((a) => a.supportCount).sort((a, b) => a - b)).toEqual(
      Array.from({ length: WRITERS }, (_, i) => before.supports + i + 1),
    )
  }, 180_000)

  it("the busy room's day view while 200 residents book its slots", async () => {
    const date = shanghaiDate(Date.now() + 2 * DAY)
    const day = async () => {
      const res = succeeded(
        await send(client().rooms[':id'].day.$get({ param: { id: 'rm-art' }, query: { date } })),
      )
      return res.body.slots.filter((s) => s.state === 'taken').length
    }
    const free = succeeded(
      await send(client().rooms[':id'].day.$get({ param: { id: 'rm-art' }, query: { date } })),
    ).body.slots.filter((s) => s.state === 'free')
    expect(free.length).toBeGreaterThan(4)
    const takenBefore = await day()
    // Every resident asks for one of the free slots: many ask for the same one.
    const bookings = Promise.all(
      residents.map((r, i) => {
        const slot = free[(i * 7) % free.length]!
        return send(
          client(r.token).bookings.$post({
            json: {
              roomId: 'rm-art',
              startsAt: slot.startsAt,
              endsAt: slot.endsAt,
              purpose: '读书会',
              headcount: 4,
            },
          }),
        )
      }),
    )
    const loops = await readWhile(bookings, day)
    const statuses = (await bookings).map((r) => r.status)

    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([])
    const booked = statuses.filter((s) => s === 201).length
    // One booking per free slot asked for, whoever won it.
    expect(booked).toBe(new Set(residents.map((_, i) => (i * 7) % free.length)).size)
    const dayStart = shanghaiMidnight(date)
    const held = await dbRows<{ n: number }>(
      `SELECT COUNT(*) AS n FROM booking_slots WHERE room_id = 'rm-art' AND slot_start >= ? AND slot_start < ?`,
      dayStart,
      dayStart + 24 * HOUR,
    )
    for (const seen of loops) {
      expect(seen.length).toBeGreaterThan(1)
      expectNeverBackwards(seen)
      for (const taken of seen) expect(taken).toBeLessThanOrEqual(held[0]!.n)
      expect(seen.at(-1)).toBe(takenBefore + booked)
    }
  }, 180_000)
})
