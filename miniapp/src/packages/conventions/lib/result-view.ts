import type { BallotOption, ConventionResult, Turnout } from '@/packages/conventions/api'
import { OPTION_NAMES, OPTIONS, usesArea, voterUnit, type RollBasis } from './labels'

// What the result and turnout screens show, worked out from the API's numbers. Areas arrive as
// decimal strings ("1234.50"); they are read into hundredths of a m² so that shares are exact
// integer arithmetic, like the server's.

/** "1234.5" or "1234.50" → 123450 (hundredths of a m²); null when it is not a plain decimal. */
export function parseAreaHundredths(value: string): number | null {
  const match = /^\s*(\d+)(?:\.(\d{1,2}))?\s*(?:m²|㎡)?\s*$/.exec(value)
  if (!match) return null
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}

/** 123450 → "1,234.50 ㎡" (grouped, always two decimals; a no-break space keeps the unit on the line). */
export function formatAreaHundredths(hundredths: number): string {
  const whole = Math.floor(hundredths / 100)
  const cents = String(hundredths % 100).padStart(2, '0')
  return `${String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}\u00a0㎡`
}

/** "1234.5" → "1,234.50 ㎡"; anything unreadable is shown as it came. */
export function formatAreaText(value: string): string {
  const h = parseAreaHundredths(value)
  return h === null ? value : formatAreaHundredths(h)
}

/** part / whole as a percentage with one decimal, rounded down (never shows 66.7% for 66.66…%). */
export function percentText(part: number, whole: number): string {
  if (whole <= 0) return '0%'
  const tenths = Math.floor((part * 1000) / whole)
  return `${Math.floor(tenths / 10)}${tenths % 10 ? `.${tenths % 10}` : ''}%`
}

/** Width of a bar, 0–100, for part / whole. */
export function barPercent(part: number, whole: number): number {
  if (whole <= 0) return 0
  return Math.max(0, Math.min(100, Math.floor((part * 100) / whole)))
}

export type OptionRow = {
  option: BallotOption
  name: string
  /** "9 户" */
  count: string
  /** Share of the ballots cast, "75%". */
  countShare: string
  bar: number
  /** Only for rules that count floor area. */
  area: string | null
  areaShare: string | null
}

/** One of the four figures 民法典 第二百七十八条 is decided on: "800.00 ㎡ / 1,200.00 ㎡（66.6%）". */
export type Fraction = { label: string; value: string; share: string }

export type ResultView = {
  verdict: 'passed' | 'not_passed' | 'invalid'
  /** The big line: "表决通过". */
  headline: string
  tone: 'ok' | 'danger' | 'warn'
  unit: '人' | '户'
  /** "应参与 12 户，实际参与 12 户（100%）" */
  participation: string
  /** "应参与面积 1,080.00 ㎡，参与面积 1,080.00 ㎡（100%）" for the Civil Code rules. */
  participationArea: string | null
  options: OptionRow[]
  /**
   * Civil Code votes: 参与面积/总面积, 参与人数/总人数, 赞成面积/参与面积, 赞成人数/参与人数
   * (户数 for votes counted by household before owners were recorded); null for other rules.
   */
  fractions: Fraction[] | null
  decidedBy: string
  explanation: string[]
  /** Abstentions count toward turnout, not approval: said once under the table. */
  note: string
}

export function resultView(result: ConventionResult, basis?: RollBasis): ResultView {
  const unit = voterUnit(result.rule, basis)
  const withArea = usesArea(result.rule)
  const castArea = parseAreaHundredths(result.cast.areaM2) ?? 0
  const eligibleArea = parseAreaHundredths(result.eligible.areaM2) ?? 0
  const verdict = !result.valid ? 'invalid' : result.passed ? 'passed' : 'not_passed'
  const options = OPTIONS.map((option): OptionRow => {
    const tally = result[option]
    const area = parseAreaHundredths(tally.areaM2) ?? 0
    return {
      option,
      name: OPTION_NAMES[option],
      count: `${tally.count} ${unit}`,
      countShare: percentText(tally.count, result.cast.count),
      bar: barPercent(tally.count, result.cast.count),
      area: withArea ? formatAreaHundredths(area) : null,
      areaShare: withArea ? percentText(area, castArea) : null,
    }
  })
  return {
    verdict,
    headline:
      verdict === 'passed' ? '表决通过' : verdict === 'not_passed' ? '表决未通过' : '表决无效',
    tone: verdict === 'passed' ? 'ok' : verdict === 'not_passed' ? 'danger' : 'warn',
    unit,
    participation: `应参与 ${result.eligible.voters} ${unit}，实际参与 ${result.cast.count} ${unit}（${percentText(result.cast.count, result.eligible.voters)}）`,
    participationArea: withArea
      ? `总专有面积 ${formatAreaHundredths(eligibleArea)}，参与 ${formatAreaHundredths(castArea)}（${percentText(castArea, eligibleArea)}）`
      : null,
    options,
    fractions: withArea ? fractionsOf(result, unit) : null,
    decidedBy: result.decidedBy,
    explanation: result.explanation,
    note: withArea
      ? `比例按参与表决的${unit === '人' ? '业主人数' : '户数'}和专有面积计算；弃权计入参与，不计入赞成。`
      : '比例按参与表决的票数计算；弃权计入参与，不计入赞成。',
  }
}

