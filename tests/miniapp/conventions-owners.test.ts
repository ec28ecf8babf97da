import { describe, expect, it } from 'vitest'
import type { ConventionResult } from '@/packages/conventions/api'
import { RULE_CHOICES, voterUnit } from '@/packages/conventions/lib/labels'
import { resultView } from '@/packages/conventions/lib/result-view'
import { ballotFor, defaultBallot, type ViewerBallot } from '@/packages/conventions/lib/vote-view'
import type { OwnershipUnit } from '@/api/types'
import {
  addEntry,
  entriesOf,
  ownershipStatus,
  validateProxyDate,
  validateTitle,
} from '@/packages/staff/lib/ownership-form'

// Civil Code votes counted by owner (issue 19): the four figures of the 公示, the ballot the
// vote page offers first, and the staff form's checks.

// 12 owners of 100 m² each; 8 take part (800 m²), 4 in favour (400 m²): worked by hand.
const halfResult: ConventionResult = {
  rule: 'civil_code_ordinary',
  eligible: { voters: 12, areaM2: '1200.00' },
  cast: { count: 8, areaM2: '800.00' },
  yes: { count: 4, areaM2: '400.00' },
  no: { count: 4, areaM2: '400.00' },
  abstain: { count: 0, areaM2: '0.00' },
  valid: true,
  passed: false,
  decidedBy:
    '赞成的业主专有部分面积和人数均未超过参与表决的二分之一，表决未通过（民法典第二百七十八条）',
  explanation: [],
}

describe('the four figures of a Civil Code result', () => {
  it('shows 参与面积/总面积, 参与人数/总人数, 赞成面积/参与面积 and 赞成人数/参与人数 for an owners roll', () => {
    const view = resultView(halfResult, 'owners')
    expect(view.unit).toBe('人')
    expect(view.participation).toBe('应参与 12 人，实际参与 8 人（66.6%）')
    expect(view.fractions).toEqual([
      {
        label: '参与面积 / 总面积',
        value: '800.00\u00a0㎡ / 1,200.00\u00a0㎡',
        share: '66.6%',
      },
      { label: '参与人数 / 总人数', value: '8 / 12 人', share: '66.6%' },
      { label: '赞成面积 / 参与面积', value: '400.00\u00a0㎡ / 800.00\u00a0㎡', share: '50%' },
      { label: '赞成人数 / 参与人数', value: '4 / 8 人', share: '50%' },
    ])
    expect(view.note).toContain('业主人数')
  })

  it('keeps 户 for a Civil Code vote counted by household before owners were recorded', () => {
    const view = resultView(halfResult, 'households')
    expect(view.participation).toBe('应参与 12 户，实际参与 8 户（66.6%）')
    expect(view.fractions!.map((f) => f.label)).toEqual([
      '参与面积 / 总面积',
      '参与户数 / 总户数',
      '赞成面积 / 参与面积',
      '赞成户数 / 参与户数',
    ])
    // Without a basis (an old client's call), the rule decides as before.
    expect(resultView(halfResult).unit).toBe('户')
  })

  it('has no area figures for the other rules', () => {
    expect(resultView({ ...halfResult, rule: 'household' }, 'households').fractions).toBeNull()
    expect(resultView({ ...halfResult, rule: 'simple' }, 'residents').fractions).toBeNull()
  })

  it('names the unit of a roll by what it counts', () => {
    expect(voterUnit('civil_code_major', 'owners')).toBe('人')
    expect(voterUnit('civil_code_major', 'households')).toBe('户')
    expect(voterUnit('simple', 'residents')).toBe('人')
    expect(voterUnit('household', 'households')).toBe('户')
    const civil = RULE_CHOICES.filter((r) => r.rule.startsWith('civil_code'))
    for (const r of civil) {
      expect(r.summary).toContain('租户不参加')
      expect(r.representativeSetting).toBe(false)
    }
  })
})

describe('the ballot the vote page offers', () => {
  const own: ViewerBallot = {
    voter: 'o:hh-1',
    source: 'online',
    label: '本人（业主）',
    units: ['梧桐苑 1号楼 1单元 301室'],
    areaM2: '89.50',
    hasVoted: false,
  }
  const proxied: ViewerBallot = { ...own, voter: 'o:hh-2', source: 'proxy', label: '受王秀英委托' }

  it('offers the first one not cast yet, and keeps the one picked', () => {
    expect(defaultBallot([])).toBeNull()
    expect(defaultBallot([own, proxied])).toBe(own)
    expect(defaultBallot([{ ...own, hasVoted: true }, proxied])).toBe(proxied)
    expect(defaultBallot([{ ...own, hasVoted: true }])!.voter).toBe('o:hh-1')
    expect(ballotFor([own, proxied], 'o:hh-2')).toBe(proxied)
    // A 委托 revoked since the page loaded: back to the default.
    expect(ballotFor([own], 'o:hh-2')).toBe(own)
  })
})

