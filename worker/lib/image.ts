// Photos are checked by their bytes, never by file name or declared type, and their metadata
// (EXIF, which carries GPS location) is removed before storage.

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp'

/** The largest photo accepted anywhere (pure data: the mini-program may import it). */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024

export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'image/jpeg'
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png'
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to))
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  return null
}

/** JPEG: drop APP1 (EXIF/XMP) and APP13 (IPTC) segments; everything else is kept as is. */
function stripJpeg(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.slice(0, 2)]
  let i = 2
  while (i + 4 <= bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]!
    // Start of scan: the rest is image data.
    if (marker === 0xda) break
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!
    const end = i + 2 + length
    if (end > bytes.length) break
    if (marker !== 0xe1 && marker !== 0xed) parts.push(bytes.slice(i, end))
    i = end
  }
  parts.push(bytes.slice(i))
  return concat(parts)
}

/** PNG: drop eXIf, tEXt, zTXt and iTXt chunks. */
function stripPng(bytes: Uint8Array): Uint8Array {
  const drop = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt'])
  const parts: Uint8Array[] = [bytes.slice(0, 8)]
  let i = 8
  while (i + 12 <= bytes.length) {
    const length =
      ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0
    const type = String.fromCharCode(...bytes.slice(i + 4, i + 8))
    const end = i + 12 + length
    if (end > bytes.length) return bytes
    if (!drop.has(type)) parts.push(bytes.slice(i, end))
    i = end
  }
  return concat(parts)
}

/** WebP: drop EXIF and XMP chunks and clear their flags in the VP8X header. */
function stripWebp(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = []
  let i = 12
  while (i + 8 <= bytes.length) {
    const type = String.fromCharCode(...bytes.slice(i, i + 4))
    const size =
      (bytes[i + 4]! | (bytes[i + 5]! << 8) | (bytes[i + 6]! << 16) | (bytes[i + 7]! << 24)) >>> 0
    const end = i + 8 + size + (size % 2)
    if (end > bytes.length && type !== 'VP8 ' && type !== 'VP8L') return bytes
    if (type === 'VP8X') {
      const chunk = bytes.slice(i, Math.min(end, bytes.length))
      chunk[8] = chunk[8]! & ~0x0c // EXIF (0x08) and XMP (0x04) flags
      parts.push(chunk)
    } else if (type !== 'EXIF' && type !== 'XMP ') {
      parts.push(bytes.slice(i, Math.min(end, bytes.length)))
    }
    i = end
  }
  const body = concat(parts)
  const header = new Uint8Array(12)
  header.set(bytes.slice(0, 12))
  new DataView(header.buffer).setUint32(4, body.length + 4, true)
  return concat([header, body])
}

export function stripMetadata(bytes: Uint8Array, type: ImageType): Uint8Array {
  if (type === 'image/jpeg') return stripJpeg(bytes)
  if (type === 'image/png') return stripPng(bytes)
  return stripWebp(bytes)
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}
