// Chinese names of 金点子 categories and states: the worker's own tables (worker/suggestions/labels.ts,
// plain data the Taro build compiles, see miniapp/config/index.ts), so the two cannot differ.
import type { SuggestionCategory, SuggestionStatus } from '@/packages/suggestions/api'
import { CATEGORY_LABELS, STATUS_LABELS } from '@worker/suggestions/labels'

export { CATEGORY_LABELS, STATUS_LABELS }

/** The eight disorders of back alleys (八乱), offered first. */
export const EIGHT_DISORDERS: SuggestionCategory[] = [
  'cooking_fumes',
  'sewage',
  'litter',
  'clutter',
  'parking',
  'signboards',
  'stalls',
  'cables',
]
export const OTHER_CATEGORIES: SuggestionCategory[] = [
  'greening',
  'lighting',
  'road_surface',
  'facilities',
  'safety',
  'elderly_children',
  'other',
]

export type Tone = 'accent' | 'ok' | 'warn' | 'danger' | 'plain'

/** Badge colour per state: "closed without fixing" is never green, so never mistaken for fixed. */
export const STATUS_TONES: Record<SuggestionStatus, Tone> = {
  submitted: 'warn',
  published: 'accent',
  accepted: 'accent',
  adopted: 'ok',
  not_adopted: 'plain',
  merged: 'plain',
  in_progress: 'accent',
  completed: 'ok',
  reopened: 'warn',
  closed_unfixed: 'danger',
}

/** States a resident can filter the public list by, in lifecycle order (待审核 is never public). */
export const FILTER_STATUSES: SuggestionStatus[] = [
  'published',
  'accepted',
  'adopted',
  'in_progress',
  'completed',
  'reopened',
  'not_adopted',
  'merged',
  'closed_unfixed',
]

export function categoryLabel(category: string): string {
  return (CATEGORY_LABELS as Record<string, string>)[category] ?? category
}

export function statusLabel(status: string): string {
  return (STATUS_LABELS as Record<string, string>)[status] ?? status
}
