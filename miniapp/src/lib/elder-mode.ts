import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'
import type { Preferences } from '@worker/identity/preferences-schemas'
import { session } from '@/auth/session'
import { request } from '@/api/request'
import { createElderModeStore, shouldOfferElderMode } from './elder-mode-store'
import { markDocumentRoot, systemFontPx } from './elder-root'

// 长辈模式 in the running app (decision 023): the store (lib/elder-mode-store.ts) on Taro's
// storage, the `elder` class it puts on every page (components/page.tsx) and, in a browser, on the
// document root; the account's copy on the server; the offer on first open.

export const elderMode = createElderModeStore({
  get(key) {
    const value: unknown = Taro.getStorageSync(key)
    return typeof value === 'string' && value !== '' ? value : null
  },
  set(key, value) {
    Taro.setStorageSync(key, value)
  },
})

const isOn = () => elderMode.getState().on
elderMode.subscribe(() => markDocumentRoot(isOn()))

/** Whether the mode is on; re-renders when it changes. */
export function useElderMode(): boolean {
  return useSyncExternalStore(elderMode.subscribe, isOn, isOn)
}

const loadPreferences = () => request<Preferences>('GET', '/api/me/preferences')
const savePreferences = (body: Preferences) =>
  request<Preferences>('PUT', '/api/me/preferences', { body })

/**
 * With the account: a choice made on this device and not yet stored is sent; otherwise, on a
 * device where nobody chose, the account's value applies. Offline it waits for the next launch.
 */
async function syncWithAccount(): Promise<void> {
  if (!session.getToken()) return
  const state = elderMode.getState()
  try {
    if (state.unsynced) {
      await savePreferences({ largeText: state.on })
      elderMode.synced()
    } else if (!state.chosenHere) {
      elderMode.adoptAccount((await loadPreferences()).largeText)
    }
  } catch {
    // Kept on the device (unsynced stays true): sent at the next launch or sign-in.
  }
}

/** The switch in 我的: on this device at once, then on the account. */
export async function setElderMode(on: boolean): Promise<void> {
  elderMode.choose(on)
  await syncWithAccount()
}

async function offerIfFontIsLarge(): Promise<void> {
  if (!shouldOfferElderMode(elderMode.getState(), systemFontPx())) return
  const { confirm } = await Taro.showModal({
    title: '打开长辈模式？',
    content: '您的手机字体已经调大了。长辈模式的字和按钮更大，随时可以在“我的”里关掉。',
    confirmText: '打开',
    cancelText: '不用了',
  })
  if (confirm) await setElderMode(true)
  else elderMode.declineOffer()
}

/** At launch: the root class, the account's value (and again after each sign-in), the offer. */
export function startElderMode(): void {
  markDocumentRoot(isOn())
  let token = session.getToken()
  session.subscribe(() => {
    const next = session.getToken()
    if (next && next !== token) void syncWithAccount()
    token = next
  })
  void syncWithAccount().then(offerIfFontIsLarge)
}
