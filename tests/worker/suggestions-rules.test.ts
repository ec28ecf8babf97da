import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DAY } from '../../worker/lib/time'
import { seedDemo } from './helpers'
import {
  count,
  demoLogins,
  expectStatus,
  HUAISHU,
  one,
  resetRateLimits,
  rows,
  run,
  submit,
  suggestionIn,
  userWithRole,
  verifiedResidents,
} from './suggestion-helpers'
import { client, failed, rawRequest, send, succeeded } from './client'

// The lifecycle of a 金点子 (worker/suggestions/transitions.ts) and the rules around it:
// conditional state changes, races between staff, merge without double counting, 民事民评,
// the response threshold and overdue answers.

type Status =
  | 'submitted'
  | 'published'
  | 'accepted'
  | 'adopted'
  | 'not_adopted'
  | 'merged'
  | 'in_progress'
  | 'completed'
  | 'reopened'
  | 'closed_unfixed'
type Action =
  | 'publish'
  | 'accept'
  | 'adopt'
  | 'not_adopt'
  | 'merge'
  | 'close_unfixed'
  | 'progress'
  | 'complete'
  | 'reopen'

const STATUSES: Status[] = [
  'submitted',
  'published',
  'accepted',
  'adopted',
  'not_adopted',
  'merged',
  'in_progress',
  'completed',
  'reopened',
  'closed_unfixed',
]

/** The allowed transitions, written out here independently of transitions.ts. */
const ALLOWED: Record<Action, { from: Status[]; to: Status; event: string; audit: string | null }> =
  {
    publish: {
      from: ['submitted'],
      to: 'published',
      event: 'published',
      audit: 'suggestion.publish',
    },
    accept: { from: ['published'], to: 'accepted', event: 'accepted', audit: 'suggestion.accept' },
    adopt: {
      from: ['published', 'accepted'],
      to: 'adopted',
      event: 'adopted',
      audit: 'suggestion.adopt',
    },
    not_adopt: {
      from: ['published', 'accepted'],
      to: 'not_adopted',
      event: 'not_adopted',
      audit: 'suggestion.not_adopt',
    },
    merge: {
      from: ['published', 'accepted'],
      to: 'merged',
      event: 'merged',
      audit: 'suggestion.merge',
    },
    close_unfixed: {
      from: ['published', 'accepted', 'adopted', 'in_progress', 'reopened'],
      to: 'closed_unfixed',
      event: 'closed_unfixed',
      audit: 'suggestion.close_unfixed',
    },
    progress: {
      from: ['adopted', 'in_progress', 'reopened'],
      to: 'in_progress',
      event: 'progress',
      audit: 'suggestion.progress',
    },
    complete: {
      from: ['adopted', 'in_progress', 'reopened'],
      to: 'completed',
      event: 'completed',
      audit: 'suggestion.complete',
    },
    // 未解决 from a resident's rating: a resident act, so on the timeline but not in the staff audit log.
    reopen: { from: ['completed'], to: 'reopened', event: 'reopened', audit: null },
  }

const login = demoLogins()
let wang: string,
  li: string,
  zhang: string,
  staff: string,
  staff2: string,
  planner: string,
  newcomer: string

/** Performs an action the way its client would: staff for staff actions, the author for 未解决. */
async function perform(
  action: Action,
  id: string,
  options: { token?: string; mergeTarget?: string } = {},
) {
  const token = options.token ?? (action === 'reopen' ? wang : staff)
  switch (action) {
    case 'publish':
    case 'accept':
      return rawRequest('POST', `/api/suggestions/${id}/${action}`, { token })
    case 'adopt':
    case 'not_adopt':
    case 'close_unfixed':
      return send(
        client(token).suggestions[':id'].answer.$post({
          param: { id },
          json: { decision: action, body: `答复：${action}` },
        }),
      )
    case 'merge':
      return send(
        client(token).suggestions[':id'].merge.$post({
          param: { id },
          json: { targetId: options.mergeTarget!, body: '同一处问题，合并处理' },
        }),
      )
    case 'progress':
    case 'complete':
      return rawRequest('POST', `/api/suggestions/${id}/${action}`, {
        token,
        body: { body: action === 'complete' ? '已完工' : '施工中' },
      })
    case 'reopen':
      return send(
        client(token).suggestions[':id'].ratings.$post({
          param: { id },
          json: { stars: 2, unresolved: true, reason: '雨天还是积水' },
        }),
      )
  }
}

