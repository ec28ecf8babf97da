import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { DAY, MINUTE, shanghaiDate, shanghaiMidnight } from '../../worker/lib/time'
import { createDb } from '../../worker/lib/db'
import { releaseNoShows } from '../../worker/bookings/manage-service'
import { loginDemo, loginNew, seedDemo } from './helpers'
import { assertStatus, client, send, succeeded } from './client'

// Tomorrow (Shanghai) at hh:mm, as UTC ms.
const tomorrow = shanghaiDate(Date.now() + DAY)
const at = (hhmm: string, date = tomorrow) =>
  shanghaiMidnight(date) + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * MINUTE

async function residents(count: number, prefix: string): Promise<string[]> {
  const tokens: string[] = []
  for (let i = 0; i < count; i++) {
    const { token, userId } = await loginNew(`${prefix}-${i}`)
    await env.DB.prepare(
      `INSERT INTO residencies (id, user_id, household_id, community_id, status, via, is_representative, verified_at)
      VALUES (?, ?, 'hh-wutong-3-1-101', 'cm-huaishu', 'verified', 'request', 0, 0)`,
    )
      .bind(`rs-${prefix}-${i}`, userId)
      .run()
    tokens.push(token)
  }
  return tokens
}

describe('邻里中心 booking', () => {
  let wang: string, li: string, manager: string
  beforeAll(async () => {
    await seedDemo()
    ;[wang, li, manager] = await Promise.all([
      loginDemo('resident-wang'),
      loginDemo('resident-li'),
      loginDemo('centre-qian'),
    ])
  })

  it('shows free slots, books one, shows it taken to others and lets the owner cancel', async () => {
    const day = await send(
      client(li).rooms[':id'].day.$get({ param: { id: 'rm-art' }, query: { date: tomorrow } }),
    )
    assertStatus(day, 200)
    expect(day.body.slots.find((s) => s.startsAt === at('09:00'))!.state).toBe('free')
    const booked = await send(
      client(wang).bookings.$post({
        json: {
          roomId: 'rm-art',
          startsAt: at('09:00'),
          endsAt: at('10:00'),
          purpose: '书法练习',
          headcount: 6,
        },
      }),
    )
    expect(booked.status, JSON.stringify(booked.body)).toBe(201)
    expect(succeeded(booked)!.body.booked[0]!.status).toBe('confirmed')
    const seen = await send(
      client(li).rooms[':id'].day.$get({ param: { id: 'rm-art' }, query: { date: tomorrow } }),
    )
    const slot = succeeded(seen).body.slots.find((s) => s.startsAt === at('09:30'))
    expect(slot).toMatchObject({ state: 'taken', label: '已预约' })
    expect(JSON.stringify(seen.body)).not.toContain('书法练习')
    // Back-to-back is fine: 10:00 ends one and starts the next.
    const next = await send(
      client(li).bookings.$post({
        json: {
          roomId: 'rm-art',
          startsAt: at('10:00'),
          endsAt: at('10:30'),
          purpose: '国画',
          headcount: 3,
        },
      }),
    )
    expect(next.status, JSON.stringify(next.body)).toBe(201)
    const overlap = await send(
      client(li).bookings.$post({
        json: {
          roomId: 'rm-art',
          startsAt: at('09:30'),
          endsAt: at('10:00'),
          purpose: '国画',
          headcount: 3,
        },
      }),
    )
    assertStatus(overlap, 409)
    expect(overlap.body.error.message).toBe('该时段已被预约')
    const cancelled = await send(
      client(wang).bookings[':id'].cancel.$post({
        param: { id: succeeded(booked)!.body.booked[0]!.id },
      }),
    )
    expect(succeeded(cancelled).body.status).toBe('cancelled')
    expect(
      (
        await send(
          client(li).bookings.$post({
            json: {
              roomId: 'rm-art',
              startsAt: at('09:30'),
              endsAt: at('10:00'),
              purpose: '国画',
              headcount: 3,
            },
          }),
        )
      ).status,
    ).toBe(201)
  })

  it('holds a pending booking in an approval room until the manager decides', async () => {
    const pending = await send(
      client(wang).bookings.$post({
        json: {
          roomId: 'rm-hall',
          startsAt: at('14:00'),
          endsAt: at('16:00'),
          purpose: '楼组议事',
          headcount: 30,
        },
      }),
    )
    expect(succeeded(pending)!.body.booked[0]!.status).toBe('pending')
    expect(
      (
        await send(
          client(li).bookings.$post({
            json: {
              roomId: 'rm-hall',
              startsAt: at('15:00'),
              endsAt: at('15:30'),
              purpose: '排练',
              headcount: 10,
            },
          }),
        )
      ).status,
    ).toBe(409)
    const queue = await send(
      client(manager).centres[':id'].calendar.$get({
        param: { id: 'ct-qingwu' },
        query: { from: at('00:00'), to: at('00:00') + DAY, status: 'pending' },
      }),
    )
    expect(succeeded(queue).body.items.map((i) => i.id)).toContain(
      succeeded(pending)!.body.booked[0]!.id,
    )
    expect(
      (
        await send(
          client(manager).bookings[':id'].approve.$post({
            param: { id: succeeded(pending)!.body.booked[0]!.id },
          }),
        )
      ).status,
    ).toBe(200)
    const mine = await send(client(wang).me.bookings.$get())
    expect(
      succeeded(mine)!.body.items.find((b) => b.id === succeeded(pending)!.body.booked[0]!.id)!
        .status,
    ).toBe('confirmed')
  })

  it('books exactly one of 1,000 concurrent requests for the same slot', async () => {
    const tokens = await residents(40, 'race')
    const requests = Array.from({ length: 1000 }, (_, i) =>
      send(
        client(tokens[i % tokens.length]).bookings.$post({
          json: {
            roomId: 'rm-council',
            startsAt: at('19:00'),
            endsAt: at('20:00'),
            purpose: '议事',
            headcount: 5,
          },
        }),
      ),
    )
    const statuses = (await Promise.all(requests)).map((r) => r.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(999)
    const rows = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM bookings WHERE room_id = 'rm-council' AND status IN ('pending','confirmed','checked_in') AND starts_at < ? AND ends_at > ?`,
    )
      .bind(at('20:00'), at('19:00'))
      .first<{ n: number }>()
    expect(rows!.n).toBe(1)
  }, 120_000)

  it('never lets two live bookings of a room overlap under 500 random concurrent requests', async () => {
    const tokens = await residents(30, 'random')
    const slots = Array.from({ length: 20 }, (_, i) => at('13:30') + i * 30 * MINUTE)
    const requests = Array.from({ length: 500 }, (_, i) => {
      const start = slots[(i * 7) % 16]!
      const length = 1 + (i % 4)
      return send(
        client(tokens[i % tokens.length]).bookings.$post({
          json: {
            roomId: 'rm-kitchen',
            startsAt: start,
            endsAt: start + length * 30 * MINUTE,
            purpose: '共享厨房',
            headcount: 4,
          },
        }),
      )
    })
    const statuses = (await Promise.all(requests)).map((r) => r.status)
    expect(statuses.filter((s) => s >= 500)).toEqual([])
    const overlaps = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM bookings a JOIN bookings b ON a.room_id = b.room_id AND a.id < b.id
      WHERE a.room_id = 'rm-kitchen' AND a.status IN ('pending','confirmed','checked_in') AND b.status IN ('pending','confirmed','checked_in')
      AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at`,
    ).first<{ n: number }>()
    expect(overlaps!.n).toBe(0)
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0)
  }, 120_000)

  it('checks in with the room code inside the window, and releases a booking nobody checked in to as a no-show', async () => {
    const zhang = await loginDemo('resident-zhang')
    const mine = await send(
      client(zhang).bookings.$post({
        json: {
          roomId: 'rm-art',
          startsAt: at('15:00'),
          endsAt: at('16:00'),
          purpose: '读报',
          headcount: 2,
        },
      }),
    )
    const other = await send(
      client(zhang).bookings.$post({
        json: {
          roomId: 'rm-art',
          startsAt: at('17:00'),
          endsAt: at('18:00'),
          purpose: '读报',
          headcount: 2,
        },
      }),
    )
    const [checkId, releaseId] = [
      succeeded(mine)!.body.booked[0]!.id,
      succeeded(other)!.body.booked[0]!.id,
    ]
    expect(
      (
        await send(
          client(zhang).bookings[':id']['check-in'].$post({
            param: { id: checkId },
            json: { code: '774120' },
          }),
        )
      ).status,
    ).toBe(409)
    // Move both to "started 5 minutes ago" and "started 20 minutes ago" (grace is 15 minutes).
    await env.DB.prepare('UPDATE bookings SET starts_at = ?, ends_at = ? WHERE id = ?')
      .bind(Date.now() - 5 * MINUTE, Date.now() + 55 * MINUTE, checkId)
      .run()
    await env.DB.prepare('UPDATE bookings SET starts_at = ?, ends_at = ? WHERE id = ?')
      .bind(Date.now() - 20 * MINUTE, Date.now() + 40 * MINUTE, releaseId)
      .run()
    expect(
      (
        await send(
          client(zhang).bookings[':id']['check-in'].$post({
            param: { id: checkId },
            json: { code: '000000' },
          }),
        )
      ).status,
    ).toBe(400)
    expect(
      (
        await send(
          client(wang).bookings[':id']['check-in'].$post({
            param: { id: checkId },
            json: { code: '774120' },
          }),
        )
      ).status,
    ).toBe(403)
    const checked = await send(
      client(zhang).bookings[':id']['check-in'].$post({
        param: { id: checkId },
        json: { code: '774120' },
      }),
    )
    expect(succeeded(checked).body.status).toBe('checked_in')
    await releaseNoShows(createDb(env.DB))
    const released = await env.DB.prepare('SELECT status FROM bookings WHERE id = ?')
      .bind(releaseId)
      .first<{ status: string }>()
    expect(released!.status).toBe('released')
    expect(
      (await env.DB.prepare('SELECT COUNT(*) AS n FROM booking_slots WHERE booking_id = ?')
        .bind(releaseId)
        .first<{ n: number }>())!.n,
    ).toBe(0)
    const kept = await env.DB.prepare('SELECT status FROM bookings WHERE id = ?')
      .bind(checkId)
      .first<{ status: string }>()
    expect(kept!.status).toBe('checked_in')
  })

  it('lets the manager black out a room: lists affected bookings first, cancels them with the reason on confirmation', async () => {
    const zhang = await loginDemo('resident-zhang')
    const booked = await send(
      client(zhang).bookings.$post({
        json: {
          roomId: 'rm-council',
          startsAt: at('08:30'),
          endsAt: at('09:30'),
          purpose: '楼组长会',
          headcount: 8,
        },
      }),
    )
    const body = {
      roomId: 'rm-council',
      startsAt: at('08:30'),
      endsAt: at('12:00'),
      reason: '空调维修',
    }
    const preview = await send(
      client(manager).centres[':id'].blackouts.$post({ param: { id: 'ct-qingwu' }, json: body }),
    )
    expect(preview.body).toMatchObject({
      created: false,
      affected: [{ id: succeeded(booked)!.body.booked[0]!.id, purpose: '楼组长会' }],
    })
    expect(
      succeeded(await send(client(zhang).me.bookings.$get()))!.body.items.find(
        (b) => b.id === succeeded(booked)!.body.booked[0]!.id,
      )!.status,
    ).toBe('confirmed')
    expect(
      (
        await send(
          client(wang).centres[':id'].blackouts.$post({ param: { id: 'ct-qingwu' }, json: body }),
        )
      ).status,
    ).toBe(403)
    const confirmed = await send(
      client(manager).centres[':id'].blackouts.$post({
        param: { id: 'ct-qingwu' },
        json: { ...body, confirm: true },
      }),
    )
    expect(succeeded(confirmed).body.created).toBe(true)
    const mine = succeeded(await send(client(zhang).me.bookings.$get())).body.items.find(
      (b) => b.id === succeeded(booked)!.body.booked[0]!.id,
    )
    expect(mine).toMatchObject({ status: 'cancelled', cancelReason: '邻里中心暂停开放：空调维修' })
    const day = await send(
      client(zhang).rooms[':id'].day.$get({
        param: { id: 'rm-council' },
        query: { date: tomorrow },
      }),
    )
    expect(succeeded(day).body.slots.find((x) => x.startsAt === at('09:00'))).toMatchObject({
      state: 'blackout',
      label: '暂停开放：空调维修',
    })
    const utilisation = await send(
      client(manager).centres[':id'].utilisation.$get({
        param: { id: 'ct-qingwu' },
        query: { from: tomorrow, to: tomorrow },
      }),
    )
    const art = succeeded(utilisation).body.rooms.find((r) => r.roomId === 'rm-art')
    expect(art!.openMinutes).toBe(210 + 450)
    expect(art!.bookedMinutes).toBeGreaterThan(0)
    expect(
      (
        await send(
          client(wang).centres[':id'].utilisation.$get({
            param: { id: 'ct-qingwu' },
            query: { from: tomorrow, to: tomorrow },
          }),
        )
      ).status,
    ).toBe(403)
  })
})
