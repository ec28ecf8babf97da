import { describe, expect, it } from 'vitest'
import type {
  CommunityFigures,
  FigureSet,
  RegisterEntry,
  StreetFigures,
} from '@/packages/transparency/api'
import {
  countsText,
  percentText,
  rankOf,
  rateLine,
  receivedBarsOption,
  sliceText,
  sortCommunities,
  streetBarsOption,
  trendOption,
} from '@/packages/transparency/lib/figures'
import { dueText, orderEntries, parseEntryKey } from '@/packages/transparency/lib/register'
import { transparencyUrl } from '@/packages/transparency/lib/routes'

const rate = (numerator: number, denominator: number, percent: string | null) => ({
  numerator,
  denominator,
  percent,
})
const set = (
  received: number,
  response: [number, number, string | null],
  resolution: [number, number, string | null],
  satisfaction: [number, number, string | null],
  median: string | null = null,
): FigureSet => ({
  received,
  response: rate(...response),
  resolution: rate(...resolution),
  satisfaction: rate(...satisfaction),
  medianDaysToAnswer: { days: median, count: median ? 3 : 0 },
})

type Row = StreetFigures['communities'][number]
const row = (id: string, name: string, f: FigureSet, overdueNow: number): Row => ({
  id,
  name,
  headline: { ...f, overdueNow },
  register: { on_time: 0, overdue: 0, done: 0, evaluated: 0 },
})

describe('the words next to the charts', () => {
  it('writes a rate with what its counts count, and "暂无" when nothing was counted', () => {
    expect(rateLine('response', rate(6, 7, '85.7'))).toBe(
      '响应率 85.7%（按期答复 6 件 / 应答复 7 件）',
    )
    expect(rateLine('satisfaction', rate(0, 0, null))).toBe('满意率 暂无（满意 0 条 / 评价 0 条）')
    expect(percentText(rate(1, 1, '100.0'))).toBe('100.0%')
    expect(countsText('resolution', rate(2, 4, '50.0'))).toBe('已完成 2 件 / 已采纳 4 件')
  })

  it('writes one slice on one line, with the median only when there is one', () => {
    expect(sliceText('照明', set(3, [1, 1, '100.0'], [1, 2, '50.0'], [3, 5, '60.0'], '9.0'))).toBe(
      '照明：收到 3 件；响应率 100.0%（1/1）；解决率 50.0%（1/2）；满意率 60.0%（3/5）；答复中位 9.0 天',
    )
    expect(sliceText('西巷', set(0, [0, 0, null], [0, 0, null], [0, 0, null]))).toBe(
      '西巷：收到 0 件；响应率 暂无（0/0）；解决率 暂无（0/0）；满意率 暂无（0/0）',
    )
  })
})

describe('the charts’ options', () => {
  it('draws the trend of the three rates by month, a gap where a month has no figure', () => {
    const f = {
      monthly: [
        { month: '2026-11', ...set(2, [1, 2, '50.0'], [1, 1, '100.0'], [0, 0, null]) },
        { month: '2026-12', ...set(1, [0, 0, null], [0, 0, null], [2, 3, '66.7']) },
      ],
    } as CommunityFigures
    const option = trendOption(f)
    expect(option.xAxis.data).toEqual(['11月', '12月'])
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['响应率', [50, null]],
      ['解决率', [100, null]],
      ['满意率', [null, 66.7]],
    ])
    expect(option.animation).toBe(false)
  })

  it('draws received per slice, largest first', () => {
    const option = receivedBarsOption([
      { label: '东巷', received: 1 },
      { label: '西巷', received: 3 },
    ])
    expect(option.yAxis.data).toEqual(['西巷', '东巷'])
    expect(option.series[0]!.data).toEqual([3, 1])
  })
})

describe('the street view', () => {
  const rows = [
    row('a', '甲社区', set(10, [8, 10, '80.0'], [1, 2, '50.0'], [9, 10, '90.0']), 3),
    row('b', '乙社区', set(20, [9, 10, '90.0'], [0, 0, null], [9, 10, '90.0']), 0),
    row('c', '丙社区', set(5, [5, 10, '50.0'], [2, 2, '100.0'], [1, 10, '10.0']), 1),
  ]

  it('sorts best first: highest rate, fewest overdue; no figure last', () => {
    expect(sortCommunities(rows, 'response').map((r) => r.id)).toEqual(['b', 'a', 'c'])
    expect(sortCommunities(rows, 'resolution').map((r) => r.id)).toEqual(['c', 'a', 'b'])
    expect(sortCommunities(rows, 'overdue').map((r) => r.id)).toEqual(['b', 'c', 'a'])
    expect(sortCommunities(rows, 'received').map((r) => r.id)).toEqual(['b', 'a', 'c'])
  })

  it('ranks a community among the street, sharing a place on equal figures', () => {
    expect(rankOf(rows, 'a', 'response')).toBe(2)
    expect(rankOf(rows, 'a', 'satisfaction')).toBe(1)
    expect(rankOf(rows, 'b', 'satisfaction')).toBe(1)
    expect(rankOf(rows, 'c', 'satisfaction')).toBe(3)
    expect(rankOf(rows, 'a', 'overdue')).toBe(3)
    expect(rankOf(rows, 'b', 'resolution')).toBeNull()
    expect(rankOf(rows, 'z', 'response')).toBeNull()
  })

  it('labels rates in percent and counts as counts', () => {
    expect(streetBarsOption(rows, 'response').series[0]!.label.formatter).toBe('{c}%')
    expect(streetBarsOption(rows, 'received').series[0]!.label.formatter).toBe('{c}')
  })
})

describe('the register', () => {
  const entry = (kind: 'resolution' | 'convention', id: string, dueDate: string | null) =>
    ({ kind, id, dueDate }) as RegisterEntry

  it('puts the entry a notice pointed at first', () => {
    const items = [
      entry('resolution', 'a', null),
      entry('resolution', 'b', null),
      entry('convention', 'c', null),
    ]
    expect(orderEntries(items, 'resolution-b').map((e) => e.id)).toEqual(['b', 'a', 'c'])
    expect(orderEntries(items, undefined).map((e) => e.id)).toEqual(['a', 'b', 'c'])
    expect(parseEntryKey('convention-cv-1')).toEqual({ kind: 'convention', id: 'cv-1' })
    expect(parseEntryKey('meeting-1')).toBeNull()
  })

  it('says when it is due', () => {
    expect(dueText(entry('resolution', 'a', '2026-12-20'))).toBe('期限 2026-12-20')
    expect(dueText(entry('resolution', 'a', null))).toBe('未定期限')
    expect(dueText(entry('convention', 'c', null))).toBe('长期有效')
  })

  it('opens pages at the addresses the API’s notices use', () => {
    expect(
      transparencyUrl('register', { communityId: 'cm-huaishu', entry: 'resolution-mi-1' }),
    ).toBe(
      '/packages/transparency/pages/register/index?communityId=cm-huaishu&entry=resolution-mi-1',
    )
  })
})
