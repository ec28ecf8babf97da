import { existsSync, readFileSync } from 'node:fs'

// A running server writes its pid next to its database; restore reads it, so that it never
// replaces a database a live server has open (a kill -9 leaves the file behind: the pid is
// then checked for a live process).

export const pidFileOf = (databasePath: string) => `${databasePath}.pid`

/** The pid of a live server on this database, or null. */
export function runningServer(databasePath: string): number | null {
  const file = pidFileOf(databasePath)
  if (!existsSync(file)) return null
  const pid = Number(readFileSync(file, 'utf8').trim())
  if (!Number.isInteger(pid) || pid <= 0) return null
  try {
    process.kill(pid, 0)
    return pid
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null
  }
}
