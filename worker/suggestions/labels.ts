import type { SuggestionCategory, SuggestionStatus } from '../../db/schema'

// Chinese names of categories and states, shared by the API's messages and the mini-program.

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