const statusOf = async (id: string) =>
  (await one<{ status: string }>('SELECT status FROM suggestions WHERE id = ?', id)).status
const auditCount = (id: string, action: string) =>
  count('SELECT COUNT(*) AS n FROM audit_log WHERE target_id = ? AND action = ?', id, action)
const eventCount = (id: string, ...kinds: string[]) =>
  count(
    `SELECT COUNT(*) AS n FROM suggestion_events WHERE suggestion_id = ? AND kind IN (${kinds.map(() => '?').join(', ')})`,
    id,
    ...kinds,
  )
const settingsBody = (households: number, days: number) => ({
  responseThresholdHouseholds: households,
  answerDeadlineDays: days,
})

beforeAll(async () => {
  await seedDemo()
  ;[wang, li, zhang, staff, planner, newcomer] = await login.all(
    'resident-wang',
    'resident-li',
    'resident-zhang',
    'staff-zhao',
    'planner-zhou',
    'newcomer-chen',
  )
  staff2 = (await userWithRole('rules-staff-2', 'staff')).token
})
beforeEach(resetRateLimits)

describe('state changes along the allowed transitions', () => {
  const cases = (Object.keys(ALLOWED) as Action[]).flatMap((action) =>
    ALLOWED[action].from.map((from) => ({ action, from })),
  )

  it('covers 20 allowed transitions', () => {
    expect(cases).toHaveLength(20)
  })

  for (const { action, from } of cases) {
    const { to, event, audit } = ALLOWED[action]
    it(`${action}: ${from} → ${to}, with one timeline event (who, from, to) and ${audit ? 'one audit row' : 'no staff audit row'}`, async () => {
      const id = await suggestionIn(from, { author: wang, staff })
      const target =
        action === 'merge' ? await suggestionIn('published', { author: li, staff }) : undefined
      const res = expectStatus(await perform(action, id, { mergeTarget: target }), 200)
      if (action !== 'reopen') expect(res.body.status).toBe(to)
      expect(await statusOf(id)).toBe(to)

      const detail = expectStatus(
        await send(client().suggestions[':id'].$get({ param: { id } })),
        200,
      )
      const events = detail.body.timeline.filter(
        (e) => e.kind === event && e.fromStatus === from && e.toStatus === to,
      )
      expect(events).toHaveLength(1)
      expect(events[0]!.actorRole).toBe(action === 'reopen' ? 'resident' : 'staff')
      expect(events[0]!.kindLabel).not.toBe(event) // a Chinese label, not the raw kind
      if (audit) {
        // The fixture's own path may have written the same action before (progress, then progress).
        const audited = await rows(
          "SELECT actor_user_id, after_json FROM audit_log WHERE target_id = ? AND action = ? AND json_extract(before_json, '$.status') = ?",
          id,
          audit,
          from,
        )
        expect(audited).toHaveLength(1)
        expect(audited[0]!.actor_user_id).toBe('us-staff-zhao')
        expect(JSON.parse(audited[0]!.after_json).status).toBe(to)
      } else {
        expect(
          await count(
            "SELECT COUNT(*) AS n FROM audit_log WHERE target_id = ? AND action LIKE 'suggestion.reopen%'",
            id,
          ),
        ).toBe(0)
      }
    })
  }

  it('lets a planner of the community post progress and complete, recorded in the planner role', async () => {
    const id = await suggestionIn('adopted', { author: wang, staff })
    expectStatus(await perform('progress', id, { token: planner }), 200)
    const done = expectStatus(await perform('complete', id, { token: planner }), 200)
    expect(done.body.status).toBe('completed')
    expect(
      done.body.timeline
        .filter((e: any) => ['progress', 'completed'].includes(e.kind))
        .map((e: any) => e.actorRole),
    ).toEqual(['planner', 'planner'])
  })
})

