import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeWechat } from '../fake-wechat'
import { seedDemo } from './helpers'
import {
  ballot,
  closeVote,
  count,
  createDraft,
  DAY,
  demoLogins,
  endWindow,
  expectStatus,
  HUAISHU,
  openConsultation,
  openVoting,
  resetRateLimits,
} from './convention-helpers'
import { assertStatus, client, rawRequest, send } from './client'

// Who may call each 微规约 route. Every cell gets a fresh convention in the state the route
// needs, so that one actor's success never decides another's status.

const login = demoLogins()
const ACTORS = {
  owner: 'committee-wu', // 议事会 member of 槐树社区 (and a resident there)
  staff: 'staff-zhao', // staff, admin and committee of 槐树社区, not a resident
  resident: 'resident-wang', // verified resident of 槐树社区, no role
  unverified: 'newcomer-chen', // signed in, no residency, no role
  otherStaff: 'staff-sun', // staff and admin of 枫桥社区
  anonymous: null,
} as const
type Actor = keyof typeof ACTORS
const tokens: Partial<Record<Actor, string | null>> = {}

beforeAll(async () => {
  await seedDemo()
  // The 公示's 小程序码 (GET /conventions/{id}/code) is made by WeChat: a fake one answers here.
  const wechat = createFakeWechat()
  const realFetch = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init)
    return new URL(request.url).host === 'wechat.test' ? wechat.handle(request) : realFetch(request)
  })
  for (const actor of Object.keys(ACTORS) as Actor[]) {
    const key = ACTORS[actor]
    tokens[actor] = key ? await login(key) : null
  }
})
beforeEach(resetRateLimits)

type State =
  | 'none'
  | 'draft'
  | 'consultation'
  | 'voting'
  | 'votingEnded'
  | 'closed'
  | 'closedPassed'
  | 'inForce'

/** A convention of the whole community in the given state, driven by the committee through the API. */
async function fixture(state: State): Promise<string> {
  if (state === 'none') return ''
  const committee = tokens.owner!
  const id = await createDraft(committee)
  if (state === 'draft') return id
  await openConsultation(committee, id)
  if (state === 'consultation') return id
  // A 1 % quorum, so that one 赞成 passes it.
  await openVoting(committee, id, { rule: 'simple', quorum: { num: 1, den: 100 } })
  if (state === 'voting') return id
  if (state === 'votingEnded') {
    await endWindow(id)
    return id
  }
  if (state !== 'closed') expectStatus(await ballot(tokens.owner!, id, 'yes'), 200)
  await closeVote(committee, id)
  if (state === 'closed' || state === 'closedPassed') return id
  expectStatus(
    await send(
      client(committee).conventions[':id'].filing.$post({
        param: { id },
        json: { number: '青梧备〔2026〕9号', date: '2026-11-20', authority: '青梧街道办事处' },
      }),
    ),
    200,
  )
  return id
}

const bodies = {
  create: { title: '测试公约', articles: ['一条。'], scope: { type: 'community' as const } },
  revise: { title: '测试公约', articles: ['改过的一条。'], changeNote: '修改' },
  consultation: () => ({ endsAt: Date.now() + 7 * DAY }),
  comment: { body: '我有一条意见。' },
  voting: () => ({ rule: 'simple', closesAt: Date.now() + DAY }),
  ballot: { option: 'yes' },
  paper: { userId: 'us-resident-li', option: 'no', paperRef: 'P-001' },
  filing: { number: '青梧备〔2026〕8号', date: '2026-11-20', authority: '青梧街道办事处' },
}

type Route = {
  method: string
  path: string // {id} is the convention, {c} the community
  state: State
  body?: Record<string, unknown> | (() => Record<string, unknown>)
  expect: Record<Actor, number>
}
const all = (status: number): Record<Actor, number> => ({
  owner: status,
  staff: status,
  resident: status,
  unverified: status,
  otherStaff: status,
  anonymous: status,
})
const committeeOnly = (ok: number): Record<Actor, number> => ({
  owner: ok,
  staff: ok,
  resident: 403,
  unverified: 403,
  otherStaff: 403,
  anonymous: 401,
})

