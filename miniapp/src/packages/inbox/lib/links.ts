// Where a notification's link leads. Only the inbox page opens links, so this stays out of the
// main package (decision 009).

const TAB_PAGES = [
  '/pages/home/index',
  '/pages/ideas/index',
  '/pages/council/index',
  '/pages/booking/index',
  '/pages/mine/index',
]

/**
 * How to open a notification's link: tab pages are switched to (navigateTo refuses them), other
 * mini-program paths pushed; anything that is not one of our paths is ignored.
 */
export function linkTarget(link: string | null): { kind: 'tab' | 'page'; url: string } | null {
  if (!link || !link.startsWith('/') || link.startsWith('//')) return null
  const path = link.split('?')[0] ?? ''
  if (TAB_PAGES.includes(path)) return { kind: 'tab', url: path }
  if (!/^\/(pages|packages)\//.test(path)) return null
  return { kind: 'page', url: link }
}