function fractionsOf(result: ConventionResult, unit: '人' | '户'): Fraction[] {
  const area = (value: string) => parseAreaHundredths(value) ?? 0
  const heads = unit === '人' ? '人数' : '户数'
  const areaFraction = (label: string, part: string, whole: string): Fraction => ({
    label,
    value: `${formatAreaHundredths(area(part))} / ${formatAreaHundredths(area(whole))}`,
    share: percentText(area(part), area(whole)),
  })
  const countFraction = (label: string, part: number, whole: number): Fraction => ({
    label,
    value: `${part} / ${whole} ${unit}`,
    share: percentText(part, whole),
  })
  return [
    areaFraction('参与面积 / 总面积', result.cast.areaM2, result.eligible.areaM2),
    countFraction(`参与${heads} / 总${heads}`, result.cast.count, result.eligible.voters),
    areaFraction('赞成面积 / 参与面积', result.yes.areaM2, result.cast.areaM2),
    countFraction(`赞成${heads} / 参与${heads}`, result.yes.count, result.cast.count),
  ]
}

export type TurnoutView = {
  /** The big line: "还差 3 户达到有效表决" or "已达到有效表决". */
  headline: string
  reached: boolean
  /** "已有 9 户参与，共 12 户有表决权" */
  detail: string
  bar: number
  /** Where the validity line sits on the bar (0–100), while it is not reached. */
  marker: number | null
  buildings: { id: string; name: string; text: string; bar: number }[]
}

export function turnoutView(t: Turnout): TurnoutView {
  const areaLeft = t.areaRemainingM2 ? (parseAreaHundredths(t.areaRemainingM2) ?? 0) : 0
  const countLeft = t.remainingForValidity
  const reached = countLeft === 0 && areaLeft === 0
  let headline: string
  if (reached) headline = '已达到有效表决所需的参与'
  else if (countLeft > 0)
    headline = `还差 ${countLeft} ${t.unit}达到有效表决${areaLeft > 0 ? `（及 ${formatAreaHundredths(areaLeft)} 专有面积）` : ''}`
  else headline = `参与${t.unit}数已够，还差 ${formatAreaHundredths(areaLeft)} 专有面积达到有效表决`
  return {
    headline,
    reached,
    detail: `已有 ${t.cast} ${t.unit}参与，共 ${t.eligible} ${t.unit}有表决权`,
    bar: barPercent(t.cast, t.eligible),
    marker: countLeft > 0 ? barPercent(t.cast + countLeft, t.eligible) : null,
    buildings: t.byBuilding.map((b) => ({
      id: b.buildingId,
      name: b.buildingName,
      text: `${b.cast}/${b.eligible} ${t.unit}`,
      bar: barPercent(b.cast, b.eligible),
    })),
  }
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** "还剩 2 天 3 小时" / "还剩 40 分钟" / "已截止". */
export function timeLeftText(until: number, now: number): string {
  const left = until - now
  if (left <= 0) return '已截止'
  if (left >= DAY) {
    const days = Math.floor(left / DAY)
    const hours = Math.floor((left % DAY) / HOUR)
    return `还剩 ${days} 天${hours ? ` ${hours} 小时` : ''}`
  }
  if (left >= HOUR)
    return `还剩 ${Math.floor(left / HOUR)} 小时${Math.floor((left % HOUR) / MINUTE) ? ` ${Math.floor((left % HOUR) / MINUTE)} 分钟` : ''}`
  return `还剩 ${Math.max(1, Math.ceil(left / MINUTE))} 分钟`
}