describe('illegal state changes', () => {
  const fixtures = new Map<Status, string>()
  let mergeTarget: string
  beforeAll(async () => {
    for (const status of STATUSES)
      fixtures.set(status, await suggestionIn(status, { author: wang, staff }))
    mergeTarget = await suggestionIn('published', { author: li, staff })
  })

  const illegal = (Object.keys(ALLOWED) as Action[]).flatMap((action) =>
    STATUSES.filter((s) => !ALLOWED[action].from.includes(s)).map((from) => ({ action, from })),
  )

  it('covers all 70 illegal (action, state) pairs', () => {
    expect(illegal).toHaveLength(70)
  })

  for (const { action, from } of illegal) {
    it(`${action} on a ${from} suggestion → 409 INVALID_STATE with currentStatus "${from}", nothing written`, async () => {
      const id = fixtures.get(from)!
      const [eventsBefore, auditBefore] = await Promise.all([
        count('SELECT COUNT(*) AS n FROM suggestion_events WHERE suggestion_id = ?', id),
        count('SELECT COUNT(*) AS n FROM audit_log WHERE target_id = ?', id),
      ])
      const res = expectStatus(await perform(action, id, { mergeTarget }), 409)
      expect(res.body.error.code).toBe('INVALID_STATE')
      expect(res.body.error.details.currentStatus).toBe(from)
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/)
      expect(await statusOf(id)).toBe(from)
      expect(
        await count('SELECT COUNT(*) AS n FROM suggestion_events WHERE suggestion_id = ?', id),
      ).toBe(eventsBefore)
      expect(await count('SELECT COUNT(*) AS n FROM audit_log WHERE target_id = ?', id)).toBe(
        auditBefore,
      )
    })
  }

  it('names the current state in Chinese: completing a published suggestion', async () => {
    const res = expectStatus(await perform('complete', fixtures.get('published')!), 409)
    expect(res.body.error.message).toBe('当前状态为“已公开”，不能进行此操作')
  })

  it('refuses to assign a planner to a closed case (409) and leaves it unassigned', async () => {
    const id = fixtures.get('not_adopted')!
    const res = expectStatus(
      await send(
        client(staff).suggestions[':id'].assign.$post({
          param: { id },
          json: { plannerUserId: 'us-planner-zhou' },
        }),
      ),
      409,
    )
    expect(res.body.error.details!.currentStatus).toBe('not_adopted')
    expect(
      (await one('SELECT planner_user_id FROM suggestions WHERE id = ?', id)).planner_user_id,
    ).toBeNull()
  })
})

describe('two staff acting at once on one suggestion', () => {
  it('accept + accept: exactly one 200 and one 409, one timeline event, one audit row', async () => {
    const id = await suggestionIn('published', { author: wang, staff })
    const responses = await Promise.all([
      perform('accept', id, { token: staff }),
      perform('accept', id, { token: staff2 }),
    ])
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409])
    const lost = responses.find((r) => r.status === 409)!
    expect(lost.body.error.code).toBe('INVALID_STATE')
    expect(lost.body.error.details.currentStatus).toBe('accepted')
    expect(await eventCount(id, 'accepted')).toBe(1)
    expect(await auditCount(id, 'suggestion.accept')).toBe(1)
  })

  it('adopt + not_adopt: exactly one 200 and one 409, one answer on the timeline, one audit row, the winner decides', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await suggestionIn('accepted', { author: wang, staff })
      const responses = await Promise.all([
        perform('adopt', id, { token: staff }),
        perform('not_adopt', id, { token: staff2 }),
      ])
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409])
      const won = responses.find((r) => r.status === 200)!
      const lost = responses.find((r) => r.status === 409)!
      expect(lost.body.error.details.currentStatus).toBe(won.body.status)
      expect(await statusOf(id)).toBe(won.body.status)
      expect(await eventCount(id, 'adopted', 'not_adopted')).toBe(1)
      expect(
        await count(
          "SELECT COUNT(*) AS n FROM audit_log WHERE target_id = ? AND action IN ('suggestion.adopt', 'suggestion.not_adopt')",
          id,
        ),
      ).toBe(1)
    }
  })

  it('complete + close_unfixed: one wins, and the case is never both', async () => {
    const id = await suggestionIn('in_progress', { author: wang, staff })
    const responses = await Promise.all([
      perform('complete', id, { token: staff }),
      perform('close_unfixed', id, { token: staff2 }),
    ])
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409])
    expect(await eventCount(id, 'completed', 'closed_unfixed')).toBe(1)
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM audit_log WHERE target_id = ? AND action IN ('suggestion.complete', 'suggestion.close_unfixed')",
        id,
      ),
    ).toBe(1)
  })
})

