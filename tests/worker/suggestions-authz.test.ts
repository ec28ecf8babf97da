import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { seedDemo } from './helpers'
import {
  demoLogins,
  download,
  expectStatus,
  FENGQIAO,
  HUAISHU,
  one,
  resetRateLimits,
  submit,
  suggestionBody,
  suggestionIn,
  tinyJpeg,
  upload,
  verifiedResidents,
  type Res,
} from './suggestion-helpers'
import { client, rawRequest, send, succeeded } from './client'

// Who may call which 金点子 route. Every route that takes an id is listed with the status each
// actor gets; the fixture is made per route so that one route's success cannot change
// another's outcome.

const ACTORS = [
  'author',
  'other',
  'unverified',
  'staff',
  'otherStaff',
  'planner',
  'anonymous',
] as const
type Actor = (typeof ACTORS)[number]
const DEMO_KEY: Record<Exclude<Actor, 'anonymous'>, string> = {
  author: 'resident-wang', // verified resident of 槐树社区, author of every fixture below
  other: 'resident-li', // another verified resident of 槐树社区
  unverified: 'newcomer-chen', // signed in, no residency, no role
  staff: 'staff-zhao', // admin + staff of 槐树社区
  otherStaff: 'staff-sun', // admin + staff of 枫桥社区
  planner: 'planner-zhou', // planner of 槐树社区
}

type Request = { method: string; path: string; body?: unknown; photo?: true }
type Row = {
  route: string
  /** Expected status per actor, in the order of ACTORS. */
  expect: [number, number, number, number, number, number, number]
  setup: () => Promise<Request>
  /** Each succeeding actor needs its own fixture (the first success would change the second's outcome). */
  fresh?: boolean
}

const login = demoLogins()
const tokens = {} as Record<Actor, string | null>
const author = () => tokens.author!
const staff = () => tokens.staff!

async function call(actor: Actor, req: Request): Promise<Res> {
  const token = tokens[actor]
  if (req.photo) return upload(token, tinyJpeg(), { communityId: HUAISHU })
  return rawRequest(req.method, req.path, { token, body: req.body })
}

const published = () => suggestionIn('published', { author: author(), staff: staff() })

async function photoOf(
  status: 'published' | 'submitted',
): Promise<{ suggestionId: string; photoId: string }> {
  const photoId = expectStatus(await upload(author(), tinyJpeg()), 201).body.id as string
  const suggestionId = await suggestionIn(
    status,
    { author: author(), staff: staff() },
    { photoIds: [photoId] },
  )
  return { suggestionId, photoId }
}

async function hidden(): Promise<string> {
  const id = await published()
  expectStatus(
    await send(
      client(staff()).suggestions[':id'].hide.$post({
        param: { id },
        json: { reason: '含有住户门牌号，已隐藏' },
      }),
    ),
    200,
  )
  return id
}

async function commentOn(id: string): Promise<string> {
  return expectStatus(
    await send(
      client(tokens.other!).suggestions[':id'].comments.$post({
        param: { id },
        json: { body: '同意，晚上确实看不清' },
      }),
    ),
    201,
  ).body.id
}

const ALL_200: Row['expect'] = [200, 200, 200, 200, 200, 200, 200]
const STAFF_ONLY: Row['expect'] = [403, 403, 403, 200, 403, 403, 401]
const STAFF_OR_PLANNER: Row['expect'] = [403, 403, 403, 200, 403, 200, 401]
const c = HUAISHU

