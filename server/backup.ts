// npm run backup [-- --out DIR]: a copy of the Node deployment's database and photos, taken while
// the server runs. The database first, with VACUUM INTO: one read transaction, so the copy is the
// database as of one instant (every write acknowledged before it, none half-written), and in WAL
// mode the server keeps writing meanwhile. Then the photos: a photo is on disk before the row that
// names it commits, so every photo the copy names is there to be copied.
// Restore with npm run restore (server/restore.ts); docs/deploy.md has the schedule and the drill.
import { existsSync } from 'node:fs'
import { mkdir, rename } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createClient } from '@libsql/client'
import { loadEnvFile, ROOT, storagePaths } from './config'
import { copyNewFiles, syncDir, syncFile } from './files'

export type BackupResult = { file: string; photos: number }

export async function backup(options: {
  databasePath: string
  photosDir: string
  outDir: string
}): Promise<BackupResult> {
  if (!existsSync(options.databasePath))
    throw new Error(`no database at ${options.databasePath} (DATABASE_PATH)`)
  await mkdir(options.outDir, { recursive: true })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const file = path.join(path.resolve(options.outDir), `linli-${stamp}.db`)
  const partial = `${file}.partial`
  const live = createClient({
    url: pathToFileURL(options.databasePath).href,
    concurrency: 1,
  })
  try {
    await live.execute('PRAGMA busy_timeout = 10000')
    await live.execute({ sql: 'VACUUM INTO ?', args: [partial] })
  } finally {
    live.close()
  }
  await syncFile(partial)
  await checkIntegrity(partial)
  await rename(partial, file)
  await syncDir(path.dirname(file))
  const photos = await copyNewFiles(options.photosDir, path.join(options.outDir, 'photos'))
  return { file, photos }
}

/** PRAGMA integrity_check of a database file; throws unless it answers "ok". */
export async function checkIntegrity(file: string): Promise<void> {
  const copy = createClient({ url: pathToFileURL(file).href, concurrency: 1 })
  try {
    const rows = (await copy.execute('PRAGMA integrity_check')).rows
    const answer = rows.map((row) => String(Object.values(row)[0])).join('; ')
    if (answer !== 'ok') throw new Error(`${file} failed its integrity check: ${answer}`)
    await copy.execute('SELECT COUNT(*) FROM d1_migrations')
  } finally {
    copy.close()
  }
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : undefined
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  loadEnvFile()
  const outDir = path.resolve(argument('--out') ?? path.join(ROOT, 'backups'))
  backup({ ...storagePaths(), outDir })
    .then(({ file, photos }) => {
      console.log(`[backup] ${file} (integrity ok); ${photos} new photo files in ${outDir}/photos`)
    })
    .catch((error) => {
      console.error(`[backup] failed: ${(error as Error).message}`)
      process.exit(1)
    })
}
