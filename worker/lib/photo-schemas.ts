import { z } from '@hono/zod-openapi'

// The request and response shapes of photos, for every domain (lib/photo-intake.ts takes the
// bytes). Only zod here: the mini-program's typecheck reads the domains' schemas.ts, which use these.

/** The multipart field; the handler reads the form with parseBody(), this documents it. */
export const PhotoFileField = z
  .any()
  .refine((v) => v instanceof File, { error: '请选择一张照片' })
  .openapi({ type: 'string', format: 'binary' })

/** A form carrying one photo. */
export const PhotoUploadForm = z.object({ file: PhotoFileField })

/** A photo as a response lists it. */
export const StoredPhotoSchema = z.object({ id: z.string(), url: z.string() })

/** `?exp=…&sig=…` of a signed photo URL (lib/signed-url.ts). */
export const SignedPhotoQuery = z.object({
  exp: z.string().max(20).optional(),
  sig: z.string().max(64).optional(),
})

/** The 200 of a photo GET route. */
export const imageResponse = { description: '图片', content: { 'image/jpeg': { schema: z.any() } } }
