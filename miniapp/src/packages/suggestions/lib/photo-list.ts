// The photos of a form while they upload one by one: each is uploading, done (with the id the
// API gave it) or failed (with the reason, and a retry). Pure: tests run it in node.

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024

export type PhotoItem = {
  key: string
  /** Local path from chooseImage, shown as the thumbnail. */
  filePath: string
  status: 'uploading' | 'done' | 'failed'
  id?: string
  error?: string
}

export function remainingSlots(list: PhotoItem[], max: number): number {
  return Math.max(max - list.length, 0)
}

/** Adds chosen files, at most up to `max`; files over the size limit arrive already failed. */
export function addPhotos(
  list: PhotoItem[],
  files: { path: string; size?: number }[],
  max: number,
  nextKey: () => string,
): { list: PhotoItem[]; added: PhotoItem[]; dropped: number } {
  const room = remainingSlots(list, max)
  const added: PhotoItem[] = files.slice(0, room).map((f) =>
    f.size !== undefined && f.size > MAX_PHOTO_BYTES
      ? {
          key: nextKey(),
          filePath: f.path,
          status: 'failed',
          error: '照片不能超过 5MB，请换一张',
        }
      : { key: nextKey(), filePath: f.path, status: 'uploading' },
  )
  return { list: [...list, ...added], added, dropped: Math.max(files.length - room, 0) }
}

export function markUploaded(list: PhotoItem[], key: string, id: string): PhotoItem[] {
  return list.map((p) => (p.key === key ? { ...p, status: 'done', id, error: undefined } : p))
}

export function markFailed(list: PhotoItem[], key: string, error: string): PhotoItem[] {
  return list.map((p) => (p.key === key ? { ...p, status: 'failed', error } : p))
}

export function markRetrying(list: PhotoItem[], key: string): PhotoItem[] {
  return list.map((p) => (p.key === key ? { ...p, status: 'uploading', error: undefined } : p))
}

export function removePhoto(list: PhotoItem[], key: string): PhotoItem[] {
  return list.filter((p) => p.key !== key)
}

export type UploadSummary = {
  ids: string[]
  uploading: number
  failed: number
  ready: boolean
  blocker: string | null
}

/** Whether the form may be sent, and if not, what the resident should do about the photos. */
export function uploadSummary(list: PhotoItem[]): UploadSummary {
  const uploading = list.filter((p) => p.status === 'uploading').length
  const failed = list.filter((p) => p.status === 'failed').length
  const ids = list.filter((p) => p.status === 'done' && p.id).map((p) => p.id as string)
  const blocker =
    uploading > 0
      ? `还有 ${uploading} 张照片正在上传，请稍候`
      : failed > 0
        ? `有 ${failed} 张照片没有上传成功，请点“重试”或删除`
        : null
  return { ids, uploading, failed, ready: blocker === null, blocker }
}
