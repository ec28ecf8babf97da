import type { Context } from 'hono'
import { AppError } from './errors'
import { newId } from './ids'
import { MAX_PHOTO_BYTES, sniffImageType, stripMetadata, type ImageType } from './image'
import type { PhotoStore } from './photo-store'

// The one way a photo comes in, for every domain: a file is present and not over the limit; its
// type is judged by its bytes (never the name or the declared type); its metadata (EXIF carries
// GPS location) is removed; it is stored privately. And the one way it goes out: streamed by the
// worker with its sniffed type, never sniffed again by the browser. Who may upload or see a
// photo, and where its id is kept, stay with the domain.

/** A file is there and not too large (checked before a domain's own limits, as residents see them). */
export function acceptPhotoFile(file: unknown): File {
  if (!(file instanceof File)) throw new AppError('VALIDATION_FAILED', '请选择一张照片')
  if (file.size === 0) throw new AppError('VALIDATION_FAILED', '照片是空的，请重新选择')
  if (file.size > MAX_PHOTO_BYTES)
    throw new AppError('VALIDATION_FAILED', '照片不能超过 5MB，请压缩后再试')
  return file
}

export type StoredPhoto = { id: string; key: string; contentType: ImageType; bytes: number }

/** Sniffs, strips and stores an accepted file under `keyOf(new id)`. */
export async function storePhoto(
  store: PhotoStore,
  file: File,
  keyOf: (photoId: string) => string,
): Promise<StoredPhoto> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  const contentType = sniffImageType(bytes)
  if (!contentType) throw new AppError('VALIDATION_FAILED', '只支持 JPEG、PNG、WebP 格式的照片')
  const id = newId()
  const key = keyOf(id)
  const clean = stripMetadata(bytes, contentType)
  await store.put(key, clean, contentType)
  return { id, key, contentType, bytes: clean.length }
}

/** acceptPhotoFile then storePhoto. */
export async function intakePhoto(
  store: PhotoStore,
  file: unknown,
  keyOf: (photoId: string) => string,
): Promise<StoredPhoto> {
  return storePhoto(store, acceptPhotoFile(file), keyOf)
}

/** Streams a stored photo with its type and caching, and forbids the browser to sniff it. */
export function photoBody(
  c: Context,
  photo: { body: ReadableStream; contentType: string },
  cacheControl: string,
) {
  return c.body(photo.body, 200, {
    'content-type': photo.contentType,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  })
}
