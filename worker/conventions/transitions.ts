import type { ConventionStatus } from '../../db/schema'
import { AppError } from '../lib/errors'
import { stateMachine } from '../lib/state-machine'

// The lifecycle of a convention, as in suggestions/transitions.ts: each action names the
// states it may start from, and the service writes `UPDATE … WHERE status IN (…)`.

export const STATUS_LABELS: Record<ConventionStatus, string> = {
  draft: '草案',
  consultation: '征求意见中',
  voting: '表决中',
  closed: '表决结束',
  in_force: '已生效',
  superseded: '已被修订版取代',
}

export const TRANSITIONS = {
  revise: { from: ['draft', 'consultation'], to: null },
  open_consultation: { from: ['draft'], to: 'consultation' },
  open_voting: { from: ['draft', 'consultation'], to: 'voting' },
  close_voting: { from: ['voting'], to: 'closed' },
  file: { from: ['closed'], to: 'in_force' },
  supersede: { from: ['in_force'], to: 'superseded' },
} as const satisfies Record<
  string,
  { from: readonly ConventionStatus[]; to: ConventionStatus | null }
>

export type ConventionAction = keyof typeof TRANSITIONS

export const { canTransition, illegalTransition } = stateMachine<
  ConventionAction,
  ConventionStatus
>(TRANSITIONS, STATUS_LABELS)

/** Any other action the current state does not allow: the same 409 with the state, and a precise message. */
export function notInState(message: string, current: ConventionStatus, action?: string): AppError {
  return new AppError('INVALID_STATE', message, undefined, undefined, {
    ...(action ? { action } : {}),
    currentStatus: current,
  })
}
