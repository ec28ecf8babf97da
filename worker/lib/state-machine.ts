import { AppError } from './errors'

/**
 * A domain's state machine as a table: each action names the states it may start from. The
 * service turns `from` into its conditional UPDATE … WHERE status IN (…) (decision 002); these
 * answer "may it?" up front and build the 409 a refused action gets (with the current state).
 */
export function stateMachine<Action extends string, Status extends string>(
  transitions: Record<Action, { from: readonly Status[] }>,
  labels: Record<Status, string>,
) {
  return {
    canTransition(action: Action, from: Status): boolean {
      return transitions[action].from.includes(from)
    },
    illegalTransition(action: Action, current: Status): AppError {
      return new AppError(
        'INVALID_STATE',
        `当前状态为“${labels[current]}”，不能进行此操作`,
        undefined,
        undefined,
        { action, currentStatus: current },
      )
    },
  }
}
