import type { PhotoItem } from './photo-list'
import type { SubmitDraft } from './submit-form'

// The unfinished 提金点子 form survives leaving the page (a look at a similar suggestion, a phone
// call) for as long as the app runs. In memory only: it may hold words the resident has not
// decided to send yet.

export type SavedDraft = {
  communityId: string
  step: 1 | 2
  draft: SubmitDraft
  photos: PhotoItem[]
}

let saved: SavedDraft | null = null

export function loadDraft(communityId: string): SavedDraft | null {
  return saved && saved.communityId === communityId ? saved : null
}

export function saveDraft(value: SavedDraft): void {
  saved = value
}

export function clearDraft(): void {
  saved = null
}
