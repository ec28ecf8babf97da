import { app } from './app'
import type { Bindings } from './env'
import { createDb } from './lib/db'
import { purgeRateLimits } from './lib/rate-limit'

// The Workers entry: HTTP goes to the Hono app, cron triggers to housekeeping.
export default {
  fetch: app.fetch,
  async scheduled(_controller: ScheduledController, env: Bindings, ctx: ExecutionContext) {
    ctx.waitUntil(purgeRateLimits(createDb(env.DB)))
  },
} satisfies ExportedHandler<Bindings>
