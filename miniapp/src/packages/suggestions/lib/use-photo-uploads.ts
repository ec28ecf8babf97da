import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { uploadSuggestionPhoto } from '@/packages/suggestions/api'
import { InputError } from '@/lib/error-message'
import { errorMessage, showError } from '@/lib/errors'
import {
  addPhotos,
  markFailed,
  markRetrying,
  markUploaded,
  remainingSlots,
  removePhoto,
  type PhotoItem,
} from './photo-list'

let keys = 0
const nextKey = () => `photo-${++keys}`

/** Choosing photos uploads each at once (a failed one can be retried), so "提交" only sends ids. */
export function usePhotoUploads(communityId: string, max: number, initial: PhotoItem[] = []) {
  const [photos, setPhotos] = useState<PhotoItem[]>(initial)
  const latest = useRef(photos)
  latest.current = photos

  const update = (change: (list: PhotoItem[]) => PhotoItem[]) => {
    latest.current = change(latest.current)
    setPhotos(latest.current)
  }

  const send = async (item: PhotoItem) => {
    try {
      const photo = await uploadSuggestionPhoto(communityId, item.filePath)
      update((list) => markUploaded(list, item.key, photo.id))
    } catch (e) {
      update((list) => markFailed(list, item.key, errorMessage(e)))
    }
  }

  const choose = async () => {
    const count = remainingSlots(latest.current, max)
    if (count === 0) {
      showError(new InputError(`最多 ${max} 张照片`))
      return
    }
    let chosen: Taro.chooseImage.SuccessCallbackResult
    try {
      chosen = await Taro.chooseImage({
        count,
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      })
    } catch {
      return // cancelled
    }
    const files = chosen.tempFiles?.length
      ? chosen.tempFiles.map((f) => ({ path: f.path, size: f.size }))
      : chosen.tempFilePaths.map((path) => ({ path }))
    const result = addPhotos(latest.current, files, max, nextKey)
    update(() => result.list)
    if (result.dropped > 0)
      showError(new InputError(`最多 ${max} 张照片，多选的 ${result.dropped} 张没有加入`))
    // One after another: gentler on a weak phone connection than nine at once.
    for (const item of result.added) if (item.status === 'uploading') await send(item)
  }

  const retry = (key: string) => {
    const item = latest.current.find((p) => p.key === key)
    if (!item) return
    update((list) => markRetrying(list, key))
    void send(item)
  }

  const preview = (key: string) => {
    const urls = latest.current.map((p) => p.filePath)
    const current = latest.current.find((p) => p.key === key)?.filePath
    void Taro.previewImage({ urls, current })
  }

  return {
    photos,
    choose,
    retry,
    preview,
    remove: (key: string) => update((list) => removePhoto(list, key)),
    reset: () => update(() => []),
  }
}
