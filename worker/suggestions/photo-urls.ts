import { signedPath } from '../lib/signed-url'
import { isPublic } from './authz'

// A photo of a public suggestion has a plain URL; one not yet public (awaiting moderation,
// hidden) gets a signed URL (lib/signed-url.ts), handed only to viewers allowed to see it.

export { isValidSignature, SIGNED_URL_TTL_MS } from '../lib/signed-url'

export async function photoUrl(
  photoId: string,
  suggestion: { status: Parameters<typeof isPublic>[0]['status']; hiddenAt: number | null } | null,
  secret: string,
  at = Date.now(),
): Promise<string> {
  const base = `/api/suggestion-photos/${photoId}`
  if (suggestion && isPublic(suggestion)) return base
  return signedPath(base, photoId, secret, at)
}
