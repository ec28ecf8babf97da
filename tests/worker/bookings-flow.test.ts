import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { DAY, MINUTE, shanghaiDate, shanghaiMidnight } from '../../worker/lib/time'
import { createDb } from '../../worker/lib/db'
import { releaseNoShows } from '../../worker/bookings/manage-service'
import { api, loginDemo, loginNew, seedDemo } from './helpers'

// Tomorrow (Shanghai) at hh:mm, as UTC ms.
const tomorrow = shanghaiDate(Date.now() + DAY)
const at = (hhmm: string, date = tomorrow) => shanghaiMidnight(date) + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * MINUTE

async function residents(count: number, prefix: string): Promise<string[]> {
  const tokens: string[] = []
  for (let i = 0; i < count; i++) {
    const { token, userId } = await loginNew(`${prefix}-${i}`)
    await env.DB.prepare(`INSERT INTO residencies (id, user_id, household_id, community_id, status, via, is_representative, verified_at)
      VALUES (?, ?, 'hh-wutong-3-1-101', 'cm-huaishu', 'verified', 'request', 0, 0)`).bind(`rs-${prefix}-${i}`, userId).run()
    tokens.push(token)
  }
  return tokens
}

describe('邻里中心 booking', () => {
  let wang: string, li: string, manager: string
  beforeAll(async () => {
    await seedDemo()
    ;[wang, li, manager] = await Promise.all([loginDemo('resident-wang'), loginDemo('resident-li'), loginDemo('centre-qian')])
  })

  it('shows free slots, books one, shows it taken to others and lets the owner cancel', async () => {
    const day = await api('GET', `/api/rooms/rm-art/day?date=${tomorrow}`, { token: li })
    expect(day.status).toBe(200)
    expect(day.body.slots.find((s: any) => s.startsAt === at('09:00')).state).toBe('free')
    const booked = await api('POST', '/api/bookings', { token: wang, body: { roomId: 'rm-art', startsAt: at('09:00'), endsAt: at('10:00'), purpose: '书法练习', headcount: 6 } })
    expect(booked.status, JSON.stringify(booked.body)).toBe(201)
    expect(booked.body.booked[0].status).toBe('confirmed')
    const seen = await api('GET', `/api/rooms/rm-art/day?date=${tomorrow}`, { token: li })
    const slot = seen.body.slots.find((s: any) => s.startsAt === at('09:30'))
    expect(slot).toMatchObject({ state: 'taken', label: '已预约' })
    expect(JSON.stringify(seen.body)).not.toContain('书法练习')
    // Back-to-back is fine: 10:00 ends one and starts the next.
    const next = await api('POST', '/api/bookings', { token: li, body: { roomId: 'rm-art', startsAt: at('10:00'), endsAt: at('10:30'), purpose: '国画', headcount: 3 } })
    expect(next.status, JSON.stringify(next.body)).toBe(201)
    const overlap = await api('POST', '/api/bookings', { token: li, body: { roomId: 'rm-art', startsAt: at('09:30'), endsAt: at('10:00'), purpose: '国画', headcount: 3 } })
    expect(overlap.status).toBe(409)
    expect(overlap.body.error.message).toBe('该时段已被预约')
    const cancelled = await api('POST', `/api/bookings/${booked.body.booked[0].id}/cancel`, { token: wang })
    expect(cancelled.body.status).toBe('cancelled')
    expect((await api('POST', '/api/bookings', { token: li, body: { roomId: 'rm-art', startsAt: at('09:30'), endsAt: at('10:00'), purpose: '国画', headcount: 3 } })).status).toBe(201)
  })

  it('holds a pending booking in an approval room until the manager decides', async () => {
    const pending = await api('POST', '/api/bookings', { token: wang, body: { roomId: 'rm-hall', startsAt: at('14:00'), endsAt: at('16:00'), purpose: '楼组议事', headcount: 30 } })
    expect(pending.body.booked[0].status).toBe('pending')
    expect((await api('POST', '/api/bookings', { token: li, body: { roomId: 'rm-hall', startsAt: at('15:00'), endsAt: at('15:30'), purpose: '排练', headcount: 10 } })).status).toBe(409)
    const queue = await api('GET', `/api/centres/ct-qingwu/calendar?from=${at('00:00')}&to=${at('00:00') + DAY}&status=pending`, { token: manager })
    expect(queue.body.items.map((i: any) => i.id)).toContain(pending.body.booked[0].id)
    expect((await api('POST', `/api/bookings/${pending.body.booked[0].id}/approve`, { token: manager })).status).toBe(200)
    const mine = await api('GET', '/api/me/bookings', { token: wang })
    expect(mine.body.items.find((b: any) => b.id === pending.body.booked[0].id).status).toBe('confirmed')
  })

  it('books exactly one of 1,000 concurrent requests for the same slot', async () => {
    const tokens = await residents(40, 'race')
    const requests = Array.from({ length: 1000 }, (_, i) => api('POST', '/api/bookings', {
      token: tokens[i % tokens.length], body: { roomId: 'rm-council', startsAt: at('19:00'), endsAt: at('20:00'), purpose: '议事', headcount: 5 },
    }))
    const statuses = (await Promise.all(requests)).map((r) => r.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(999)
    const rows = await env.DB.prepare(`SELECT COUNT(*) AS n FROM bookings WHERE room_id = 'rm-council' AND status IN ('pending','confirmed','checked_in') AND starts_at < ? AND ends_at > ?`).bind(at('20:00'), at('19:00')).first<{ n: number }>()
    expect(rows!.n).toBe(1)
  }, 120_000)

  it('never lets two live bookings of a room overlap under 500 random concurrent requests', async () => {
    const tokens = await residents(30, 'random')
    const slots = Array.from({ length: 20 }, (_, i) => at('13:30') + i * 30 * MINUTE)
    const requests = Array.from({ length: 500 }, (_, i) => {
      const start = slots[(i * 7) % 16]!
      const length = 1 + (i % 4)
      return api('POST', '/api/bookings', { token: tokens[i % tokens.length], body: { roomId: 'rm-kitchen', startsAt: start, endsAt: start + length * 30 * MINUTE, purpose: '共享厨房', headcount: 4 } })
    })
    const statuses = (await Promise.all(requests)).map((r) => r.status)
    expect(statuses.filter((s) => s >= 500)).toEqual([])
    const overlaps = await env.DB.prepare(`SELECT COUNT(*) AS n FROM bookings a JOIN bookings b ON a.room_id = b.room_id AND a.id < b.id
      WHERE a.room_id = 'rm-kitchen' AND a.status IN ('pending','confirmed','checked_in') AND b.status IN ('pending','confirmed','checked_in')
      AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at`).first<{ n: number }>()
    expect(overlaps!.n).toBe(0)
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0)
  }, 120_000)

  it('checks in with the room code inside the window, and releases a booking nobody checked in to as a no-show', async () => {
    const zhang = await loginDemo('resident-zhang')
    const mine = await api('POST', '/api/bookings', { token: zhang, body: { roomId: 'rm-art', startsAt: at('15:00'), endsAt: at('16:00'), purpose: '读报', headcount: 2 } })
    const other = await api('POST', '/api/bookings', { token: zhang, body: { roomId: 'rm-art', startsAt: at('17:00'), endsAt: at('18:00'), purpose: '读报', headcount: 2 } })
    const [checkId, releaseId] = [mine.body.booked[0].id, other.body.booked[0].id]
    expect((await api('POST', `/api/bookings/${checkId}/check-in`, { token: zhang, body: { code: '774120' } })).status).toBe(409)
    // Move both to "started 5 minutes ago" and "started 20 minutes ago" (grace is 15 minutes).
    await env.DB.prepare('UPDATE bookings SET starts_at = ?, ends_at = ? WHERE id = ?').bind(Date.now() - 5 * MINUTE, Date.now() + 55 * MINUTE, checkId).run()
    await env.DB.prepare('UPDATE bookings SET starts_at = ?, ends_at = ? WHERE id = ?').bind(Date.now() - 20 * MINUTE, Date.now() + 40 * MINUTE, releaseId).run()
    expect((await api('POST', `/api/bookings/${checkId}/check-in`, { token: zhang, body: { code: '000000' } })).status).toBe(400)
    expect((await api('POST', `/api/bookings/${checkId}/check-in`, { token: wang, body: { code: '774120' } })).status).toBe(403)
    const checked = await api('POST', `/api/bookings/${checkId}/check-in`, { token: zhang, body: { code: '774120' } })
    expect(checked.body.status).toBe('checked_in')
    await releaseNoShows(createDb(env.DB))
    const released = await env.DB.prepare('SELECT status FROM bookings WHERE id = ?').bind(releaseId).first<{ status: string }>()
    expect(released!.status).toBe('released')
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM booking_slots WHERE booking_id = ?').bind(releaseId).first<{ n: number }>())!.n).toBe(0)
    const kept = await env.DB.prepare('SELECT status FROM bookings WHERE id = ?').bind(checkId).first<{ status: string }>()
    expect(kept!.status).toBe('checked_in')
  })

  it('lets the manager black out a room: lists affected bookings first, cancels them with the reason on confirmation', async () => {
    const zhang = await loginDemo('resident-zhang')
    const booked = await api('POST', '/api/bookings', { token: zhang, body: { roomId: 'rm-council', startsAt: at('08:30'), endsAt: at('09:30'), purpose: '楼组长会', headcount: 8 } })
    const body = { roomId: 'rm-council', startsAt: at('08:30'), endsAt: at('12:00'), reason: '空调维修' }
    const preview = await api('POST', '/api/centres/ct-qingwu/blackouts', { token: manager, body })
    expect(preview.body).toMatchObject({ created: false, affected: [{ id: booked.body.booked[0].id, purpose: '楼组长会' }] })
    expect((await api('GET', '/api/me/bookings', { token: zhang })).body.items.find((b: any) => b.id === booked.body.booked[0].id).status).toBe('confirmed')
    expect((await api('POST', '/api/centres/ct-qingwu/blackouts', { token: wang, body })).status).toBe(403)
    const confirmed = await api('POST', '/api/centres/ct-qingwu/blackouts', { token: manager, body: { ...body, confirm: true } })
    expect(confirmed.body.created).toBe(true)
    const mine = (await api('GET', '/api/me/bookings', { token: zhang })).body.items.find((b: any) => b.id === booked.body.booked[0].id)
    expect(mine).toMatchObject({ status: 'cancelled', cancelReason: '邻里中心暂停开放：空调维修' })
    const day = await api('GET', `/api/rooms/rm-council/day?date=${tomorrow}`, { token: zhang })
    expect(day.body.slots.find((x: any) => x.startsAt === at('09:00'))).toMatchObject({ state: 'blackout', label: '暂停开放：空调维修' })
    const utilisation = await api('GET', `/api/centres/ct-qingwu/utilisation?from=${tomorrow}&to=${tomorrow}`, { token: manager })
    const art = utilisation.body.rooms.find((r: any) => r.roomId === 'rm-art')
    expect(art.openMinutes).toBe((210 + 450))
    expect(art.bookedMinutes).toBeGreaterThan(0)
    expect((await api('GET', `/api/centres/ct-qingwu/utilisation?from=${tomorrow}&to=${tomorrow}`, { token: wang })).status).toBe(403)
  })
})
