import type { Residency, ResidencyRequestStatus, Role } from '../api/types'

// Chinese words for the API's codes, in one place.

export const ROLE_NAMES: Record<Role, string> = {
  staff: '居委会工作人员',
  committee: '议事会成员',
  planner: '街巷规划师',
  centre_manager: '邻里中心管理员',
  admin: '管理员',
}

/** Order in which roles are listed and offered. */
export const ROLES: Role[] = ['staff', 'committee', 'planner', 'centre_manager', 'admin']

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
}

const AUDIT_ACTIONS: Record<string, string> = {
  'identities.view': '查看居民身份信息',
  'invite_codes.issue': '生成邀请码',
  'residency_request.approve': '通过认证申请',
  'residency_request.reject': '驳回认证申请',
  'residency.revoke': '撤销居民认证',
  'residency.set_representative': '设置户代表',
  'role.grant': '分配角色',
  'role.revoke': '撤销角色',
}

export function auditActionName(action: string): string {
  return AUDIT_ACTIONS[action] ?? action
}

const TARGET_TYPES: Record<string, string> = {
  building: '楼栋',
  community: '社区',
  household: '住户',
  residency: '居民认证',
  residency_request: '认证申请',
  user: '用户',
}

export function targetTypeName(targetType: string): string {
  return TARGET_TYPES[targetType] ?? targetType
}

/** What a resident sees for someone without a recorded real name. */
export function displayName(realName: string | null, nickname: string): string {
  return realName ? `${realName}（${nickname}）` : nickname
}
