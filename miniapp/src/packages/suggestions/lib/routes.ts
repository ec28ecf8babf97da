// Pages of the 金点子 subpackage (packages/suggestions), opened from the tab page and from each other.
import Taro from '@tarojs/taro'
import { withQuery } from '@/lib/nav'

export const IDEAS_PAGES = {
  submit: '/packages/suggestions/pages/submit/index',
  detail: '/packages/suggestions/pages/detail/index',
  mine: '/packages/suggestions/pages/mine/index',
  moderation: '/packages/suggestions/pages/moderation/index',
  settings: '/packages/suggestions/pages/settings/index',
} as const

export type IdeasPage = keyof typeof IDEAS_PAGES

export function ideasUrl(page: IdeasPage, query: Record<string, string | undefined> = {}): string {
  return withQuery(IDEAS_PAGES[page], query)
}

export function openIdeas(page: IdeasPage, query: Record<string, string | undefined> = {}): void {
  void Taro.navigateTo({ url: ideasUrl(page, query) })
}

/** Replaces the current page (a finished submit flow should not be one "back" away). */
export function redirectIdeas(
  page: IdeasPage,
  query: Record<string, string | undefined> = {},
): void {
  void Taro.redirectTo({ url: ideasUrl(page, query) })
}
