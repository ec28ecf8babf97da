import { beforeEach, describe, expect, it, vi } from 'vitest'

// The real wiring (src/api/request.ts + src/auth/session.ts + src/packages/suggestions/api.ts + tab-api.ts) with a fake
// Taro: request, uploadFile and storage are the only things replaced.
const taro = await vi.hoisted(async () => (await import('./fake-taro')).fakeTaro())
vi.mock('@tarojs/taro', () => ({ default: taro }))

const api = {
  ...(await import('@/packages/suggestions/api')),
  ...(await import('@/packages/suggestions/tab-api')),
}
const { session } = await import('@/auth/session')
const { ApiError } = await import('@/api/http')
const { toListQuery } = await import('@/packages/suggestions/lib/list-query')

const BASE = 'http://127.0.0.1:8787'

beforeEach(() => {
  taro.request.mockReset()
  taro.uploadFile.mockReset()
  session.signOut()
})

describe('suggestion API functions over Taro.request', () => {
  it('lists a community’s suggestions with sort, filters, search and cursor in the query', async () => {
    taro.request.mockResolvedValue({ statusCode: 200, data: { items: [], nextCursor: null } })
    await api.listSuggestions(
      'cm-huaishu',
      toListQuery({ sort: 'support', category: 'lighting', q: '路灯' }, 'abc='),
    )
    const url = new URL(taro.request.mock.calls[0]![0].url as string)
    expect(url.pathname).toBe('/api/communities/cm-huaishu/suggestions')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      sort: 'support',
      limit: '10',
      category: 'lighting',
      q: '路灯',
      cursor: 'abc=',
    })
    expect(taro.request.mock.calls[0]![0].method).toBe('GET')
  })

  it('submits a suggestion as JSON with the bearer token', async () => {
    session.signIn('tok-wang')
    taro.request.mockResolvedValue({ statusCode: 201, data: { id: 'sg-1', status: 'submitted' } })
    const body = {
      title: '青石巷夜里太暗',
      description: '中段两盏路灯之间有四十多米。',
      category: 'lighting' as const,
      photoIds: ['p1'],
      showName: false,
    }

    await expect(api.createSuggestion('cm-huaishu', body)).resolves.toMatchObject({ id: 'sg-1' })

    expect(taro.request).toHaveBeenCalledWith(
      expect.objectContaining({
        url: `${BASE}/api/communities/cm-huaishu/suggestions`,
        method: 'POST',
        data: body,
        header: expect.objectContaining({
          Authorization: 'Bearer tok-wang',
          'Content-Type': 'application/json',
        }),
      }),
    )
  })

  it('supports with POST and withdraws with DELETE on the same path', async () => {
    taro.request.mockResolvedValue({
      statusCode: 200,
      data: { supported: true, supportCount: 2, supportHouseholdCount: 2 },
    })
    await api.supportSuggestion('sg/1')
    await api.withdrawSupport('sg/1')
    expect(taro.request.mock.calls.map((c) => [c[0].method, c[0].url])).toEqual([
      ['POST', `${BASE}/api/suggestions/sg%2F1/support`],
      ['DELETE', `${BASE}/api/suggestions/sg%2F1/support`],
    ])
  })

  it('sends a reply with its parent and a flag on a comment with the comment id', async () => {
    taro.request.mockResolvedValue({ statusCode: 201, data: {} })
    await api.addComment('sg-1', '同意', 'cm-9')
    await api.addComment('sg-1', '同意')
    await api.flagContent('sg-1', '人身攻击', 'cm-9')
    expect(taro.request.mock.calls.map((c) => c[0].data)).toEqual([
      { body: '同意', parentId: 'cm-9' },
      { body: '同意' },
      { reason: '人身攻击', commentId: 'cm-9' },
    ])
  })

  it('answers, completes and saves settings on the staff routes', async () => {
    taro.request.mockResolvedValue({ statusCode: 200, data: {} })
    await api.answerSuggestion('sg-1', { decision: 'not_adopt', body: '产权不属于社区' })
    await api.completeSuggestion('sg-1', { body: '已完工', photoIds: ['p2'] })
    await api.updateSuggestionSettings('cm-huaishu', {
      responseThresholdHouseholds: 8,
      answerDeadlineDays: 10,
    })
    expect(
      taro.request.mock.calls.map((c) => [c[0].method, c[0].url.replace(BASE, ''), c[0].data]),
    ).toEqual([
      ['POST', '/api/suggestions/sg-1/answer', { decision: 'not_adopt', body: '产权不属于社区' }],
      ['POST', '/api/suggestions/sg-1/complete', { body: '已完工', photoIds: ['p2'] }],
      [
        'PUT',
        '/api/communities/cm-huaishu/suggestion-settings',
        { responseThresholdHouseholds: 8, answerDeadlineDays: 10 },
      ],
    ])
  })

  it('turns a 409 into an ApiError with the API’s Chinese message', async () => {
    taro.request.mockResolvedValue({
      statusCode: 409,
      data: {
        error: {
          code: 'INVALID_STATE',
          message: '当前状态为“已采纳”，不能进行此操作',
          details: { currentStatus: 'adopted' },
        },
      },
    })
    const error = await api.acceptSuggestion('sg-1').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      code: 'INVALID_STATE',
      status: 409,
      message: '当前状态为“已采纳”，不能进行此操作',
    })
  })

  it('makes photo paths absolute for <Image> in WeChat', () => {
    expect(api.photoSrc('/api/suggestion-photos/p1?exp=1&sig=ab')).toBe(
      `${BASE}/api/suggestion-photos/p1?exp=1&sig=ab`,
    )
    expect(api.photoSrc('https://cdn.example/p1.jpg')).toBe('https://cdn.example/p1.jpg')
  })
})

