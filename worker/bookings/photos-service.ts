import { eq, sql } from 'drizzle-orm'
import { rooms, roomSettings } from '../../db/schema'
import type { Db } from '../lib/env'
import { auditIfChangedStatement, auditStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import { runBatch } from '../lib/db'
import { AppError, notFound } from '../lib/errors'
import { intakePhoto } from '../lib/photo-intake'
import type { PhotoStore } from '../lib/photo-store'
import { assertCentreManagerOf } from '../identity/authz'
import { auditCommunityOf } from './centre-admin-service'
import { parsePhotoIds, roomPhotoUrls } from './repo'

// Room photos: managers upload them (checked by their bytes, metadata stripped, kept in R2 like
// 金点子 photos); anyone may see them, like the room itself. Their ids live in
// room_settings.photos_json, in order.

export const MAX_ROOM_PHOTOS = 6

const r2Key = (roomId: string, photoId: string) => `rooms/${roomId}/${photoId}`

async function managedRoom(db: Db, actor: SessionUser | null, roomId: string) {
  const row = await db
    .select({ centreId: rooms.centreId, photosJson: roomSettings.photosJson })
    .from(rooms)
    .leftJoin(roomSettings, eq(roomSettings.roomId, rooms.id))
    .where(eq(rooms.id, roomId))
    .get()
  if (!row) throw notFound('房间')
  const manager = await assertCentreManagerOf(db, actor, row.centreId)
  if (row.photosJson === null)
    throw new AppError('VALIDATION_FAILED', '请先设置这个房间的预约规则，再上传照片')
  return { manager, centreId: row.centreId, photoIds: parsePhotoIds(row.photosJson) }
}

export async function uploadRoomPhoto(
  db: Db,
  store: PhotoStore,
  actor: SessionUser | null,
  roomId: string,
  file: unknown,
) {
  const { manager, centreId, photoIds } = await managedRoom(db, actor, roomId)
  if (photoIds.length >= MAX_ROOM_PHOTOS)
    throw new AppError('VALIDATION_FAILED', `每个房间最多 ${MAX_ROOM_PHOTOS} 张照片，请先删除一张`)
  const { id } = await intakePhoto(store, file, (photoId) => r2Key(roomId, photoId))
  // The limit is checked again by the UPDATE itself, so two uploads at once cannot pass it.
  await runBatch(db, [
    db.run(sql`UPDATE room_settings SET photos_json = json_insert(photos_json, '$[#]', ${id})
      WHERE room_id = ${roomId} AND json_array_length(photos_json) < ${MAX_ROOM_PHOTOS}`),
    auditIfChangedStatement(db, {
      communityId: await auditCommunityOf(db, centreId),
      actorUserId: manager.id,
      action: 'room.add_photo',
      targetType: 'room',
      targetId: roomId,
      after: { photoId: id },
    }),
  ])
  const after = await roomPhotos(db, roomId)
  if (!after.some((p) => p.id === id))
    throw new AppError('VALIDATION_FAILED', `每个房间最多 ${MAX_ROOM_PHOTOS} 张照片，请先删除一张`)
  return { photos: after }
}

export async function deleteRoomPhoto(
  db: Db,
  actor: SessionUser | null,
  roomId: string,
  photoId: string,
) {
  const { manager, centreId, photoIds } = await managedRoom(db, actor, roomId)
  if (!photoIds.includes(photoId)) throw notFound('照片')
  await runBatch(db, [
    db.run(sql`UPDATE room_settings SET photos_json = (SELECT COALESCE(json_group_array(value), '[]') FROM
      (SELECT value FROM json_each(room_settings.photos_json) WHERE value != ${photoId} ORDER BY key)) WHERE room_id = ${roomId}`),
    auditStatement(db, {
      communityId: await auditCommunityOf(db, centreId),
      actorUserId: manager.id,
      action: 'room.remove_photo',
      targetType: 'room',
      targetId: roomId,
      before: { photoId },
    }),
  ])
  // The bytes stay in R2 (no delete in PhotoStore); nothing links to them any more and reading checks the list.
  return { photos: await roomPhotos(db, roomId) }
}

async function roomPhotos(db: Db, roomId: string) {
  const row = await db
    .select({ photosJson: roomSettings.photosJson })
    .from(roomSettings)
    .where(eq(roomSettings.roomId, roomId))
    .get()
  return row ? roomPhotoUrls(roomId, row.photosJson) : []
}

/** A photo listed on its room; a removed or unknown one is 404. */
export async function readRoomPhoto(db: Db, store: PhotoStore, roomId: string, photoId: string) {
  const row = await db
    .select({ photosJson: roomSettings.photosJson })
    .from(roomSettings)
    .where(eq(roomSettings.roomId, roomId))
    .get()
  if (!row || !parsePhotoIds(row.photosJson).includes(photoId)) throw notFound('照片')
  const object = await store.get(r2Key(roomId, photoId))
  if (!object) throw notFound('照片')
  return object
}