describe('POST /api/suggestions/{id}/merge', () => {
  let a: string, b: string
  let x1: { token: string; userId: string }, x2: { token: string; userId: string }
  beforeAll(async () => {
    await resetRateLimits()
    // Two new residents of one household, neither of them a demo user's household.
    const pair = await verifiedResidents('merge', 2, { householdIds: ['hh-wutong-1-2-601'] })
    ;[x1, x2] = [pair[0]!, pair[1]!]
    a = await suggestionIn('published', { author: wang, staff }) // wang: hh-wutong-1-1-301
    b = await suggestionIn('published', { author: zhang, staff }) // zhang: hh-huaiyin-5-1-201
    // zhang, the target's author, supported the source too: still one row for him afterwards.
    for (const token of [li, x1.token, await login('committee-wu'), zhang])
      expectStatus(
        await send(client(token).suggestions[':id'].support.$post({ param: { id: a } })),
        200,
      )
    for (const token of [li, x2.token])
      expectStatus(
        await send(client(token).suggestions[':id'].support.$post({ param: { id: b } })),
        200,
      )
  })

  it('moves supports over as the union by person, with counts equal to the rows', async () => {
    const aRowsBefore = await count(
      'SELECT COUNT(*) AS n FROM suggestion_supports WHERE suggestion_id = ?',
      a,
    )
    const merged = expectStatus(
      await send(
        client(staff).suggestions[':id'].merge.$post({
          param: { id: a },
          json: { targetId: b, body: '两条建议说的是同一处，合并处理' },
        }),
      ),
      200,
    )
    expect(merged.body.status).toBe('merged')
    expect(merged.body.mergedInto).toEqual({ id: b, title: expect.any(String) })

    const supporters = await rows<{ user_id: string }>(
      'SELECT user_id FROM suggestion_supports WHERE suggestion_id = ? ORDER BY user_id',
      b,
    )
    expect(supporters.map((r) => r.user_id)).toEqual(
      [
        'us-resident-zhang',
        'us-resident-li',
        x2.userId,
        'us-resident-wang',
        x1.userId,
        'us-committee-wu',
      ].sort(),
    )
    const stored = await one(
      'SELECT support_count, support_household_count FROM suggestions WHERE id = ?',
      b,
    )
    expect(stored.support_count).toBe(
      await count('SELECT COUNT(*) AS n FROM suggestion_supports WHERE suggestion_id = ?', b),
    )
    expect(stored.support_household_count).toBe(
      await count(
        'SELECT COUNT(DISTINCT household_id) AS n FROM suggestion_supports WHERE suggestion_id = ?',
        b,
      ),
    )
    expect(stored.support_count).toBe(6)
    // zhang, li, wang, wu, and x1 + x2 sharing hh-wutong-1-2-601.
    expect(stored.support_household_count).toBe(5)

    const target = expectStatus(
      await send(client().suggestions[':id'].$get({ param: { id: b } })),
      200,
    )
    expect(target.body.supportCount).toBe(6)
    expect(target.body.supportHouseholdCount).toBe(5)
    expect(target.body.timeline.filter((e) => e.kind === 'merged_from')).toHaveLength(1)
    // The merged suggestion keeps its own record.
    expect(
      await count('SELECT COUNT(*) AS n FROM suggestion_supports WHERE suggestion_id = ?', a),
    ).toBe(aRowsBefore)
    expect(await auditCount(a, 'suggestion.merge')).toBe(1)
  })

  it('adds no second row when a moved-over supporter supports the target again', async () => {
    const res = expectStatus(
      await send(client(wang).suggestions[':id'].support.$post({ param: { id: b } })),
      200,
    )
    expect(res.body).toEqual({ supported: true, supportCount: 6, supportHouseholdCount: 5 })
  })

  it("refuses merging into itself (400), into another community's (404), into a closed one (409)", async () => {
    const c = await suggestionIn('published', { author: wang, staff })
    const closed = await suggestionIn('not_adopted', { author: wang, staff })
    expectStatus(
      await send(
        client(staff).suggestions[':id'].merge.$post({
          param: { id: c },
          json: { targetId: c, body: '合并' },
        }),
      ),
      400,
    )
    expectStatus(
      await send(
        client(staff).suggestions[':id'].merge.$post({
          param: { id: c },
          json: { targetId: 'sg-does-not-exist', body: '合并' },
        }),
      ),
      404,
    )
    const res = expectStatus(
      await send(
        client(staff).suggestions[':id'].merge.$post({
          param: { id: c },
          json: { targetId: closed, body: '合并' },
        }),
      ),
      409,
    )
    expect(res.body.error.code).toBe('INVALID_STATE')
    expect(await statusOf(c)).toBe('published')
  })
})

