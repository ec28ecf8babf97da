import { LIMITS } from '../../worker/lib/rate-limit'
import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { app } from '../../worker/app'
import {
  dbCount,
  dbRows,
  dbRun,
  loginDemo,
  loginNew,
  seedDemo,
  sha256,
  tablesContaining,
} from './helpers'
import { assertStatus, client, rawRequest, send, succeeded } from './client'

const SESSION_KEY = 'sk-NEVER-STORE-7f3a9c'
const CONSENT_VERSION = '2026-11-01'
const realFetch = globalThis.fetch

/** Fakes WeChat's code2Session; any other outbound request would be a bug, so it fails loudly. */
function fakeWechat(reply: (url: URL) => Response | Promise<Response>) {
  return vi
    .spyOn(globalThis, 'fetch')
    .mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input))
      if (url.host !== 'wechat.test') return realFetch(input, init)
      return reply(url)
    })
}

const code2SessionOk = (openid: string) => () => Response.json({ openid, session_key: SESSION_KEY })

/** Freezes the clock (worker included: same isolate) in the middle of a minute, so a fixed window cannot roll over mid-test. */
function freezeClockMidMinute(): number {
  const at = Math.floor(Date.now() / 60_000) * 60_000 + 30_000
  vi.useFakeTimers({ toFake: ['Date'], now: at })
  return at
}

const wechatLogin = (code: string) => send(client().auth.wechat.$post({ json: { code } }))

beforeAll(async () => {
  await seedDemo()
})

afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

