import { beforeAll, describe, expect, it } from 'vitest'
import { client, expectStatus, rawRequest, send } from './client'
import { dbCount, dbRows, demoSessions, loginNew, seedDemo } from './helpers'

// 我的偏好 (issue 15, decision 023): 长辈模式 follows the account from phone to phone. The routes
// have no id: each person reads and changes only their own row, a visitor nothing.

const session = demoSessions()
const rowsOf = (userId: string) =>
  dbRows<{ large_text: number }>(
    'SELECT large_text FROM user_preferences WHERE user_id = ?',
    userId,
  )

beforeAll(seedDemo)

describe('GET /api/me/preferences', () => {
  it('refuses a visitor', async () => {
    const res = await send(client().me.preferences.$get())
    expect(res.status).toBe(401)
  })

  it('gives the defaults to someone who never changed anything, writing nothing', async () => {
    const { token, userId } = await loginNew('prefs-new-reader')
    const res = expectStatus(await send(client(token).me.preferences.$get()), 200)
    expect(res.body).toEqual({ largeText: false })
    expect(await rowsOf(userId)).toEqual([])
  })
})

describe('PUT /api/me/preferences', () => {
  it('refuses a visitor and writes nothing', async () => {
    const before = await dbCount('SELECT COUNT(*) AS n FROM user_preferences')
    const res = await send(client().me.preferences.$put({ json: { largeText: true } }))
    expect(res.status).toBe(401)
    expect(await dbCount('SELECT COUNT(*) AS n FROM user_preferences')).toBe(before)
  })

  it("changes one's own setting, read back on any phone, and nobody else's", async () => {
    const wang = await session('resident-wang')
    const li = await session('resident-li')
    const staff = await session('staff-zhao')

    const set = expectStatus(
      await send(client(wang).me.preferences.$put({ json: { largeText: true } })),
      200,
    )
    expect(set.body).toEqual({ largeText: true })
    expect(await rowsOf('us-resident-wang')).toEqual([{ large_text: 1 }])

    // Another resident and staff see their own defaults, not hers.
    for (const token of [li, staff])
      expect(expectStatus(await send(client(token).me.preferences.$get()), 200).body).toEqual({
        largeText: false,
      })
    // Staff switching theirs leaves hers as it was.
    expectStatus(await send(client(staff).me.preferences.$put({ json: { largeText: false } })), 200)
    expect(await rowsOf('us-resident-wang')).toEqual([{ large_text: 1 }])

    // Switched off again: one row, updated.
    expectStatus(await send(client(wang).me.preferences.$put({ json: { largeText: false } })), 200)
    expect(await rowsOf('us-resident-wang')).toEqual([{ large_text: 0 }])
    expect(expectStatus(await send(client(wang).me.preferences.$get()), 200).body.largeText).toBe(
      false,
    )
  })

  it("cannot name someone else's account: an unknown field is refused and nothing changes", async () => {
    const li = await session('resident-li')
    const res = await rawRequest('PUT', '/api/me/preferences', {
      token: li,
      body: { largeText: true, userId: 'us-resident-wang' },
    })
    expect(res.status).toBe(400)
    expect(await rowsOf('us-resident-wang')).toEqual([{ large_text: 0 }])
    expect(await rowsOf('us-resident-li')).toEqual([])
  })

  it('says in Chinese what is wrong with the value', async () => {
    const li = await session('resident-li')
    const res = await rawRequest('PUT', '/api/me/preferences', {
      token: li,
      body: { largeText: 'yes' },
    })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/)
    expect(await rowsOf('us-resident-li')).toEqual([])
  })

  it('two phones switching at once leave one row, holding one of the two values', async () => {
    const { token, userId } = await loginNew('prefs-two-phones')
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        send(client(token).me.preferences.$put({ json: { largeText: i % 2 === 0 } })),
      ),
    )
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200))
    const rows = await rowsOf(userId)
    expect(rows).toHaveLength(1)
    expect([0, 1]).toContain(rows[0]!.large_text)
  })
})

describe('the preference and the account', () => {
  it('is in the export and goes with the account', async () => {
    const { token, userId } = await loginNew('prefs-leaver')
    expectStatus(await send(client(token).me.preferences.$put({ json: { largeText: true } })), 200)
    const exported = await rawRequest('GET', '/api/me/export', { token })
    expect(exported.status).toBe(200)
    expect(exported.body.preferences).toMatchObject({ largeText: true })

    const deleted = await rawRequest('DELETE', '/api/me', { token })
    expect(deleted.status).toBe(200)
    expect(await rowsOf(userId)).toEqual([])
  })
})