describe('closing without fixing', () => {
  it('is its own public state, never shown as completed, and cannot be rated or completed afterwards', async () => {
    const id = await suggestionIn('in_progress', { author: wang, staff })
    const res = expectStatus(await perform('close_unfixed', id), 200)
    expect(res.body.status).toBe('closed_unfixed')
    expect(res.body.statusLabel).toBe('已关闭（未实施）')
    expect(res.body.timeline.at(-1).kindLabel).toBe('关闭（未实施）')
    expect(res.body.viewer.canRate).toBe(false)

    const completed = await send(
      client().communities[':id'].suggestions.$get({
        param: { id: HUAISHU },
        query: { status: 'completed', limit: '50' },
      }),
    )
    expect(succeeded(completed).body.items.map((s) => s.id)).not.toContain(id)
    const closed = await send(
      client().communities[':id'].suggestions.$get({
        param: { id: HUAISHU },
        query: { status: 'closed_unfixed', limit: '50' },
      }),
    )
    expect(succeeded(closed).body.items.map((s) => s.id)).toContain(id)

    expectStatus(
      await send(
        client(wang).suggestions[':id'].ratings.$post({ param: { id }, json: { stars: 5 } }),
      ),
      409,
    )
    expectStatus(await perform('complete', id), 409)
    expect(await statusOf(id)).toBe('closed_unfixed')
  })
})

