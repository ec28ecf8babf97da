// npm run restore -- <backup.db> [--photos DIR]: puts a backup made by npm run backup in place of
// the Node deployment's database (DATABASE_PATH), with the server stopped. The current database
// is kept beside it (`….before-restore-<time>`, with its WAL), never deleted. Photos are copied
// from the backup's photos/ folder (or --photos) into PHOTOS_DIR, adding what is missing. The
// next start applies any migration newer than the backup.
import { existsSync } from 'node:fs'
import { rename } from 'node:fs/promises'
import path from 'node:path'
import { checkIntegrity } from './backup'
import { loadEnvFile, storagePaths } from './config'
import { copyDurably, copyNewFiles, syncDir } from './files'
import { runningServer } from './pid-file'

export type RestoreResult = { keptAs: string | null; photos: number }

export async function restore(options: {
  backupFile: string
  databasePath: string
  photosDir: string
  photosFrom?: string
}): Promise<RestoreResult> {
  const pid = runningServer(options.databasePath)
  if (pid !== null)
    throw new Error(
      `a server (pid ${pid}) has ${options.databasePath} open: stop it first (systemctl stop linli)`,
    )
  if (!existsSync(options.backupFile)) throw new Error(`no backup at ${options.backupFile}`)
  await checkIntegrity(options.backupFile)

  let keptAs: string | null = null
  if (existsSync(options.databasePath)) {
    keptAs = `${options.databasePath}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`
    // The WAL goes with its database (SQLite finds it by name), so the kept copy stays whole.
    for (const suffix of ['-wal', '-shm', ''])
      if (existsSync(options.databasePath + suffix))
        await rename(options.databasePath + suffix, keptAs + suffix)
    await syncDir(path.dirname(options.databasePath))
  }
  await copyDurably(options.backupFile, options.databasePath)
  const photosFrom = options.photosFrom ?? path.join(path.dirname(options.backupFile), 'photos')
  const photos = await copyNewFiles(photosFrom, options.photosDir)
  return { keptAs, photos }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  loadEnvFile()
  const args = process.argv.slice(2)
  const photosAt = args.indexOf('--photos')
  const photosFrom = photosAt >= 0 ? args[photosAt + 1] : undefined
  const backupFile = args.find(
    (a, i) => !a.startsWith('--') && (photosAt < 0 || i !== photosAt + 1),
  )
  if (!backupFile) {
    console.error('usage: npm run restore -- <backup.db> [--photos DIR]')
    process.exit(2)
  }
  restore({
    backupFile: path.resolve(backupFile),
    ...storagePaths(),
    photosFrom: photosFrom && path.resolve(photosFrom),
  })
    .then(({ keptAs, photos }) => {
      console.log(
        `[restore] ${backupFile} is now ${storagePaths().databasePath}` +
          (keptAs ? `; the previous database is kept as ${keptAs}` : '') +
          `; ${photos} photo files copied. Start the server.`,
      )
    })
    .catch((error) => {
      console.error(`[restore] refused: ${(error as Error).message}`)
      process.exit(1)
    })
}
