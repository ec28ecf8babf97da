import Taro from '@tarojs/taro'
import { withQuery } from '@/lib/nav'

// The 代办 pages (packages/acting): staff and 楼组长 acting for a resident (decision 019). The
// workbench and the grid area open them; the acts themselves are the domains' own pages, opened
// with `for` (her user id) and `name` (her 称呼, for the banner).
const page = (name: string) => `/packages/acting/pages/${name}/index`

export const ACTING_PAGES = {
  index: page('index'),
  register: page('register'),
  resident: page('resident'),
} as const

export type ActingPage = keyof typeof ACTING_PAGES

export function actingUrl(name: ActingPage, query: Record<string, string | undefined> = {}) {
  return withQuery(ACTING_PAGES[name], query)
}

export function openActing(name: ActingPage, query: Record<string, string | undefined> = {}) {
  void Taro.navigateTo({ url: actingUrl(name, query) })
}
