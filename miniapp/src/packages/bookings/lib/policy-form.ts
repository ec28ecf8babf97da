// The centre's fairness policy as a form: hours where people think in hours, minutes where in
// minutes; the same bounds as the API's PolicyBody.
import type { CentrePolicy } from '@/packages/bookings/api'

export type PolicyDraft = Record<keyof CentrePolicy, string>

/** Each field: its label, the unit shown, how a typed value becomes the API's number, and its bounds (in the API's unit). */
export const POLICY_FIELDS: {
  key: keyof CentrePolicy
  label: string
  unit: string
  factor: number
  min: number
  max: number
}[] = [
  {
    key: 'residentMinutesPerWeek',
    label: '每位居民每周最多',
    unit: '小时',
    factor: 60,
    min: 0,
    max: 168 * 60,
  },
  {
    key: 'groupMinutesPerWeek',
    label: '每个团队每周最多',
    unit: '小时',
    factor: 60,
    min: 0,
    max: 168 * 60,
  },
  {
    key: 'cancelCutoffMinutes',
    label: '开始前多久以内取消计为未签到',
    unit: '分钟',
    factor: 1,
    min: 0,
    max: 7 * 24 * 60,
  },
  {
    key: 'checkinOpensMinutesBefore',
    label: '开始前多久可以签到',
    unit: '分钟',
    factor: 1,
    min: 0,
    max: 120,
  },
  {
    key: 'checkinGraceMinutes',
    label: '开始后多久未签到即释放',
    unit: '分钟',
    factor: 1,
    min: 5,
    max: 120,
  },
  {
    key: 'noShowLimit',
    label: '30 天内未签到几次暂停预约',
    unit: '次',
    factor: 1,
    min: 1,
    max: 20,
  },
  { key: 'noShowFreezeDays', label: '暂停预约多少天', unit: '天', factor: 1, min: 1, max: 90 },
]

export function policyDraft(p: CentrePolicy): PolicyDraft {
  return Object.fromEntries(
    POLICY_FIELDS.map((f) => [f.key, String(p[f.key] / f.factor)]),
  ) as PolicyDraft
}

/** The policy, or the first field's problem in words. */
export function readPolicy(
  d: PolicyDraft,
): { policy: CentrePolicy } | { error: string; key: keyof CentrePolicy } {
  const out = {} as CentrePolicy
  for (const f of POLICY_FIELDS) {
    const text = d[f.key].trim()
    const value = Math.round(Number(text) * f.factor)
    const ok =
      text !== '' &&
      Number.isFinite(Number(text)) &&
      Number.isInteger(value) &&
      value >= f.min &&
      value <= f.max
    if (!ok)
      return {
        key: f.key,
        error: `${f.label}应在 ${f.min / f.factor}–${f.max / f.factor} ${f.unit}之间`,
      }
    out[f.key] = value
  }
  return { policy: out }
}
