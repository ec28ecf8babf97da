// Pages of the 微规约 subpackage (also opened from the 议事 tab).
export const CONVENTION_PAGES = {
  detail: '/packages/conventions/pages/detail/index',
  edit: '/packages/conventions/pages/edit/index',
  versions: '/packages/conventions/pages/versions/index',
  vote: '/packages/conventions/pages/vote/index',
  poster: '/packages/conventions/pages/poster/index',
  manage: '/packages/conventions/pages/manage/index',
  paper: '/packages/conventions/pages/paper/index',
} as const

export type ConventionPage = keyof typeof CONVENTION_PAGES

export function conventionPath(
  page: ConventionPage,
  query: Record<string, string | number | undefined>,
): string {
  const pairs = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
  return pairs.length ? `${CONVENTION_PAGES[page]}?${pairs.join('&')}` : CONVENTION_PAGES[page]
}

/**
 * The address a QR code on a printed notice points to: the H5 build of the app, which the API's
 * origin serves (hash router), so a phone camera opens the convention without WeChat.
 */
export function conventionShareUrl(origin: string, conventionId: string): string {
  return `${origin.replace(/\/+$/, '')}/#${conventionPath('detail', { id: conventionId })}`
}
