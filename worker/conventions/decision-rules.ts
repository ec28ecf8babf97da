import { formatHundredths } from '../lib/numbers'

// The decision rules of 微规约 votes, as pure functions over integers. Floor areas are in dm²
// (0.01 m²); shares are fractions num/den compared by cross-multiplication, never as floats.

export const DECISION_RULES = [
  'simple',
  'household',
  'civil_code_ordinary',
  'civil_code_major',
] as const
export type DecisionRule = (typeof DECISION_RULES)[number]

export type Share = { num: number; den: number }
export type Option = 'yes' | 'no' | 'abstain'

/**
 * Counted ballots of one option: how many, and their floor area together (a single ballot is a
 * count of 1). The tally adds groups, so the ballots can be summed where they are stored.
 */
export type CountedBallot = { option: Option; count: number; areaDm2: number }

export type Roll = { voters: number; areaDm2: number }

export type RuleSettings = { quorum: Share; approval: Share }

export type Tally = {
  eligible: Roll
  cast: { count: number; areaDm2: number }
  yes: { count: number; areaDm2: number }
  no: { count: number; areaDm2: number }
  abstain: { count: number; areaDm2: number }
}

export type Decision = {
  valid: boolean
  passed: boolean
  /** Which threshold decided the outcome, in plain Chinese. */
  decidedBy: string
  /** Every check made, in order, in plain Chinese. */
  explanation: string[]
}

const TWO_THIRDS: Share = { num: 2, den: 3 }
const HALF: Share = { num: 1, den: 2 }
const THREE_QUARTERS: Share = { num: 3, den: 4 }

/** part / whole ≥ share, exactly. */
export function atLeast(part: number, whole: number, share: Share): boolean {
  return part * share.den >= whole * share.num
}

/** part / whole > share, exactly. */
export function moreThan(part: number, whole: number, share: Share): boolean {
  return part * share.den > whole * share.num
}

/** 8950 dm² → "89.50 m²". */
export function m2(dm2: number): string {
  return `${formatHundredths(dm2)} m²`
}

const shareText = (s: Share) =>
  s.num === 2 && s.den === 3
    ? '三分之二'
    : s.num === 1 && s.den === 2
      ? '二分之一'
      : s.num === 3 && s.den === 4
        ? '四分之三'
        : `${s.num}/${s.den}`

/** Hundredths of a percent, rounded down, for showing only: "66.66%". */
export function percent(part: number, whole: number): string {
  if (whole === 0) return '0.00%'
  return `${formatHundredths(Math.floor((part * 10000) / whole))}%`
}

export function tallyBallots(ballots: CountedBallot[], eligible: Roll): Tally {
  const sum = (option?: Option) => {
    const chosen = option ? ballots.filter((b) => b.option === option) : ballots
    return {
      count: chosen.reduce((n, b) => n + b.count, 0),
      areaDm2: chosen.reduce((n, b) => n + b.areaDm2, 0),
    }
  }
  return { eligible, cast: sum(), yes: sum('yes'), no: sum('no'), abstain: sum('abstain') }
}

/**
 * The outcome of a vote. `headUnit` names the Civil Code headcount: 户 for votes opened before
 * decision 011 (households), 人 for owners rolls (业主 as 法释〔2009〕7号 Art. 9 counts them).
 */
