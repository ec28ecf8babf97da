// Dates are shown in the community's time zone, Asia/Shanghai (UTC+8, no daylight saving).
// Computed by hand: Intl time-zone data is not reliable inside every WeChat JS engine.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

const pad = (n: number) => String(n).padStart(2, '0')

function shanghaiParts(utcMs: number) {
  const d = new Date(utcMs + SHANGHAI_OFFSET_MS)
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    min: d.getUTCMinutes(),
  }
}

/** 2026年11月1日 */
export function formatDate(utcMs: number): string {
  const p = shanghaiParts(utcMs)
  return `${p.y}年${p.m}月${p.d}日`
}

/** 2026年11月1日 09:05 */
export function formatDateTime(utcMs: number): string {
  const p = shanghaiParts(utcMs)
  return `${p.y}年${p.m}月${p.d}日 ${pad(p.h)}:${pad(p.min)}`
}

/** What a resident types as an invite code: any case, spaces or dashes. */
export function normalizeInviteCode(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, '')
}

export function isCompleteInviteCode(input: string): boolean {
  return normalizeInviteCode(input).length === 8
}

/** "ABCD-EFGH", the way codes are printed. */
export function formatInviteCode(input: string): string {
  const code = normalizeInviteCode(input)
  return code.length > 4 ? `${code.slice(0, 4)}-${code.slice(4, 8)}` : code
}

/** 89.50 m² → "89.5㎡" */
export function formatArea(floorAreaM2: string): string {
  const n = Number(floorAreaM2)
  return Number.isFinite(n) ? `${String(Math.round(n * 100) / 100)}㎡` : floorAreaM2
}
