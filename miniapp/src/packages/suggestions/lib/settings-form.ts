// The community's response threshold and answer deadline as typed by staff. Pure.
import type { SuggestionSettings } from '@/packages/suggestions/api'

export type SettingsErrors = { threshold?: string; days?: string }

function wholeNumber(text: string): number | null {
  const t = text.trim()
  return /^\d+$/.test(t) ? Number(t) : null
}

/** Same limits and messages as the API's SettingsBody. */
export function parseSettings(
  thresholdText: string,
  daysText: string,
): { value: SuggestionSettings } | { errors: SettingsErrors } {
  const errors: SettingsErrors = {}
  const threshold = wholeNumber(thresholdText)
  const days = wholeNumber(daysText)
  if (threshold === null) errors.threshold = '请填写户数（整数）'
  else if (threshold < 1) errors.threshold = '门槛至少 1 户'
  else if (threshold > 1000) errors.threshold = '门槛不能超过 1000 户'
  if (days === null) errors.days = '请填写天数（整数）'
  else if (days < 1) errors.days = '答复期限至少 1 天'
  else if (days > 90) errors.days = '答复期限不能超过 90 天'
  if (errors.threshold || errors.days || threshold === null || days === null) return { errors }
  return { value: { responseThresholdHouseholds: threshold, answerDeadlineDays: days } }
}
