import { createMiddleware } from 'hono/factory'
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
  }
}

/** The one place that binds the photo store to the runtime's bucket, and the signing secrets to the request. */
export const photoStoreMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  c.set('photos', r2PhotoStore(c.env.PHOTOS))
  if (!c.env.PHOTO_URL_SECRET) throw new Error('PHOTO_URL_SECRET is not configured')
  c.set('photoSecret', c.env.PHOTO_URL_SECRET)
  if (!c.env.BALLOT_SECRET) throw new Error('BALLOT_SECRET is not configured')
  c.set('ballotSecret', c.env.BALLOT_SECRET)
  await next()
})
