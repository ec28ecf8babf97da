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
  CENTRE_MANAGER_NAME,
  displayName,
  REQUEST_STATUS_NAMES,
  roleName,
  ROLE_NAMES,
  ROLES,
} from '@/packages/identity/labels'
import { changeLine, targetText } from '@/packages/audit/lib/audit-summary'

describe('role names', () => {
  it('names every role in Chinese', () => {
    expect(ROLE_NAMES).toEqual({
      staff: '居委会工作人员',
      committee: '议事会成员',
      planner: '街巷规划师',
      admin: '管理员',
    })
    expect(ROLES.map(roleName)).toEqual(['居委会工作人员', '议事会成员', '街巷规划师', '管理员'])
    // Granted per 邻里中心, not per community (decision 020): not offered as a community role.
    expect(ROLES).not.toContain('centre_manager')
    expect(CENTRE_MANAGER_NAME).toBe('邻里中心管理员')
  })

  it('shows an unknown role code as is rather than nothing', () => {
    expect(roleName('grid_worker')).toBe('grid_worker')
  })
})

describe('other labels', () => {
  it('names request statuses', () => {
    expect(REQUEST_STATUS_NAMES).toEqual({
      pending: '待审核',
      approved: '已通过',
      rejected: '未通过',
    })
  })

  it('shows the nickname alone when no real name was recorded', () => {
    expect(displayName('陈小明', '小陈')).toBe('陈小明（小陈）')
    expect(displayName(null, '小陈')).toBe('小陈')
  })

  it('reads an audit change in one line, from the words the API sends (worker/audit/present.ts)', () => {
    const change = { field: 'startsAt', label: '开始时间' }
    expect(
      changeLine({
        ...change,
        before: '2026年12月3日（周四）14:00',
        after: '2026年12月4日（周五）19:00',
      }),
    ).toBe('开始时间：2026年12月3日（周四）14:00 → 2026年12月4日（周五）19:00')
    expect(changeLine({ field: 'role', label: '角色', before: null, after: '议事会成员' })).toBe(
      '角色：议事会成员',
    )
    expect(changeLine({ field: 'title', label: '模板名称', before: '转交城管', after: null })).toBe(
      '模板名称：原为 转交城管',
    )
    expect(targetText({ targetTypeLabel: '会议', targetName: '青石巷停车听证会' })).toBe(
      '会议“青石巷停车听证会”',
    )
    expect(targetText({ targetTypeLabel: '答复模板', targetName: null })).toBe('答复模板')
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
