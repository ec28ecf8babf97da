// Signed photo URLs. <Image> in a mini-program cannot send an Authorization header, so a photo
// that is not public yet is handed, to viewers allowed to see it, as a URL signed for one hour.

export const SIGNED_URL_TTL_MS = 60 * 60 * 1000

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message))
  return [...new Uint8Array(signature)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, 32)
}

/** `${base}?exp=…&sig=…`, valid for an hour from `at`. */
export async function signedPath(
  base: string,
  id: string,
  secret: string,
  at = Date.now(),
): Promise<string> {
  const expires = at + SIGNED_URL_TTL_MS
  return `${base}?exp=${expires}&sig=${await hmacHex(secret, `${id}.${expires}`)}`
}

export async function isValidSignature(
  id: string,
  exp: string | undefined,
  sig: string | undefined,
  secret: string,
  at = Date.now(),
) {
  if (!exp || !sig || !/^\d+$/.test(exp) || Number(exp) < at) return false
  return (await hmacHex(secret, `${id}.${exp}`)) === sig
}
