import { env } from 'cloudflare:workers'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { remindClosingVotes } from '../../worker/conventions/reminders'
import { createDb } from '../../worker/lib/db'
import { DAY, HOUR } from '../../worker/lib/time'
import { seedDemo } from './helpers'
import {
  demoLogins,
  householdsOf,
  makeResidents,
  resetRateLimits,
  rows,
  run,
  votingConvention,
} from './convention-helpers'

// "表决即将截止" in the inbox: once, to everyone on the roll, in the last 24 hours.

const login = demoLogins()
const reminded = (id: string) =>
  rows<{ user_id: string }>(
    "SELECT user_id FROM notifications WHERE kind = 'convention.closing' AND link LIKE ? ORDER BY user_id",
    `%${id}`,
  )

describe('vote closing reminders', () => {
  let committee: string
  beforeAll(async () => {
    await seedDemo()
    committee = await login('committee-wu')
  })
  beforeEach(resetRateLimits)

  it('tells everyone on a simple roll once, within the last day only', async () => {
    const id = await votingConvention(
      committee,
      { rule: 'simple' },
      { type: 'buildings', ids: ['bd-wutong-1', 'bd-wutong-2'] },
    )
    const roll = await rows<{ voter_key: string }>(
      'SELECT voter_key FROM convention_roll WHERE convention_id = ? ORDER BY voter_key',
      id,
    )
    expect(roll.length).toBeGreaterThan(0)
    await remindClosingVotes(createDb(env.DB))
    expect(await reminded(id)).toEqual([]) // closes in two days: not yet
    await run(
      'UPDATE conventions SET voting_closes_at = ? WHERE id = ?',
      Date.now() + 20 * HOUR,
      id,
    )
    await remindClosingVotes(createDb(env.DB))
    await remindClosingVotes(createDb(env.DB))
    expect((await reminded(id)).map((r) => `u:${r.user_id}`)).toEqual(roll.map((r) => r.voter_key))
  })

  it('tells only household representatives when only they vote', async () => {
    const homes = await householdsOf('bd-wutong-3')
    const people = await makeResidents('remind', [homes[0]!, homes[0]!], (i) => i === 0)
    const id = await votingConvention(
      committee,
      { rule: 'household', representativeOnly: true },
      { type: 'buildings', ids: ['bd-wutong-3'] },
    )
    await run(
      'UPDATE conventions SET voting_closes_at = ? WHERE id = ?',
      Date.now() + DAY - HOUR,
      id,
    )
    await remindClosingVotes(createDb(env.DB))
    const told = (await reminded(id)).map((r) => r.user_id)
    expect(told).toContain(people[0]!.userId)
    expect(told).not.toContain(people[1]!.userId)
  })
})