const ROUTES: Route[] = [
  { method: 'GET', path: '/communities/{c}/conventions', state: 'none', expect: all(200) },
  {
    method: 'POST',
    path: '/communities/{c}/conventions',
    state: 'none',
    body: bodies.create,
    expect: committeeOnly(201),
  },
  { method: 'GET', path: '/conventions/{id}', state: 'consultation', expect: all(200) },
  {
    method: 'PUT',
    path: '/conventions/{id}/text',
    state: 'consultation',
    body: bodies.revise,
    expect: committeeOnly(200),
  },
  { method: 'GET', path: '/conventions/{id}/versions', state: 'consultation', expect: all(200) },
  // The 公示's 小程序码 (issue 12): anyone may fetch it once residents can see the convention.
  { method: 'GET', path: '/conventions/{id}/code', state: 'consultation', expect: all(200) },
  {
    method: 'GET',
    path: '/conventions/{id}/diff?from=1&to=1',
    state: 'consultation',
    expect: all(200),
  },
  // Opening consultation starts from a draft, which only the committee and staff may see.
  {
    method: 'POST',
    path: '/conventions/{id}/consultation',
    state: 'draft',
    body: bodies.consultation,
    expect: {
      owner: 200,
      staff: 200,
      resident: 404,
      unverified: 404,
      otherStaff: 404,
      anonymous: 404,
    },
  },
  { method: 'GET', path: '/conventions/{id}/comments', state: 'consultation', expect: all(200) },
  // Comments come from residents in scope: 吴老师 lives in 梧桐苑, 赵书记 lives nowhere here.
  {
    method: 'POST',
    path: '/conventions/{id}/comments',
    state: 'consultation',
    body: bodies.comment,
    expect: {
      owner: 201,
      staff: 403,
      resident: 201,
      unverified: 403,
      otherStaff: 403,
      anonymous: 401,
    },
  },
  {
    method: 'POST',
    path: '/conventions/{id}/voting',
    state: 'consultation',
    body: bodies.voting,
    expect: committeeOnly(200),
  },
  {
    method: 'POST',
    path: '/conventions/{id}/ballots',
    state: 'voting',
    body: bodies.ballot,
    expect: {
      owner: 200,
      staff: 403,
      resident: 200,
      unverified: 403,
      otherStaff: 403,
      anonymous: 401,
    },
  },
  // Paper ballots: staff or admin of the community only — not the committee as such.
  {
    method: 'POST',
    path: '/conventions/{id}/paper-ballots',
    state: 'voting',
    body: bodies.paper,
    expect: {
      owner: 403,
      staff: 200,
      resident: 403,
      unverified: 403,
      otherStaff: 403,
      anonymous: 401,
    },
  },
  { method: 'GET', path: '/conventions/{id}/turnout', state: 'voting', expect: all(200) },
  {
    method: 'POST',
    path: '/conventions/{id}/close',
    state: 'votingEnded',
    expect: committeeOnly(200),
  },
  { method: 'GET', path: '/conventions/{id}/receipts', state: 'closed', expect: all(200) },
  {
    method: 'POST',
    path: '/conventions/{id}/filing',
    state: 'closedPassed',
    body: bodies.filing,
    expect: committeeOnly(200),
  },
  {
    method: 'POST',
    path: '/conventions/{id}/pledges',
    state: 'inForce',
    expect: {
      owner: 200,
      staff: 403,
      resident: 200,
      unverified: 403,
      otherStaff: 403,
      anonymous: 401,
    },
  },
  { method: 'POST', path: '/conventions/{id}/amend', state: 'inForce', expect: committeeOnly(201) },
]

/**
 * A fresh convention for a request that may change it (a successful write), otherwise one
 * shared by every cell of the same route and state: refused requests leave it unchanged.
 */
const shared = new Map<string, Promise<string>>()
function conventionFor(route: Route, state: State, status: number): Promise<string> {
  if (route.method !== 'GET' && status < 400) return fixture(state)
  const key = `${route.method} ${route.path} ${state}`
  if (!shared.has(key)) shared.set(key, fixture(state))
  return shared.get(key)!
}

const url = (path: string, id: string) => `/api${path.replace('{id}', id).replace('{c}', HUAISHU)}`
const bodyOf = (route: Route) => (typeof route.body === 'function' ? route.body() : route.body)

/** Row counts of the tables a refused request must leave alone. */
async function snapshot() {
  const tables = [
    'conventions',
    'convention_versions',
    'convention_events',
    'convention_comments',
    'convention_roll',
    'convention_ballots',
    'convention_pledges',
    'audit_log',
  ]
  return Object.fromEntries(
    await Promise.all(tables.map(async (t) => [t, await count(`SELECT COUNT(*) AS n FROM ${t}`)])),
  )
}

const cells = ROUTES.flatMap((route) =>
  (Object.keys(ACTORS) as Actor[]).map((actor) => ({ route, actor, status: route.expect[actor] })),
)

describe('authorization matrix: every route × every actor', () => {
  it('covers every conventions route of the API', async () => {
    const doc = await rawRequest('GET', '/api/openapi.json')
    const documented = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.includes('conventions'))
      .flatMap(([path, ops]) =>
        Object.keys(ops).map(
          (m) =>
            `${m.toUpperCase()} ${path.replace('/api', '').replace('/communities/{id}', '/communities/{c}')}`,
        ),
      )
      .sort()
    expect(documented).toEqual(
      ROUTES.map((r) => `${r.method} ${r.path.replace('?from=1&to=1', '')}`).sort(),
    )
  })

  it.each(
    cells.map(
      (c) =>
        [
          `${c.route.method} ${c.route.path} (${c.route.state}) as ${c.actor} → ${c.status}`,
          c,
        ] as const,
    ),
  )('%s', async (_, cell) => {
    const id = await conventionFor(cell.route, cell.route.state, cell.status)
    const before = await snapshot()
    const res = await rawRequest(cell.route.method, url(cell.route.path, id), {
      token: tokens[cell.actor],
      body: bodyOf(cell.route),
    })
    expect(res.status, JSON.stringify(res.body)).toBe(cell.status)
    if (res.status >= 400) {
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/)
      expect(await snapshot()).toEqual(before)
    }
  })
})

