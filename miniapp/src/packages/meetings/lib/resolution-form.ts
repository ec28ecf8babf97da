// The resolution of one agenda item (民事民决), as the organiser fills it in. Pure.
import type { ResolutionInput, SuggestionMove } from '@/packages/meetings/api'

export type ResolutionDraft = {
  decision: string
  /** Whether a vote was taken: then all three counts are required (0 allowed). */
  voted: boolean
  votesFor: string
  votesAgainst: string
  votesAbstain: string
  owner: string
  /** "YYYY-MM-DD" or '' for none. */
  dueDate: string
  move: SuggestionMove
}

export const EMPTY_RESOLUTION: ResolutionDraft = {
  decision: '',
  voted: false,
  votesFor: '',
  votesAgainst: '',
  votesAbstain: '',
  owner: '',
  dueDate: '',
  move: 'none',
}

/** Moves offered for an item linked to a 金点子, in the order an organiser thinks of them. */
export const MOVES_FOR_SUGGESTION: SuggestionMove[] = [
  'none',
  'accept',
  'adopt',
  'not_adopt',
  'complete',
  'close_unfixed',
]

const count = (s: string) => (/^\d{1,6}$/.test(s.trim()) ? Number(s.trim()) : NaN)

export type ResolutionField = 'decision' | 'votes' | 'owner' | 'dueDate'

/** The first thing to fix and the field it belongs to; null when the resolution can be published. */
export function resolutionProblemAt(
  d: ResolutionDraft,
  today: string,
): { field: ResolutionField; message: string } | null {
  if (d.decision.trim().length < 4)
    return { field: 'decision', message: '请写明决议内容（至少 4 个字）' }
  if (
    d.voted &&
    [d.votesFor, d.votesAgainst, d.votesAbstain].some((v) => !Number.isInteger(count(v)))
  ) {
    return {
      field: 'votes',
      message: '表决了就请填写赞成、反对、弃权三项票数（没有的填 0）',
    }
  }
  if (d.owner.trim() === '') return { field: 'owner', message: '请填写责任人' }
  if (d.dueDate !== '' && d.dueDate < today)
    return { field: 'dueDate', message: '完成期限不能早于今天' }
  return null
}

export function resolutionProblem(d: ResolutionDraft, today: string): string | null {
  return resolutionProblemAt(d, today)?.message ?? null
}

export function toResolutionBody(d: ResolutionDraft, linkedToSuggestion: boolean): ResolutionInput {
  return {
    decision: d.decision.trim(),
    ...(d.voted
      ? {
          votesFor: count(d.votesFor),
          votesAgainst: count(d.votesAgainst),
          votesAbstain: count(d.votesAbstain),
        }
      : {}),
    owner: d.owner.trim(),
    ...(d.dueDate ? { dueDate: d.dueDate } : {}),
    suggestionMove: linkedToSuggestion ? d.move : 'none',
  }
}