export function decide(
  rule: DecisionRule,
  tally: Tally,
  settings: RuleSettings,
  headUnit: '户' | '人' = '户',
): Decision {
  const { eligible, cast, yes, no } = tally
  const explanation: string[] = []
  if (rule === 'simple' || rule === 'household') {
    const unit = rule === 'simple' ? '人' : '户'
    const turnoutOk = atLeast(cast.count, eligible.voters, settings.quorum)
    explanation.push(
      `参与表决 ${cast.count} ${unit}，占应参与 ${eligible.voters} ${unit}的 ${percent(cast.count, eligible.voters)}，${turnoutOk ? '达到' : '未达到'}有效表决所需的${shareText(settings.quorum)}。`,
    )
    if (!turnoutOk)
      return {
        valid: false,
        passed: false,
        decidedBy: `参与表决的${unit}数未达到应参与${unit}数的${shareText(settings.quorum)}，表决无效`,
        explanation,
      }
    if (rule === 'simple') {
      const passed = yes.count > no.count
      explanation.push(
        `赞成 ${yes.count} 人，反对 ${no.count} 人，${passed ? '赞成多于反对' : '赞成未多于反对'}（弃权不计入）。`,
      )
      return {
        valid: true,
        passed,
        decidedBy: passed ? '赞成票多于反对票，表决通过' : '赞成票未多于反对票，表决未通过',
        explanation,
      }
    }
    const passed = atLeast(yes.count, cast.count, settings.approval)
    explanation.push(
      `赞成 ${yes.count} 户，占参与表决 ${cast.count} 户的 ${percent(yes.count, cast.count)}，${passed ? '达到' : '未达到'}通过所需的${shareText(settings.approval)}（弃权计入参与，不计入赞成）。`,
    )
    return {
      valid: true,
      passed,
      decidedBy: passed
        ? `赞成户数达到参与户数的${shareText(settings.approval)}，表决通过`
        : `赞成户数未达到参与户数的${shareText(settings.approval)}，表决未通过`,
      explanation,
    }
  }

  // 民法典 第二百七十八条: participation by area AND by headcount, each at least two thirds.
  const areaOk = atLeast(cast.areaDm2, eligible.areaDm2, TWO_THIRDS)
  const headOk = atLeast(cast.count, eligible.voters, TWO_THIRDS)
  explanation.push(
    `参与表决的业主专有部分面积 ${m2(cast.areaDm2)}，占总面积 ${m2(eligible.areaDm2)} 的 ${percent(cast.areaDm2, eligible.areaDm2)}，${areaOk ? '达到' : '未达到'}三分之二。`,
  )
  explanation.push(
    `参与表决的业主 ${cast.count} ${headUnit}，占总${headUnit}数 ${eligible.voters} ${headUnit}的 ${percent(cast.count, eligible.voters)}，${headOk ? '达到' : '未达到'}三分之二。`,
  )
  if (!areaOk || !headOk) {
    const which = !areaOk && !headOk ? '专有部分面积和人数均' : !areaOk ? '专有部分面积' : '人数'
    return {
      valid: false,
      passed: false,
      decidedBy: `参与表决的业主${which}未达到三分之二，表决无效（民法典第二百七十八条）`,
      explanation,
    }
  }
  const major = rule === 'civil_code_major'
  const bar = major ? THREE_QUARTERS : HALF
  const compare = major ? atLeast : moreThan
  const word = major ? '达到' : '超过'
  const areaPass = compare(yes.areaDm2, cast.areaDm2, bar)
  const headPass = compare(yes.count, cast.count, bar)
  explanation.push(
    `赞成的业主专有部分面积 ${m2(yes.areaDm2)}，占参与表决面积的 ${percent(yes.areaDm2, cast.areaDm2)}，${areaPass ? '' : '未'}${word}${shareText(bar)}。`,
  )
  explanation.push(
    `赞成的业主 ${yes.count} ${headUnit}，占参与表决${headUnit}数的 ${percent(yes.count, cast.count)}，${headPass ? '' : '未'}${word}${shareText(bar)}。`,
  )
  const passed = areaPass && headPass
  if (passed)
    return {
      valid: true,
      passed,
      decidedBy: `赞成的业主专有部分面积和人数均${word}参与表决的${shareText(bar)}，表决通过（民法典第二百七十八条）`,
      explanation,
    }
  const failed =
    !areaPass && !headPass ? '专有部分面积和人数均' : !areaPass ? '专有部分面积' : '人数'
  return {
    valid: true,
    passed,
    decidedBy: `赞成的业主${failed}未${word}参与表决的${shareText(bar)}，表决未通过（民法典第二百七十八条）`,
    explanation,
  }
}

/** What a rule means, for residents, shown when voting opens. */
export function describeRule(
  rule: DecisionRule,
  settings: RuleSettings,
  representativeOnly: boolean,
  owners = false,
): string {
  const who = owners
    ? '由业主投票：一套房屋一票，共有人共投一票；一位业主有多套房屋只投一票、按一人计，面积合计；开发商未出售的房屋合计按一人计。租户等非业主不参加；业主可书面委托他人代投（由居委会登记）。截止前可以改票，以最后一次为准。'
    : representativeOnly
      ? '每户由户代表投票。'
      : '每户一票，户内任一认证居民均可投票，以最后一次为准。'
  switch (rule) {
    case 'simple':
      return `每位认证居民一票。参与表决的人数达到应参与人数的${shareText(settings.quorum)}为有效；赞成票多于反对票即通过。`
    case 'household':
      return `每户一票（${representativeOnly ? '由户代表投票' : '户内任一认证居民均可投票，以最后一次为准'}）。参与户数达到${shareText(settings.quorum)}为有效；赞成户数达到参与户数的${shareText(settings.approval)}即通过。`
    case 'civil_code_ordinary':
      return `按《民法典》第二百七十八条：参与表决的业主专有部分面积和人数均须达到三分之二；赞成的业主专有部分面积和人数均须超过参与表决的二分之一。${who}`
    case 'civil_code_major':
      return `按《民法典》第二百七十八条（筹集维修资金、改建重建、改变共有部分用途等重大事项）：参与表决的业主专有部分面积和人数均须达到三分之二；赞成的业主专有部分面积和人数均须达到参与表决的四分之三。${who}`
  }
}
