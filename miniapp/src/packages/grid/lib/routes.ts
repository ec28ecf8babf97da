import Taro from '@tarojs/taro'
import { withQuery } from '@/lib/nav'

// The grid's pages (packages/grid, decision 018): 我的 opens the first, the workbench the last.
const page = (name: string) => `/packages/grid/pages/${name}/index`

export const GRID_PAGES = {
  index: page('index'),
  scope: page('scope'),
  manage: page('manage'),
} as const

export type GridPage = keyof typeof GRID_PAGES

export function openGrid(name: GridPage, query: Record<string, string | undefined> = {}) {
  void Taro.navigateTo({ url: withQuery(GRID_PAGES[name], query) })
}
