import type { OwnerRef, OwnershipUnit, RecordTitleBody } from '@/api/types'

// The 房屋产权登记 form's pure logic: what a unit's row says, who the owners being entered are,
// and the checks made before sending (the API checks them again and has the last word).

/** One owner as the form holds it: what is sent, and how it is shown. */
export type OwnerEntry = { ref: OwnerRef; label: string }

/** The row of a unit in the building list: its owners, or why it cannot be counted yet. */
export function ownershipStatus(unit: OwnershipUnit): {
  text: string
  tone: 'warn' | 'plain' | 'ok'
} {
  if (!unit.title) return { text: '未登记产权', tone: 'warn' }
  if (unit.title.developerUnsold)
    return { text: `开发商未售：${unit.owners[0]?.name ?? ''}`, tone: 'plain' }
  return { text: `业主：${unit.owners.map((o) => o.name).join('、')}`, tone: 'ok' }
}

/** The owners already recorded for the unit, as form entries (kept as they are when saved again). */
export function entriesOf(unit: OwnershipUnit): OwnerEntry[] {
  return unit.owners.map((o) => ({
    ref: { ownerId: o.id },
    label: o.userId ? `${o.name}（已关联账号）` : o.name,
  }))
}

/** Adds an owner unless the same one is already listed. */
export function addEntry(entries: OwnerEntry[], entry: OwnerEntry): OwnerEntry[] {
  const same = (a: OwnerRef, b: OwnerRef) =>
    (a.ownerId && a.ownerId === b.ownerId) ||
    (a.userId && a.userId === b.userId) ||
    (!a.ownerId && !a.userId && a.name && a.name === b.name)
  return entries.some((e) => same(e.ref, entry.ref)) ? entries : [...entries, entry]
}

export type TitleFields = {
  areaM2: string
  certificateNo: string
  developerUnsold: boolean
  owners: OwnerEntry[]
}

export type TitleProblem = { field: 'areaM2' | 'certificateNo' | 'owners'; message: string }

/** The checks before sending, each naming its field; the body to send when all pass. */
export function validateTitle(
  fields: TitleFields,
): { ok: true; value: RecordTitleBody } | { ok: false; problem: TitleProblem } {
  const area = fields.areaM2.trim()
  if (!/^\d{1,5}(\.\d{1,2})?$/.test(area))
    return {
      ok: false,
      problem: { field: 'areaM2', message: '面积请填写平方米数，最多两位小数，如 89.50' },
    }
  if (!/[1-9]/.test(area))
    return { ok: false, problem: { field: 'areaM2', message: '面积必须大于 0' } }
  const certificateNo = fields.certificateNo.trim()
  if (!fields.developerUnsold && !certificateNo)
    return {
      ok: false,
      problem: { field: 'certificateNo', message: '请填写不动产权证（房产证）号' },
    }
  if (fields.owners.length === 0)
    return {
      ok: false,
      problem: {
        field: 'owners',
        message: fields.developerUnsold ? '请选择或填写开发商' : '请至少登记一位业主',
      },
    }
  if (fields.developerUnsold && fields.owners.length > 1)
    return { ok: false, problem: { field: 'owners', message: '开发商未售的房屋只登记开发商一方' } }
  return {
    ok: true,
    value: {
      areaM2: area,
      developerUnsold: fields.developerUnsold,
      ...(fields.developerUnsold ? {} : { certificateNo }),
      owners: fields.owners.map((o) => o.ref),
    },
  }
}

/** "2026-12-31", or nothing: the last day of a 委托 (optional). */
export function validateProxyDate(text: string, today: string): string | null {
  const value = text.trim()
  if (!value) return null
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return '截止日期格式应为 2026-12-31，也可以不填'
  if (value < today) return '委托截止日期已经过去，请核对委托书'
  return null
}
