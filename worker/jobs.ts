import type { Db } from './lib/env'
import { purgeRateLimits } from './lib/rate-limit'
import { closeExpiredVotes } from './conventions/voting-service'
import { remindClosingVotes } from './conventions/reminders'
import { releaseNoShows } from './bookings/manage-service'
import { remindUpcomingMeetings } from './meetings/reminders'
import { refreshAllFigures } from './transparency/figures-service'
import { remindRegister } from './transparency/register-service'

// Housekeeping, for both runtimes: the Workers cron trigger (worker/index.ts `scheduled`) and the
// timer in the Node server (server/main.ts, croner) run exactly this.

/** When housekeeping runs: the cron of wrangler.toml's [triggers] (a test keeps them equal). */
export const HOUSEKEEPING_CRON = '*/5 * * * *'

/** Close votes whose window has passed, remind, release no-shows, purge stale counters. */
export async function runHousekeeping(db: Db): Promise<void> {
  await Promise.all([
    purgeRateLimits(db),
    closeExpiredVotes(db),
    remindClosingVotes(db),
    releaseNoShows(db),
    remindUpcomingMeetings(db),
    // The public 三率 are recomputed here: this period (5 minutes) is their stated freshness.
    refreshAllFigures(db),
    remindRegister(db),
  ])
}