describe('POST /api/auth/wechat', () => {
  it('exchanges a wx.login code for our own session and a new user', async () => {
    const spy = fakeWechat(code2SessionOk('wx-openid-abcd'))
    const before = Date.now()
    const res = await wechatLogin('code-first')

    assertStatus(res, 200)
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(res.body.user).toEqual({
      id: expect.any(String),
      nickname: '邻居ABCD',
      consentVersion: null,
      currentCommunityId: null,
    })
    // 30 days, give or take the test's own duration.
    expect(res.body.expiresAt).toBeGreaterThanOrEqual(before + 30 * 86_400_000)
    expect(res.body.expiresAt).toBeLessThan(before + 30 * 86_400_000 + 60_000)

    expect(spy).toHaveBeenCalledTimes(1)
    const called = new URL(String(spy.mock.calls[0]![0]))
    expect(`${called.origin}${called.pathname}`).toBe('http://wechat.test/sns/jscode2session')
    expect(called.searchParams.get('appid')).toBe('wx-test-appid')
    expect(called.searchParams.get('js_code')).toBe('code-first')
    expect(called.searchParams.get('grant_type')).toBe('authorization_code')
  })

  it('returns the same user when the same openid logs in again, with a new token', async () => {
    fakeWechat(code2SessionOk('wx-openid-same'))
    const first = await wechatLogin('code-a')
    const second = await wechatLogin('code-b')

    assertStatus(first, 200)
    assertStatus(second, 200)
    expect(second.body.user.id).toBe(first.body.user.id)
    expect(second.body.token).not.toBe(first.body.token)
    expect(await dbCount("SELECT COUNT(*) AS n FROM users WHERE openid = 'wx-openid-same'")).toBe(1)
    expect(
      await dbCount('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?', first.body.user.id),
    ).toBe(2)
  })

  it('never returns or stores session_key, and stores the token only as its SHA-256', async () => {
    fakeWechat(code2SessionOk('wx-openid-secret'))
    const login = await wechatLogin('code-secret')
    const me = await send(client(succeeded(login).body.token).me.$get())
    const exported = await send(client(succeeded(login).body.token).me.export.$get())

    assertStatus(login, 200)
    assertStatus(me, 200)
    assertStatus(exported, 200)
    for (const body of [login.body, me.body, exported.body])
      expect(JSON.stringify(body)).not.toContain(SESSION_KEY)
    expect(await tablesContaining(SESSION_KEY)).toEqual([])

    const [session] = await dbRows<{ token_hash: string }>(
      'SELECT token_hash FROM sessions WHERE user_id = ?',
      login.body.user.id,
    )
    expect(session!.token_hash).not.toBe(login.body.token)
    expect(session!.token_hash).toBe(await sha256(login.body.token))
    expect(await tablesContaining(login.body.token)).toEqual([])
  })

  it.each([
    {
      case: 'errcode 40029 (invalid code)',
      reply: () => Response.json({ errcode: 40029, errmsg: 'invalid code' }),
      status: 400,
      message: '登录凭证无效或已过期，请重新进入小程序',
    },
    {
      case: 'errcode 45011 (WeChat rate limit)',
      reply: () => Response.json({ errcode: 45011, errmsg: 'api minute-quota reach limit' }),
      status: 429,
      message: '登录太频繁，请稍后再试',
    },
    {
      case: 'errcode -1 (WeChat busy)',
      reply: () => Response.json({ errcode: -1, errmsg: 'system error' }),
      status: 502,
      message: '微信服务繁忙，请稍后再试',
    },
    {
      case: 'an undocumented errcode',
      reply: () => Response.json({ errcode: 40999, errmsg: '?' }),
      status: 502,
      message: '微信登录失败（40999），请稍后再试',
    },
    {
      case: 'a non-JSON answer',
      reply: () => new Response('<html>502 Bad Gateway</html>', { status: 502 }),
      status: 502,
      message: '无法连接微信服务，请稍后再试',
    },
    {
      case: 'a network failure',
      reply: () => Promise.reject(new TypeError('Network connection lost.')),
      status: 502,
      message: '无法连接微信服务，请稍后再试',
    },
    {
      case: 'JSON without openid',
      reply: () => Response.json({ session_key: SESSION_KEY }),
      status: 502,
      message: '微信服务返回了无法识别的结果，请稍后再试',
    },
  ])(
    'answers $case with $status and a Chinese message, creating no user',
    async ({ reply, status, message }) => {
      const spy = fakeWechat(reply)
      const usersBefore = await dbCount('SELECT COUNT(*) AS n FROM users')
      const sessionsBefore = await dbCount('SELECT COUNT(*) AS n FROM sessions')
      const res = await wechatLogin('code-bad')

      expect(spy).toHaveBeenCalledTimes(1)
      expect(res.status).toBe(status)
      expect(res.body).toEqual({ error: { code: 'WECHAT_LOGIN_FAILED', message } })
      expect(JSON.stringify(res.body)).not.toContain(SESSION_KEY)
      expect(await dbCount('SELECT COUNT(*) AS n FROM users')).toBe(usersBefore)
      expect(await dbCount('SELECT COUNT(*) AS n FROM sessions')).toBe(sessionsBefore)
    },
  )

  it('rejects an unknown field with a Chinese validation error before calling WeChat', async () => {
    const spy = fakeWechat(code2SessionOk('wx-openid-strict'))
    const res = await rawRequest('POST', '/api/auth/wechat', { body: { code: 'x', role: 'admin' } })

    assertStatus(res, 400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.message).toBe('提交的内容有误：不接受的字段：role')
    expect(res.body.error.issues).toEqual([{ path: '', message: '不接受的字段：role' }])
    expect(spy).not.toHaveBeenCalled()
  })

  it('rejects a missing code with a Chinese message', async () => {
    const spy = fakeWechat(code2SessionOk('wx-openid-missing'))
    const res = await rawRequest('POST', '/api/auth/wechat', { body: {} })

    assertStatus(res, 400)
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '提交的内容有误：请填写登录凭证',
    })
    expect(spy).not.toHaveBeenCalled()
  })

  it('answers the 11th login of one openid within a minute with 429 RATE_LIMITED, other openids unaffected', async () => {
    const at = freezeClockMidMinute()
    fakeWechat((url) =>
      Response.json({ openid: `wx-${url.searchParams.get('js_code')}`, session_key: SESSION_KEY }),
    )
    for (let i = 1; i <= 10; i++) {
      const res = await wechatLogin('busy-user')
      assertStatus(res, 200, `login ${i}`)
    }
    const eleventh = await wechatLogin('busy-user')
    const other = await wechatLogin('calm-user')

    assertStatus(eleventh, 429)
    expect(eleventh.body).toEqual({
      error: { code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' },
    })
    assertStatus(other, 200)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.openid = 'wx-busy-user'",
      ),
    ).toBe(10)

    // The next window lets the same openid in again.
    vi.setSystemTime(at + 60_000)
    expect((await wechatLogin('busy-user')).status).toBe(200)
  })
})

