// Random, non-sequential text ids for everything that appears in a URL.
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

export function newId(length = 16): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  let id = ''
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length]
  return id
}