describe('POST /api/suggestions/{id}/ratings (民事民评)', () => {
  let id: string
  beforeAll(async () => {
    await resetRateLimits()
    id = await suggestionIn('published', { author: wang, staff })
    expectStatus(await send(client(li).suggestions[':id'].support.$post({ param: { id } })), 200)
    await perform('adopt', id)
  })

  it('is refused before completion with 409 and the current state', async () => {
    const res = expectStatus(
      await send(
        client(wang).suggestions[':id'].ratings.$post({ param: { id }, json: { stars: 5 } }),
      ),
      409,
    )
    expect(res.body.error.code).toBe('INVALID_STATE')
    expect(res.body.error.details!.currentStatus).toBe('adopted')
    expect(res.body.error.message).toBe('建议完成后才能评价')
    expect(
      await count('SELECT COUNT(*) AS n FROM suggestion_ratings WHERE suggestion_id = ?', id),
    ).toBe(0)
  })

  it('is only for the author and supporters (others 403, anonymous 401)', async () => {
    expectStatus(await perform('complete', id), 200)
    for (const token of [zhang, newcomer, staff, planner]) {
      const res = expectStatus(
        await send(
          client(token).suggestions[':id'].ratings.$post({ param: { id }, json: { stars: 5 } }),
        ),
        403,
      )
      expect(res.body.error.message).toBe('只有提出或附议这条建议的居民可以评价')
    }
    expectStatus(
      await send(client().suggestions[':id'].ratings.$post({ param: { id }, json: { stars: 5 } })),
      401,
    )
    expect(
      await count('SELECT COUNT(*) AS n FROM suggestion_ratings WHERE suggestion_id = ?', id),
    ).toBe(0)
  })

  it('averages exactly: 5 and 4 → "4.50"; changing a rating replaces it', async () => {
    expect(
      expectStatus(
        await send(
          client(wang).suggestions[':id'].ratings.$post({ param: { id }, json: { stars: 5 } }),
        ),
        200,
      ).body,
    ).toEqual({ stars: 5, unresolved: false })
    expectStatus(
      await send(
        client(li).suggestions[':id'].ratings.$post({ param: { id }, json: { stars: 4 } }),
      ),
      200,
    )
    const detail = await send(client(li).suggestions[':id'].$get({ param: { id } }))
    expect(succeeded(detail).body.rating).toEqual({ average: '4.50', count: 2 })
    expect(succeeded(detail).body.viewer.myRating).toEqual({ stars: 4, unresolved: false })
    expectStatus(
      await send(
        client(li).suggestions[':id'].ratings.$post({ param: { id }, json: { stars: 2 } }),
      ),
      200,
    )
    expect(
      succeeded(await send(client().suggestions[':id'].$get({ param: { id } }))).body.rating,
    ).toEqual({ average: '3.50', count: 2 })
  })

  it('rejects stars outside 1–5 and "未解决" without a reason (400), storing nothing', async () => {
    const before = await rows(
      'SELECT * FROM suggestion_ratings WHERE suggestion_id = ? ORDER BY user_id',
      id,
    )
    for (const body of [
      { stars: 0 },
      { stars: 6 },
      { stars: 4.5 },
      { stars: 1, unresolved: true },
      { stars: 1, unresolved: true, reason: '   ' },
    ]) {
      const res = expectStatus(
        await send(client(wang).suggestions[':id'].ratings.$post({ param: { id }, json: body })),
        400,
      )
      expect(res.body.error.code).toBe('VALIDATION_FAILED')
    }
    const noReason = await send(
      client(wang).suggestions[':id'].ratings.$post({
        param: { id },
        json: { stars: 1, unresolved: true },
      }),
    )
    expect(failed(noReason).body.error.message).toContain('选择“未解决”时请说明理由')
    expect(
      await rows('SELECT * FROM suggestion_ratings WHERE suggestion_id = ? ORDER BY user_id', id),
    ).toEqual(before)
    expect(await statusOf(id)).toBe('completed')
  })

  it('reopens the case on "未解决" with a reason, on the public timeline', async () => {
    const res = expectStatus(
      await send(
        client(li).suggestions[':id'].ratings.$post({
          param: { id },
          json: { stars: 1, unresolved: true, reason: '灯装了但不亮' },
        }),
      ),
      200,
    )
    expect(res.body).toEqual({ stars: 1, unresolved: true })
    const detail = await send(client().suggestions[':id'].$get({ param: { id } }))
    expect(succeeded(detail).body.status).toBe('reopened')
    const reopened = succeeded(detail).body.timeline.filter((e) => e.kind === 'reopened')
    expect(reopened).toHaveLength(1)
    expect(reopened[0]).toMatchObject({
      body: '灯装了但不亮',
      actorRole: 'resident',
      fromStatus: 'completed',
      toStatus: 'reopened',
    })
    // No further ratings until it is completed again.
    expect(
      expectStatus(
        await send(
          client(wang).suggestions[':id'].ratings.$post({ param: { id }, json: { stars: 5 } }),
        ),
        409,
      ).body.error.details!.currentStatus,
    ).toBe('reopened')
  })

  it('starts a new round of ratings when completed again', async () => {
    const done = expectStatus(await perform('complete', id), 200)
    expect(done.body.rating).toBeNull()
    expectStatus(
      await send(
        client(li).suggestions[':id'].ratings.$post({ param: { id }, json: { stars: 4 } }),
      ),
      200,
    )
    expect(
      succeeded(await send(client().suggestions[':id'].$get({ param: { id } }))).body.rating,
    ).toEqual({ average: '4.00', count: 1 })
  })
})