describe('POST /api/auth/dev', () => {
  it('logs in as a seeded demo user in development', async () => {
    const res = await send(client().auth.dev.$post({ json: { demoUser: 'resident-wang' } }))

    assertStatus(res, 200)
    expect(res.body.user).toEqual({
      id: 'us-resident-wang',
      nickname: '王阿姨',
      consentVersion: CONSENT_VERSION,
      currentCommunityId: 'cm-huaishu',
    })
  })

  it('answers 404 for a demo user that does not exist', async () => {
    const res = await send(client().auth.dev.$post({ json: { demoUser: 'nobody' } }))

    assertStatus(res, 404)
    expect(res.body.error.code).toBe('NOT_FOUND')
  })

  it('lists the demo users with what they are in development', async () => {
    const res = await send(client().auth.dev.users.$get())

    assertStatus(res, 200)
    const zhao = res.body.users.find((u: { key: string }) => u.key === 'staff-zhao')
    expect(zhao!.description).toContain('槐树社区管理员')
    expect(
      res.body.users.find((u: { key: string }) => u.key === 'newcomer-chen')!.description,
    ).toBe('未认证居民')
  })

  it('answers exactly like an unknown route (404 NOT_FOUND JSON) when ENVIRONMENT is not development', async () => {
    const production = { ...env, ENVIRONMENT: 'production' }
    const post = (body: string) =>
      app.request(
        '/api/auth/dev',
        { method: 'POST', body, headers: { 'content-type': 'application/json' } },
        production,
      )
    const sessionsBefore = await dbCount('SELECT COUNT(*) AS n FROM sessions')

    for (const response of [
      await post(JSON.stringify({ demoUser: 'staff-zhao' })),
      // An invalid body must not reveal the route through a 400.
      await post('{}'),
      await app.request('/api/auth/dev/users', {}, production),
    ]) {
      assertStatus(response, 404)
      expect(response.headers.get('content-type')).toMatch(/application\/json/)
      expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: '接口不存在' } })
    }
    expect(await dbCount('SELECT COUNT(*) AS n FROM sessions')).toBe(sessionsBefore)

    // The same app still serves the dev login in development: the 404 comes from ENVIRONMENT.
    const development = await app.request(
      '/api/auth/dev',
      {
        method: 'POST',
        body: JSON.stringify({ demoUser: 'staff-zhao' }),
        headers: { 'content-type': 'application/json' },
      },
      { ...env, ENVIRONMENT: 'development' },
    )
    assertStatus(development, 200)
  })
})

