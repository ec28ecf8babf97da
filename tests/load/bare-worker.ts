import { Hono } from 'hono'

// The ceiling for benchmarks: a bare Hono route on the same runtime, no D1, no middleware.
export default new Hono().get('/', (c) => c.json({ ok: true }))
