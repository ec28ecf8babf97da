import { vi } from 'vitest'

/**
 * Taro as the API wiring sees it, with only the network and storage faked: `request` and
 * `uploadFile` are mocks a test answers; storage is a Map. Use it before importing app code:
 *   const taro = await vi.hoisted(async () => (await import('./fake-taro')).fakeTaro())
 *   vi.mock('@tarojs/taro', () => ({ default: taro }))
 */
export function fakeTaro() {
  const storage = new Map<string, unknown>()
  return {
    storage,
    request: vi.fn(),
    uploadFile: vi.fn(),
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
  }
}