describe('the response threshold (PUT /api/communities/{id}/suggestion-settings)', () => {
  afterEach(async () => {
    await resetRateLimits()
    expectStatus(
      await send(
        client(staff).communities[':id']['suggestion-settings'].$put({
          param: { id: HUAISHU },
          json: settingsBody(10, 15),
        }),
      ),
      200,
    )
  })

  it('is set by staff and audited', async () => {
    const res = expectStatus(
      await send(
        client(staff).communities[':id']['suggestion-settings'].$put({
          param: { id: HUAISHU },
          json: settingsBody(3, 7),
        }),
      ),
      200,
    )
    expect(res.body).toEqual(settingsBody(3, 7))
    expect(
      (
        await send(
          client().communities[':id']['suggestion-settings'].$get({ param: { id: HUAISHU } }),
        )
      ).body,
    ).toEqual(settingsBody(3, 7))
    const audit = await one(
      "SELECT before_json, after_json FROM audit_log WHERE action = 'suggestion_settings.update' ORDER BY created_at DESC LIMIT 1",
    )
    expect(JSON.parse(audit.after_json)).toEqual(settingsBody(3, 7))
  })

  it('starts the answer deadline when supporting households reach it, counted per household', async () => {
    expectStatus(
      await send(
        client(staff).communities[':id']['suggestion-settings'].$put({
          param: { id: HUAISHU },
          json: settingsBody(3, 7),
        }),
      ),
      200,
    )
    const id = await suggestionIn('published', { author: wang, staff }) // household 1
    const [housemate] = await verifiedResidents('threshold', 1, {
      householdIds: ['hh-wutong-1-1-301'],
    }) // wang's household
    expectStatus(await send(client(li).suggestions[':id'].support.$post({ param: { id } })), 200) // household 2
    expectStatus(
      await send(client(housemate!.token).suggestions[':id'].support.$post({ param: { id } })),
      200,
    ) // still 2 households
    let detail = await send(client().suggestions[':id'].$get({ param: { id } }))
    expect(succeeded(detail).body.supportCount).toBe(3)
    expect(succeeded(detail).body.supportHouseholdCount).toBe(2)
    expect(succeeded(detail).body.threshold).toEqual({
      households: 3,
      reachedAt: null,
      deadlineDays: 7,
    })
    expect(succeeded(detail).body.answerDueAt).toBeNull()

    expectStatus(await send(client(zhang).suggestions[':id'].support.$post({ param: { id } })), 200) // household 3
    detail = await send(client().suggestions[':id'].$get({ param: { id } }))
    const reachedAt = succeeded(detail).body.threshold.reachedAt!
    expect(reachedAt).toEqual(expect.any(Number))
    expect(succeeded(detail).body.answerDueAt).toBe(reachedAt! + 7 * DAY)
    const events = succeeded(detail).body.timeline.filter((e) => e.kind === 'threshold_reached')
    expect(events).toHaveLength(1)
    expect(events[0]!.actorRole).toBe('system')

    // More supports do not move the deadline or repeat the event.
    expectStatus(
      await send(
        client(await login('committee-wu')).suggestions[':id'].support.$post({ param: { id } }),
      ),
      200,
    )
    detail = await send(client().suggestions[':id'].$get({ param: { id } }))
    expect(succeeded(detail).body.threshold.reachedAt!).toBe(reachedAt)
    expect(succeeded(detail).body.answerDueAt).toBe(reachedAt! + 7 * DAY)
    expect(await eventCount(id, 'threshold_reached')).toBe(1)
  })

  it('is also reached when a merge brings the households over', async () => {
    expectStatus(
      await send(
        client(staff).communities[':id']['suggestion-settings'].$put({
          param: { id: HUAISHU },
          json: settingsBody(3, 7),
        }),
      ),
      200,
    )
    const a = await suggestionIn('published', { author: wang, staff })
    expectStatus(await send(client(li).suggestions[':id'].support.$post({ param: { id: a } })), 200)
    const b = await suggestionIn('published', { author: zhang, staff })
    expectStatus(
      await send(
        client(staff).suggestions[':id'].merge.$post({
          param: { id: a },
          json: { targetId: b, body: '合并' },
        }),
      ),
      200,
    )
    const detail = await send(client().suggestions[':id'].$get({ param: { id: b } }))
    expect(succeeded(detail).body.supportHouseholdCount).toBe(3)
    expect(succeeded(detail).body.threshold.reachedAt!).toEqual(expect.any(Number))
    expect(succeeded(detail).body.answerDueAt).toBe(
      succeeded(detail).body.threshold.reachedAt! + 7 * DAY,
    )
    expect(await eventCount(b, 'threshold_reached')).toBe(1)
  })

  it('flags overdue answers in the list until the case is answered (受理 alone is not an answer)', async () => {
    expectStatus(
      await send(
        client(staff).communities[':id']['suggestion-settings'].$put({
          param: { id: HUAISHU },
          json: settingsBody(2, 7),
        }),
      ),
      200,
    )
    const id = await suggestionIn('published', { author: wang, staff })
    expectStatus(await send(client(li).suggestions[':id'].support.$post({ param: { id } })), 200)
    await run('UPDATE suggestions SET answer_due_at = ? WHERE id = ?', Date.now() - 60_000, id)

    const overdueIds = async () =>
      succeeded(
        await send(
          client().communities[':id'].suggestions.$get({
            param: { id: HUAISHU },
            query: { overdue: 'true', limit: '50' },
          }),
        ),
      ).body.items.map((s) => s.id)
    const overdue = await send(
      client().communities[':id'].suggestions.$get({
        param: { id: HUAISHU },
        query: { overdue: 'true', limit: '50' },
      }),
    )
    expect(succeeded(overdue).body.items.find((s) => s.id === id)).toMatchObject({
      isOverdue: true,
    })
    expect(succeeded(overdue).body.items.every((s) => s.isOverdue)).toBe(true)
    expect(
      succeeded(await send(client().suggestions[':id'].$get({ param: { id } }))).body.isOverdue,
    ).toBe(true)

    expectStatus(await perform('accept', id), 200)
    expect(await overdueIds()).toContain(id)

    const answered = expectStatus(await perform('adopt', id), 200)
    expect(answered.body.isOverdue).toBe(false)
    expect(answered.body.answerDueAt).toBeNull()
    expect(await overdueIds()).not.toContain(id)
  })
})

