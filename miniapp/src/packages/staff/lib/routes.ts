import Taro from '@tarojs/taro'
import { withQuery } from '@/lib/nav'

// The workbench's own pages, opened only from within it (lib/nav.ts names the pages the rest of
// the app opens; these strings would otherwise ship in the main package, decision 009).
export const STAFF_PAGES = {
  staffRequests: '/packages/staff/pages/requests/index',
  staffHouseholds: '/packages/staff/pages/households/index',
  staffInviteCodes: '/packages/staff/pages/invite-codes/index',
  staffResidents: '/packages/staff/pages/residents/index',
  staffRoles: '/packages/staff/pages/roles/index',
  staffAudit: '/packages/audit/pages/index/index',
} as const

export type StaffPage = keyof typeof STAFF_PAGES

export function openStaffPage(page: StaffPage, query: Record<string, string | undefined> = {}): void {
  void Taro.navigateTo({ url: withQuery(STAFF_PAGES[page], query) })
}
