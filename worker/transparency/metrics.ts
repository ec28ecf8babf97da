import { sql } from 'drizzle-orm'
import {
  SUGGESTION_CATEGORIES,
  type SuggestionCategory,
  type SuggestionStatus,
} from '../../db/schema'
import type { Db } from '../lib/env'
import { DAY, shanghaiDate, shanghaiMidnight } from '../lib/time'
import { CATEGORY_LABELS } from '../suggestions/public'
import type { FigureSet, Rate } from './schemas'

// The 三率 and the figures around them, exactly as docs/metrics.md defines them. Every figure
// is computed here and nowhere else; the snapshot (figures-service.ts) stores what this returns.
//
// In short (the doc says why):
//   counted 金点子   published (not 待审核), not hidden, not merged into another
//   响应率          on-time answers ÷ 金点子 that reached the threshold in the month and are decided
//                   (answered, or past their deadline)
//   解决率          now completed ÷ 金点子 first adopted in the month
//   满意率          ratings of ≥ 4 stars without "未解决" ÷ ratings given in the month
//   median days     submission → first answer, of 金点子 answered in the month
//   overdue now     reached the threshold, past the deadline, no answer (not a window figure)

export const WINDOW_MONTHS = 12

/** What one counted 金点子 brings to the figures. */
export type CaseFacts = {
  id: string
  title: string
  category: SuggestionCategory
  alleyId: string | null
  status: SuggestionStatus
  createdAt: number
  thresholdReachedAt: number | null
  answerDueAt: number | null
  answeredAt: number | null
  /** The first time it was adopted (its first timeline event into 已采纳), or null. */
  adoptedAt: number | null
}

export type RatingFacts = {
  category: SuggestionCategory
  alleyId: string | null
  stars: number
  unresolved: boolean
  createdAt: number
}

/** Statuses that never count: not public yet, or merged into another case (which counts). */
const NOT_COUNTED: SuggestionStatus[] = ['submitted', 'merged']

export async function loadCases(db: Db, communityId: string): Promise<CaseFacts[]> {
  const rows = await db.all<Omit<CaseFacts, 'alleyId'> & { alleyId: string | null }>(sql`
    SELECT s.id, s.title, s.category, s.alley_id AS alleyId, s.status, s.created_at AS createdAt,
      s.threshold_reached_at AS thresholdReachedAt, s.answer_due_at AS answerDueAt, s.answered_at AS answeredAt,
      (SELECT MIN(e.created_at) FROM suggestion_events e WHERE e.suggestion_id = s.id AND e.to_status = 'adopted') AS adoptedAt
    FROM suggestions s
    WHERE s.community_id = ${communityId} AND s.hidden_at IS NULL
      AND s.status NOT IN (SELECT value FROM json_each(${JSON.stringify(NOT_COUNTED)}))`)
  return rows
}

export async function loadRatings(
  db: Db,
  communityId: string,
  fromMs: number,
  toMs: number,
): Promise<RatingFacts[]> {
  const rows = await db.all<Omit<RatingFacts, 'unresolved'> & { unresolved: number }>(sql`
    SELECT s.category, s.alley_id AS alleyId, r.stars, r.unresolved, r.created_at AS createdAt
    FROM suggestion_ratings r JOIN suggestions s ON s.id = r.suggestion_id
    WHERE s.community_id = ${communityId} AND s.hidden_at IS NULL
      AND s.status NOT IN (SELECT value FROM json_each(${JSON.stringify(NOT_COUNTED)}))
      AND r.created_at >= ${fromMs} AND r.created_at <= ${toMs}`)
  return rows.map((r) => ({ ...r, unresolved: Boolean(r.unresolved) }))
}

/** "2026-12" for the Shanghai month containing the instant. */
export const monthOf = (ms: number) => shanghaiDate(ms).slice(0, 7)

/** The window's months, oldest first: the month of `at` and the 11 before it (Shanghai calendar). */
export function windowMonths(at: number): string[] {
  const [year, month] = monthOf(at).split('-').map(Number) as [number, number]
  return Array.from({ length: WINDOW_MONTHS }, (_, i) => {
    const index = year * 12 + (month - 1) - (WINDOW_MONTHS - 1 - i)
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
  })
}

export function windowOf(at: number) {
  const months = windowMonths(at)
  return {
    months,
    fromMonth: months[0]!,
    toMonth: months[months.length - 1]!,
    fromMs: shanghaiMidnight(`${months[0]}-01`),
    toMs: at,
  }
}

/** numerator ÷ denominator as a percentage with one decimal, rounded half up on integers. */
export function rate(numerator: number, denominator: number): Rate {
  if (denominator === 0) return { numerator, denominator, percent: null }
  const tenths = Math.floor((2000 * numerator + denominator) / (2 * denominator))
  return { numerator, denominator, percent: `${Math.floor(tenths / 10)}.${tenths % 10}` }
}

