import { and, eq, inArray, isNull } from 'drizzle-orm'
import { suggestionPhotos, suggestions } from '../../db/schema'
import type { Db } from '../lib/env'
import {
  holdsOf,
  photoHoldStatements,
  requestPhotoCheck,
  type ContentCheck,
} from '../lib/content-check'
import { runBatch } from '../lib/db'
import { signedPath } from '../lib/signed-url'
import type { SessionUser } from '../lib/auth'
import { requireUser } from '../lib/auth'
import { AppError, notFound } from '../lib/errors'
import { intakePhoto } from '../lib/photo-intake'
import type { PhotoStore } from '../lib/photo-store'
import { now } from '../lib/time'
import { holdsRole } from '../identity/authz'
import { residencyIn } from '../identity/residency-service'
import { canView } from './authz'
import { isValidSignature, photoUrl } from './photo-urls'
import { MAX_PHOTOS } from './schemas'

/** Stores one photo privately; it stays unattached until a suggestion or progress update uses it. */
export async function uploadPhoto(
  db: Db,
  check: ContentCheck,
  store: PhotoStore,
  secret: string,
  actor: SessionUser | null,
  /** `origin`: this API's public origin, where WeChat's photo check downloads the photo. */
  input: { communityId: unknown; file: unknown; origin: string },
) {
  const user = requireUser(actor)
  if (typeof input.communityId !== 'string' || !input.communityId)
    throw new AppError('VALIDATION_FAILED', '缺少社区信息，请刷新后重试')
  const communityId = input.communityId
  const allowed =
    (await residencyIn(db, user.id, communityId)) ||
    (await holdsRole(db, user, communityId, ['staff', 'admin', 'planner']))
  if (!allowed) throw new AppError('FORBIDDEN', '请先完成本社区的居民认证')
  const photo = await intakePhoto(store, input.file, (id) => `suggestions/${communityId}/${id}`)
  // With WeChat configured the photo is held until mediaCheckAsync's verdict (or staff) passes it.
  const path = `/api/suggestion-photos/${photo.id}`
  const target = { type: 'suggestion_photo', id: photo.id }
  await runBatch(db, [
    db.insert(suggestionPhotos).values({
      id: photo.id,
      communityId,
      uploaderUserId: user.id,
      r2Key: photo.key,
      contentType: photo.contentType,
      bytes: photo.bytes,
      createdAt: now(),
    }),
    ...photoHoldStatements(
      db,
      check,
      { ...target, communityId, uploaderUserId: user.id, mediaUrl: `${input.origin}${path}` },
      3,
    ),
  ])
  if (check.wechat)
    await requestPhotoCheck(
      check,
      target,
      `${input.origin}${await signedPath(path, photo.id, secret)}`,
    )
  return {
    id: photo.id,
    url: await photoUrl(photo.id, null, secret),
    review: check.wechat ? '审核中' : null,
  }
}

/** Checks photo ids a request wants to attach: the uploader's own, unused, of this community. */
export async function assertAttachablePhotos(
  db: Db,
  userId: string,
  communityId: string,
  photoIds: string[],
) {
  if (photoIds.length > MAX_PHOTOS)
    throw new AppError('VALIDATION_FAILED', `最多上传 ${MAX_PHOTOS} 张照片`)
  if (new Set(photoIds).size !== photoIds.length)
    throw new AppError('VALIDATION_FAILED', '照片重复了，请检查')
  if (photoIds.length === 0) return
  const rows = await db
    .select({ id: suggestionPhotos.id })
    .from(suggestionPhotos)
    .where(
      and(
        inArray(suggestionPhotos.id, photoIds),
        eq(suggestionPhotos.uploaderUserId, userId),
        eq(suggestionPhotos.communityId, communityId),
        isNull(suggestionPhotos.suggestionId),
      ),
    )
  if (rows.length !== photoIds.length)
    throw new AppError('VALIDATION_FAILED', '有照片未上传成功或已被使用，请重新上传')
}

/** Streams a photo to someone allowed to see it: public suggestion, signed URL, uploader, or staff. */
export async function readPhoto(
  db: Db,
  store: PhotoStore,
  secret: string,
  actor: SessionUser | null,
  photoId: string,
  query: { exp?: string; sig?: string },
) {
  const photo = await db
    .select()
    .from(suggestionPhotos)
    .where(eq(suggestionPhotos.id, photoId))
    .get()
  if (!photo) throw notFound('照片')
  const suggestion = photo.suggestionId
    ? await db.select().from(suggestions).where(eq(suggestions.id, photo.suggestionId)).get()
    : undefined
  const allowed =
    (suggestion && (await canView(db, actor, suggestion))) ||
    (!suggestion && actor?.id === photo.uploaderUserId) ||
    (await isValidSignature(photoId, query.exp, query.sig, secret))
  if (!allowed) throw notFound('照片')
  // A photo the content check holds is for its uploader and staff (and WeChat, by signed URL).
  const held = (await holdsOf(db, 'suggestion_photo', [photoId])).get(photoId)?.held ?? false
  if (
    held &&
    actor?.id !== photo.uploaderUserId &&
    !(await isValidSignature(photoId, query.exp, query.sig, secret)) &&
    !(await holdsRole(db, actor, photo.communityId, ['staff', 'admin', 'planner']))
  )
    throw notFound('照片')
  const object = await store.get(photo.r2Key)
  if (!object) throw notFound('照片')
  const isPublicPhoto = Boolean(
    !held && suggestion && suggestion.status !== 'submitted' && suggestion.hiddenAt === null,
  )
  return { ...object, cacheControl: isPublicPhoto ? 'public, max-age=300' : 'private, no-store' }
}
