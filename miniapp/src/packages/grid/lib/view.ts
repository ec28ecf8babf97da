import type { ScopeView } from '../api'

// Pure helpers of the grid pages (tested in tests/miniapp/grid.test.ts).

export type Household = ScopeView['households'][number]

/** Households grouped by building, in the order of the scope's buildings. */
export function householdsByBuilding(view: Pick<ScopeView, 'buildings' | 'households'>) {
  return view.buildings.map((b) => ({
    building: b,
    households: view.households.filter((h) => h.buildingId === b.id),
  }))
}

/** "王阿姨（户代表）、小李" — or "暂无认证居民". Real names only where staff entered them. */
export function residentsText(h: Household): string {
  if (h.residents.length === 0) return '暂无认证居民'
  return h.residents
    .map(
      (r) =>
        `${r.nickname}${r.realName ? `（${r.realName}）` : ''}${r.isRepresentative ? '·户代表' : ''}`,
    )
    .join('、')
}

/** A share as "12/24 户（50%）", rounded down as the public meter rounds. */
export function turnoutText(cast: number, eligible: number, unit: string): string {
  const pct = eligible > 0 ? Math.floor((cast * 100) / eligible) : 0
  return `${cast}/${eligible} ${unit}（${pct}%）`
}

/** Toggles an id in a selection, keeping the order in which the options are listed. */
export function toggle(selected: string[], id: string, order: string[]): string[] {
  const next = selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]
  return order.filter((x) => next.includes(x))
}

/** The form's own check before sending (the server checks again, with the same words). */
export function validateScopeForm(
  name: string,
  ids: string[],
  what: '小区' | '楼栋',
): string | null {
  const trimmed = name.trim()
  const label = what === '小区' ? '网格名称' : '楼组名称'
  if (!trimmed) return `请填写${label}`
  if ([...trimmed].length > 30) return `${label}不能超过 30 个字`
  if (ids.length === 0) return `请至少选择一个${what}`
  return null
}
