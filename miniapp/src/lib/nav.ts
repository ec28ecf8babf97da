import Taro from '@tarojs/taro'

export const ROUTES = {
  home: '/pages/home/index',
  ideas: '/pages/ideas/index',
  council: '/pages/council/index',
  booking: '/pages/booking/index',
  mine: '/pages/mine/index',
  login: '/packages/identity/pages/login/index',
  community: '/packages/identity/pages/community/index',
  privacy: '/packages/identity/pages/privacy/index',
  verify: '/packages/identity/pages/verify/index',
  myData: '/packages/identity/pages/my-data/index',
  staffHome: '/packages/staff/pages/index/index',
  /** 楼组长 and 网格员: the buildings they look after (packages/grid, decision 018). */
  gridHome: '/packages/grid/pages/index/index',
  /** 民事民评: the current community's 三率 (packages/transparency). */
  figures: '/packages/transparency/pages/community/index',
} as const

export type RouteName = keyof typeof ROUTES

const TAB_ROUTES: RouteName[] = ['home', 'ideas', 'council', 'booking', 'mine']

export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const pairs = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
  return pairs.length ? `${path}?${pairs.join('&')}` : path
}

/** Opens a page by name; tab pages are switched to, others pushed. */
export function go(name: RouteName, query: Record<string, string | undefined> = {}): void {
  if (TAB_ROUTES.includes(name)) {
    void Taro.switchTab({ url: ROUTES[name] })
    return
  }
  void Taro.navigateTo({ url: withQuery(ROUTES[name], query) })
}

/** Leaves the current page for `name`, without keeping it in history (finished flows). */
export function replaceWith(name: RouteName, query: Record<string, string | undefined> = {}): void {
  if (TAB_ROUTES.includes(name)) {
    void Taro.switchTab({ url: ROUTES[name] })
    return
  }
  void Taro.redirectTo({ url: withQuery(ROUTES[name], query) })
}

/** Parses a `next` query parameter; only known page names are accepted. */
export function routeName(value: string | undefined): RouteName | null {
  return value && value in ROUTES ? (value as RouteName) : null
}

/** Goes back when there is somewhere to go back to, otherwise to a tab. */
export function backOr(fallback: RouteName): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else replaceWith(fallback)
}