describe('GET /api/me', () => {
  it.each<{ case: string; headers: Record<string, string> }>([
    { case: 'without a token', headers: {} },
    { case: 'with an unknown token', headers: { authorization: 'Bearer not-a-real-token' } },
    { case: 'with a malformed authorization header', headers: { authorization: 'Token abc' } },
  ])('answers 401 UNAUTHENTICATED JSON $case', async ({ headers }) => {
    const res = await send(client(undefined, { headers }).me.$get())

    assertStatus(res, 401)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
  })

  it('answers 401 once the session has expired', async () => {
    const token = await loginDemo('resident-li')
    expect((await send(client(token).me.$get())).status).toBe(200)

    await dbRun(
      'UPDATE sessions SET expires_at = ? WHERE token_hash = ?',
      Date.now() - 1,
      await sha256(token),
    )
    const res = await send(client(token).me.$get())

    assertStatus(res, 401)
    expect(res.body.error.code).toBe('UNAUTHENTICATED')
  })

  it("shows a resident's community, household with label and floor area, and 户代表 flag", async () => {
    const token = await loginDemo('resident-wang')
    const res = await send(client(token).me.$get())
    const [household] = await dbRows<{ floor_area_dm2: number }>(
      "SELECT floor_area_dm2 FROM households WHERE id = 'hh-wutong-1-1-301'",
    )

    assertStatus(res, 200)
    expect(res.body.currentCommunity).toEqual({
      id: 'cm-huaishu',
      name: '槐树社区',
      streetName: '青梧街道',
    })
    expect(res.body.roles).toEqual([])
    expect(res.body.residencies).toHaveLength(1)
    expect(res.body.residencies[0]).toMatchObject({
      id: 'rs-resident-wang',
      communityId: 'cm-huaishu',
      communityName: '槐树社区',
      isRepresentative: true,
      via: 'request',
      household: {
        id: 'hh-wutong-1-1-301',
        compoundName: '梧桐苑',
        buildingName: '1号楼',
        unit: '1',
        room: '301',
        label: '梧桐苑 1号楼 1单元 301室',
        floorAreaM2: (household!.floor_area_dm2 / 100).toFixed(2),
      },
    })
  })

  it("lists a staff member's roles", async () => {
    const res = await send(client(await loginDemo('staff-zhao')).me.$get())

    assertStatus(res, 200)
    expect(res.body.roles.map((r: { role: string }) => r.role).sort()).toEqual([
      'admin',
      'committee',
      'staff',
    ])
    expect(
      res.body.roles.every((r: { communityId: string }) => r.communityId === 'cm-huaishu'),
    ).toBe(true)
    expect(res.body.residencies).toEqual([])
  })
})

describe('POST /api/auth/logout', () => {
  it('revokes the session: the same token then gets 401, other sessions of the user keep working', async () => {
    const { token } = await loginNew('logout-user', { consent: false })
    const otherDevice = succeeded(
      await send(client().auth.dev.$post({ json: { openid: 'logout-user' } })),
    ).body.token as string

    const res = await send(client(token).auth.logout.$post())

    assertStatus(res, 200)
    expect(res.body).toEqual({ ok: true })
    expect((await send(client(token).me.$get())).status).toBe(401)
    expect((await send(client(otherDevice).me.$get())).status).toBe(200)
    const [row] = await dbRows<{ revoked_at: number | null }>(
      'SELECT revoked_at FROM sessions WHERE token_hash = ?',
      await sha256(token),
    )
    expect(row!.revoked_at).toEqual(expect.any(Number))
  })

  it('answers 401 without a session', async () => {
    const res = await send(client().auth.logout.$post())

    assertStatus(res, 401)
    expect(res.body.error.code).toBe('UNAUTHENTICATED')
  })
})

