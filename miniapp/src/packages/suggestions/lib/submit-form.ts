// The two-step 提金点子 form: its state, the checks made before anything is sent (the same limits
// and Chinese messages as worker/suggestions/schemas.ts), and the request it becomes. Pure.
import type { ApiError } from '@/api/http'
import { InputError } from '@/lib/error-message'
import type {
  CreateSuggestionBody,
  SimilarQuery,
  SuggestionCategory,
} from '@/packages/suggestions/api'

export const LIMITS = {
  titleMin: 4,
  titleMax: 40,
  descriptionMin: 10,
  descriptionMax: 1000,
  landmarkMax: 60,
  photos: 9,
} as const

export type MapPoint = { lat: number; lng: number; name: string }

export type SubmitDraft = {
  title: string
  description: string
  category: SuggestionCategory | null
  alleyId: string | null
  landmark: string
  location: MapPoint | null
  showName: boolean
}

export const EMPTY_DRAFT: SubmitDraft = {
  title: '',
  description: '',
  category: null,
  alleyId: null,
  landmark: '',
  location: null,
  showName: false,
}

export type Field =
  'title' | 'description' | 'category' | 'alleyId' | 'landmark' | 'photos' | 'form'
export type FieldErrors = Partial<Record<Field, string>>

/** Characters as the API counts them: after trimming. */
const length = (text: string) => text.trim().length

/** Step 1 (what and where): every problem at once, so the resident fixes them in one pass. */
export function validateWhatAndWhere(d: SubmitDraft): FieldErrors {
  const errors: FieldErrors = {}
  const title = length(d.title)
  if (title === 0) errors.title = '请填写标题'
  else if (title < LIMITS.titleMin) errors.title = `标题至少 ${LIMITS.titleMin} 个字`
  else if (title > LIMITS.titleMax) errors.title = `标题不能超过 ${LIMITS.titleMax} 个字`

  const description = length(d.description)
  if (description === 0) errors.description = '请填写具体描述'
  else if (description < LIMITS.descriptionMin)
    errors.description = `具体描述至少 ${LIMITS.descriptionMin} 个字，说说是什么问题、什么时候最明显`
  else if (description > LIMITS.descriptionMax)
    errors.description = `具体描述不能超过 ${LIMITS.descriptionMax} 个字`

  if (!d.category) errors.category = '请选择问题类别'
  if (length(d.landmark) > LIMITS.landmarkMax)
    errors.landmark = `地标描述不能超过 ${LIMITS.landmarkMax} 个字`
  return errors
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean)
}

/** The first message, for the toast that accompanies the inline errors. */
export function firstError(errors: FieldErrors): string | null {
  const order: Field[] = [
    'title',
    'description',
    'category',
    'alleyId',
    'landmark',
    'photos',
    'form',
  ]
  for (const f of order) if (errors[f]) return errors[f] ?? null
  return null
}

/**
 * What to ask /suggestions/similar while the resident types: nothing until there is something
 * to compare (a few characters, or a chosen alley), so the list does not flicker on every key.
 */
export function similarQueryOf(d: SubmitDraft): SimilarQuery | null {
  const title = d.title.trim().slice(0, LIMITS.titleMax)
  const description = d.description.trim().slice(0, LIMITS.descriptionMax)
  if (title.length + description.length < 2 && !d.alleyId) return null
  const query: SimilarQuery = { title, description }
  if (d.category) query.category = d.category
  if (d.alleyId) query.alleyId = d.alleyId
  return query
}

/** The query as a string (built in a fixed key order), to debounce and to key the request by. */
export function similarKey(query: SimilarQuery | null): string {
  return query ? JSON.stringify(query) : ''
}

export function parseSimilarKey(key: string): SimilarQuery | null {
  return key ? (JSON.parse(key) as SimilarQuery) : null
}

/** The request body; call only after validateWhatAndWhere found nothing. */
export function toCreateBody(d: SubmitDraft, photoIds: string[]): CreateSuggestionBody {
  if (!d.category) throw new InputError('请选择问题类别')
  const body: CreateSuggestionBody = {
    title: d.title.trim(),
    description: d.description.trim(),
    category: d.category,
    photoIds,
    showName: d.showName,
  }
  if (d.alleyId) body.alleyId = d.alleyId
  if (d.landmark.trim()) body.landmark = d.landmark.trim()
  if (d.location) body.location = { lat: d.location.lat, lng: d.location.lng }
  return body
}

/** The API's validation issues, put next to the fields they concern ("photoIds.3" → photos). */
export function fieldErrorsFromApi(
  error: Pick<ApiError, 'code' | 'message' | 'issues'>,
): FieldErrors {
  const errors: FieldErrors = {}
  if (error.code !== 'VALIDATION_FAILED') return { form: error.message }
  for (const issue of error.issues) {
    const head = issue.path.split('.')[0] ?? ''
    const field: Field =
      head === 'photoIds'
        ? 'photos'
        : head === 'location'
          ? 'landmark'
          : (['title', 'description', 'category', 'alleyId', 'landmark'] as string[]).includes(head)
            ? (head as Field)
            : 'form'
    errors[field] ??= issue.message
  }
  if (!hasErrors(errors)) {
    // Rules checked by the service carry a message but no path.
    if (/小巷/.test(error.message)) errors.alleyId = error.message
    else if (/照片/.test(error.message)) errors.photos = error.message
    else errors.form = error.message
  }
  return errors
}

/** Which step shows a field: the form goes back to the first step that has a problem. */
export function stepOf(errors: FieldErrors): 1 | 2 {
  return errors.title || errors.description || errors.category || errors.alleyId || errors.landmark
    ? 1
    : 2
}

/** How the author will appear publicly: the nickname, or "梧桐苑1号楼居民". */
export function authorPreview(
  showName: boolean,
  nickname: string,
  buildingLabel: string | null,
): string {
  if (showName) return nickname
  return buildingLabel ? `${buildingLabel}居民` : '某楼栋居民'
}

/** "12 / 40": what has been typed against the limit (trimmed, as the API counts). */
export function counter(text: string, max: number): string {
  return `${length(text)} / ${max}`
}