describe('房屋产权登记 form', () => {
  const unit: OwnershipUnit = {
    household: {
      id: 'hh-1',
      compoundName: '梧桐苑',
      buildingName: '1号楼',
      unit: '1',
      room: '301',
      label: '梧桐苑 1号楼 1单元 301室',
      floorAreaM2: '89.50',
    },
    title: null,
    owners: [],
    proxies: [],
    residents: [],
  }

  it('says what a unit’s row shows: not recorded, the developer, or the owners', () => {
    expect(ownershipStatus(unit)).toEqual({ text: '未登记产权', tone: 'warn' })
    const title = {
      registeredAreaM2: '89.50',
      certificateNo: 'X',
      developerUnsold: false,
      recordedAt: 1,
      recordedBy: '赵书记',
    }
    const owner = { id: 'o1', kind: 'person' as const, nickname: null, units: [] }
    expect(
      ownershipStatus({
        ...unit,
        title,
        owners: [
          { ...owner, name: '吴静', userId: 'u1' },
          { ...owner, id: 'o2', name: '陈明', userId: null },
        ],
      }),
    ).toEqual({ text: '业主：吴静、陈明', tone: 'ok' })
    expect(
      ownershipStatus({
        ...unit,
        title: { ...title, developerUnsold: true, certificateNo: null },
        owners: [{ ...owner, kind: 'developer', name: '青梧置业有限公司', userId: null }],
      }).text,
    ).toBe('开发商未售：青梧置业有限公司')
    expect(entriesOf({ ...unit, owners: [{ ...owner, name: '吴静', userId: 'u1' }] })).toEqual([
      { ref: { ownerId: 'o1' }, label: '吴静（已关联账号）' },
    ])
  })

  it('lists each owner once', () => {
    const a = { ref: { name: '张三' }, label: '张三' }
    const b = { ref: { userId: 'u1' }, label: '李四' }
    expect(addEntry(addEntry([a], a), b)).toEqual([a, b])
    expect(addEntry([b], { ref: { userId: 'u1', name: '李四' }, label: '李四' })).toEqual([b])
  })

  it('checks area, certificate and owners before sending, naming the field', () => {
    const owners = [{ ref: { name: '张三' }, label: '张三' }]
    const base = {
      areaM2: '89.5',
      certificateNo: ' 浙(2019)第1号 ',
      developerUnsold: false,
      owners,
    }
    expect(validateTitle(base)).toEqual({
      ok: true,
      value: {
        areaM2: '89.5',
        developerUnsold: false,
        certificateNo: '浙(2019)第1号',
        owners: [{ name: '张三' }],
      },
    })
    const problem = (fields: Partial<typeof base>) => {
      const r = validateTitle({ ...base, ...fields })
      return r.ok ? null : r.problem
    }
    expect(problem({ areaM2: '89.555' })?.field).toBe('areaM2')
    expect(problem({ areaM2: '0.00' })?.message).toBe('面积必须大于 0')
    expect(problem({ certificateNo: '' })).toEqual({
      field: 'certificateNo',
      message: '请填写不动产权证（房产证）号',
    })
    expect(problem({ owners: [] })?.message).toBe('请至少登记一位业主')
    // A developer's unsold unit has no certificate, and one owner: the developer.
    expect(validateTitle({ ...base, developerUnsold: true, certificateNo: '' })).toEqual({
      ok: true,
      value: { areaM2: '89.5', developerUnsold: true, owners: [{ name: '张三' }] },
    })
    expect(
      problem({ developerUnsold: true, owners: [...owners, { ref: { name: '乙' }, label: '乙' }] })
        ?.message,
    ).toBe('开发商未售的房屋只登记开发商一方')
  })

  it('takes a 委托’s last day as a date not yet past, or none', () => {
    expect(validateProxyDate('', '2026-11-20')).toBeNull()
    expect(validateProxyDate('2026-11-20', '2026-11-20')).toBeNull()
    expect(validateProxyDate('2026-11-19', '2026-11-20')).toContain('已经过去')
    expect(validateProxyDate('12/31', '2026-11-20')).toContain('格式')
  })
})
