// The register's words: status tones, filters, and which entry a notice pointed at. Pure.
import type { RegisterEntry, RegisterStatus } from '../api'

export const STATUS_TONES: Record<RegisterStatus, 'accent' | 'ok' | 'warn' | 'danger' | 'plain'> = {
  on_time: 'accent',
  overdue: 'danger',
  done: 'ok',
  evaluated: 'ok',
}

export const REGISTER_FILTERS: { value: RegisterStatus; label: string }[] = [
  { value: 'overdue', label: '已逾期' },
  { value: 'on_time', label: '按期推进' },
  { value: 'done', label: '已完成' },
  { value: 'evaluated', label: '已评价' },
]

/** "resolution-mi-1" (the `entry` of a notice's link) → the entry's key parts. */
export function parseEntryKey(key: string | undefined): { kind: string; id: string } | null {
  const match = key ? /^(resolution|convention)-(.+)$/.exec(key) : null
  return match ? { kind: match[1]!, id: match[2]! } : null
}

export const entryKey = (e: Pick<RegisterEntry, 'kind' | 'id'>) => `${e.kind}-${e.id}`

/** The entry a notice pointed at first, then the others in the register's order. */
export function orderEntries(entries: RegisterEntry[], focus: string | undefined): RegisterEntry[] {
  const key = parseEntryKey(focus)
  if (!key) return entries
  const first = entries.filter((e) => e.kind === key.kind && e.id === key.id)
  return [...first, ...entries.filter((e) => !first.includes(e))]
}

/** "期限 2026-12-20" or "未定期限"; a 微规约 in force has none. */
export function dueText(e: RegisterEntry): string {
  if (e.kind === 'convention') return '长期有效'
  return e.dueDate ? `期限 ${e.dueDate}` : '未定期限'
}
