import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { seedDemo } from './helpers'
import {
  ballot,
  rows,
  closeVote,
  demoLogins,
  HUAISHU,
  endWindow,
  expectError,
  expectStatus,
  householdsOf,
  makeResidents,
  OPTIONS,
  random,
  recount,
  resetRateLimits,
  run,
  storedBallots,
  votingConvention,
  type Option,
  type Res,
  type Resident,
} from './convention-helpers'
import { client, failed, send, succeeded } from './client'

// Ballots of 微规约 votes: the last ballot counts, one per voter (or household), none after the
// close, paper before online, receipts, and no totals while voting runs.

const login = demoLogins()
let committee: string
let staff: string

beforeAll(async () => {
  await seedDemo()
  ;[committee, staff] = await Promise.all([login('committee-wu'), login('staff-zhao')])
})
beforeEach(resetRateLimits)

const shuffle = <T>(items: T[]): T[] => {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

type Cast = { voter: number; option: Option; res: Res }

/** Fires every ballot at once and returns them with their responses. */
async function castAll(
  id: string,
  voters: Resident[],
  plan: { voter: number; option: Option }[],
): Promise<Cast[]> {
  return Promise.all(
    shuffle(plan).map(async (p) => ({
      ...p,
      res: await ballot(voters[p.voter]!.token, id, p.option),
    })),
  )
}

describe('POST /conventions/{id}/ballots — simple rule, 100 residents × 10 concurrent ballots', () => {
  it('stores exactly one ballot per voter, equal to an accepted ballot of that voter, and then to their last one', async () => {
    const homes = [...(await householdsOf('bd-wutong-1')), ...(await householdsOf('bd-wutong-2'))]
    const voters = await makeResidents(
      'burst',
      Array.from({ length: 100 }, (_, i) => homes[i % homes.length]!),
    )
    const id = await votingConvention(
      committee,
      { rule: 'simple' },
      { type: 'buildings', ids: ['bd-wutong-1', 'bd-wutong-2'] },
    )
    // The roll: the 100 plus 王阿姨 (1号楼) and 李师傅 (2号楼).
    expect(
      succeeded(await send(client().conventions[':id'].$get({ param: { id } }))).body.voting!.roll
        .voters,
    ).toBe(102)

    const plan = voters.flatMap((_, voter) =>
      Array.from({ length: 10 }, () => ({ voter, option: random(OPTIONS) })),
    )
    const casts = await castAll(id, voters, plan)
    expect(casts).toHaveLength(1000)
    expect(casts.filter((c) => c.res.status === 500)).toEqual([])
    expect(casts.filter((c) => c.res.status !== 200).map((c) => c.res.body)).toEqual([])

    const stored = await storedBallots(id)
    expect(stored).toHaveLength(100)
    const byReceipt = new Map(stored.map((b) => [b.receipt, b]))
    for (let voter = 0; voter < voters.length; voter++) {
      const counted = casts.filter((c) => c.voter === voter && byReceipt.has(c.res.body.receipt))
      expect(counted, `voter ${voter}`).toHaveLength(1)
      expect(byReceipt.get(counted[0]!.res.body.receipt)!.option).toBe(counted[0]!.option)
      expect(counted[0]!.res.body).toEqual({
        receipt: counted[0]!.res.body.receipt,
        option: counted[0]!.option,
        source: 'online',
      })
    }

    // One more ballot each, after the burst: that one is the last accepted ballot and the one counted.
    await resetRateLimits()
    const last = await castAll(
      id,
      voters,
      voters.map((_, voter) => ({ voter, option: random(OPTIONS) })),
    )
    expect(last.map((c) => c.res.status)).toEqual(voters.map(() => 200))
    const after = await storedBallots(id)
    expect(after).toHaveLength(100)
    expect(after.map((b) => `${b.receipt}:${b.option}`).sort()).toEqual(
      last.map((c) => `${c.res.body.receipt}:${c.option}`).sort(),
    )
    expect(
      (await send(client().conventions[':id'].turnout.$get({ param: { id } }))).body,
    ).toMatchObject({ unit: '人', eligible: 102, cast: 100 })
  }, 60_000)
})

describe('POST /conventions/{id}/ballots — household rule, 30 households with 1–4 residents', () => {
  let residents: Resident[]
  const households = new Set<string>()
  beforeAll(async () => {
    // 3号楼 has 36 households; 吴老师 (committee) lives in 3-602 and stays out of this.
    const homes = (await householdsOf('bd-wutong-3'))
      .filter((h) => h !== 'hh-wutong-3-3-602')
      .slice(0, 30)
    const slots = homes.flatMap((h, i) => Array.from({ length: 1 + (i % 4) }, () => h))
    homes.forEach((h) => households.add(h))
    // The first resident of each household is its representative.
    residents = await makeResidents('hh30', slots, (i) => i === 0 || slots[i - 1] !== slots[i])
    expect(residents).toHaveLength(8 * 1 + 8 * 2 + 7 * 3 + 7 * 4)
  }, 30_000)

  it('counts exactly 30 households when every resident votes twice at once, each equal to a ballot of that household', async () => {
    const id = await votingConvention(
      committee,
      { rule: 'household' },
      { type: 'buildings', ids: ['bd-wutong-3'] },
    )
    const casts = await castAll(
      id,
      residents,
      residents.flatMap((_, voter) => [
        { voter, option: random(OPTIONS) },
        { voter, option: random(OPTIONS) },
      ]),
    )
    expect(casts.filter((c) => c.res.status !== 200).map((c) => c.res.body)).toEqual([])

    const stored = await storedBallots(id)
    expect(stored).toHaveLength(30)
    const countedHouseholds = stored.map((b) => {
      const cast = casts.filter((c) => c.res.body.receipt === b.receipt)
      expect(cast).toHaveLength(1)
      expect(cast[0]!.option).toBe(b.option)
      return residents[cast[0]!.voter]!.householdId
    })
    expect(new Set(countedHouseholds)).toEqual(households)
    expect(
      (await send(client().conventions[':id'].turnout.$get({ param: { id } }))).body,
    ).toMatchObject({ unit: '户', eligible: 36, cast: 30 })
  }, 30_000)

  it('with representativeOnly accepts only the 30 representatives and refuses the others with 403', async () => {
    const id = await votingConvention(
      committee,
      { rule: 'household', representativeOnly: true },
      { type: 'buildings', ids: ['bd-wutong-3'] },
    )
    const casts = await castAll(
      id,
      residents,
      residents.map((_, voter) => ({ voter, option: random(OPTIONS) })),
    )
    const reps = new Set(
      residents
        .map((_, i) => i)
        .filter((i) => i === 0 || residents[i - 1]!.householdId !== residents[i]!.householdId),
    )
    expect(reps.size).toBe(30)
    for (const c of casts) {
      if (reps.has(c.voter)) expectStatus(c.res, 200)
      else expect(expectError(c.res, 403, 'FORBIDDEN')).toContain('户代表')
    }
    expect(await storedBallots(id)).toHaveLength(30)
  })
})

describe('POST /conventions/{id}/ballots — racing the closing instant', () => {
  it('accepts no ballot sent after the window ends, and the result equals a recount of the stored ballots', async () => {
    const homes = [...(await householdsOf('bd-huaiyin-7')), ...(await householdsOf('bd-huaiyin-5'))]
      .filter((h) => h !== 'hh-huaiyin-5-1-201')
      .slice(0, 20)
    const voters = await makeResidents('race', homes)
    const id = await votingConvention(
      committee,
      { rule: 'household' },
      { type: 'compounds', ids: ['cp-huaiyin'] },
    )
    const closesAt = Date.now() + 300
    await run('UPDATE conventions SET voting_closes_at = ? WHERE id = ?', closesAt, id)

    type Sent = { voter: number; option: Option; sentAt: number; res: Res }
    const sent: Sent[] = []
    // Send for 0.7 s past the instant; on a loaded machine, where each answer is slow, go on
    // until both sides of the instant have enough ballots (at most 15 s, and never over the
    // write limit of 120 a minute per user).
    const stopAt = closesAt + 700
    const enoughOnBothSides = () =>
      sent.filter((s) => s.sentAt < closesAt).length > 0 &&
      sent.filter((s) => s.sentAt >= closesAt).length > 20
    const keepSending = (voter: number) =>
      sent.filter((s) => s.voter === voter).length < 100 &&
      (Date.now() < stopAt || (!enoughOnBothSides() && Date.now() < closesAt + 15_000))
    await Promise.all(
      voters.map(async (v, voter) => {
        await sleep(voter) // spread the voters over the first milliseconds
        while (keepSending(voter)) {
          const option = random(OPTIONS)
          const sentAt = Date.now()
          sent.push({ voter, option, sentAt, res: await ballot(v.token, id, option) })
          await sleep(15) // stay under the write limit of 120 a minute per user
        }
      }),
    )

    expect(
      sent.filter((s) => s.res.status !== 200 && s.res.status !== 409).map((s) => s.res.body),
    ).toEqual([])
    const accepted = sent.filter((s) => s.res.status === 200)
    const late = sent.filter((s) => s.sentAt >= closesAt)
    // Both sides of the instant were exercised.
    expect(accepted.length).toBeGreaterThan(0)
    expect(late.length).toBeGreaterThan(20)
    expect(accepted.filter((s) => s.sentAt >= closesAt)).toEqual([])
    for (const s of late) {
      expectError(s.res, 409, 'INVALID_STATE')
    }

    const closed = await send(client(committee).conventions[':id'].close.$post({ param: { id } }))
    expectStatus(closed, 200)
    expect(succeeded(closed).body.status).toBe('closed')
    const result = succeeded(closed).body.result
    const again = await recount(id)
    expect({
      cast: result!.cast,
      yes: result!.yes,
      no: result!.no,
      abstain: result!.abstain,
    }).toEqual(again)
    expect(result!.eligible.voters).toBe(24)

    // The counted ballot of each voter is their last accepted one, published with its option.
    const voted = [...new Set(accepted.map((s) => s.voter))]
    expect(result!.cast.count).toBe(voted.length)
    const receipts = succeeded(
      await send(client().conventions[':id'].receipts.$get({ param: { id }, query: {} })),
    ).body.items as { receipt: string; option: Option }[]
    expect(receipts).toHaveLength(voted.length)
    for (const voter of voted) {
      const lastOk = accepted.filter((s) => s.voter === voter).at(-1)!
      expect(receipts).toContainEqual({
        receipt: lastOk.res.body.receipt,
        option: lastOk.option,
        source: 'online',
      })
    }

    // After the close committed, online and paper ballots are refused and change nothing.
    const afterClose = expectError(await ballot(voters[0]!.token, id, 'yes'), 409, 'INVALID_STATE')
    expect(afterClose).toContain('表决')
    const paper = await send(
      client(staff).conventions[':id']['paper-ballots'].$post({
        param: { id },
        json: { householdId: homes[0], option: 'yes', paperRef: 'LATE-1' },
      }),
    )
    expectError(paper, 409, 'INVALID_STATE')
    expect(failed(paper).body.error.details!.currentStatus).toBe('closed')
    expect(await recount(id)).toEqual(again)
  }, 30_000)
})

describe('POST /conventions/{id}/paper-ballots — paper recorded by staff takes precedence over online', () => {
  let homes: string[]
  let residents: Resident[]
  beforeAll(async () => {
    homes = (await householdsOf('bd-huaiyin-7')).slice(0, 4)
    // Two residents in each of the first two households, one in the others.
    residents = await makeResidents('paper', [
      homes[0]!,
      homes[0]!,
      homes[1]!,
      homes[1]!,
      homes[2]!,
      homes[3]!,
    ])
  })
  const paper = (id: string, householdId: string, option: Option, paperRef: string) =>
    send(
      client(staff).conventions[':id']['paper-ballots'].$post({
        param: { id },
        json: { householdId, option, paperRef },
      }),
    )
  const householdVote = () =>
    votingConvention(committee, { rule: 'household' }, { type: 'buildings', ids: ['bd-huaiyin-7'] })

  it('replaces an earlier online ballot of the household: one row, the paper option, the online receipt no longer counted', async () => {
    const id = await householdVote()
    const online = expectStatus(await ballot(residents[0]!.token, id, 'yes'), 200)
    const recorded = expectStatus(await paper(id, homes[0]!, 'no', 'P-0001'), 200)
    expect(recorded.body).toMatchObject({ option: 'no', source: 'paper' })
    expect(recorded.body.receipt).not.toBe(online.body.receipt)
    const stored = await storedBallots(id)
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({
      option: 'no',
      source: 'paper',
      paper_ref: 'P-0001',
      receipt: recorded.body.receipt,
    })

    await closeVote(committee, id)
    expectStatus(
      await send(
        client().conventions[':id'].receipts.$get({
          param: { id },
          query: { receipt: online.body.receipt },
        }),
      ),
      404,
    )
    expect(
      succeeded(
        await send(
          client().conventions[':id'].receipts.$get({
            param: { id },
            query: { receipt: recorded.body.receipt },
          }),
        ),
      ).body.items,
    ).toEqual([{ receipt: recorded.body.receipt, option: 'no', source: 'paper' }])
  })

  it('refuses online ballots of any resident of the household after the paper one with 409, keeping the paper option', async () => {
    const id = await householdVote()
    const recorded = expectStatus(await paper(id, homes[0]!, 'abstain', 'P-0002'), 200)
    for (const r of residents.slice(0, 2)) {
      expect(expectError(await ballot(r.token, id, 'yes'), 409, 'CONFLICT')).toContain('纸质')
    }
    expect(await storedBallots(id)).toMatchObject([
      { option: 'abstain', source: 'paper', receipt: recorded.body.receipt },
    ])
    const detail = await send(
      client(residents[1]!.token).conventions[':id'].$get({ param: { id } }),
    )
    expect(succeeded(detail).body.viewer.hasVoted).toBe(true)
  })

  it('refuses a second paper ballot for the same household with 409, keeping the first', async () => {
    const id = await householdVote()
    const first = expectStatus(await paper(id, homes[1]!, 'yes', 'P-0003'), 200)
    expect(expectError(await paper(id, homes[1]!, 'no', 'P-0004'), 409, 'CONFLICT')).toContain(
      '纸质',
    )
    expect(await storedBallots(id)).toMatchObject([
      { option: 'yes', paper_ref: 'P-0003', receipt: first.body.receipt },
    ])
    // The refused paper leaves no audit entry: the entry is written in the ballot's own transaction.
    const audited = await rows<{ after_json: string }>(
      "SELECT after_json FROM audit_log WHERE action = 'convention.paper_ballot' AND target_id = ?",
      id,
    )
    expect(audited.map((a) => JSON.parse(a.after_json).paperRef)).toEqual(['P-0003'])
  })

  it('counts a household at most once when its online ballots race a paper ballot, and the paper one is counted', async () => {
    const id = await householdVote()
    const onlineRace = [0, 1, 0, 1, 0, 1, 0, 1].map((i) => ballot(residents[i]!.token, id, 'yes'))
    const [recorded, ...online] = await Promise.all([
      paper(id, homes[0]!, 'no', 'P-0005'),
      ...onlineRace,
    ])
    expectStatus(recorded!, 200)
    for (const res of online) {
      if (res.status !== 200) expectError(res, 409, 'CONFLICT')
    }
    expect(await storedBallots(id)).toMatchObject([
      { option: 'no', source: 'paper', receipt: succeeded(recorded!).body.receipt },
    ])
  })

  it('counts each household once across paper and online in the result', async () => {
    const id = await householdVote()
    expectStatus(await ballot(residents[0]!.token, id, 'yes'), 200)
    expectStatus(await ballot(residents[1]!.token, id, 'yes'), 200)
    expectStatus(await paper(id, homes[0]!, 'no', 'P-0006'), 200)
    expectStatus(await ballot(residents[2]!.token, id, 'yes'), 200)
    expectStatus(await paper(id, homes[2]!, 'yes', 'P-0007'), 200)
    expectStatus(await ballot(residents[4]!.token, id, 'abstain'), 409)
    const result = (await closeVote(committee, id)).body.result
    expect(result).toMatchObject({
      cast: { count: 3 },
      yes: { count: 2 },
      no: { count: 1 },
      abstain: { count: 0 },
      eligible: { voters: 12 },
    })
    expect({
      cast: result!.cast,
      yes: result!.yes,
      no: result!.no,
      abstain: result!.abstain,
    }).toEqual(await recount(id))
  })

  it('refuses households outside the roll and the wrong kind of voter with 400, storing nothing', async () => {
    const id = await householdVote()
    expectError(await paper(id, 'hh-huaiyin-5-1-101', 'yes', 'P-0008'), 400, 'VALIDATION_FAILED')
    expectError(await paper(id, 'hh-fengqiao-1-1-101', 'yes', 'P-0009'), 400, 'VALIDATION_FAILED')
    const byUser = await send(
      client(staff).conventions[':id']['paper-ballots'].$post({
        param: { id },
        json: { userId: residents[0]!.userId, option: 'yes', paperRef: 'P-0010' },
      }),
    )
    expect(expectError(byUser, 400, 'VALIDATION_FAILED')).toContain('按户')
    expect(await storedBallots(id)).toEqual([])
  })

  it("under simple records a paper ballot per resident, replacing that resident's online ballot only", async () => {
    const id = await votingConvention(
      committee,
      { rule: 'simple' },
      { type: 'buildings', ids: ['bd-huaiyin-7'] },
    )
    expectStatus(await ballot(residents[0]!.token, id, 'yes'), 200)
    expectStatus(await ballot(residents[1]!.token, id, 'yes'), 200)
    const byHousehold = await send(
      client(staff).conventions[':id']['paper-ballots'].$post({
        param: { id },
        json: { householdId: homes[0], option: 'no', paperRef: 'S-1' },
      }),
    )
    expect(expectError(byHousehold, 400, 'VALIDATION_FAILED')).toContain('按人')
    const recorded = await send(
      client(staff).conventions[':id']['paper-ballots'].$post({
        param: { id },
        json: { userId: residents[0]!.userId, option: 'no', paperRef: 'S-2' },
      }),
    )
    expectStatus(recorded, 200)
    const stored = await storedBallots(id)
    expect(stored.map((b) => `${b.source}:${b.option}`).sort()).toEqual(['online:yes', 'paper:no'])
    expectError(await ballot(residents[0]!.token, id, 'yes'), 409, 'CONFLICT')
    expectStatus(await ballot(residents[1]!.token, id, 'no'), 200)
  })
})

describe('receipts', () => {
  it('gives a new receipt for a changed ballot; only the latest is published after closing, with its option', async () => {
    const [voter] = await makeResidents('receipt', ['hh-wutong-1-1-101'])
    const id = await votingConvention(
      committee,
      { rule: 'simple' },
      { type: 'buildings', ids: ['bd-wutong-1'] },
    )
    const first = expectStatus(await ballot(voter!.token, id, 'yes'), 200)
    const second = expectStatus(await ballot(voter!.token, id, 'no'), 200)
    expect(second.body.receipt).not.toBe(first.body.receipt)
    expect(second.body.receipt).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)

    const early = await send(
      client().conventions[':id'].receipts.$get({ param: { id }, query: {} }),
    )
    expectError(early, 409, 'INVALID_STATE')
    expect(failed(early).body.error.details!.currentStatus).toBe('voting')
    expectError(
      await send(
        client().conventions[':id'].receipts.$get({
          param: { id },
          query: { receipt: second.body.receipt },
        }),
      ),
      409,
      'INVALID_STATE',
    )

    await closeVote(committee, id)
    const list = await send(client().conventions[':id'].receipts.$get({ param: { id }, query: {} }))
    expect(succeeded(list).body.items).toEqual([
      { receipt: second.body.receipt, option: 'no', source: 'online' },
    ])
    expectStatus(
      await send(
        client().conventions[':id'].receipts.$get({
          param: { id },
          query: { receipt: first.body.receipt },
        }),
      ),
      404,
    )
    const mine = await send(
      client().conventions[':id'].receipts.$get({
        param: { id },
        query: { receipt: second.body.receipt.toLowerCase() },
      }),
    )
    expect(succeeded(mine).body.items).toEqual([
      { receipt: second.body.receipt, option: 'no', source: 'online' },
    ])
  })
})