const MATRIX: Row[] = [
  // Routes under /api/communities/{id}
  {
    route: 'GET /communities/{id}/suggestions',
    expect: ALL_200,
    setup: async () => ({ method: 'GET', path: `/api/communities/${c}/suggestions` }),
  },
  {
    route: 'GET /communities/{id}/suggestions/similar',
    expect: ALL_200,
    setup: async () => ({
      method: 'GET',
      path: `/api/communities/${c}/suggestions/similar?title=${encodeURIComponent('路灯不亮')}`,
    }),
  },
  {
    route: 'GET /communities/{id}/suggestion-settings',
    expect: ALL_200,
    setup: async () => ({ method: 'GET', path: `/api/communities/${c}/suggestion-settings` }),
  },
  {
    route: 'POST /communities/{id}/suggestions',
    expect: [201, 201, 403, 403, 403, 403, 401],
    setup: async () => ({
      method: 'POST',
      path: `/api/communities/${c}/suggestions`,
      body: suggestionBody(),
    }),
  },
  {
    route: 'GET /communities/{id}/suggestions/moderation',
    expect: STAFF_ONLY,
    setup: async () => ({ method: 'GET', path: `/api/communities/${c}/suggestions/moderation` }),
  },
  {
    route: 'PUT /communities/{id}/suggestion-settings',
    expect: STAFF_ONLY,
    setup: async () => ({
      method: 'PUT',
      path: `/api/communities/${c}/suggestion-settings`,
      body: { responseThresholdHouseholds: 10, answerDeadlineDays: 15 },
    }),
  },
  {
    route: 'GET /communities/{id}/answer-templates',
    expect: STAFF_OR_PLANNER,
    setup: async () => ({ method: 'GET', path: `/api/communities/${c}/answer-templates` }),
  },
  {
    route: 'POST /communities/{id}/answer-templates',
    expect: [403, 403, 403, 201, 403, 403, 401],
    setup: async () => ({
      method: 'POST',
      path: `/api/communities/${c}/answer-templates`,
      body: { kind: 'adopt', title: '采纳通用', body: '感谢您的建议，居委会决定采纳。' },
    }),
  },

  // Routes under /api/suggestions/{id}, on a published suggestion
  {
    route: 'GET /suggestions/{id}',
    expect: ALL_200,
    setup: async () => ({ method: 'GET', path: `/api/suggestions/${await published()}` }),
  },
  {
    route: 'POST /suggestions/{id}/support',
    expect: [200, 200, 403, 403, 403, 403, 401],
    setup: async () => ({ method: 'POST', path: `/api/suggestions/${await published()}/support` }),
  },
  {
    route: 'DELETE /suggestions/{id}/support',
    expect: [409, 200, 403, 403, 403, 403, 401],
    setup: async () => ({
      method: 'DELETE',
      path: `/api/suggestions/${await published()}/support`,
    }),
  },
  {
    route: 'GET /suggestions/{id}/comments',
    expect: ALL_200,
    setup: async () => ({ method: 'GET', path: `/api/suggestions/${await published()}/comments` }),
  },
  {
    route: 'POST /suggestions/{id}/comments',
    expect: [201, 201, 403, 201, 403, 201, 401],
    setup: async () => ({
      method: 'POST',
      path: `/api/suggestions/${await published()}/comments`,
      body: { body: '我也遇到过' },
    }),
  },
  {
    route: 'POST /suggestions/{id}/ratings (completed)',
    expect: [200, 403, 403, 403, 403, 403, 401],
    setup: async () => ({
      method: 'POST',
      path: `/api/suggestions/${await suggestionIn('completed', { author: author(), staff: staff() })}/ratings`,
      body: { stars: 4 },
    }),
  },
  {
    route: 'POST /suggestions/{id}/flags',
    expect: [201, 201, 201, 201, 201, 201, 401],
    setup: async () => ({
      method: 'POST',
      path: `/api/suggestions/${await published()}/flags`,
      body: { reason: '疑似广告' },
    }),
  },
  {
    route: 'POST /suggestions/{id}/publish (submitted)',
    expect: STAFF_ONLY,
    setup: async () => ({
      method: 'POST',
      path: `/api/suggestions/${await suggestionIn('submitted', { author: author(), staff: staff() })}/publish`,
    }),
  },
  {
    route: 'POST /suggestions/{id}/hide',
    expect: STAFF_ONLY,
    setup: async () => ({
      method: 'POST',
      path: `/api/suggestions/${await published()}/hide`,
      body: { reason: '含有个人信息' },
    }),
  },
  {
    route: 'POST /suggestions/{id}/unhide (hidden)',
    expect: STAFF_ONLY,
    setup: async () => ({ method: 'POST', path: `/api/suggestions/${await hidden()}/unhide` }),
  },
  {
    route: 'POST /suggestions/{id}/accept',
    expect: STAFF_ONLY,
    setup: async () => ({ method: 'POST', path: `/api/suggestions/${await published()}/accept` }),
  },
  {
    route: 'POST /suggestions/{id}/answer',
    expect: STAFF_ONLY,
    setup: async () => ({
      method: 'POST',
      path: `/api/suggestions/${await published()}/answer`,
      body: { decision: 'adopt', body: '采纳' },
    }),
  },
  {
    route: 'POST /suggestions/{id}/merge',
    expect: STAFF_ONLY,
    setup: async () => {
      const [source, target] = [await published(), await published()]
      return {
        method: 'POST',
        path: `/api/suggestions/${source}/merge`,
        body: { targetId: target, body: '同一处问题' },
      }
    },
  },
  {
    route: 'POST /suggestions/{id}/assign',
    expect: STAFF_ONLY,
    setup: async () => ({
      method: 'POST',
      path: `/api/suggestions/${await published()}/assign`,
      body: { plannerUserId: 'us-planner-zhou' },
    }),
  },
  {
    route: 'POST /suggestions/{id}/progress (adopted)',
    expect: STAFF_OR_PLANNER,
    setup: async () => ({
      method: 'POST',
      path: `/api/suggestions/${await suggestionIn('adopted', { author: author(), staff: staff() })}/progress`,
      body: { body: '施工中' },
    }),
  },
  {
    route: 'POST /suggestions/{id}/complete (adopted)',
    expect: STAFF_OR_PLANNER,
    fresh: true,
    setup: async () => ({
      method: 'POST',
      path: `/api/suggestions/${await suggestionIn('adopted', { author: author(), staff: staff() })}/complete`,
      body: { body: '完工' },
    }),
  },

  // Other routes with an id
  {
    route: 'POST /suggestion-comments/{id}/hide',
    expect: STAFF_ONLY,
    setup: async () => ({
      method: 'POST',
      path: `/api/suggestion-comments/${await commentOn(await published())}/hide`,
      body: { reason: '人身攻击' },
    }),
  },
  {
    route: 'POST /suggestion-flags/{id}/dismiss',
    expect: STAFF_ONLY,
    setup: async () => {
      const id = await published()
      expectStatus(
        await send(
          client(tokens.other!).suggestions[':id'].flags.$post({
            param: { id },
            json: { reason: '重复内容' },
          }),
        ),
        201,
      )
      const flag = await one<{ id: string }>(
        'SELECT id FROM suggestion_flags WHERE suggestion_id = ?',
        id,
      )
      return { method: 'POST', path: `/api/suggestion-flags/${flag.id}/dismiss` }
    },
  },
  {
    route: 'DELETE /answer-templates/{id}',
    expect: STAFF_ONLY,
    setup: async () => {
      const res = expectStatus(
        await send(
          client(staff()).communities[':id']['answer-templates'].$post({
            param: { id: c },
            json: { kind: 'progress', title: '进展', body: '正在施工' },
          }),
        ),
        201,
      )
      return { method: 'DELETE', path: `/api/answer-templates/${res.body.id}` }
    },
  },
  {
    route: 'POST /suggestion-photos (communityId = 槐树社区)',
    expect: [201, 201, 403, 201, 403, 201, 401],
    setup: async () => ({ method: 'POST', path: '/api/suggestion-photos', photo: true }),
  },
  {
    route: 'GET /suggestion-photos/{id} (of a published suggestion)',
    expect: ALL_200,
    setup: async () => ({
      method: 'GET',
      path: `/api/suggestion-photos/${(await photoOf('published')).photoId}`,
    }),
  },
  {
    route: 'GET /suggestion-photos/{id} (uploaded, not yet attached)',
    expect: [200, 404, 404, 404, 404, 404, 404],
    setup: async () => ({
      method: 'GET',
      path: `/api/suggestion-photos/${expectStatus(await upload(author(), tinyJpeg()), 201).body.id}`,
    }),
  },
  {
    route: 'GET /me/suggestions',
    expect: [200, 200, 200, 200, 200, 200, 401],
    setup: async () => ({ method: 'GET', path: '/api/me/suggestions' }),
  },
]

