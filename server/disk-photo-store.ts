import { createReadStream } from 'node:fs'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { PhotoStore } from '../worker/lib/env'

// Photos on the Node runtime: the same store interface as R2 (worker/lib/photo-store.ts), on a
// directory. A key such as `suggestions/cm-huaishu/abc` is a file under `root`, its content type
// a small file beside it (`….type`). Keys are made by the worker (lib/photo-intake.ts), never
// by residents; they are still checked so that nothing can write outside the directory.

const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/

/** The store under `root`, with the directory it keeps its files in (backups copy it). */
export type DiskPhotoStore = PhotoStore & { root: string }

export function diskPhotoStore(root: string): DiskPhotoStore {
  const file = (key: string) => {
    if (!KEY.test(key)) throw new Error(`photo key not allowed: ${JSON.stringify(key)}`)
    return path.join(root, key)
  }
  return {
    root,
    async put(key, bytes, contentType) {
      const target = file(key)
      await mkdir(path.dirname(target), { recursive: true })
      // Like R2, a put is durable once it returns: the row that names the photo is written
      // after it, so a crash between the two leaves an unlisted file, never a listed hole.
      await writeDurably(`${target}.type`, contentType)
      await writeDurably(target, bytes)
    },
    async get(key) {
      const target = file(key)
      let contentType: string
      try {
        contentType = (await readFile(`${target}.type`, 'utf8')).trim()
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
      const stream = createReadStream(target)
      // Opened before answering, so a missing file is null rather than a broken body.
      const opened = await new Promise<boolean>((resolve, reject) => {
        stream.once('open', () => resolve(true))
        stream.once('error', (error: NodeJS.ErrnoException) =>
          error.code === 'ENOENT' ? resolve(false) : reject(error),
        )
      })
      if (!opened) return null
      return { body: Readable.toWeb(stream) as ReadableStream, contentType }
    },
    async delete(key) {
      const target = file(key)
      await rm(target, { force: true })
      await rm(`${target}.type`, { force: true })
    },
  }
}

/** Writes to a temporary name, flushes it to disk, then renames it into place. */
async function writeDurably(target: string, data: Uint8Array | string) {
  const temporary = `${target}.${process.pid}.tmp`
  const handle = await open(temporary, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temporary, target)
  const dir = await open(path.dirname(target), 'r')
  try {
    await dir.sync()
  } finally {
    await dir.close()
  }
}
