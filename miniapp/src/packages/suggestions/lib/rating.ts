// 民事民评: 1–5 stars after completion, optionally "未解决" with a reason (which reopens the case).
import type { RatingBody } from '@/packages/suggestions/api'

export const STAR_WORDS = ['', '很不满意', '不满意', '一般', '满意', '很满意'] as const

export type RatingDraft = { stars: number; unresolved: boolean; reason: string }

export function validateRating(d: RatingDraft): string | null {
  if (!Number.isInteger(d.stars) || d.stars < 1 || d.stars > 5) return '请选择 1 到 5 颗星'
  if (d.unresolved && !d.reason.trim()) return '选择“未解决”时请说明理由'
  if (d.reason.trim().length > 300) return '理由不能超过 300 个字'
  return null
}

export function toRatingBody(d: RatingDraft): RatingBody {
  const reason = d.reason.trim()
  return { stars: d.stars, unresolved: d.unresolved, ...(reason ? { reason } : {}) }
}