// The same routes on content that is not public: awaiting moderation, or hidden.
const NOT_PUBLIC: Row[] = [
  {
    route: 'GET /suggestions/{id} (submitted)',
    expect: [200, 404, 404, 200, 404, 200, 404],
    setup: async () => ({
      method: 'GET',
      path: `/api/suggestions/${await suggestionIn('submitted', { author: author(), staff: staff() })}`,
    }),
  },
  {
    route: 'GET /suggestions/{id}/comments (submitted)',
    expect: [200, 404, 404, 200, 404, 200, 404],
    setup: async () => ({
      method: 'GET',
      path: `/api/suggestions/${await suggestionIn('submitted', { author: author(), staff: staff() })}/comments`,
    }),
  },
  {
    route: 'POST /suggestions/{id}/support (submitted)',
    expect: [409, 404, 404, 403, 404, 403, 404],
    setup: async () => ({
      method: 'POST',
      path: `/api/suggestions/${await suggestionIn('submitted', { author: author(), staff: staff() })}/support`,
    }),
  },
  {
    route: 'POST /suggestions/{id}/comments (submitted)',
    expect: [409, 404, 404, 409, 404, 409, 401],
    setup: async () => ({
      method: 'POST',
      path: `/api/suggestions/${await suggestionIn('submitted', { author: author(), staff: staff() })}/comments`,
      body: { body: '看看' },
    }),
  },
  {
    route: 'POST /suggestions/{id}/flags (submitted)',
    expect: [201, 404, 404, 201, 404, 201, 401],
    setup: async () => ({
      method: 'POST',
      path: `/api/suggestions/${await suggestionIn('submitted', { author: author(), staff: staff() })}/flags`,
      body: { reason: '测试' },
    }),
  },
  {
    route: 'GET /suggestion-photos/{id} (of a submitted suggestion, no signature)',
    expect: [200, 404, 404, 200, 404, 200, 404],
    setup: async () => ({
      method: 'GET',
      path: `/api/suggestion-photos/${(await photoOf('submitted')).photoId}`,
    }),
  },
  {
    route: 'GET /suggestions/{id} (hidden)',
    expect: [200, 404, 404, 200, 404, 200, 404],
    setup: async () => ({ method: 'GET', path: `/api/suggestions/${await hidden()}` }),
  },
  {
    route: 'GET /suggestions/{id}/comments (hidden)',
    expect: [200, 404, 404, 200, 404, 200, 404],
    setup: async () => ({ method: 'GET', path: `/api/suggestions/${await hidden()}/comments` }),
  },
  {
    route: 'POST /suggestions/{id}/support (hidden)',
    expect: [409, 404, 404, 403, 404, 403, 404],
    setup: async () => ({ method: 'POST', path: `/api/suggestions/${await hidden()}/support` }),
  },
  {
    route: 'DELETE /suggestions/{id}/support (hidden)',
    expect: [409, 404, 404, 403, 404, 403, 404],
    setup: async () => ({ method: 'DELETE', path: `/api/suggestions/${await hidden()}/support` }),
  },
  {
    route: 'GET /suggestion-photos/{id} (of a hidden suggestion)',
    expect: [200, 404, 404, 200, 404, 200, 404],
    setup: async () => {
      const { suggestionId, photoId } = await photoOf('published')
      expectStatus(
        await send(
          client(staff()).suggestions[':id'].hide.$post({
            param: { id: suggestionId },
            json: { reason: '照片含车牌' },
          }),
        ),
        200,
      )
      return { method: 'GET', path: `/api/suggestion-photos/${photoId}` }
    },
  },
]

