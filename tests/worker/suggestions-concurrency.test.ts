import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { seedDemo } from './helpers'
import {
  count,
  demoLogins,
  expectStatus,
  one,
  resetRateLimits,
  suggestionIn,
  verifiedResidents,
} from './suggestion-helpers'
import { assertStatus, client, send, succeeded } from './client'

// 附议 under load: the rule "one support per person, counts equal the rows" is kept in SQL
// (primary key + INSERT … WHERE EXISTS + recount in the same batch), so it must hold whatever
// the interleaving of requests.

const login = demoLogins()

async function countsOf(id: string) {
  const [stored, rowsCount, householdCount] = await Promise.all([
    one<{ support_count: number; support_household_count: number }>(
      'SELECT support_count, support_household_count FROM suggestions WHERE id = ?',
      id,
    ),
    count('SELECT COUNT(*) AS n FROM suggestion_supports WHERE suggestion_id = ?', id),
    count(
      'SELECT COUNT(DISTINCT household_id) AS n FROM suggestion_supports WHERE suggestion_id = ?',
      id,
    ),
  ])
  return { stored, rowsCount, householdCount }
}

describe('POST /api/suggestions/{id}/support under concurrency', () => {
  let residents: Awaited<ReturnType<typeof verifiedResidents>>
  let author: string, staff: string
  beforeAll(async () => {
    await seedDemo()
    ;[author, staff] = await login.all('resident-wang', 'staff-zhao')
    // 100 residents over 40 households of 槐树社区, so several residents share a household.
    residents = await verifiedResidents('crowd', 100, { householdCount: 40 })
  }, 60_000)
  beforeEach(resetRateLimits)

  it('stores exactly one support per resident when 100 residents each send two supports at once', async () => {
    const id = await suggestionIn('published', { author, staff })
    const requests = residents
      .flatMap((r) => [r, r])
      .map((r) => send(client(r.token).suggestions[':id'].support.$post({ param: { id } })))
    const responses = await Promise.all(requests)

    expect(responses.filter((r) => r.status === 500)).toHaveLength(0)
    expect(responses.map((r) => r.status)).toEqual(new Array(200).fill(200))
    expect(responses.every((r) => succeeded(r).body.supported === true)).toBe(true)

    const { stored, rowsCount, householdCount } = await countsOf(id)
    expect(rowsCount).toBe(101) // 100 residents + the author
    expect(
      await count(
        'SELECT COUNT(DISTINCT user_id) AS n FROM suggestion_supports WHERE suggestion_id = ?',
        id,
      ),
    ).toBe(101)
    expect(stored.support_count).toBe(rowsCount)
    expect(stored.support_household_count).toBe(householdCount)
    // The 40 households of the crowd, plus the author's unless it is one of them.
    expect(householdCount).toBeGreaterThanOrEqual(40)
    expect(householdCount).toBeLessThanOrEqual(41)

    const detail = await send(client().suggestions[':id'].$get({ param: { id } }))
    expect(succeeded(detail).body.supportCount).toBe(101)
    expect(succeeded(detail).body.supportHouseholdCount).toBe(householdCount)
  }, 60_000)

  it('keeps the counts equal to the rows when supports and withdrawals race', async () => {
    const id = await suggestionIn('published', { author, staff })
    const first = residents.slice(0, 60)
    await Promise.all(
      first.map((r) => send(client(r.token).suggestions[':id'].support.$post({ param: { id } }))),
    )

    // Every resident sends a support and a withdrawal at once, as separate incoming requests.
    const viaRuntime = true
    const churn = residents.flatMap((r, i) => {
      const withdraw = () =>
        send(client(r.token, { viaRuntime }).suggestions[':id'].support.$delete({ param: { id } }))
      const support = () =>
        send(client(r.token, { viaRuntime }).suggestions[':id'].support.$post({ param: { id } }))
      return i % 2 ? [withdraw(), support()] : [support(), withdraw()]
    })
    const responses = await Promise.all(churn)
    expect(responses.filter((r) => r.status !== 200).map((r) => [r.status, r.body])).toEqual([])

    const { stored, rowsCount, householdCount } = await countsOf(id)
    expect(stored.support_count).toBe(rowsCount)
    expect(stored.support_household_count).toBe(householdCount)
    // The author's own support is never withdrawn by this churn.
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM suggestion_supports WHERE suggestion_id = ? AND user_id = ?',
        id,
        'us-resident-wang',
      ),
    ).toBe(1)

    // A last support from everyone settles it: exactly one row each.
    await Promise.all(
      residents.map((r) =>
        send(client(r.token).suggestions[':id'].support.$post({ param: { id } })),
      ),
    )
    const settled = await countsOf(id)
    expect(settled.rowsCount).toBe(101)
    expect(settled.stored.support_count).toBe(101)
    expect(settled.stored.support_household_count).toBe(settled.householdCount)
  }, 60_000)
})

describe('the author and their own support', () => {
  let author: string, staff: string
  beforeAll(async () => {
    ;[author, staff] = await login.all('resident-wang', 'staff-zhao')
  })
  beforeEach(resetRateLimits)

  it('counts the author as the first supporter at submission', async () => {
    const id = await suggestionIn('submitted', { author, staff })
    const { stored, rowsCount } = await countsOf(id)
    expect(rowsCount).toBe(1)
    expect(stored.support_count).toBe(1)
    expect(stored.support_household_count).toBe(1)
  })

  it('adds no second support row when the author supports their own suggestion, even five times at once', async () => {
    const id = await suggestionIn('published', { author, staff })
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        send(client(author).suggestions[':id'].support.$post({ param: { id } })),
      ),
    )
    for (const r of responses) {
      // Either refused or a no-op that reports the one existing support.
      if (r.status === 200)
        expect(r.body).toEqual({ supported: true, supportCount: 1, supportHouseholdCount: 1 })
      else assertStatus(r, 409)
    }
    expect(
      await count('SELECT COUNT(*) AS n FROM suggestion_supports WHERE suggestion_id = ?', id),
    ).toBe(1)
    expect((await countsOf(id)).stored.support_count).toBe(1)
  })

  it('refuses to let the author withdraw their own support (409) and keeps the row', async () => {
    const id = await suggestionIn('published', { author, staff })
    const res = expectStatus(
      await send(client(author).suggestions[':id'].support.$delete({ param: { id } })),
      409,
    )
    expect(res.body.error.code).toBe('CONFLICT')
    expect(res.body.error.message).toBe('提出建议的居民不能撤回自己的附议')
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM suggestion_supports WHERE suggestion_id = ? AND user_id = ?',
        id,
        'us-resident-wang',
      ),
    ).toBe(1)
    expect((await countsOf(id)).stored.support_count).toBe(1)
  })
})
