// The 金点子 list's sort and filters, and the query they become. Pure: tests run it in node.
import type {
  ListQuery,
  ListSort,
  SuggestionCategory,
  SuggestionStatus,
} from '@/packages/suggestions/api'
import { categoryLabel, statusLabel } from './labels'

export type ListFilters = {
  sort: ListSort
  status?: SuggestionStatus
  category?: SuggestionCategory
  alleyId?: string
  q?: string
  /** Staff only: answers past their deadline. */
  overdue?: boolean
}

export const SORT_OPTIONS: { value: ListSort; label: string }[] = [
  { value: 'new', label: '最新' },
  { value: 'support', label: '附议最多' },
  { value: 'updated', label: '最近更新' },
]

export const PAGE_SIZE = 10
export const MAX_SEARCH_LENGTH = 40

export const DEFAULT_FILTERS: ListFilters = { sort: 'new' }

/** What is typed into the search box, as the API wants it (trimmed, at most 40 characters). */
export function normalizeSearch(input: string): string | undefined {
  const q = input.trim().replace(/\s+/g, ' ').slice(0, MAX_SEARCH_LENGTH)
  return q ? q : undefined
}

/**
 * The button beside the search box: 清除 while the box shows the search the list is filtered by,
 * 搜索 as soon as something else is typed (a new query should not need the keyboard's Enter).
 */
export function searchButton(typed: string, applied: string | undefined): '搜索' | '清除' {
  return applied && normalizeSearch(typed) === applied ? '清除' : '搜索'
}

/** Whether the API ranks the results by how well they match (all but a lone Chinese character). */
export function isRankedSearch(q: string | undefined): boolean {
  return Boolean(q) && !/^[\u3400-\u9fff]$/.test(q ?? '')
}

export function toListQuery(filters: ListFilters, cursor?: string, limit = PAGE_SIZE): ListQuery {
  const query: ListQuery = { sort: filters.sort, limit }
  if (filters.status) query.status = filters.status
  if (filters.category) query.category = filters.category
  if (filters.alleyId) query.alleyId = filters.alleyId
  const q = filters.q ? normalizeSearch(filters.q) : undefined
  if (q) query.q = q
  if (filters.overdue) query.overdue = 'true'
  if (cursor) query.cursor = cursor
  return query
}

/** A stable key of what the list shows: a new key starts again from the first page. */
export function listKey(communityId: string, filters: ListFilters): string {
  return JSON.stringify([
    communityId,
    filters.sort,
    filters.status ?? '',
    filters.category ?? '',
    filters.alleyId ?? '',
    normalizeSearch(filters.q ?? '') ?? '',
    Boolean(filters.overdue),
  ])
}

export function activeFilterCount(filters: ListFilters): number {
  return [filters.status, filters.category, filters.alleyId, filters.overdue || undefined].filter(
    Boolean,
  ).length
}

/** "实施中 · 照明 · 青石巷", the filters in force, or null when none. */
export function filterSummary(
  filters: ListFilters,
  alleys: { id: string; name: string }[],
): string | null {
  const parts = [
    filters.status && statusLabel(filters.status),
    filters.category && categoryLabel(filters.category),
    filters.alleyId && (alleys.find((a) => a.id === filters.alleyId)?.name ?? '已选小巷'),
    filters.overdue && '逾期未答复',
  ].filter((p): p is string => Boolean(p))
  return parts.length ? parts.join(' · ') : null
}

/** The empty list's title: a search or filter that found nothing says so. */
export function emptyTitle(filters: ListFilters): string {
  if (filters.q && normalizeSearch(filters.q))
    return `没有找到与“${normalizeSearch(filters.q)}”有关的金点子`
  if (activeFilterCount(filters) > 0) return '没有符合筛选条件的金点子'
  return '还没有公开的金点子'
}
