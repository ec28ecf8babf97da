import { copyFile, mkdir, open, readdir, rename, stat } from 'node:fs/promises'
import path from 'node:path'

// File steps of backup and restore that must survive a crash: a file is complete on disk before
// it takes its final name, and the name itself is on disk (the folder flushed).

export async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Copies `from` to `to` through a temporary name, flushed, then renamed. */
export async function copyDurably(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true })
  const temporary = `${to}.${process.pid}.copying`
  await copyFile(from, temporary)
  await syncFile(temporary)
  await rename(temporary, to)
  await syncDir(path.dirname(to))
}

/**
 * Copies the photo files of `from` that `to` lacks (or holds at another size) and returns how
 * many. A photo's key never gets other bytes, so what is there already is left alone; nothing is
 * deleted in `to`.
 */
export async function copyNewFiles(from: string, to: string): Promise<number> {
  let copied = 0
  let names: string[]
  try {
    names = await readdir(from, { recursive: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0
    throw error
  }
  for (const name of names) {
    const source = path.join(from, name)
    const info = await stat(source)
    if (!info.isFile() || name.endsWith('.tmp')) continue
    const target = path.join(to, name)
    const existing = await stat(target).catch(() => null)
    if (existing?.size === info.size) continue
    await copyDurably(source, target)
    copied++
  }
  return copied
}