describe('PATCH /api/me', () => {
  it('changes the nickname', async () => {
    const { token } = await loginNew('nick-user', { consent: false })
    const res = await send(client(token).me.$patch({ json: { nickname: '楼下小刘' } }))

    assertStatus(res, 200)
    expect(res.body.nickname).toBe('楼下小刘')
    expect(succeeded(await send(client(token).me.$get())).body.user.nickname).toBe('楼下小刘')
  })

  it('rejects an unknown field such as consentVersion and changes nothing', async () => {
    const { token, userId } = await loginNew('sneaky-user', { consent: false })
    const res = await rawRequest('PATCH', '/api/me', {
      token,
      body: { nickname: '新名字', consentVersion: CONSENT_VERSION },
    })

    assertStatus(res, 400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.message).toContain('不接受的字段：consentVersion')
    const [row] = await dbRows<{ nickname: string; consent_version: string | null }>(
      'SELECT nickname, consent_version FROM users WHERE id = ?',
      userId,
    )
    expect(row).toEqual({ nickname: '邻居USER', consent_version: null })
  })

  it('answers the write over the per-user limit within a minute with 429 RATE_LIMITED', async () => {
    freezeClockMidMinute()
    const { token } = await loginNew('writer-user', { consent: false })
    const other = await loginNew('other-writer', { consent: false })
    const limit = LIMITS.writesPerUser.limit
    for (let i = 1; i <= limit; i++) {
      const res = await send(client(token).me.$patch({ json: { nickname: `写${i}` } }))
      assertStatus(res, 200, `write ${i}`)
    }

    const limited = await send(client(token).me.$patch({ json: { nickname: '超出' } }))

    assertStatus(limited, 429)
    expect(limited.body).toEqual({
      error: { code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' },
    })
    // Rejected before the handler ran; reads and other users are not limited.
    const me = await send(client(token).me.$get())
    assertStatus(me, 200)
    expect(me.body.user.nickname).toBe(`写${limit}`)
    expect((await send(client(other.token).me.$patch({ json: { nickname: '隔壁' } }))).status).toBe(
      200,
    )
  }, 30_000) // 120 writes one after another: more than the default 5 s on a loaded machine
})

describe('PUT /api/me/community', () => {
  it('sets the current community, and answers 404 for an unknown one', async () => {
    const { token } = await loginNew('chooser', { consent: false })

    const ok = await send(client(token).me.community.$put({ json: { communityId: 'cm-fengqiao' } }))
    const missing = await send(
      client(token).me.community.$put({ json: { communityId: 'cm-nowhere' } }),
    )

    assertStatus(ok, 200)
    expect(ok.body.currentCommunityId).toBe('cm-fengqiao')
    assertStatus(missing, 404)
    expect(succeeded(await send(client(token).me.$get())).body.currentCommunity).toEqual({
      id: 'cm-fengqiao',
      name: '枫桥社区',
      streetName: '青梧街道',
    })
  })
})

describe('POST /api/me/consent', () => {
  it('publishes the current privacy notice', async () => {
    const res = await send(client().privacy.notice.$get())

    assertStatus(res, 200)
    expect(res.body.version).toBe(CONSENT_VERSION)
    expect(res.body.title).toBe('邻里隐私政策')
    expect(res.body.paragraphs.length).toBeGreaterThan(3)
  })

  it('rejects a consent to another version with 400 and records nothing', async () => {
    const { token, userId } = await loginNew('stale-consent', { consent: false })
    const res = await send(client(token).me.consent.$post({ json: { version: '2025-01-01' } }))

    assertStatus(res, 400)
    expect(res.body.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: '隐私政策已更新，请重新阅读后再同意',
    })
    expect(
      await dbCount('SELECT COUNT(*) AS n FROM privacy_consents WHERE user_id = ?', userId),
    ).toBe(0)
    expect(succeeded(await send(client(token).me.$get())).body.user.consentVersion).toBeNull()
  })

  it('records the consent with its version and time in privacy_consents', async () => {
    const { token, userId } = await loginNew('fresh-consent', { consent: false })
    const before = Date.now()
    const res = await send(client(token).me.consent.$post({ json: { version: CONSENT_VERSION } }))

    assertStatus(res, 200)
    expect(res.body.consentVersion).toBe(CONSENT_VERSION)
    const rows = await dbRows<{ version: string; accepted_at: number }>(
      'SELECT version, accepted_at FROM privacy_consents WHERE user_id = ?',
      userId,
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]!.version).toBe(CONSENT_VERSION)
    expect(rows[0]!.accepted_at).toBeGreaterThanOrEqual(before)
    const [user] = await dbRows<{ consent_version: string; consented_at: number }>(
      'SELECT consent_version, consented_at FROM users WHERE id = ?',
      userId,
    )
    expect(user).toEqual({ consent_version: CONSENT_VERSION, consented_at: rows[0]!.accepted_at })
  })

  it('answers 401 without a session', async () => {
    expect(
      (await send(client().me.consent.$post({ json: { version: CONSENT_VERSION } }))).status,
    ).toBe(401)
  })
})

