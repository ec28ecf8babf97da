import { pathToFileURL } from 'node:url'
import { createClient, type Client } from '@libsql/client'

// The test's own look into a server's SQLite file (WAL: readable while the server writes).

export function openFile(file: string): Client {
  return createClient({ url: pathToFileURL(file).href, concurrency: 1 })
}

export async function rows<T = Record<string, unknown>>(
  file: string,
  sql: string,
  args: (string | number)[] = [],
): Promise<T[]> {
  const client = openFile(file)
  try {
    return (await client.execute({ sql, args })).rows.map((row) => ({ ...row })) as T[]
  } finally {
    client.close()
  }
}
