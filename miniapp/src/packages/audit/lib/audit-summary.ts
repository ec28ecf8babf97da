// How the audit log reads: action and target names, and one line for a change.

const AUDIT_ACTIONS: Record<string, string> = {
  'identities.view': '查看居民身份信息',
  'invite_codes.issue': '生成邀请码',
  'residency_request.approve': '通过认证申请',
  'residency_request.reject': '驳回认证申请',
  'residency.revoke': '撤销居民认证',
  'residency.set_representative': '设置户代表',
  'role.grant': '分配角色',
  'role.revoke': '撤销角色',
  'ownership.view': '查看房屋产权登记',
  'ownership.record': '登记房屋产权',
  'ownership.proxy_record': '登记业主书面委托',
  'ownership.proxy_revoke': '撤销业主书面委托',
}

export function auditActionName(action: string): string {
  return AUDIT_ACTIONS[action] ?? action
}

const TARGET_TYPES: Record<string, string> = {
  building: '楼栋',
  community: '社区',
  household: '住户',
  owner: '业主',
  residency: '居民认证',
  residency_request: '认证申请',
  user: '用户',
}

export function targetTypeName(targetType: string): string {
  return TARGET_TYPES[targetType] ?? targetType
}

function short(value: unknown): string {
  if (value === null || value === undefined) return ''
  let text: string
  if (typeof value === 'object' && !Array.isArray(value)) {
    // {"view":"roles","status":"pending"} → view：roles，status：pending
    text = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}：${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join('，')
  } else {
    text = typeof value === 'string' ? value : JSON.stringify(value)
  }
  return text.length > 160 ? `${text.slice(0, 157)}…` : text
}

/** One line for an audit entry's before/after, or null when it recorded no values. */
export function summarizeChange(before: unknown, after: unknown): string | null {
  const b = short(before)
  const a = short(after)
  if (!b && !a) return null
  if (!b) return a
  if (!a) return `原为 ${b}`
  return `${b} → ${a}`
}