describe('drafts are invisible to everyone but the committee and staff of the community', () => {
  // What the committee and staff get on a draft: reads work, everything else is refused by state or role.
  const onDraft: Record<string, { owner: number; staff: number }> = {
    'GET /conventions/{id}': { owner: 200, staff: 200 },
    'PUT /conventions/{id}/text': { owner: 200, staff: 200 },
    'GET /conventions/{id}/versions': { owner: 200, staff: 200 },
    // A draft gets no code, not even for the committee: nothing to print yet.
    'GET /conventions/{id}/code': { owner: 404, staff: 404 },
    'GET /conventions/{id}/diff?from=1&to=1': { owner: 200, staff: 200 },
    'POST /conventions/{id}/consultation': { owner: 200, staff: 200 },
    'GET /conventions/{id}/comments': { owner: 200, staff: 200 },
    'POST /conventions/{id}/comments': { owner: 409, staff: 409 },
    'POST /conventions/{id}/voting': { owner: 200, staff: 200 },
    'POST /conventions/{id}/ballots': { owner: 409, staff: 409 },
    'POST /conventions/{id}/paper-ballots': { owner: 403, staff: 409 },
    'GET /conventions/{id}/turnout': { owner: 409, staff: 409 },
    'POST /conventions/{id}/close': { owner: 409, staff: 409 },
    'GET /conventions/{id}/receipts': { owner: 409, staff: 409 },
    'POST /conventions/{id}/filing': { owner: 409, staff: 409 },
    'POST /conventions/{id}/pledges': { owner: 409, staff: 409 },
    'POST /conventions/{id}/amend': { owner: 409, staff: 409 },
  }
  const routes = ROUTES.filter((r) => r.path.includes('{id}'))
  const draftCells = routes.flatMap((route) =>
    (Object.keys(ACTORS) as Actor[]).map((actor) => {
      const seer =
        actor === 'owner' || actor === 'staff'
          ? onDraft[`${route.method} ${route.path}`]![actor]
          : 404
      return { route, actor, status: seer }
    }),
  )

  it('has an expectation for every route with a convention id', () => {
    expect(Object.keys(onDraft).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort())
  })

  it.each(
    draftCells.map(
      (c) =>
        [`${c.route.method} ${c.route.path} on a draft as ${c.actor} → ${c.status}`, c] as const,
    ),
  )('%s', async (_, cell) => {
    const id = await conventionFor(cell.route, 'draft', cell.status)
    const res = await rawRequest(cell.route.method, url(cell.route.path, id), {
      token: tokens[cell.actor],
      body: bodyOf(cell.route),
    })
    expect(res.status, JSON.stringify(res.body)).toBe(cell.status)
    if (cell.status === 404) {
      expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', message: '微规约不存在或已删除' })
      expect(JSON.stringify(res.body)).not.toContain('测试公约')
    }
  })

  it('lists drafts only for the committee and staff of the community', async () => {
    const id = await fixture('draft')
    for (const actor of Object.keys(ACTORS) as Actor[]) {
      const list = expectStatus(
        await send(
          client(tokens[actor]).communities[':id'].conventions.$get({ param: { id: HUAISHU } }),
        ),
        200,
      )
      const listed = list.body.items.some((c: { id: string }) => c.id === id)
      expect(listed, actor).toBe(actor === 'owner' || actor === 'staff')
    }
  })

  it('answers a draft exactly like a convention that does not exist, on every route', async () => {
    const id = await fixture('draft')
    for (const route of routes) {
      for (const token of [tokens.resident, tokens.anonymous]) {
        const draft = await rawRequest(route.method, url(route.path, id), {
          token,
          body: bodyOf(route),
        })
        const missing = await rawRequest(route.method, url(route.path, 'no-such-convention'), {
          token,
          body: bodyOf(route),
        })
        expect([route.path, draft.status, draft.body]).toEqual([
          route.path,
          missing.status,
          missing.body,
        ])
      }
    }
  })
})

describe('communities', () => {
  it('answers 404 for conventions of a community that does not exist', async () => {
    expectStatus(
      await send(client().communities[':id'].conventions.$get({ param: { id: 'cm-nowhere' } })),
      404,
    )
    expect(
      (
        await send(
          client(tokens.owner).communities[':id'].conventions.$post({
            param: { id: 'cm-nowhere' },
            json: bodies.create,
          }),
        )
      ).status,
    ).toBe(403)
  })

  it('lets no committee member draft for another community', async () => {
    const res = await send(
      client(tokens.owner).communities[':id'].conventions.$post({
        param: { id: 'cm-fengqiao' },
        json: bodies.create,
      }),
    )
    assertStatus(res, 403)
    expect(res.body.error.message).toContain('议事会')
  })
})
