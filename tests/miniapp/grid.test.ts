import { describe, expect, it } from 'vitest'
import {
  householdsByBuilding,
  residentsText,
  toggle,
  turnoutText,
  validateScopeForm,
} from '@/packages/grid/lib/view'

// The grid pages' pure helpers (packages/grid/lib/view.ts, decision 018).

const household = (id: string, buildingId: string, residents: any[] = []) => ({
  id,
  buildingId,
  unit: '1',
  room: id,
  label: id,
  residents,
})

describe('householdsByBuilding', () => {
  it('groups households under their building, in the buildings order', () => {
    const view = {
      buildings: [
        { id: 'b2', name: '7弄', households: 1, residents: 0, pendingRequests: 0 },
        { id: 'b1', name: '5弄', households: 1, residents: 0, pendingRequests: 0 },
      ],
      households: [household('101', 'b1'), household('201', 'b2')],
    }
    expect(
      householdsByBuilding(view).map((g) => [g.building.name, g.households.map((h) => h.id)]),
    ).toEqual([
      ['7弄', ['201']],
      ['5弄', ['101']],
    ])
  })
})

describe('residentsText', () => {
  it('names residents by nickname, the representative marked, a staff-entered name in brackets', () => {
    expect(
      residentsText(
        household('101', 'b1', [
          { nickname: '张大爷', realName: null, isRepresentative: true },
          { nickname: '小马', realName: '马晓峰', isRepresentative: false },
        ]),
      ),
    ).toBe('张大爷·户代表、小马（马晓峰）')
    expect(residentsText(household('102', 'b1'))).toBe('暂无认证居民')
  })
})

describe('turnoutText', () => {
  it('rounds the share down, as the public meter does', () => {
    expect(turnoutText(2, 3, '户')).toBe('2/3 户（66%）')
    expect(turnoutText(0, 0, '人')).toBe('0/0 人（0%）')
  })
})

describe('toggle', () => {
  it('adds or removes an id and keeps the options order', () => {
    expect(toggle(['c'], 'a', ['a', 'b', 'c'])).toEqual(['a', 'c'])
    expect(toggle(['a', 'c'], 'a', ['a', 'b', 'c'])).toEqual(['c'])
  })
})

describe('validateScopeForm', () => {
  it('says what is missing in Chinese, as the server would', () => {
    expect(validateScopeForm(' ', ['x'], '小区')).toBe('请填写网格名称')
    expect(validateScopeForm('3号楼楼组', [], '楼栋')).toBe('请至少选择一个楼栋')
    expect(validateScopeForm('很'.repeat(31), ['x'], '楼栋')).toBe('楼组名称不能超过 30 个字')
    expect(validateScopeForm('梧桐苑网格', ['x'], '小区')).toBeNull()
  })
})
