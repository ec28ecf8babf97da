// How one change of the 操作记录 reads. The worker puts every value into words (times, people,
// rooms, statuses: worker/audit/present.ts); this only joins label, before and after.
import type { AuditEntry } from '../api'

export type AuditChange = AuditEntry['changes'][number]

/** "开始时间：12月3日 14:00 → 12月4日 19:00", "理由：改期", or "模板名称：原为 转交城管" (removed). */
export function changeLine(change: AuditChange): string {
  if (change.before !== null && change.after !== null)
    return `${change.label}：${change.before} → ${change.after}`
  if (change.after !== null) return `${change.label}：${change.after}`
  return `${change.label}：原为 ${change.before ?? ''}`
}

/** "会议“青石巷停车听证会”", or just "社区" when the object has no name any more. */
export function targetText(entry: Pick<AuditEntry, 'targetTypeLabel' | 'targetName'>): string {
  return entry.targetName ? `${entry.targetTypeLabel}“${entry.targetName}”` : entry.targetTypeLabel
}
