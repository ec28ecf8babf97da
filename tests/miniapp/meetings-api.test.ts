import { beforeEach, describe, expect, it, vi } from 'vitest'

// The meeting lists' client (src/packages/meetings/tab-api.ts) over the real request wiring with
// a fake Taro: which list and which page go into the query, and the page comes back as it is.
const taro = await vi.hoisted(async () => (await import('./fake-taro')).fakeTaro())
vi.mock('@tarojs/taro', () => ({ default: taro }))

const { listMeetings } = await import('@/packages/meetings/tab-api')
const { session } = await import('@/auth/session')

beforeEach(() => {
  taro.request.mockReset()
  session.signOut()
})

const queryOf = (call: number) =>
  Object.fromEntries(new URL(taro.request.mock.calls[call]![0].url as string).searchParams)

describe('listMeetings', () => {
  it('asks for the first page of a list, then the page after the cursor it was given', async () => {
    taro.request.mockResolvedValue({
      statusCode: 200,
      data: { items: [], nextCursor: 'eyJrIjoxfQ==' },
    })
    const first = await listMeetings('cm-huaishu', 'past')
    await listMeetings('cm-huaishu', 'past', first.nextCursor ?? undefined)
    await listMeetings('cm-huaishu')

    const url = new URL(taro.request.mock.calls[0]![0].url as string)
    expect(url.pathname).toBe('/api/communities/cm-huaishu/meetings')
    expect(queryOf(0)).toEqual({ when: 'past' })
    expect(queryOf(1)).toEqual({ when: 'past', cursor: 'eyJrIjoxfQ==' })
    expect(queryOf(2)).toEqual({ when: 'upcoming' })
    expect(first).toEqual({ items: [], nextCursor: 'eyJrIjoxfQ==' })
  })

  it('asks for a larger page when told (the 代办 page lists every meeting she could join)', async () => {
    taro.request.mockResolvedValue({ statusCode: 200, data: { items: [], nextCursor: null } })
    await listMeetings('cm-huaishu', 'upcoming', undefined, 100)
    expect(queryOf(0)).toEqual({ when: 'upcoming', limit: '100' })
  })
})
