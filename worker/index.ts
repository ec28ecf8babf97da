import { app } from './app'
import type { Bindings } from './lib/env'
import { createDb } from './lib/db'
import { purgeRateLimits } from './lib/rate-limit'
import { closeExpiredVotes } from './conventions/voting-service'
import { remindClosingVotes } from './conventions/reminders'
import { releaseNoShows } from './bookings/manage-service'
import { remindUpcomingMeetings } from './meetings/reminders'

// The Workers entry: HTTP goes to the Hono app, cron triggers to housekeeping.
export default {
  fetch: app.fetch,
  async scheduled(_controller: ScheduledController, env: Bindings, ctx: ExecutionContext) {
    const db = createDb(env.DB)
    ctx.waitUntil(
      Promise.all([
        purgeRateLimits(db),
        closeExpiredVotes(db),
        remindClosingVotes(db),
        releaseNoShows(db),
        remindUpcomingMeetings(db),
      ]),
    )
  },
} satisfies ExportedHandler<Bindings>
