import { Hono } from 'hono'

// The ceilings for benchmarks, on the same runtime as the app:
//   GET /               a bare Hono route: no D1, no middleware, nothing in front of it
//                       (bare.wrangler.toml);
//   GET /api/bare       the same route served as the app is, behind the assets router that
//                       [assets] with run_worker_first puts in front of every /api/* request
//                       (bare-app-shaped.wrangler.toml);
//   GET /api/one-query  that, plus one D1 query (SELECT 1): the floor of any request that reads.
type Env = { Bindings: { DB?: D1Database } }

export default new Hono<Env>()
  .get('/', (c) => c.json({ ok: true }))
  .get('/api/bare', (c) => c.json({ ok: true }))
  .get('/api/one-query', async (c) => c.json(await c.env.DB!.prepare('SELECT 1 AS ok').first()))
