import Taro from '@tarojs/taro'
import type { KeyValueStorage } from '@/auth/session-store'
import { conventionPath, type ConventionPage } from './routes'

// The Taro-bound half of the subpackage's helpers (storage, navigation); the pure logic lives
// beside it and is tested in node.

export const taroStorage: KeyValueStorage = {
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

export function openPage(
  page: ConventionPage,
  query: Record<string, string | number | undefined>,
): void {
  void Taro.navigateTo({ url: conventionPath(page, query) })
}

/** Replaces the current page (a finished form goes back to the convention, not to itself). */
export function replacePage(
  page: ConventionPage,
  query: Record<string, string | number | undefined>,
): void {
  void Taro.redirectTo({ url: conventionPath(page, query) })
}

/** Back to the page that opened this one (the detail page refreshes itself when shown again). */
export function backToDetail(conventionId: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else replacePage('detail', { id: conventionId })
}

/** A yes/no question before an action that cannot be undone. */
export async function confirm(
  title: string,
  content: string,
  confirmText = '确定',
): Promise<boolean> {
  const { confirm: ok } = await Taro.showModal({ title, content, confirmText, cancelText: '取消' })
  return ok
}
