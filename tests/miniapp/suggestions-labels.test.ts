import { describe, expect, it } from 'vitest'
import { SUGGESTION_CATEGORIES, SUGGESTION_STATUSES } from '../../db/schema'
import * as worker from '../../worker/suggestions/labels'
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

// The mini-program mirrors worker/suggestions/labels.ts (the Taro build compiles only
// miniapp/src); these tests are what keeps the two the same.

describe('金点子 labels', () => {
  it('are exactly the worker’s category and status names', () => {
    expect(CATEGORY_LABELS).toEqual(worker.CATEGORY_LABELS)
    expect(STATUS_LABELS).toEqual(worker.STATUS_LABELS)
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
