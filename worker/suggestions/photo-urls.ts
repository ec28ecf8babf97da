import { isPublic } from './authz'

// Photo URLs. <Image> in a mini-program cannot send an Authorization header, so a photo of a
// public suggestion has a plain URL, and a photo not yet public (awaiting moderation, hidden)
// gets a URL signed for one hour, handed only to viewers allowed to see it.

export const SIGNED_URL_TTL_MS = 60 * 60 * 1000

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message))
  return [...new Uint8Array(signature)].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 32)
}

export async function photoUrl(
  photoId: string,
  suggestion: { status: Parameters<typeof isPublic>[0]['status']; hiddenAt: number | null } | null,
  secret: string,
  at = Date.now(),
): Promise<string> {
  const base = `/api/suggestion-photos/${photoId}`
  if (suggestion && isPublic(suggestion)) return base
  const expires = at + SIGNED_URL_TTL_MS
  return `${base}?exp=${expires}&sig=${await hmacHex(secret, `${photoId}.${expires}`)}`
}

export async function isValidSignature(photoId: string, exp: string | undefined, sig: string | undefined, secret: string, at = Date.now()) {
  if (!exp || !sig || !/^\d+$/.test(exp) || Number(exp) < at) return false
  return (await hmacHex(secret, `${photoId}.${exp}`)) === sig
}
