import { createMiddleware } from 'hono/factory'
import { requestSecrets } from './config'
import type { AppEnv, PhotoStore } from './env'

export type { PhotoStore }

export function r2PhotoStore(bucket: R2Bucket): PhotoStore {
  return {
    async put(key, bytes, contentType) {
      await bucket.put(key, bytes, { httpMetadata: { contentType } })
    },
    async get(key) {
      const object = await bucket.get(key)
      if (!object) return null
      return {
        body: object.body,
        contentType: object.httpMetadata?.contentType ?? 'application/octet-stream',
      }
    },
    async delete(key) {
      await bucket.delete(key)
    },
  }
}

/**
 * The runtime's photo store: an R2 bucket on Workers is wrapped; on Node, PHOTOS already is a
 * PhotoStore (server/disk-photo-store.ts). An R2 binding is told apart by its list().
 */
export function photoStoreOf(photos: R2Bucket | PhotoStore): PhotoStore {
  return 'list' in photos ? r2PhotoStore(photos) : photos
}

/** The one place that binds the photo store to the runtime's bucket, and the signing secrets to the request. */
export const photoStoreMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  c.set('photos', photoStoreOf(c.env.PHOTOS))
  const { photoSecret, ballotSecret } = requestSecrets(c.env)
  c.set('photoSecret', photoSecret)
  c.set('ballotSecret', ballotSecret)
  await next()
})
