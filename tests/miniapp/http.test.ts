import { describe, expect, it, vi } from 'vitest'
import {
  ApiError,
  apiBaseUrl,
  buildUrl,
  createRequest,
  NETWORK_MESSAGE,
  toApiError,
  type Transport,
  type TransportOptions,
} from '@/api/http'

function fakeTransport(statusCode: number, data: unknown) {
  const calls: TransportOptions[] = []
  const transport: Transport = async (options) => {
    calls.push(options)
    return { statusCode, data }
  }
  return { transport, calls }
}

describe('createRequest', () => {
  it('sends the bearer token, a JSON body and the query string', async () => {
    const { transport, calls } = fakeTransport(201, { id: 'rq-1' })
    const request = createRequest({
      transport,
      baseUrl: 'http://api.test/',
      getToken: () => 'tok-123',
    })

    const result = await request<{ id: string }>('POST', '/api/residency/requests', {
      body: { room: '301' },
      query: { status: 'pending', cursor: undefined, q: '梧桐 苑' },
    })

    expect(result).toEqual({ id: 'rq-1' })
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({
      url: 'http://api.test/api/residency/requests?status=pending&q=%E6%A2%A7%E6%A1%90%20%E8%8B%91',
      method: 'POST',
      data: { room: '301' },
    })
    expect(calls[0]!.header.Authorization).toBe('Bearer tok-123')
    expect(calls[0]!.header['Content-Type']).toBe('application/json')
  })

  it('sends no Authorization header and no body when signed out and there is nothing to send', async () => {
    const { transport, calls } = fakeTransport(200, { ok: true })
    const request = createRequest({ transport, baseUrl: '', getToken: () => null })

    await request('GET', '/api/health')

    expect(calls[0]!.url).toBe('/api/health')
    expect(calls[0]!.header).not.toHaveProperty('Authorization')
    expect(calls[0]!.header).not.toHaveProperty('Content-Type')
    expect(calls[0]).not.toHaveProperty('data')
  })

  it('parses a JSON body that arrives as text', async () => {
    const { transport } = fakeTransport(200, '{"users":[]}')
    const request = createRequest({ transport, baseUrl: '', getToken: () => null })
    await expect(request('GET', '/api/auth/dev/users')).resolves.toEqual({ users: [] })
  })

  it("throws an ApiError carrying the API's code, status, Chinese message and issues", async () => {
    const { transport } = fakeTransport(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: '请求内容有误',
        issues: [{ path: 'room', message: '请填写门牌号' }],
      },
    })
    const request = createRequest({ transport, baseUrl: '', getToken: () => 'tok' })

    const error = await request('POST', '/api/residency/requests', { body: {} }).catch(
      (e: unknown) => e,
    )

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      message: '请求内容有误',
      issues: [{ path: 'room', message: '请填写门牌号' }],
    })
  })

  it('turns a failed transport (no network) into a NETWORK ApiError', async () => {
    const request = createRequest({
      transport: () => Promise.reject(new Error('request:fail timeout')),
      baseUrl: '',
      getToken: () => null,
    })
    await expect(request('GET', '/api/me')).rejects.toMatchObject({
      code: 'NETWORK',
      status: 0,
      message: NETWORK_MESSAGE,
    })
  })

  it('forgets the session when the API answers 401 to a signed-in request', async () => {
    const onUnauthenticated = vi.fn()
    const { transport } = fakeTransport(401, {
      error: { code: 'UNAUTHENTICATED', message: '请先登录' },
    })
    const request = createRequest({
      transport,
      baseUrl: '',
      getToken: () => 'expired',
      onUnauthenticated,
    })

    await expect(request('GET', '/api/me')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
  })

  it('does not sign anyone out for a 403', async () => {
    const onUnauthenticated = vi.fn()
    const { transport } = fakeTransport(403, {
      error: { code: 'CONSENT_REQUIRED', message: '请先阅读并同意隐私政策' },
    })
    const request = createRequest({
      transport,
      baseUrl: '',
      getToken: () => 'tok',
      onUnauthenticated,
    })

    await expect(
      request('POST', '/api/residency/claim', { body: { code: 'x' } }),
    ).rejects.toMatchObject({
      code: 'CONSENT_REQUIRED',
      message: '请先阅读并同意隐私政策',
    })
    expect(onUnauthenticated).not.toHaveBeenCalled()
  })
})

describe('toApiError', () => {
  it('gives a Chinese message for an answer that is not the API error body (gateway page)', () => {
    const error = toApiError(502, '<html>Bad Gateway</html>')
    expect(error.code).toBe('HTTP')
    expect(error.message).toBe('服务暂时不可用，请稍后再试')
  })

  it('reads an error body that arrives as a JSON string and drops malformed issues', () => {
    const error = toApiError(
      409,
      JSON.stringify({
        error: { code: 'CONFLICT', message: '已经提交过申请', issues: [{ path: 1 }] },
      }),
    )
    expect(error).toMatchObject({
      code: 'CONFLICT',
      status: 409,
      message: '已经提交过申请',
      issues: [],
    })
  })

  it('says the content does not exist for a bare 404', () => {
    expect(toApiError(404, null).message).toBe('请求的内容不存在')
  })
})

describe('buildUrl and apiBaseUrl', () => {
  it('joins base and path without a double slash and skips empty query values', () => {
    expect(buildUrl('http://127.0.0.1:8787/', '/api/me', { a: '', b: null, c: 0 })).toBe(
      'http://127.0.0.1:8787/api/me?c=0',
    )
  })

  it('uses the same origin on H5 and the configured origin on weapp', () => {
    expect(apiBaseUrl('h5', 'https://api.example.cn')).toBe('')
    expect(apiBaseUrl('weapp', 'https://api.example.cn')).toBe('https://api.example.cn')
    expect(apiBaseUrl('weapp', undefined)).toBe('http://127.0.0.1:8787')
    expect(apiBaseUrl('weapp', '  ')).toBe('http://127.0.0.1:8787')
  })
})
