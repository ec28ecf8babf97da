import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import worker from '../../worker/index'
import { dbCount, dbRun, seedDemo } from './helpers'

// The cron entry (every 5 minutes) runs all housekeeping; each job has its own tests, this one
// checks that the entry runs them together without an error on the demo data.

describe('scheduled housekeeping', () => {
  beforeAll(seedDemo)

  it('runs every job: stale rate-limit counters go, a meeting starting within a day reminds its registrants', async () => {
    const soon = Date.now() + 3 * 3600_000
    await dbRun(
      `UPDATE meetings SET starts_at = ?, ends_at = ?, signup_closes_at = ? WHERE id = 'mt-demo-council'`,
      soon,
      soon + 7200_000,
      soon - 3600_000,
    )
    await dbRun(`INSERT INTO rate_limits (key, window_start, count) VALUES ('write:old', 0, 5)`)
    const ctx = createExecutionContext()
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '*/5 * * * *' }),
      env,
      ctx,
    )
    await waitOnExecutionContext(ctx)
    expect(await dbCount("SELECT COUNT(*) AS n FROM rate_limits WHERE key = 'write:old'")).toBe(0)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM notifications WHERE kind = 'meeting.reminder' AND user_id = 'us-resident-li'",
      ),
    ).toBe(1)
  })
})
