// The ceiling on Node: a bare Hono route on @hono/node-server, no database, no middleware — what
// tests/load/bare-worker.ts is on Workers. Usage: node --import tsx tests/load/bare-node.ts PORT
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const port = Number(process.argv[2] ?? 8801)
const app = new Hono().get('/', (c) => c.json({ ok: true }))
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' })