describe('no totals by option while voting runs', () => {
  it('keeps options out of the detail, turnout and list for every viewer until the vote closes', async () => {
    const voters = await makeResidents('totals', [
      'hh-wutong-2-1-101',
      'hh-wutong-2-1-102',
      'hh-wutong-2-1-201',
    ])
    const id = await votingConvention(
      committee,
      { rule: 'simple' },
      { type: 'buildings', ids: ['bd-wutong-2'] },
    )
    await Promise.all(voters.map((v, i) => ballot(v.token, id, OPTIONS[i]!)))
    const wang = await login('resident-wang')
    const viewers = [undefined, voters[0]!.token, wang, committee, staff]
    const optionWords = /"(yes|no|abstain)"/
    for (const token of viewers) {
      const detail = expectStatus(
        await send(client(token).conventions[':id'].$get({ param: { id } })),
        200,
      )
      expect(detail.body.result).toBeNull()
      expect(JSON.stringify(detail.body)).not.toMatch(optionWords)
      const turnout = expectStatus(
        await send(client(token).conventions[':id'].turnout.$get({ param: { id } })),
        200,
      )
      expect(turnout.body.cast).toBe(3)
      expect(JSON.stringify(turnout.body)).not.toMatch(optionWords)
      const list = expectStatus(
        await send(client(token).communities[':id'].conventions.$get({ param: { id: HUAISHU } })),
        200,
      )
      expect(list.body.items.some((c: { id: string }) => c.id === id)).toBe(true)
      expect(JSON.stringify(list.body)).not.toMatch(optionWords)
    }
    // The same checks see the totals once the vote is closed.
    await endWindow(id)
    const closed = await send(client().conventions[':id'].$get({ param: { id } }))
    expect(JSON.stringify(closed.body)).toMatch(optionWords)
    expect(succeeded(closed).body.result).toMatchObject({
      yes: { count: 1 },
      no: { count: 1 },
      abstain: { count: 1 },
    })
  })
})
