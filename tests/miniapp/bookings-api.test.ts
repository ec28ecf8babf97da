import { beforeEach, describe, expect, it, vi } from 'vitest'

// The booking API functions with the real request wiring and a fake Taro (request and storage only).
const taro = await vi.hoisted(async () => (await import('./fake-taro')).fakeTaro())
vi.mock('@tarojs/taro', () => ({ default: taro }))

const api = {
  ...(await import('@/packages/bookings/api')),
  ...(await import('@/packages/bookings/tab-api')),
}
const { session } = await import('@/auth/session')
const { ApiError } = await import('@/api/http')

const BASE = 'http://127.0.0.1:8787'
const call = (n = 0) =>
  taro.request.mock.calls[n]![0] as {
    url: string
    method: string
    data?: unknown
    header: Record<string, string>
  }

beforeEach(() => {
  taro.request.mockReset()
  session.signOut()
})

describe('booking API functions over Taro.request', () => {
  it('reads a room day and the free rooms with their query', async () => {
    taro.request.mockResolvedValue({
      statusCode: 200,
      data: { room: {}, date: '2026-11-25', slots: [] },
    })
    await api.getRoomDay('rm-art', '2026-11-25')
    expect(call().url).toBe(`${BASE}/api/rooms/rm-art/day?date=2026-11-25`)
    expect(call().method).toBe('GET')

    taro.request.mockResolvedValue({ statusCode: 200, data: { startsAt: 0, endsAt: 0, rooms: [] } })
    await api.findFreeRooms('ct-qingwu', {
      date: '2026-11-25',
      start: '09:00',
      end: '10:00',
      headcount: 6,
    })
    const url = new URL(call(1).url)
    expect(url.pathname).toBe('/api/centres/ct-qingwu/free-rooms')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      date: '2026-11-25',
      start: '09:00',
      end: '10:00',
      headcount: '6',
    })
  })

  it('books with the bearer token and a JSON body', async () => {
    session.signIn('tok-wang')
    taro.request.mockResolvedValue({ statusCode: 201, data: { booked: [], notBooked: [] } })
    const body = { roomId: 'rm-art', startsAt: 1, endsAt: 2, purpose: '书法练习', headcount: 6 }
    await api.createBooking(body)
    expect(call()).toMatchObject({ url: `${BASE}/api/bookings`, method: 'POST', data: body })
    expect(call().header.Authorization).toBe('Bearer tok-wang')
  })

  it('cancels, checks in, approves and rejects on the booking’s own path', async () => {
    session.signIn('tok')
    taro.request.mockResolvedValue({ statusCode: 200, data: { ok: true } })
    await api.cancelBooking('bk 1')
    await api.checkInBooking('bk1', '774120')
    await api.approveBooking('bk1')
    await api.rejectBooking('bk1', '当天布展')
    expect(
      taro.request.mock.calls.map(
        ([o]) => `${o.method} ${o.url.replace(BASE, '')} ${JSON.stringify(o.data ?? null)}`,
      ),
    ).toEqual([
      'POST /api/bookings/bk%201/cancel null',
      'POST /api/bookings/bk1/check-in {"code":"774120"}',
      'POST /api/bookings/bk1/approve null',
      'POST /api/bookings/bk1/reject {"reason":"当天布展"}',
    ])
  })

  it('asks the calendar for a time range, pending only when asked', async () => {
    session.signIn('tok-qian')
    taro.request.mockResolvedValue({ statusCode: 200, data: { items: [] } })
    await api.getCentreCalendar('ct-qingwu', 100, 200, 'pending')
    await api.getCentreCalendar('ct-qingwu', 100, 200)
    expect(Object.fromEntries(new URL(call(0).url).searchParams)).toEqual({
      from: '100',
      to: '200',
      status: 'pending',
    })
    expect(Object.fromEntries(new URL(call(1).url).searchParams)).toEqual({
      from: '100',
      to: '200',
    })
  })

  it('turns a refused booking into an ApiError with the server’s Chinese message', async () => {
    session.signIn('tok')
    taro.request.mockResolvedValue({
      statusCode: 409,
      data: { error: { code: 'CONFLICT', message: '该时段已被预约' } },
    })
    const error = await api
      .createBooking({ roomId: 'rm-art', startsAt: 1, endsAt: 2, purpose: '书法', headcount: 1 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 'CONFLICT', status: 409, message: '该时段已被预约' })
  })
})
