import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'
import { createSessionStore, type KeyValueStorage, type SessionState } from './session-store'

const taroStorage: KeyValueStorage = {
  get(key) {
    const value: unknown = Taro.getStorageSync(key)
    return typeof value === 'string' && value !== '' ? value : null
  },
  set(key, value) {
    Taro.setStorageSync(key, value)
  },
  remove(key) {
    Taro.removeStorageSync(key)
  },
}

/** The one session of the running app. */
export const session = createSessionStore(taroStorage)

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState, session.getState)
}
