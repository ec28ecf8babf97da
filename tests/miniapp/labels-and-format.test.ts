import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { errorMessage } from '@/lib/error-message'
import {
  formatArea,
  formatDate,
  formatDateTime,
  formatInviteCode,
  isCompleteInviteCode,
  normalizeInviteCode,
} from '@/lib/format'
import {
  displayName,
  REQUEST_STATUS_NAMES,
  roleName,
  ROLE_NAMES,
  ROLES,
} from '@/packages/identity/labels'
import { auditActionName, summarizeChange } from '@/packages/audit/lib/audit-summary'

describe('role names', () => {
  it('names every role in Chinese', () => {
    expect(ROLE_NAMES).toEqual({
      staff: '居委会工作人员',
      committee: '议事会成员',
      planner: '街巷规划师',
      centre_manager: '邻里中心管理员',
      admin: '管理员',
    })
    expect(ROLES.map(roleName)).toEqual([
      '居委会工作人员',
      '议事会成员',
      '街巷规划师',
      '邻里中心管理员',
      '管理员',
    ])
  })

  it('shows an unknown role code as is rather than nothing', () => {
    expect(roleName('grid_worker')).toBe('grid_worker')
  })
})

describe('other labels', () => {
  it('names request statuses and audit actions', () => {
    expect(REQUEST_STATUS_NAMES).toEqual({
      pending: '待审核',
      approved: '已通过',
      rejected: '未通过',
    })
    expect(auditActionName('identities.view')).toBe('查看居民身份信息')
    expect(auditActionName('residency_request.reject')).toBe('驳回认证申请')
    expect(auditActionName('something.new')).toBe('something.new')
  })

  it('shows the nickname alone when no real name was recorded', () => {
    expect(displayName('陈小明', '小陈')).toBe('陈小明（小陈）')
    expect(displayName(null, '小陈')).toBe('小陈')
  })

  it('summarises an audit change in one line', () => {
    expect(summarizeChange(null, null)).toBeNull()
    expect(summarizeChange(undefined, { role: 'staff' })).toBe('role：staff')
    expect(summarizeChange({ status: 'pending' }, { status: 'approved', count: 2 })).toBe(
      'status：pending → status：approved，count：2',
    )
    expect(summarizeChange(['a'], null)).toBe('原为 ["a"]')
    expect(summarizeChange('x'.repeat(400), null)).toHaveLength(3 + 157 + 1)
  })
})

describe('dates in Asia/Shanghai', () => {
  it('shows UTC instants in Shanghai time, crossing midnight correctly', () => {
    // 2026-11-01 01:00 UTC is 09:00 in Shanghai.
    expect(formatDateTime(Date.UTC(2026, 10, 1, 1, 0))).toBe('2026年11月1日 09:00')
    // 2026-12-31 16:30 UTC is already New Year's Day in Shanghai.
    expect(formatDate(Date.UTC(2026, 11, 31, 16, 30))).toBe('2027年1月1日')
    expect(formatDateTime(Date.UTC(2026, 11, 31, 16, 5))).toBe('2027年1月1日 00:05')
  })
})

describe('invite codes', () => {
  it('accepts what residents type: lower case, spaces, dashes', () => {
    expect(normalizeInviteCode(' k7pm - 3qxd ')).toBe('K7PM3QXD')
    expect(isCompleteInviteCode('k7pm 3qxd')).toBe(true)
    expect(isCompleteInviteCode('K7PM-3QX')).toBe(false)
    expect(formatInviteCode('k7pm3qxd')).toBe('K7PM-3QXD')
    expect(formatInviteCode('k7')).toBe('K7')
  })
})

describe('areas', () => {
  it('drops trailing zeros of the decimal area', () => {
    expect(formatArea('89.50')).toBe('89.5㎡')
    expect(formatArea('120.00')).toBe('120㎡')
    expect(formatArea('n/a')).toBe('n/a')
  })
})

describe('errorMessage', () => {
  it("shows the API's message, or the first field issue of a validation error", () => {
    expect(errorMessage(new ApiError('CONFLICT', 409, '邀请码已被使用'))).toBe('邀请码已被使用')
    expect(
      errorMessage(
        new ApiError('VALIDATION_FAILED', 400, '请求内容有误', [
          { path: 'room', message: '请填写门牌号' },
        ]),
      ),
    ).toBe('请填写门牌号')
    expect(errorMessage(new ApiError('VALIDATION_FAILED', 400, '请求内容有误'))).toBe(
      '请求内容有误',
    )
  })

  it('never shows a technical message of an unexpected error', () => {
    expect(errorMessage(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(
      '出了点问题，请稍后再试',
    )
  })
})
