// Chinese names of 金点子 categories and states. Their home is worker/suggestions/labels.ts; the
// Taro build compiles only miniapp/src, so they are mirrored here and
// tests/miniapp/suggestions-labels.test.ts fails if the two ever differ.
import type { SuggestionCategory, SuggestionStatus } from '@/packages/suggestions/api'

export const CATEGORY_LABELS: Record<SuggestionCategory, string> = {
  cooking_fumes: '油烟乱排',
  sewage: '污水乱倒',
  litter: '垃圾乱丢',
  clutter: '物料乱堆',
  parking: '车辆乱停',
  signboards: '招牌乱设',
  stalls: '摊位乱摆',
  cables: '线缆乱牵',
  greening: '绿化',
  lighting: '照明',
  road_surface: '路面',
  facilities: '公共设施',
  safety: '安全隐患',
  elderly_children: '一老一小',
  other: '其他',
}

export const STATUS_LABELS: Record<SuggestionStatus, string> = {
  submitted: '待审核',
  published: '已公开',
  accepted: '已受理',
  adopted: '已采纳',
  not_adopted: '未采纳',
  merged: '已合并',
  in_progress: '实施中',
  completed: '已完成',
  reopened: '重新处理',
  closed_unfixed: '已关闭（未实施）',
}

/** The eight disorders of back alleys (八乱), offered first. */
export const EIGHT_DISORDERS: SuggestionCategory[] = [
  'cooking_fumes',
  'sewage',
  'litter',
  'clutter',
  'parking',
  'signboards',
  'stalls',
  'cables',
]
export const OTHER_CATEGORIES: SuggestionCategory[] = [
  'greening',
  'lighting',
  'road_surface',
  'facilities',
  'safety',
  'elderly_children',
  'other',
]

export type Tone = 'accent' | 'ok' | 'warn' | 'danger' | 'plain'

/** Badge colour per state: "closed without fixing" is never green, so never mistaken for fixed. */
export const STATUS_TONES: Record<SuggestionStatus, Tone> = {
  submitted: 'warn',
  published: 'accent',
  accepted: 'accent',
  adopted: 'ok',
  not_adopted: 'plain',
  merged: 'plain',
  in_progress: 'accent',
  completed: 'ok',
  reopened: 'warn',
  closed_unfixed: 'danger',
}

/** States a resident can filter the public list by, in lifecycle order (待审核 is never public). */
export const FILTER_STATUSES: SuggestionStatus[] = [
  'published',
  'accepted',
  'adopted',
  'in_progress',
  'completed',
  'reopened',
  'not_adopted',
  'merged',
  'closed_unfixed',
]

export function categoryLabel(category: string): string {
  return (CATEGORY_LABELS as Record<string, string>)[category] ?? category
}

export function statusLabel(status: string): string {
  return (STATUS_LABELS as Record<string, string>)[status] ?? status
}
