import Taro from '@tarojs/taro'
import { withQuery } from '@/lib/nav'

// The workbench's own pages, opened only from within it (lib/nav.ts names the pages the rest of
// the app opens; these strings would otherwise ship in the main package, decision 009).
const page = (name: string) => `/packages/staff/pages/${name}/index`

export const STAFF_PAGES = {
  staffRequests: page('requests'),
  staffHouseholds: page('households'),
  staffInviteCodes: page('invite-codes'),
  staffResidents: page('residents'),
  staffRoles: page('roles'),
  staffOwnership: page('ownership'),
  staffOwnershipUnit: page('ownership-unit'),
  staffAlleyPosters: page('alley-posters'),
  staffAudit: '/packages/audit/pages/index/index',
  staffModeration: '/packages/moderation/pages/queue/index',
  staffContentWords: '/packages/moderation/pages/words/index',
  /** 代办 (decision 019): residents without WeChat, acted for by staff and 楼组长. */
  staffActing: '/packages/acting/pages/index/index',
  /** 网格与楼组 (decision 018): draw them, name 网格员 and 楼组长. */
  staffGrids: '/packages/grid/pages/manage/index',
} as const

export type StaffPage = keyof typeof STAFF_PAGES

export function openStaffPage(
  name: StaffPage,
  query: Record<string, string | undefined> = {},
): void {
  void Taro.navigateTo({ url: withQuery(STAFF_PAGES[name], query) })
}
