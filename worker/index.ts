import { app } from './app'
import type { Bindings } from './lib/env'
import { createDb } from './lib/db'
import { runHousekeeping } from './jobs'

// The Workers entry: HTTP goes to the Hono app, cron triggers to housekeeping.
// (The Node entry is server/main.ts: the same app and the same jobs.)
export default {
  fetch: app.fetch,
  async scheduled(_controller: ScheduledController, env: Bindings, ctx: ExecutionContext) {
    ctx.waitUntil(runHousekeeping(createDb(env.DB), env))
  },
} satisfies ExportedHandler<Bindings>
