// Which handling actions a detail page offers, mirroring the API's state machine
// (worker/suggestions/transitions.ts; tests/miniapp/suggestions-logic.test.ts checks they agree).
// For showing buttons only: the API still decides, and a lost race answers 409 with the new state.
import type { AnswerDecision, SuggestionStatus, TemplateKind } from '@/packages/suggestions/api'

export type StaffAction =
  'publish' | 'hide' | 'unhide' | 'accept' | 'answer' | 'merge' | 'assign' | 'progress' | 'complete'

const UNANSWERED: SuggestionStatus[] = ['published', 'accepted']
const ADOPTED: SuggestionStatus[] = ['adopted', 'in_progress', 'reopened']
const OPEN: SuggestionStatus[] = ['published', 'accepted', 'adopted', 'in_progress', 'reopened']

type Subject = {
  status: SuggestionStatus
  hidden: boolean
  viewer: { canHandle: boolean; canModerate: boolean }
}

export function staffActions(s: Subject): StaffAction[] {
  const { canModerate, canHandle } = s.viewer
  if (s.hidden) return canModerate ? ['unhide'] : []
  const actions: StaffAction[] = []
  if (canModerate) {
    if (s.status === 'submitted') actions.push('publish')
    if (s.status === 'published') actions.push('accept')
    if (UNANSWERED.includes(s.status) || ADOPTED.includes(s.status)) actions.push('answer')
    if (UNANSWERED.includes(s.status)) actions.push('merge')
    if (OPEN.includes(s.status)) actions.push('assign')
  }
  if (canHandle && ADOPTED.includes(s.status)) actions.push('progress', 'complete')
  if (canModerate) actions.push('hide')
  return actions
}

/** Answers possible from a state: 采纳 / 不采纳 before an answer; afterwards only closing unfixed. */
export function answerDecisions(status: SuggestionStatus): AnswerDecision[] {
  if (UNANSWERED.includes(status)) return ['adopt', 'not_adopt', 'close_unfixed']
  if (ADOPTED.includes(status)) return ['close_unfixed']
  return []
}

export const DECISION_LABELS: Record<AnswerDecision, string> = {
  adopt: '采纳',
  not_adopt: '不采纳',
  close_unfixed: '关闭（未实施）',
}

export const DECISION_HINTS: Record<AnswerDecision, string> = {
  adopt: '说明准备怎么做、谁来做、大概什么时候',
  not_adopt: '不采纳必须说明理由，居民会看到',
  close_unfixed: '说明为什么不能实施；居民会看到“已关闭（未实施）”，不会当作已解决',
}

export const ACTION_LABELS: Record<StaffAction, string> = {
  publish: '审核通过，公开',
  hide: '隐藏',
  unhide: '恢复公开',
  accept: '受理',
  answer: '答复',
  merge: '合并到另一条',
  assign: '指派规划师',
  progress: '发布进展',
  complete: '标记完成',
}

export const TEMPLATE_KIND_LABELS: Record<TemplateKind, string> = {
  adopt: '采纳',
  not_adopt: '不采纳',
  close: '关闭（未实施）',
  merge: '合并',
  progress: '进展',
  hide: '隐藏理由',
}

export const TEMPLATE_KINDS = Object.keys(TEMPLATE_KIND_LABELS) as TemplateKind[]

/** The templates that fit an answer decision. */
export function templateKindOf(decision: AnswerDecision): TemplateKind {
  return decision === 'close_unfixed' ? 'close' : decision
}
