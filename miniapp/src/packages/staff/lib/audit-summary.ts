function short(value: unknown): string {
  if (value === null || value === undefined) return ''
  let text: string
  if (typeof value === 'object' && !Array.isArray(value)) {
    // {"view":"roles","status":"pending"} → view：roles，status：pending
    text = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}：${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join('，')
  } else {
    text = typeof value === 'string' ? value : JSON.stringify(value)
  }
  return text.length > 160 ? `${text.slice(0, 157)}…` : text
}

/** One line for an audit entry's before/after, or null when it recorded no values. */
export function summarizeChange(before: unknown, after: unknown): string | null {
  const b = short(before)
  const a = short(after)
  if (!b && !a) return null
  if (!b) return a
  if (!a) return `原为 ${b}`
  return `${b} → ${a}`
}
