// How the public figures read: the words and numbers next to each chart (what a screen reader
// says, and what anyone can check the chart against), the street's sorting and a community's
// rank, and the charts' options. Pure: no Taro, tested in tests/miniapp/transparency.test.ts.
import { formatDateTime } from '@/lib/format'
import type { CommunityFigures, FigureSet, Rate, StreetFigures } from '../api'

export const RATE_NAMES = {
  response: '响应率',
  resolution: '解决率',
  satisfaction: '满意率',
} as const
export type RateKey = keyof typeof RATE_NAMES

/** "85.7%" or "暂无" when nothing was counted. */
export function percentText(rate: Rate): string {
  return rate.percent === null ? '暂无' : `${rate.percent}%`
}

/** What the counts behind a rate mean, in words: "按期答复 6 件 / 应答复 7 件". */
export function countsText(key: RateKey, rate: Rate): string {
  const [num, den] = {
    response: ['按期答复', '应答复'],
    resolution: ['已完成', '已采纳'],
    satisfaction: ['满意', '评价'],
  }[key]
  const unit = key === 'satisfaction' ? '条' : '件'
  return `${num} ${rate.numerator} ${unit} / ${den} ${rate.denominator} ${unit}`
}

export function rateLine(key: RateKey, rate: Rate): string {
  return `${RATE_NAMES[key]} ${percentText(rate)}（${countsText(key, rate)}）`
}

/** "响应率 80.0%（12/15）": a rate with its counts, short (the headline says what they count). */
export function rateShort(key: RateKey, rate: Rate): string {
  return `${RATE_NAMES[key]} ${percentText(rate)}（${rate.numerator}/${rate.denominator}）`
}

/** One slice (a month, a category, an alley) as one line of text. */
export function sliceText(label: string, f: FigureSet): string {
  const median =
    f.medianDaysToAnswer.days === null ? '' : `；答复中位 ${f.medianDaysToAnswer.days} 天`
  return `${label}：收到 ${f.received} 件；${(['response', 'resolution', 'satisfaction'] as const)
    .map((k) => rateShort(k, f[k]))
    .join('；')}${median}`
}

/** "2026-03" → "3月" (the axis), "2026年3月" (the text). */
export const monthAxis = (month: string) => `${Number(month.slice(5))}月`
export const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`

const value = (rate: Rate) => (rate.percent === null ? null : Number(rate.percent))

// Colours from styles/_tokens.scss: accent, ok, warn.
const COLOURS = ['#a3421c', '#2b6334', '#7a4e00']

/** The 12-month trend of the three rates (ECharts option, static: no animation, no tooltip). */
export function trendOption(f: CommunityFigures) {
  return {
    animation: false,
    color: COLOURS,
    grid: { left: 44, right: 12, top: 40, bottom: 28 },
    legend: { top: 0, itemWidth: 16, textStyle: { fontSize: 12 } },
    xAxis: { type: 'category', data: f.monthly.map((m) => monthAxis(m.month)) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: (['response', 'resolution', 'satisfaction'] as const).map((k) => ({
      name: RATE_NAMES[k],
      type: 'line',
      symbolSize: 6,
      data: f.monthly.map((m) => value(m[k])),
    })),
  }
}

/** Horizontal bars: 金点子 received per slice (categories or alleys), largest first. */
export function receivedBarsOption(slices: { label: string; received: number }[]) {
  const sorted = [...slices].sort((a, b) => b.received - a.received)
  return {
    animation: false,
    color: [COLOURS[0]],
    grid: { left: 96, right: 36, top: 8, bottom: 8 },
    xAxis: { type: 'value', minInterval: 1, show: false },
    yAxis: { type: 'category', inverse: true, data: sorted.map((s) => s.label) },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        label: { show: true, position: 'right' },
        data: sorted.map((s) => s.received),
      },
    ],
  }
}

export const STREET_SORTS = {
  satisfaction: '满意率',
  response: '响应率',
  resolution: '解决率',
  received: '收到件数',
  overdue: '逾期未答复',
} as const
export type StreetSort = keyof typeof STREET_SORTS

type StreetRow = StreetFigures['communities'][number]

/** The value a community is ranked by (higher is better, except overdue); null sorts last. */
export function sortValue(row: StreetRow, sort: StreetSort): number | null {
  if (sort === 'received') return row.headline.received
  if (sort === 'overdue') return row.headline.overdueNow
  return value(row.headline[sort])
}

/** Best first: highest rate, most received, fewest overdue; communities without a figure last, by name. */
export function sortCommunities(rows: StreetRow[], sort: StreetSort): StreetRow[] {
  const better = sort === 'overdue' ? 1 : -1
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort)
    const y = sortValue(b, sort)
    if (x === null || y === null)
      return x === y ? a.name.localeCompare(b.name, 'zh') : x === null ? 1 : -1
    return x === y ? a.name.localeCompare(b.name, 'zh') : better * (x - y)
  })
}

/**
 * A community's place in the street on one figure (1 = best), sharing a place with those of
 * the same value; null when it has no figure there.
 */
export function rankOf(rows: StreetRow[], communityId: string, sort: StreetSort): number | null {
  const mine = rows.find((r) => r.id === communityId)
  if (!mine) return null
  const v = sortValue(mine, sort)
  if (v === null) return null
  const ahead = rows.filter((r) => {
    const o = sortValue(r, sort)
    return o !== null && (sort === 'overdue' ? o < v : o > v)
  })
  return ahead.length + 1
}

export function streetBarsOption(rows: StreetRow[], sort: StreetSort) {
  const rate = sort !== 'received' && sort !== 'overdue'
  return {
    animation: false,
    color: [COLOURS[0]],
    grid: { left: 96, right: 48, top: 8, bottom: 8 },
    xAxis: { type: 'value', show: false, ...(rate ? { min: 0, max: 100 } : { minInterval: 1 }) },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        label: { show: true, position: 'right', formatter: rate ? '{c}%' : '{c}' },
        data: rows.map((r) => sortValue(r, sort)),
      },
    ],
  }
}

/** One community of the street as one line of text. */
export function streetRowText(row: StreetRow): string {
  return `${row.name}：${sliceText('近12个月', row.headline).replace(/^近12个月：/, '')}；逾期未答复 ${row.headline.overdueNow} 件`
}

/** "数据更新于 2026年12月6日 14:05，每 5 分钟更新" */
export function freshnessText(computedAt: number, minutes: number): string {
  return `数据更新于 ${formatDateTime(computedAt)}，每 ${minutes} 分钟更新`
}
