import type { Residency, ResidencyRequestStatus, Role } from '@/api/types'

// Chinese words for the API's codes, in one place (the audit log's own words are in
// packages/audit/lib/audit-summary.ts: only that page says them, and this module ships in the
// main package; decision 009).

export const ROLE_NAMES: Record<Role, string> = {
  staff: '居委会工作人员',
  committee: '议事会成员',
  planner: '街巷规划师',
  admin: '管理员',
}

/** A role granted per 邻里中心, not per community (decision 020). */
export const CENTRE_MANAGER_NAME = '邻里中心管理员'

/** Order in which roles are listed and offered. */
export const ROLES: Role[] = ['staff', 'committee', 'planner', 'admin']

export function roleName(role: string): string {
  return (ROLE_NAMES as Record<string, string>)[role] ?? role
}

export const REQUEST_STATUS_NAMES: Record<ResidencyRequestStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
}

export const VIA_NAMES: Record<Residency['via'], string> = {
  invite_code: '邀请码认证',
  request: '申请审核认证',
  registered: '工作人员或楼组长登记（代办）',
}

/** What a resident sees for someone without a recorded real name. */
export function displayName(realName: string | null, nickname: string): string {
  return realName ? `${realName}（${nickname}）` : nickname
}
