import type { SuggestionStatus } from '../../db/schema'
import { stateMachine } from '../lib/state-machine'
import { STATUS_LABELS } from './labels'

// The lifecycle of a suggestion. Each action names the states it may start from; the service
// turns that into `UPDATE … WHERE status IN (…)` so that the rule also holds under races.

export const TRANSITIONS = {
  publish: { from: ['submitted'], to: 'published' },
  accept: { from: ['published'], to: 'accepted' },
  adopt: { from: ['published', 'accepted'], to: 'adopted' },
  not_adopt: { from: ['published', 'accepted'], to: 'not_adopted' },
  merge: { from: ['published', 'accepted'], to: 'merged' },
  close_unfixed: {
    from: ['published', 'accepted', 'adopted', 'in_progress', 'reopened'],
    to: 'closed_unfixed',
  },
  progress: { from: ['adopted', 'in_progress', 'reopened'], to: 'in_progress' },
  complete: { from: ['adopted', 'in_progress', 'reopened'], to: 'completed' },
  reopen: { from: ['completed'], to: 'reopened' },
} as const satisfies Record<string, { from: readonly SuggestionStatus[]; to: SuggestionStatus }>

export type SuggestionAction = keyof typeof TRANSITIONS

/** States in which residents can still support: the case is open. */
export const OPEN_STATUSES: readonly SuggestionStatus[] = [
  'published',
  'accepted',
  'adopted',
  'in_progress',
  'reopened',
]

/** States that count as "answered" for the response deadline. */
export const ANSWERED_STATUSES: readonly SuggestionStatus[] = [
  'adopted',
  'not_adopted',
  'merged',
  'in_progress',
  'completed',
  'reopened',
  'closed_unfixed',
]

export const { canTransition, illegalTransition } = stateMachine<
  SuggestionAction,
  SuggestionStatus
>(TRANSITIONS, STATUS_LABELS)
