import type { Config, Db } from './lib/env'
import { purgeRateLimits } from './lib/rate-limit'
import { closeExpiredVotes } from './conventions/voting-service'
import { remindClosingVotes } from './conventions/reminders'
import { releaseNoShows } from './bookings/manage-service'
import { remindUpcomingMeetings } from './meetings/reminders'
import { refreshAllFigures } from './transparency/figures-service'
import { remindRegister } from './transparency/register-service'
import { drainWechatOutbox } from './inbox/wechat-outbox'
import { drainConfigOf } from './inbox/wechat-env'
import { contentCheckOf } from './lib/content-check'
import { retryChecks } from './moderation/checks-service'

// Housekeeping, for both runtimes: the Workers cron trigger (worker/index.ts `scheduled`) and the
// timer in the Node server (server/main.ts, croner) run exactly this.

/** When housekeeping runs: the cron of wrangler.toml's [triggers] (a test keeps them equal). */
export const HOUSEKEEPING_CRON = '*/5 * * * *'

/**
 * Close votes whose window has passed, remind, release no-shows, purge stale counters; then send
 * the WeChat subscribe messages queued since the last run (the reminders just written included).
 */
export async function runHousekeeping(db: Db, config: Config): Promise<void> {
  try {
    await Promise.all([
      purgeRateLimits(db),
      closeExpiredVotes(db),
      remindClosingVotes(db),
      releaseNoShows(db),
      remindUpcomingMeetings(db),
      // The public 三率 are recomputed here: this period (5 minutes) is their stated freshness.
      refreshAllFigures(db),
      remindRegister(db),
      // Texts WeChat did not answer in time, photos whose check request failed (decision 013).
      retryChecks(contentCheckOf(db, config), config.PHOTO_URL_SECRET),
    ])
  } finally {
    // Messages already queued by events go out even when a job above failed.
    await drainWechatOutbox(db, drainConfigOf(config))
  }
}
