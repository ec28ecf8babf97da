import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'

// Asking for WeChat subscribe messages at a tap (src/lib/subscribe.ts), as the weapp build runs
// it: TARO_ENV is replaced at build time, so it is set before the module loads. Taro's request,
// storage and requestSubscribeMessage are the only things faked.
const taro = await vi.hoisted(async () => {
  vi.stubEnv('TARO_ENV', 'weapp')
  const fake = (await import('./fake-taro')).fakeTaro()
  return { ...fake, requestSubscribeMessage: vi.fn() }
})
vi.mock('@tarojs/taro', () => ({ default: taro }))

const { answersOf, askToSubscribe, preloadSubscriptions, templatesToAsk } =
  await import('@/lib/subscribe')
const { session } = await import('@/auth/session')
afterAll(() => {
  vi.unstubAllEnvs()
})
type Subscription = Parameters<typeof templatesToAsk>[0][number]

const sub = (topic: Subscription['topic'], extra: Partial<Subscription> = {}): Subscription => ({
  topic,
  name: topic,
  covers: '',
  templateId: `tpl-${topic}`,
  longTerm: false,
  enabled: false,
  credits: 0,
  lastAnswer: null,
  answered: false,
  ...extra,
})

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('templatesToAsk', () => {
  it('asks for the tap’s topics never answered, and one-time ones still on (one more message each)', () => {
    const items = [
      sub('suggestion'),
      sub('meeting', { answered: true, enabled: true, credits: 2, lastAnswer: 'accept' }),
      sub('booking', { answered: true, enabled: false, lastAnswer: 'reject' }),
    ]
    expect(templatesToAsk(items, ['suggestion'])).toEqual(['tpl-suggestion'])
    expect(templatesToAsk(items, ['meeting', 'suggestion'])).toEqual([
      'tpl-suggestion',
      'tpl-meeting',
    ])
    // Turned down: not asked again at taps (消息设置 turns it back on).
    expect(templatesToAsk(items, ['booking'])).toEqual([])
    expect(templatesToAsk(items, ['vote'])).toEqual([])
  })

  it('never asks again for a long-term subscription given, and never mixes long-term with one-time', () => {
    const items = [
      sub('meeting', { longTerm: true, answered: true, enabled: true, lastAnswer: 'accept' }),
      sub('suggestion', { longTerm: true }),
      sub('booking'),
    ]
    expect(templatesToAsk(items, ['meeting'])).toEqual([])
    expect(templatesToAsk(items, ['suggestion', 'booking'])).toEqual(['tpl-suggestion'])
  })

  it('keeps only WeChat’s four answers', () => {
    expect(
      answersOf(['a', 'b', 'c'], { errMsg: 'requestSubscribeMessage:ok', a: 'accept', b: 'ban' }),
    ).toEqual([
      { templateId: 'a', answer: 'accept' },
      { templateId: 'b', answer: 'ban' },
    ])
  })
})

describe('askToSubscribe in the weapp', () => {
  beforeEach(() => {
    taro.request.mockReset()
    taro.requestSubscribeMessage.mockReset()
  })

  it('does nothing before the templates are known or for a visitor', async () => {
    session.signOut()
    preloadSubscriptions()
    await askToSubscribe(['suggestion'])
    expect(taro.request).not.toHaveBeenCalled()
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled()
  })

  it('shows WeChat’s prompt from the tap without a request first, then records the answers', async () => {
    session.signIn('token-1')
    taro.request.mockResolvedValueOnce({
      statusCode: 200,
      data: { items: [sub('suggestion'), sub('meeting')] },
    })
    preloadSubscriptions()
    await flush()
    taro.request.mockClear()

    taro.requestSubscribeMessage.mockResolvedValue({
      errMsg: 'requestSubscribeMessage:ok',
      'tpl-suggestion': 'accept',
    })
    taro.request.mockResolvedValueOnce({
      statusCode: 200,
      data: { items: [sub('suggestion', { answered: true, enabled: true, credits: 1 })] },
    })
    const asked = askToSubscribe(['suggestion'])
    // Called synchronously, inside the tap: no request came between.
    expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tpl-suggestion'] })
    expect(taro.request).not.toHaveBeenCalled()
    await asked
    const recorded = taro.request.mock.calls[0]![0]
    expect(recorded.method).toBe('POST')
    expect(new URL(recorded.url as string).pathname).toBe('/api/me/subscriptions/answers')
    expect(recorded.data).toEqual({ answers: [{ templateId: 'tpl-suggestion', answer: 'accept' }] })
  })

  it('lets the action go on when WeChat refuses to show the prompt', async () => {
    taro.requestSubscribeMessage.mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail' })
    await expect(askToSubscribe(['suggestion'])).resolves.toBeUndefined()
  })
})
