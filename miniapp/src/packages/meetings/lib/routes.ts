// Pages of the meetings subpackage (packages/meetings), opened from the 议事 tab, 我的, the
// inbox (the API's notification links point at the detail page) and each other. Pure (no
// Taro import), so node tests and the main package can use it.

export const MEETING_PAGES = {
  detail: '/packages/meetings/pages/detail/index',
  edit: '/packages/meetings/pages/edit/index',
  door: '/packages/meetings/pages/door/index',
  attendance: '/packages/meetings/pages/attendance/index',
  minutes: '/packages/meetings/pages/minutes/index',
  invite: '/packages/meetings/pages/invite/index',
  mine: '/packages/meetings/pages/mine/index',
} as const

export type MeetingPage = keyof typeof MEETING_PAGES

export function meetingUrl(
  page: MeetingPage,
  query: Record<string, string | undefined> = {},
): string {
  const pairs = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
  return pairs.length ? `${MEETING_PAGES[page]}?${pairs.join('&')}` : MEETING_PAGES[page]
}