describe('consent before personal data', () => {
  const request = {
    communityId: 'cm-huaishu',
    buildingId: 'bd-wutong-1',
    unit: '1',
    room: '101',
    realName: '陈晓',
  }

  it('answers 403 CONSENT_REQUIRED to a claim or request from a user who never consented, storing nothing', async () => {
    const token = await loginDemo('newcomer-chen')
    const claim = await send(client(token).residency.claim.$post({ json: { code: 'ABCD-EFGH' } }))
    const create = await send(client(token).residency.requests.$post({ json: request }))

    for (const res of [claim, create]) {
      assertStatus(res, 403)
      expect(res.body.error).toEqual({
        code: 'CONSENT_REQUIRED',
        message: '请先阅读并同意《邻里隐私政策》',
      })
    }
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM residency_requests WHERE user_id = 'us-newcomer-chen'",
      ),
    ).toBe(0)
  })

  it('answers 403 CONSENT_REQUIRED to a user who consented to an older version', async () => {
    const { token, userId } = await loginNew('old-consent')
    await dbRun("UPDATE users SET consent_version = '2025-06-01' WHERE id = ?", userId)

    const res = await send(client(token).residency.requests.$post({ json: request }))

    assertStatus(res, 403)
    expect(res.body.error.code).toBe('CONSENT_REQUIRED')
  })

  it('accepts the same request once the current notice is accepted', async () => {
    const { token } = await loginNew('new-consent', { consent: false })
    expect((await send(client(token).residency.requests.$post({ json: request }))).status).toBe(403)

    await send(client(token).me.consent.$post({ json: { version: CONSENT_VERSION } }))
    const res = await send(client(token).residency.requests.$post({ json: request }))

    assertStatus(res, 201)
    expect(res.body.status).toBe('pending')
  })
})

describe('strict request bodies', () => {
  it('rejects { code, role } on the claim with 400 VALIDATION_FAILED naming the field in Chinese', async () => {
    const { token } = await loginNew('strict-claimer')
    const res = await rawRequest('POST', '/api/residency/claim', {
      token,
      body: { code: 'ABCD-EFGH', role: 'admin' },
    })

    assertStatus(res, 400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.message).toBe('提交的内容有误：不接受的字段：role')
    expect(res.body.error.issues).toContainEqual({ path: '', message: '不接受的字段：role' })
  })

  it('rejects a residency request that tries to set its own status', async () => {
    const { token, userId } = await loginNew('strict-requester')
    const res = await rawRequest('POST', '/api/residency/requests', {
      token,
      body: {
        communityId: 'cm-huaishu',
        buildingId: 'bd-wutong-1',
        unit: '1',
        room: '102',
        realName: '刘强',
        status: 'approved',
      },
    })

    assertStatus(res, 400)
    expect(res.body.error.message).toContain('不接受的字段：status')
    expect(
      await dbCount('SELECT COUNT(*) AS n FROM residency_requests WHERE user_id = ?', userId),
    ).toBe(0)
  })

  it('explains a malformed invite code in Chinese', async () => {
    const { token } = await loginNew('short-code')
    const res = await send(client(token).residency.claim.$post({ json: { code: 'ABC' } }))

    assertStatus(res, 400)
    expect(res.body.error.message).toBe('提交的内容有误：邀请码是 8 位字母和数字，请核对')
  })
})
