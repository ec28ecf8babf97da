import { beforeEach, describe, expect, it, vi } from 'vitest'

// The browser (H5) login: dev users from the API, or an honest message where the dev login
// does not exist (production answers 404). Taro's request and storage are faked.
const taro = await vi.hoisted(async () => (await import('./fake-taro')).fakeTaro())
vi.mock('@tarojs/taro', () => ({ default: taro }))

const { loadLoginChoices, login, BROWSER_LOGIN_UNAVAILABLE } =
  await import('@/packages/identity/login.h5')
const { session } = await import('@/auth/session')

const me = {
  user: { id: 'us-1', nickname: '小陈', consentVersion: null, currentCommunityId: 'cm-1' },
  currentCommunity: null,
  residencies: [],
  roles: [],
  residencyRequests: [],
  gridRoles: [],
}

function answer(routes: Record<string, { statusCode: number; data: unknown }>) {
  taro.request.mockImplementation(async ({ url, method }: { url: string; method: string }) => {
    const key = `${method} ${new URL(url).pathname}`
    const found = routes[key]
    if (!found) throw new Error(`unexpected ${key}`)
    return found
  })
}

beforeEach(() => {
  taro.request.mockReset()
  taro.storage.clear()
  session.signOut()
  session.setBrowseCommunity(null)
})

describe('loadLoginChoices (H5)', () => {
  it('offers the demo users of a development server', async () => {
    answer({
      'GET /api/auth/dev/users': {
        statusCode: 200,
        data: { users: [{ key: 'newcomer-chen', nickname: '小陈', description: '未认证居民' }] },
      },
    })
    await expect(loadLoginChoices()).resolves.toEqual({
      kind: 'dev',
      users: [{ key: 'newcomer-chen', nickname: '小陈', description: '未认证居民' }],
    })
  })

  it('says that browser login exists only in development when the route is missing', async () => {
    answer({
      'GET /api/auth/dev/users': {
        statusCode: 404,
        data: { error: { code: 'NOT_FOUND', message: '接口不存在' } },
      },
    })
    await expect(loadLoginChoices()).resolves.toEqual({
      kind: 'unavailable',
      reason: BROWSER_LOGIN_UNAVAILABLE,
    })
    expect(BROWSER_LOGIN_UNAVAILABLE).toContain('开发环境')
  })

  it('reports other failures instead of hiding them', async () => {
    answer({
      'GET /api/auth/dev/users': {
        statusCode: 500,
        data: { error: { code: 'INTERNAL', message: '系统出了点问题，请稍后再试' } },
      },
    })
    await expect(loadLoginChoices()).rejects.toMatchObject({ code: 'INTERNAL' })
  })
})

describe('login (H5)', () => {
  it('stores the session, moves the community chosen before login to the account and loads /api/me', async () => {
    session.setBrowseCommunity('cm-1')
    answer({
      'POST /api/auth/dev': {
        statusCode: 200,
        data: { token: 'tok-new', expiresAt: 0, user: { ...me.user, currentCommunityId: null } },
      },
      'PUT /api/me/community': { statusCode: 200, data: me.user },
      'GET /api/me': { statusCode: 200, data: me },
    })

    const result = await login('newcomer-chen')

    expect(result.user.nickname).toBe('小陈')
    expect(session.getToken()).toBe('tok-new')
    expect(session.getState().me).toEqual(me)
    const put = taro.request.mock.calls.find(([o]) => o.method === 'PUT')![0]
    expect(put.data).toEqual({ communityId: 'cm-1' })
    expect(put.header.Authorization).toBe('Bearer tok-new')
  })

  it('refuses to log in without a chosen demo user', async () => {
    await expect(login()).rejects.toThrow('请选择一位演示用户')
    expect(taro.request).not.toHaveBeenCalled()
  })
})
