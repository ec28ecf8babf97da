import type { BallotOption, ConventionStatus, DecisionRule } from '@/packages/conventions/api'

// Chinese words for the 微规约 API's codes. Status labels come from the API (statusLabel); the
// tones and the rule explanations for the committee's picker live here.

export const OPTION_NAMES: Record<BallotOption, string> = {
  yes: '赞成',
  no: '反对',
  abstain: '弃权',
}
export const OPTIONS: BallotOption[] = ['yes', 'no', 'abstain']

export const STATUS_TONES: Record<ConventionStatus, 'accent' | 'ok' | 'warn' | 'danger' | 'plain'> =
  {
    draft: 'plain',
    consultation: 'accent',
    voting: 'warn',
    closed: 'plain',
    in_force: 'ok',
    superseded: 'plain',
  }

export type RuleChoice = {
  rule: DecisionRule
  name: string
  /** One sentence a resident understands. */
  summary: string
  /** When the committee should pick it. */
  when: string
  /** Whether the committee sets the quorum / approval shares (the Civil Code fixes its own). */
  sharesEditable: { quorum: boolean; approval: boolean }
  /** Whether "only the household representative votes" applies. */
  representativeSetting: boolean
  unit: '人' | '户'
}

export const RULE_CHOICES: RuleChoice[] = [
  {
    rule: 'simple',
    name: '一人一票',
    summary: '范围内每位认证居民一票；参与人数够了才有效，赞成多于反对即通过。',
    when: '适合楼道公约、活动安排等与每个人有关、不涉及房产的事项。',
    sharesEditable: { quorum: true, approval: false },
    representativeSetting: false,
    unit: '人',
  },
  {
    rule: 'household',
    name: '一户一票',
    summary:
      '每户一票（户内任一居民投，或只由户代表投）；参与户数够了才有效，赞成户数达到比例即通过。',
    when: '适合养犬、停车、晾晒等以家庭为单位遵守的约定。',
    sharesEditable: { quorum: true, approval: true },
    representativeSetting: true,
    unit: '户',
  },
  {
    rule: 'civil_code_ordinary',
    name: '民法典·一般事项',
    summary:
      '由业主投票（按产权登记，租户不参加）。参与的业主须占专有面积和人数的三分之二以上；赞成的面积和人数都要超过参与的一半。',
    when: '共有部分的一般管理事项（民法典第二百七十八条），比例由法律规定。需先登记适用范围内各户的产权。',
    sharesEditable: { quorum: false, approval: false },
    representativeSetting: false,
    unit: '人',
  },
  {
    rule: 'civil_code_major',
    name: '民法典·重大事项',
    summary:
      '由业主投票（按产权登记，租户不参加）。参与的业主须占专有面积和人数的三分之二以上；赞成的面积和人数都要达到参与的四分之三。',
    when: '筹集或使用维修资金、改建重建、改变共有部分用途或用于经营。需先登记适用范围内各户的产权。',
    sharesEditable: { quorum: false, approval: false },
    representativeSetting: false,
    unit: '人',
  },
]

export function ruleChoice(rule: DecisionRule): RuleChoice {
  return RULE_CHOICES.find((r) => r.rule === rule) ?? RULE_CHOICES[0]!
}

/** Whether the rule counts floor area (the Civil Code rules). */
export function usesArea(rule: DecisionRule): boolean {
  return rule === 'civil_code_ordinary' || rule === 'civil_code_major'
}

export type RollBasis = 'residents' | 'households' | 'owners'

/**
 * What a vote counts: 户 for households (and Civil Code votes opened before owners were recorded,
 * whose roll was households), 人 for residents and owners (业主, one per owner as the law counts).
 */
export function voterUnit(rule: DecisionRule, basis?: RollBasis): '人' | '户' {
  if (basis) return basis === 'households' ? '户' : '人'
  return rule === 'simple' ? '人' : '户'
}