/** The median of durations in ms, as days with one decimal (the mean of the two middle ones when even). */
export function medianDays(durations: number[]) {
  if (durations.length === 0) return { days: null, count: 0 }
  const sorted = [...durations].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const twice = sorted.length % 2 ? 2 * sorted[mid]! : sorted[mid - 1]! + sorted[mid]!
  const tenths = Math.floor((10 * twice + DAY) / (2 * DAY))
  return {
    days: `${Math.floor(tenths / 10)}.${tenths % 10}`,
    count: sorted.length,
  }
}

const within = (ms: number | null, from: number, to: number): ms is number =>
  ms !== null && ms >= from && ms <= to

/** Reached the threshold and is decided by `at`: answered, or its deadline has passed. */
function responseDecided(c: CaseFacts, at: number): boolean {
  return c.answeredAt !== null || (c.answerDueAt !== null && c.answerDueAt < at)
}

/** Answered no later than the deadline (or answered before the threshold started one). */
function answeredOnTime(c: CaseFacts): boolean {
  return c.answeredAt !== null && (c.answerDueAt === null || c.answeredAt <= c.answerDueAt)
}

export function isOverdueNow(c: CaseFacts, at: number): boolean {
  return (
    c.thresholdReachedAt !== null &&
    c.answeredAt === null &&
    c.answerDueAt !== null &&
    c.answerDueAt < at
  )
}

/** The figures of the cases and ratings given, for events between `from` and `to` (inclusive). */
export function figureSet(
  cases: CaseFacts[],
  ratings: RatingFacts[],
  from: number,
  to: number,
  at: number,
): FigureSet {
  const reached = cases.filter((c) => within(c.thresholdReachedAt, from, to))
  const decided = reached.filter((c) => responseDecided(c, at))
  const adopted = cases.filter((c) => within(c.adoptedAt, from, to))
  const rated = ratings.filter((r) => within(r.createdAt, from, to))
  const answered = cases.filter((c) => within(c.answeredAt, from, to))
  return {
    received: cases.filter((c) => within(c.createdAt, from, to)).length,
    response: rate(decided.filter(answeredOnTime).length, decided.length),
    resolution: rate(adopted.filter((c) => c.status === 'completed').length, adopted.length),
    satisfaction: rate(rated.filter((r) => r.stars >= 4 && !r.unresolved).length, rated.length),
    medianDaysToAnswer: medianDays(answered.map((c) => c.answeredAt! - c.createdAt)),
  }
}

/** Has anything happened in this slice (so that a chart does not list fifteen empty categories)? */
export function isActive(f: FigureSet): boolean {
  return (
    f.received > 0 ||
    f.response.denominator > 0 ||
    f.resolution.denominator > 0 ||
    f.satisfaction.denominator > 0
  )
}

export type Alley = { id: string; name: string }

/** Every figure of a community at `at`, from its counted cases and the ratings of the window. */
export function computeFigures(
  cases: CaseFacts[],
  ratings: RatingFacts[],
  alleys: Alley[],
  at: number,
) {
  const w = windowOf(at)
  const monthly = w.months.map((month, i) => {
    const from = shanghaiMidnight(`${month}-01`)
    const next = w.months[i + 1]
    const to = next ? shanghaiMidnight(`${next}-01`) - 1 : at
    return { month, ...figureSet(cases, ratings, from, to, at) }
  })
  const overdue = cases
    .filter((c) => isOverdueNow(c, at))
    .sort((a, b) => a.answerDueAt! - b.answerDueAt! || a.id.localeCompare(b.id))
  const alleyNames = new Map(alleys.map((a) => [a.id, a.name]))
  const byCategory = SUGGESTION_CATEGORIES.map((category) => ({
    key: category as string,
    label: CATEGORY_LABELS[category],
    ...figureSet(
      cases.filter((c) => c.category === category),
      ratings.filter((r) => r.category === category),
      w.fromMs,
      at,
      at,
    ),
  })).filter(isActive)
  const slices: { key: string; label: string; alleyId: string | null }[] = [
    ...alleys.map((a) => ({ key: a.id, label: a.name, alleyId: a.id as string | null })),
    { key: 'none', label: '未指明小巷', alleyId: null },
  ]
  const byAlley = slices
    .map((s) => ({
      key: s.key,
      label: s.label,
      ...figureSet(
        cases.filter((c) => c.alleyId === s.alleyId),
        ratings.filter((r) => r.alleyId === s.alleyId),
        w.fromMs,
        at,
        at,
      ),
    }))
    // Every alley of the community is listed (nothing there is a figure too); "none" only when used.
    .filter((s) => s.key !== 'none' || isActive(s))
  return {
    window: { fromMonth: w.fromMonth, toMonth: w.toMonth, fromMs: w.fromMs, toMs: at },
    headline: {
      ...figureSet(cases, ratings, w.fromMs, at, at),
      overdueNow: overdue.length,
    },
    monthly,
    byCategory,
    byAlley,
    overdue: {
      count: overdue.length,
      items: overdue.slice(0, 50).map((c) => ({
        id: c.id,
        title: c.title,
        categoryLabel: CATEGORY_LABELS[c.category],
        alleyName: c.alleyId ? (alleyNames.get(c.alleyId) ?? null) : null,
        dueAt: c.answerDueAt!,
        daysOverdue: Math.floor((at - c.answerDueAt!) / DAY),
      })),
    },
  }
}
