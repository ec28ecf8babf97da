// One SQL statement on the Node server's SQLite file, rows printed as JSON: tests/e2e/db.ts runs
// it as a child process, because its sql() answers synchronously (as `wrangler d1 execute` does).
// Usage: node tests/e2e/sql-file.mjs <file> <statement>
import { pathToFileURL } from 'node:url'
import { createClient } from '@libsql/client'

const [file, statement] = process.argv.slice(2)
const client = createClient({ url: pathToFileURL(file).href, concurrency: 1 })
await client.execute('PRAGMA busy_timeout = 5000')
const result = await client.execute(statement)
client.close()
process.stdout.write(JSON.stringify(result.rows.map((row) => ({ ...row }))))
