import { beforeEach, describe, expect, it, vi } from 'vitest'

// The real wiring (src/api/request.ts + src/auth/session.ts + src/packages/identity/api.ts) with a fake
// Taro: its request and storage are the only things replaced.
const taro = await vi.hoisted(async () => (await import('./fake-taro')).fakeTaro())
vi.mock('@tarojs/taro', () => ({ default: taro }))

const { claimInviteCode, listResidencyRequests, revokeRoleGrant } =
  await import('@/packages/identity/api')
const { session } = await import('@/auth/session')
const { ApiError } = await import('@/api/http')

beforeEach(() => {
  taro.request.mockReset()
  session.signOut()
})

describe('identity API functions over Taro.request', () => {
  it('claims an invite code with the stored token', async () => {
    session.signIn('tok-abc')
    taro.request.mockResolvedValue({ statusCode: 200, data: { id: 'rs-1' } })

    await expect(claimInviteCode('K7PM-3QXD')).resolves.toEqual({ id: 'rs-1' })

    expect(taro.request).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'http://127.0.0.1:8787/api/residency/claim',
        method: 'POST',
        data: { code: 'K7PM-3QXD' },
        header: expect.objectContaining({ Authorization: 'Bearer tok-abc' }),
      }),
    )
  })

  it('passes status and cursor of a staff list as query parameters', async () => {
    taro.request.mockResolvedValue({ statusCode: 200, data: { items: [], nextCursor: null } })
    await listResidencyRequests('cm-huaishu', 'rejected', 'c2')
    expect(taro.request.mock.calls[0]![0].url).toBe(
      'http://127.0.0.1:8787/api/communities/cm-huaishu/residency-requests?status=rejected&cursor=c2',
    )
  })

  it('uses DELETE for revoking a role grant', async () => {
    taro.request.mockResolvedValue({ statusCode: 200, data: { ok: true } })
    await revokeRoleGrant('rg-1')
    expect(taro.request.mock.calls[0]![0]).toMatchObject({
      method: 'DELETE',
      url: 'http://127.0.0.1:8787/api/role-grants/rg-1',
    })
  })

  it('signs out locally when the token is no longer accepted', async () => {
    session.signIn('expired')
    taro.request.mockResolvedValue({
      statusCode: 401,
      data: { error: { code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' } },
    })

    const error = await claimInviteCode('K7PM3QXD').catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect((error as InstanceType<typeof ApiError>).message).toBe('登录已过期，请重新登录')
    expect(session.getToken()).toBeNull()
    expect(taro.storage.has('linli.token')).toBe(false)
  })
})