async function runRow(row: Row) {
  await resetRateLimits()
  const shared = await row.setup()
  const outcomes = {} as Record<Actor, number>
  const failing = ACTORS.filter((_, i) => row.expect[i]! >= 300)
  const succeeding = ACTORS.filter((_, i) => row.expect[i]! < 300)
  // Refusals change nothing, so they share one fixture and run at once.
  await Promise.all(
    failing.map(async (actor) => {
      outcomes[actor] = (await call(actor, shared)).status
    }),
  )
  for (const actor of succeeding) {
    outcomes[actor] = (await call(actor, row.fresh ? await row.setup() : shared)).status
  }
  expect(outcomes).toEqual(Object.fromEntries(ACTORS.map((a, i) => [a, row.expect[i]])))
}

beforeAll(async () => {
  await seedDemo()
  for (const actor of ACTORS)
    tokens[actor] = actor === 'anonymous' ? null : await login(DEMO_KEY[actor])
})
beforeEach(resetRateLimits)

describe('authorization matrix of the 金点子 routes (author, other resident, unverified, staff, staff of 枫桥社区, planner, anonymous)', () => {
  it('lists every route with an id', () => {
    expect(MATRIX.length).toBeGreaterThanOrEqual(31)
  })
  for (const row of MATRIX) {
    it(`${row.route} → ${row.expect.join(' / ')}`, () => runRow(row))
  }
})

