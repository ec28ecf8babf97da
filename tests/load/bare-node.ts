// The ceilings on Node, as tests/load/bare-worker.ts on Workers: GET / is a bare Hono route on
// @hono/node-server (no database, no middleware); GET /api/one-query adds one query (SELECT 1)
// to a SQLite file opened as the server opens its own (server/database.ts): the floor of any
// request that reads. Node serves the H5 build from the app itself, so no router stands in front.
// Usage: node --import tsx tests/load/bare-node.ts PORT DATABASE_FILE
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { openDatabase } from '../../server/database'

async function main() {
  const port = Number(process.argv[2] ?? 8801)
  const client = await openDatabase(process.argv[3]!)
  const app = new Hono()
    .get('/', (c) => c.json({ ok: true }))
    .get('/api/one-query', async (c) => c.json((await client.execute('SELECT 1 AS ok')).rows[0]))
  serve({ fetch: app.fetch, port, hostname: '127.0.0.1' })
}

void main()