describe('support outside the open states', () => {
  it('is refused for a submitted suggestion and a closed one (409 with the state), nothing stored', async () => {
    for (const status of ['submitted', 'not_adopted', 'completed', 'merged'] as const) {
      const id = await suggestionIn(status, { author: wang, staff })
      const before = await count(
        'SELECT COUNT(*) AS n FROM suggestion_supports WHERE suggestion_id = ?',
        id,
      )
      // The author can see their own submitted suggestion; others cannot (404, see suggestions-authz).
      const res = expectStatus(
        await send(
          client(status === 'submitted' ? wang : li).suggestions[':id'].support.$post({
            param: { id },
          }),
        ),
        409,
      )
      expect(res.body.error.details!.currentStatus).toBe(status)
      expect(
        await count('SELECT COUNT(*) AS n FROM suggestion_supports WHERE suggestion_id = ?', id),
      ).toBe(before)
    }
  })
})

describe('a new submission', () => {
  it("waits for moderation and starts its timeline with the resident's submission", async () => {
    const id = await submit(wang)
    const detail = await send(client(wang).suggestions[':id'].$get({ param: { id } }))
    expect(succeeded(detail).body.status).toBe('submitted')
    expect(succeeded(detail).body.timeline.map((e) => [e.kind, e.actorRole])).toEqual([
      ['submitted', 'resident'],
    ])
  })
})