describe('content that is not public: 404 for whoever may not see it, as if it did not exist', () => {
  for (const row of NOT_PUBLIC) {
    it(`${row.route} → ${row.expect.join(' / ')}`, () => runRow(row))
  }

  it('shows the author and staff why it was hidden, and a planner not', async () => {
    const id = await hidden()
    for (const [actor, reason] of [
      ['author', '含有住户门牌号，已隐藏'],
      ['staff', '含有住户门牌号，已隐藏'],
      ['planner', null],
    ] as const) {
      const res = expectStatus(
        await send(client(tokens[actor]).suggestions[':id'].$get({ param: { id } })),
        200,
      )
      expect(res.body.hidden).toBe(true)
      expect(res.body.hiddenReason).toBe(reason)
    }
    // The author sees the moderation step on the timeline; after unhiding, the public does not.
    const mine = await send(client(author()).suggestions[':id'].$get({ param: { id } }))
    expect(succeeded(mine).body.timeline.map((e) => e.kind)).toContain('hidden')
    expectStatus(
      await send(client(staff()).suggestions[':id'].unhide.$post({ param: { id } })),
      200,
    )
    const publicView = expectStatus(
      await send(client().suggestions[':id'].$get({ param: { id } })),
      200,
    )
    expect(publicView.body.hiddenReason).toBeNull()
    expect(publicView.body.timeline.map((e) => e.kind)).not.toContain('hidden')
  })

  it('never lists or finds submitted or hidden suggestions, whoever asks', async () => {
    const word = '井盖松动'
    const visible = await suggestionIn(
      'published',
      { author: author(), staff: staff() },
      { title: `${word}可见的一条`, category: 'safety', alleyId: 'al-huaishu-3' },
    )
    const waiting = await suggestionIn(
      'submitted',
      { author: author(), staff: staff() },
      { title: `${word}待审核的一条`, category: 'safety', alleyId: 'al-huaishu-3' },
    )
    const hid = await suggestionIn(
      'published',
      { author: author(), staff: staff() },
      { title: `${word}被隐藏的一条`, category: 'safety', alleyId: 'al-huaishu-3' },
    )
    expectStatus(
      await send(client(tokens.other!).suggestions[':id'].support.$post({ param: { id: hid } })),
      200,
    )
    expectStatus(
      await send(
        client(staff()).suggestions[':id'].hide.$post({
          param: { id: hid },
          json: { reason: '重复' },
        }),
      ),
      200,
    )

    const queries = [
      '',
      '?sort=support',
      '?sort=updated',
      '?category=safety',
      '?alleyId=al-huaishu-3',
      `?q=${encodeURIComponent(word)}`,
      `?q=${encodeURIComponent('井')}`,
      '?status=published',
      '?status=submitted',
    ]
    for (const actor of ACTORS) {
      for (const query of queries) {
        const sep = query ? '&' : '?'
        const res = expectStatus(
          await rawRequest('GET', `/api/communities/${c}/suggestions${query}${sep}limit=50`, {
            token: tokens[actor],
          }),
          200,
        )
        const ids = res.body.items.map((s: any) => s.id)
        expect(ids, `${actor} ${query}`).not.toContain(waiting)
        expect(ids, `${actor} ${query}`).not.toContain(hid)
        if (query !== '?status=submitted') expect(ids, `${actor} ${query}`).toContain(visible)
      }
    }
    const similar = await send(
      client(staff()).communities[':id'].suggestions.similar.$get({
        param: { id: c },
        query: { title: word, category: 'safety', alleyId: 'al-huaishu-3' },
      }),
    )
    expect(succeeded(similar).body.items.map((s) => s.id)).toEqual([visible])
    // The supporter's 我的金点子 drops the hidden one; the author still sees both of theirs.
    const supported = await send(
      client(tokens.other!).me.suggestions.$get({ query: { tab: 'supported' } }),
    )
    expect(succeeded(supported).body.items.map((s) => s.id)).not.toContain(hid)
    const mine = await send(client(author()).me.suggestions.$get({ query: { tab: 'mine' } }))
    expect(succeeded(mine).body.items.map((s) => s.id)).toEqual(
      expect.arrayContaining([waiting, hid]),
    )
    expect(succeeded(mine)!.body.items.find((s) => s.id === hid)!.hidden).toBe(true)
  })
})

