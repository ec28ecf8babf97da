import type { BLACKOUT_KINDS } from './schemas'

// A blackout's kind is kept as the start of its reason ("公益活动：社区义诊"), so residents read it
// on the day grid wherever the reason shows, and no column is needed for it.

export type BlackoutKind = (typeof BLACKOUT_KINDS)[number]

export const BLACKOUT_KIND_LABELS: Record<Exclude<BlackoutKind, 'other'>, string> = {
  public_event: '公益活动',
  maintenance: '维修保养',
  holiday: '节假日',
}

export function reasonWithKind(kind: BlackoutKind, reason: string): string {
  if (kind === 'other') return reason
  const label = BLACKOUT_KIND_LABELS[kind]
  return reason.startsWith(`${label}：`) ? reason : `${label}：${reason}`
}

export function kindOfReason(reason: string): { kind: BlackoutKind; text: string } {
  for (const [kind, label] of Object.entries(BLACKOUT_KIND_LABELS) as [
    Exclude<BlackoutKind, 'other'>,
    string,
  ][]) {
    if (reason.startsWith(`${label}：`)) return { kind, text: reason.slice(label.length + 1) }
  }
  return { kind: 'other', text: reason }
}