describe('photo upload over Taro.uploadFile', () => {
  it('posts the file as multipart "file" with the community and the token, and parses the string answer', async () => {
    session.signIn('tok-wang')
    taro.uploadFile.mockResolvedValue({
      statusCode: 201,
      data: JSON.stringify({ id: 'ph-1', url: '/api/suggestion-photos/ph-1?exp=1&sig=x' }),
    })

    await expect(api.uploadSuggestionPhoto('cm-huaishu', 'wxfile://tmp/1.jpg')).resolves.toEqual({
      id: 'ph-1',
      url: '/api/suggestion-photos/ph-1?exp=1&sig=x',
    })

    expect(taro.uploadFile).toHaveBeenCalledWith({
      url: `${BASE}/api/suggestion-photos`,
      filePath: 'wxfile://tmp/1.jpg',
      name: 'file',
      formData: { communityId: 'cm-huaishu' },
      header: { Accept: 'application/json', Authorization: 'Bearer tok-wang' },
    })
    expect(taro.request).not.toHaveBeenCalled()
  })

  it('reports the API’s reason for a refused photo', async () => {
    session.signIn('tok-wang')
    taro.uploadFile.mockResolvedValue({
      statusCode: 400,
      data: JSON.stringify({
        error: { code: 'VALIDATION_FAILED', message: '只支持 JPEG、PNG、WebP 格式的照片' },
      }),
    })
    const error = await api
      .uploadSuggestionPhoto('cm-huaishu', 'wxfile://tmp/1.svg')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '只支持 JPEG、PNG、WebP 格式的照片',
    })
    expect(session.getToken()).toBe('tok-wang')
  })

  it('says the network failed when uploadFile itself fails, and signs out on 401', async () => {
    session.signIn('tok-old')
    taro.uploadFile.mockRejectedValueOnce({ errMsg: 'uploadFile:fail timeout' })
    await expect(api.uploadSuggestionPhoto('cm-huaishu', 'x')).rejects.toMatchObject({
      code: 'NETWORK',
      message: '网络连接失败，请检查网络后再试',
    })

    taro.uploadFile.mockResolvedValueOnce({
      statusCode: 401,
      data: JSON.stringify({
        error: { code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' },
      }),
    })
    await expect(api.uploadSuggestionPhoto('cm-huaishu', 'x')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    })
    expect(session.getToken()).toBeNull()
  })

  it('explains a gateway page instead of showing it', async () => {
    taro.uploadFile.mockResolvedValue({
      statusCode: 413,
      data: '<html>Request Entity Too Large</html>',
    })
    await expect(api.uploadSuggestionPhoto('cm-huaishu', 'x')).rejects.toMatchObject({
      code: 'HTTP',
      status: 413,
      message: '请求失败（413）',
    })
  })
})
