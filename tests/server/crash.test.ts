import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { DAY, MINUTE, shanghaiDate, shanghaiMidnight } from '../../worker/lib/time'
import { freshDataDir, startNodeServer, type NodeServer } from '../node-server'
import { call, residents, type Reply } from './helpers'
import { rows } from './sqlite'

// The Node server killed with SIGKILL in the middle of 200 concurrent bookings, then started again
// on the same files: every booking that was answered 201 is there, with its slots; no slot is held
// twice and no two live bookings of a room overlap; nothing is half-written.

const dataDir = freshDataDir('linli-crash-')
const servers: NodeServer[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
  rmSync(dataDir, { recursive: true, force: true })
})

const ROOMS = ['rm-council', 'rm-art']
// Two rooms over seven days; 13:30–21:00 is open: hour-long bookings starting on any half hour,
// so about half of the requests for a room and day overlap one that won.
function slot(i: number) {
  const k = Math.floor(i / 2)
  const day = shanghaiDate(Date.now() + (1 + (k % 7)) * DAY)
  const startsAt = shanghaiMidnight(day) + (810 + (Math.floor(k / 7) % 14) * 30) * MINUTE
  return { roomId: ROOMS[i % 2]!, startsAt, endsAt: startsAt + 60 * MINUTE }
}

describe('kill -9 during 200 concurrent bookings', () => {
  it('keeps every acknowledged booking, and no slot is booked twice', async () => {
    const first = await startNodeServer(dataDir)
    servers.push(first)
    const tokens = await residents(first.databasePath, first.baseUrl, 200, 'crash')

    let answered = 0
    let killed = false
    const requests = tokens.map(async (token, i): Promise<Reply | Error> => {
      try {
        const reply = await call(first.baseUrl, 'POST', '/api/bookings', token, {
          ...slot(i),
          purpose: '断电演练',
          headcount: 4,
        })
        // SIGKILL once 100 answers are in: the rest are in flight or not sent yet.
        if (++answered === 100 && !killed) {
          killed = true
          first.child.kill('SIGKILL')
        }
        return reply
      } catch (error) {
        return error as Error
      }
    })
    const results = await Promise.all(requests)
    expect(await first.exited).toBe('SIGKILL')

    const replies = results.filter((r): r is Reply => !(r instanceof Error))
    const acknowledged = replies
      .filter((r) => r.status === 201)
      .flatMap((r) => (r.body.booked as { id: string }[]).map((b) => b.id))
    const unexpected = replies.filter((r) => r.status !== 201 && r.status !== 409)
    expect(unexpected, JSON.stringify(unexpected.slice(0, 3))).toEqual([])
    console.log(
      `[crash] ${acknowledged.length} acknowledged, ${replies.length - acknowledged.length} refused, ${results.length - replies.length} unanswered`,
    )
    // The kill landed mid-way: some bookings were acknowledged, some requests got no answer.
    expect(acknowledged.length).toBeGreaterThan(0)
    expect(results.filter((r) => r instanceof Error).length).toBeGreaterThan(0)

    const second = await startNodeServer(dataDir)
    servers.push(second)
    const file = second.databasePath
    expect(await rows(file, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }])

    const found = await rows<{ id: string; status: string }>(
      file,
      `SELECT id, status FROM bookings WHERE id IN (SELECT value FROM json_each(?))`,
      [JSON.stringify(acknowledged)],
    )
    expect(found.map((b) => b.id).sort()).toEqual([...acknowledged].sort())
    expect(found.every((b) => b.status === 'confirmed')).toBe(true)

    const overlapping = await rows(
      file,
      `SELECT a.id, b.id FROM bookings a JOIN bookings b
         ON a.room_id = b.room_id AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
       WHERE a.purpose = '断电演练' AND b.purpose = '断电演练'
         AND a.status IN ('confirmed', 'pending') AND b.status IN ('confirmed', 'pending')`,
    )
    expect(overlapping).toEqual([])
    // Each live booking holds exactly its two half-hour slots (its batch landed whole or not at all).
    const slotCounts = await rows<{ n: number }>(
      file,
      `SELECT (SELECT COUNT(*) FROM booking_slots s WHERE s.booking_id = b.id) AS n
       FROM bookings b WHERE b.purpose = '断电演练'`,
    )
    expect(slotCounts.length).toBeGreaterThanOrEqual(acknowledged.length)
    expect(slotCounts.every((c) => c.n === 2)).toBe(true)

    // And the restarted server serves them.
    const mine = await call(second.baseUrl, 'GET', '/api/me/bookings', tokens[0])
    expect(mine.status).toBe(200)
  })
})
