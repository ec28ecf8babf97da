// Pages of the public-figures subpackage (packages/transparency): the 三率 page of a community,
// the street view and the resolutions register. Pure (no Taro import): the 首页 tab links here
// without pulling the subpackage into the main package. The API's register notices link to
// the register page (worker/transparency/register.ts REGISTER_PAGE).

export const TRANSPARENCY_PAGES = {
  community: '/packages/transparency/pages/community/index',
  street: '/packages/transparency/pages/street/index',
  register: '/packages/transparency/pages/register/index',
} as const

export type TransparencyPage = keyof typeof TRANSPARENCY_PAGES

export function transparencyUrl(
  page: TransparencyPage,
  query: Record<string, string | undefined> = {},
): string {
  const pairs = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
  return pairs.length ? `${TRANSPARENCY_PAGES[page]}?${pairs.join('&')}` : TRANSPARENCY_PAGES[page]
}
