import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createFakeWechat, FAKE_CODE_PNG, type FakeWechat } from '../fake-wechat'
import { client, send } from './client'
import { dbRun, demoSessions, fetchWorker, readJson, seedDemo } from './helpers'

// 小程序码 on printed posters (issue 12): made once through the one WeChat client (fake here),
// kept in the photo store, and shown to whoever may see the thing it opens.

const demo = demoSessions()
let fake: FakeWechat

/** WeChat's host answered by a new fake (and no token cached from another); the rest as usual. */
async function installFake() {
  await dbRun('DELETE FROM wechat_tokens')
  fake = createFakeWechat()
  const realFetch = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init)
    return new URL(request.url).host === 'wechat.test' ? fake.handle(request) : realFetch(request)
  })
}

const codeRequests = () => fake.requests.filter((r) => r.path === '/wxa/getwxacodeunlimit')

/** An image route (binary, so through the entry directly rather than the typed client). */
const image = async (path: string, token?: string, env?: Partial<Cloudflare.Env>) => {
  const res = await readJson(
    await fetchWorker(
      new Request(`http://linli.test${path}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      }),
      { env },
    ),
  )
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: res.body,
    headers: res.headers,
  }
}

beforeAll(seedDemo)

afterEach(() => {
  vi.restoreAllMocks()
})

describe('GET /api/alleys/:id/code', () => {
  it('makes the code once (scene = the alley, opening 提金点子) and serves it from the store after', async () => {
    await installFake()
    const first = await image('/api/alleys/al-huaishu-1/code')
    expect(first.status).toBe(200)
    expect(first.type).toBe('image/png')
    expect(codeRequests()).toHaveLength(1)
    expect(codeRequests()[0]!.body).toMatchObject({
      scene: 'alley=al-huaishu-1',
      page: 'packages/suggestions/pages/submit/index',
      check_path: false,
    })
    const again = await image('/api/alleys/al-huaishu-1/code')
    expect(again.status).toBe(200)
    expect(codeRequests()).toHaveLength(1)
    expect(again.headers.get('cache-control')).toBe('public, max-age=86400')
    expect(FAKE_CODE_PNG.length).toBeGreaterThan(0)
  })

  it('answers 404 for an alley that does not exist, asking WeChat nothing', async () => {
    await installFake()
    expect((await image('/api/alleys/al-nowhere/code')).status).toBe(404)
    expect(fake.requests).toEqual([])
  })

  it('says in Chinese when WeChat is not set up, and when it does not answer', async () => {
    await installFake()
    const unset = await image('/api/alleys/al-huaishu-2/code', undefined, { WECHAT_SECRET: '' })
    expect(unset.status).toBe(503)
    expect(unset.body.error.message).toBe('本服务尚未接入微信，暂时不能生成小程序码')
    fake.fail('/wxa/getwxacodeunlimit', 45009, 'reach max api daily quota limit')
    const down = await image('/api/alleys/al-huaishu-2/code')
    expect(down.status).toBe(503)
    expect(down.body.error.message).toBe('小程序码暂时无法生成，请稍后再试')
  })

  it('replaces a token WeChat refuses once, then makes the code', async () => {
    await installFake()
    await dbRun(
      `INSERT INTO wechat_tokens (app_id, access_token, expires_at) VALUES ('wx-test-appid', 'stale', ?)`,
      Date.now() + 3600_000,
    )
    expect((await image('/api/alleys/al-huaishu-3/code')).status).toBe(200)
    expect(codeRequests().map((r) => r.query.access_token)).toEqual(['stale', 'fake-token-1'])
  })
})

describe('GET /api/meetings/:id/door-code', () => {
  it('gives the organisers a code carrying the check-in code; a resident, another community’s staff and a visitor get none', async () => {
    await installFake()
    const organiser = await image(
      '/api/meetings/mt-demo-council/door-code',
      await demo('committee-wu'),
    )
    expect(organiser.status).toBe(200)
    expect(codeRequests()[0]!.body.scene).toMatch(/^id=mt-demo-council&code=\d+$/)
    expect(codeRequests()[0]!.body.page).toBe('packages/meetings/pages/detail/index')
    expect(
      (await image('/api/meetings/mt-demo-council/door-code', await demo('staff-zhao'))).status,
    ).toBe(200)
    expect(
      (await image('/api/meetings/mt-demo-council/door-code', await demo('resident-wang'))).status,
    ).toBe(403)
    expect(
      (await image('/api/meetings/mt-demo-council/door-code', await demo('staff-sun'))).status,
    ).toBe(403)
    expect((await image('/api/meetings/mt-demo-council/door-code')).status).toBe(401)
    expect(
      (await image('/api/meetings/mt-nowhere/door-code', await demo('committee-wu'))).status,
    ).toBe(404)
    expect(codeRequests()).toHaveLength(1)
  })
})

describe('GET /api/conventions/:id/code', () => {
  it('is there for a convention residents can see, opening it; a draft is 404 like a missing one', async () => {
    await installFake()
    expect((await image('/api/conventions/cv-demo-parking/code')).status).toBe(200)
    expect(codeRequests()[0]!.body).toMatchObject({
      scene: 'id=cv-demo-parking',
      page: 'packages/conventions/pages/detail/index',
    })
    await dbRun(`UPDATE conventions SET status = 'draft' WHERE id = 'cv-demo-dogs'`)
    expect((await image('/api/conventions/cv-demo-dogs/code')).status).toBe(404)
    expect(
      (await image('/api/conventions/cv-demo-dogs/code', await demo('resident-wang'))).status,
    ).toBe(404)
    expect((await image('/api/conventions/cv-nowhere/code')).status).toBe(404)
    // The typed client knows the route too.
    expect(
      (await send(client().conventions[':id'].code.$get({ param: { id: 'cv-demo-parking' } })))
        .status,
    ).toBe(200)
  })
})
