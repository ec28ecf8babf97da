// How 金点子 numbers and dates read to a resident. Pure: tests run it in node.
import { formatDate } from '@/lib/format'

const DAY = 24 * 60 * 60 * 1000

/** "12 人附议 · 9 户": supports are counted per person and per household. */
export function supportText(people: number, households: number): string {
  if (people === 0) return '还没有人附议'
  return `${people} 人附议 · ${households} 户`
}

/** "4.50" → "4.5", "5.00" → "5", "4.33" stays. */
export function trimAverage(average: string): string {
  return average.includes('.') ? average.replace(/0+$/, '').replace(/\.$/, '') : average
}

/** "★ 4.5 · 2 人评价", or null before anyone rated. */
export function ratingText(rating: { average: string; count: number } | null): string | null {
  if (!rating || rating.count === 0) return null
  return `★ ${trimAverage(rating.average)} 分 · ${rating.count} 人评价`
}

/** Whole days from `at` until `due`, rounded up (due later today is 1 day left, not 0). */
export function daysUntil(due: number, at: number): number {
  return Math.ceil((due - at) / DAY)
}

export type ThresholdInfo = {
  households: number
  reachedAt: number | null
  deadlineDays: number
}

export type DeadlineState =
  | { kind: 'below'; text: string }
  | { kind: 'due'; text: string; daysLeft: number }
  | { kind: 'overdue'; text: string }

/** States in which the committee still owes an answer (before 采纳 / 不采纳 / 合并 / 关闭). */
const AWAITING_ANSWER = ['published', 'accepted']

/**
 * Where a suggestion stands against the community's response threshold while an answer is
 * owed: how many more households are needed, by when the committee must answer, or that it is
 * overdue. Null once answered (or before it is public): the timeline tells the rest.
 */
export function deadlineState(
  s: {
    status: string
    supportHouseholdCount: number
    answerDueAt: number | null
    isOverdue: boolean
    threshold: ThresholdInfo
  },
  at: number,
): DeadlineState | null {
  if (!AWAITING_ANSWER.includes(s.status)) return null
  const { households, reachedAt, deadlineDays } = s.threshold
  if (reachedAt === null || s.answerDueAt === null) {
    const missing = Math.max(households - s.supportHouseholdCount, 1)
    return { kind: 'below', text: `再有 ${missing} 户附议，居委会须在 ${deadlineDays} 天内答复` }
  }
  if (s.isOverdue || s.answerDueAt < at)
    return {
      kind: 'overdue',
      text: `已超过答复期限（${formatDate(s.answerDueAt)}），居委会尚未答复`,
    }
  const daysLeft = Math.max(daysUntil(s.answerDueAt, at), 0)
  return {
    kind: 'due',
    daysLeft,
    text: `已达 ${households} 户答复门槛，居委会应在 ${formatDate(s.answerDueAt)} 前答复（还剩 ${daysLeft} 天）`,
  }
}

/** Where, in words: "青石巷 · 12 号门口". */
export function placeText(alley: { name: string } | null, landmark: string): string {
  return [alley?.name, landmark.trim()].filter(Boolean).join(' · ')
}

/** "3 天前", "今天", used on cards where the exact minute does not matter. */
export function ageText(createdAt: number, at: number): string {
  const days = Math.floor((at - createdAt) / DAY)
  if (days <= 0) return '今天'
  if (days === 1) return '昨天'
  if (days < 30) return `${days} 天前`
  return formatDate(createdAt)
}