describe('staff act only in their own community', () => {
  let fengqiaoResident: string
  beforeAll(async () => {
    const [resident] = await verifiedResidents('authz-fq', 1, { communityId: FENGQIAO })
    fengqiaoResident = resident!.token
  })

  it('lets 枫桥 staff handle a 枫桥 suggestion and refuses 槐树 staff (403)', async () => {
    const id = await submit(fengqiaoResident, { alleyId: 'al-fengqiao-1' }, FENGQIAO)
    expectStatus(
      await send(client(staff()).suggestions[':id'].publish.$post({ param: { id } })),
      403,
    )
    expectStatus(await send(client(staff()).suggestions[':id'].$get({ param: { id } })), 404)
    expectStatus(
      await send(client(tokens.otherStaff!).suggestions[':id'].publish.$post({ param: { id } })),
      200,
    )
    expectStatus(
      await send(
        client(tokens.otherStaff!).communities[':id'].suggestions.moderation.$get({
          param: { id: FENGQIAO },
        }),
      ),
      200,
    )
    // A 槐树 resident cannot support or submit in 枫桥.
    expectStatus(
      await send(client(author()).suggestions[':id'].support.$post({ param: { id } })),
      403,
    )
    expectStatus(
      await send(
        client(author()).communities[':id'].suggestions.$post({
          param: { id: FENGQIAO },
          json: suggestionBody({ alleyId: 'al-fengqiao-1' }),
        }),
      ),
      403,
    )
  })

  it('refuses to assign someone who is not a planner of the community (400)', async () => {
    const id = await published()
    const res = expectStatus(
      await send(
        client(staff()).suggestions[':id'].assign.$post({
          param: { id },
          json: { plannerUserId: 'us-resident-li' },
        }),
      ),
      400,
    )
    expect(res.body.error.message).toBe('所选人员不是本社区的街巷规划师')
  })
})

describe('unknown ids', () => {
  it('answer 404 on every route, also for staff', async () => {
    const unknown = 'zzzzzzzzzzzzzzzzzzzz'
    const requests: Request[] = [
      { method: 'GET', path: `/api/suggestions/${unknown}` },
      { method: 'GET', path: `/api/suggestions/${unknown}/comments` },
      { method: 'POST', path: `/api/suggestions/${unknown}/support` },
      { method: 'POST', path: `/api/suggestions/${unknown}/accept` },
      {
        method: 'POST',
        path: `/api/suggestions/${unknown}/answer`,
        body: { decision: 'adopt', body: '采纳' },
      },
      {
        method: 'POST',
        path: `/api/suggestion-comments/${unknown}/hide`,
        body: { reason: '理由' },
      },
      { method: 'POST', path: `/api/suggestion-flags/${unknown}/dismiss` },
      { method: 'DELETE', path: `/api/answer-templates/${unknown}` },
      { method: 'GET', path: `/api/suggestion-photos/${unknown}` },
      { method: 'GET', path: `/api/communities/${unknown}/suggestions` },
    ]
    for (const req of requests) {
      const res = await rawRequest(req.method, req.path, { token: staff(), body: req.body })
      expect([req.path, res.status]).toEqual([req.path, 404])
      expect(res.body.error.code).toBe('NOT_FOUND')
    }
    expect((await download(`/api/suggestion-photos/${unknown}`)).status).toBe(404)
  })
})
