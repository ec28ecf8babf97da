import { describe, expect, it } from 'vitest'
import { SUGGESTION_CATEGORIES, SUGGESTION_STATUSES } from '../../db/schema'
import {
  categoryLabel,
  CATEGORY_LABELS,
  EIGHT_DISORDERS,
  FILTER_STATUSES,
  OTHER_CATEGORIES,
  statusLabel,
  STATUS_LABELS,
  STATUS_TONES,
} from '@/packages/suggestions/lib/labels'

// The names themselves are the worker's (worker/suggestions/labels.ts, imported by the
// mini-program); these tests check how the mini-program orders and shows them.

describe('金点子 labels', () => {
  it('name every category and state, in the words residents use', () => {
    expect(Object.keys(CATEGORY_LABELS).sort()).toEqual([...SUGGESTION_CATEGORIES].sort())
    expect(Object.keys(STATUS_LABELS).sort()).toEqual([...SUGGESTION_STATUSES].sort())
    expect(CATEGORY_LABELS.elderly_children).toBe('一老一小')
    expect(STATUS_LABELS.closed_unfixed).toBe('已关闭（未实施）')
  })

  it('offer the eight disorders first, then the other categories, each category once', () => {
    expect(EIGHT_DISORDERS.map((c) => CATEGORY_LABELS[c])).toEqual([
      '油烟乱排',
      '污水乱倒',
      '垃圾乱丢',
      '物料乱堆',
      '车辆乱停',
      '招牌乱设',
      '摊位乱摆',
      '线缆乱牵',
    ])
    expect([...EIGHT_DISORDERS, ...OTHER_CATEGORIES]).toEqual([...SUGGESTION_CATEGORIES])
  })

  it('let the public list be filtered by every state except 待审核, which is never public', () => {
    expect([...FILTER_STATUSES].sort()).toEqual(
      SUGGESTION_STATUSES.filter((s) => s !== 'submitted').sort(),
    )
  })

  it('never colour “closed without fixing” like a fixed case', () => {
    expect(STATUS_TONES.closed_unfixed).toBe('danger')
    expect(STATUS_TONES.completed).toBe('ok')
    expect(STATUS_TONES.closed_unfixed).not.toBe(STATUS_TONES.completed)
    expect(Object.keys(STATUS_TONES).sort()).toEqual([...SUGGESTION_STATUSES].sort())
  })

  it('show an unknown code as is rather than nothing', () => {
    expect(categoryLabel('lighting')).toBe('照明')
    expect(categoryLabel('noise')).toBe('noise')
    expect(statusLabel('in_progress')).toBe('实施中')
    expect(statusLabel('archived')).toBe('archived')
  })
})
