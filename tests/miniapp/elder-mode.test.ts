import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createElderModeStore,
  ELDER_MODE_KEY,
  shouldOfferElderMode,
  type KeyValueStorage,
} from '@/lib/elder-mode-store'

// 长辈模式 (issue 15, decision 023): the switch, remembered on the phone and on the account, and
// the offer on first open. The store alone, then the app's wiring (src/lib/elder-mode.ts over
// src/api/request.ts and src/auth/session.ts) with a fake Taro: storage, request, the system
// font and the dialog are the only things replaced.

const taro = await vi.hoisted(async () => ({
  ...(await import('./fake-taro')).fakeTaro(),
  getSystemInfoSync: vi.fn(() => ({ fontSizeSetting: 16 })),
  showModal: vi.fn(async () => ({ confirm: false })),
}))
vi.mock('@tarojs/taro', () => ({ default: taro }))

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return { data, get: (k) => data.get(k) ?? null, set: (k, v) => void data.set(k, v) }
}

describe('the 长辈模式 store', () => {
  it('is off on a new phone and remembers a choice across launches', () => {
    const storage = memoryStorage()
    const first = createElderModeStore(storage)
    expect(first.getState().on).toBe(false)
    first.choose(true)
    const relaunched = createElderModeStore(storage)
    expect(relaunched.getState()).toEqual({
      on: true,
      chosenHere: true,
      offered: true,
      unsynced: true,
    })
  })

  it("takes the account's choice only where nobody chose on this phone", () => {
    const fresh = createElderModeStore(memoryStorage())
    fresh.adoptAccount(true)
    expect(fresh.getState().on).toBe(true)

    const chose = createElderModeStore(memoryStorage())
    chose.choose(false)
    chose.adoptAccount(true)
    expect(chose.getState().on).toBe(false)
  })

  it('tells its listeners, and stops when they unsubscribe', () => {
    const store = createElderModeStore(memoryStorage())
    const heard = vi.fn()
    const stop = store.subscribe(heard)
    store.choose(true)
    stop()
    store.choose(false)
    expect(heard).toHaveBeenCalledTimes(1)
  })

  it('reads a damaged saved value as off', () => {
    const storage = memoryStorage()
    storage.set(ELDER_MODE_KEY, '{not json')
    expect(createElderModeStore(storage).getState().on).toBe(false)
  })

  it('offers the mode once, and only when the system font is already large', () => {
    const store = createElderModeStore(memoryStorage())
    expect(shouldOfferElderMode(store.getState(), 16)).toBe(false)
    expect(shouldOfferElderMode(store.getState(), undefined)).toBe(false)
    expect(shouldOfferElderMode(store.getState(), 20)).toBe(true)
    store.declineOffer()
    expect(shouldOfferElderMode(store.getState(), 24)).toBe(false)
  })
})

/** A fresh launch of the app's modules on the same phone (the fake Taro keeps its storage). */
async function launch() {
  vi.resetModules()
  const { session } = await import('@/auth/session')
  const mode = await import('@/lib/elder-mode')
  return { session, ...mode }
}

const preferencesCalls = () =>
  taro.request.mock.calls
    .map(([options]) => options as { url: string; method: string; data?: unknown })
    .filter((o) => o.url.endsWith('/api/me/preferences'))
    .map((o) => ({ method: o.method, data: o.data }))

/** Lets the launch's promises (request, dialog) settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('长辈模式 in the app', () => {
  beforeEach(() => {
    taro.storage.clear()
    taro.request.mockReset()
    taro.showModal.mockClear()
    taro.getSystemInfoSync.mockReturnValue({ fontSizeSetting: 16 })
  })

  it('the switch applies at once, stays on the phone and is saved on the account', async () => {
    const { session, elderMode, setElderMode } = await launch()
    session.signIn('tok-wang')
    taro.request.mockResolvedValue({ statusCode: 200, data: { largeText: true } })

    await setElderMode(true)

    expect(elderMode.getState()).toMatchObject({ on: true, unsynced: false })
    expect(preferencesCalls()).toEqual([{ method: 'PUT', data: { largeText: true } }])
    expect(taro.request.mock.calls[0]![0].header.Authorization).toBe('Bearer tok-wang')
    expect((await launch()).elderMode.getState().on).toBe(true)
  })

  it('a choice made offline is kept and sent at the next launch', async () => {
    const first = await launch()
    first.session.signIn('tok-wang')
    taro.request.mockRejectedValue(new Error('offline'))
    await first.setElderMode(true)
    expect(first.elderMode.getState()).toMatchObject({ on: true, unsynced: true })

    taro.request.mockReset()
    taro.request.mockResolvedValue({ statusCode: 200, data: { largeText: true } })
    const next = await launch()
    next.startElderMode()
    await settle()
    expect(preferencesCalls()).toEqual([{ method: 'PUT', data: { largeText: true } }])
    expect(next.elderMode.getState().unsynced).toBe(false)
  })

  it("a second phone starts in the account's mode; signed out, nothing is asked", async () => {
    const signedOut = await launch()
    signedOut.startElderMode()
    await settle()
    expect(preferencesCalls()).toEqual([])

    taro.request.mockResolvedValue({ statusCode: 200, data: { largeText: true } })
    signedOut.session.signIn('tok-wang') // signing in reads the account's choice
    await settle()
    expect(preferencesCalls()).toEqual([{ method: 'GET', data: undefined }])
    expect(signedOut.elderMode.getState().on).toBe(true)
  })

  it('offers the mode on first open when the system font is large, and never again', async () => {
    taro.getSystemInfoSync.mockReturnValue({ fontSizeSetting: 22 })
    taro.showModal.mockResolvedValueOnce({ confirm: false })
    const first = await launch()
    first.startElderMode()
    await settle()
    expect(taro.showModal).toHaveBeenCalledTimes(1)
    expect(first.elderMode.getState()).toMatchObject({ on: false, offered: true })

    const next = await launch()
    next.startElderMode()
    await settle()
    expect(taro.showModal).toHaveBeenCalledTimes(1)
  })

  it('accepting the offer turns the mode on', async () => {
    taro.getSystemInfoSync.mockReturnValue({ fontSizeSetting: 22 })
    taro.showModal.mockResolvedValueOnce({ confirm: true })
    const { elderMode, startElderMode } = await launch()
    startElderMode()
    await settle()
    expect(elderMode.getState()).toMatchObject({ on: true, chosenHere: true })
  })
})
