import { env } from 'cloudflare:workers'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ROUND_TRIPS_HEADER } from '../../worker/lib/db'
import { turnoutByBuilding } from '../../worker/conventions/public'
import { createDb } from '../../worker/lib/db'
import { seedDemo } from './helpers'
import {
  ballot,
  closeVote,
  count,
  demoLogins,
  expectStatus,
  HUAISHU,
  makeResidents,
  resetRateLimits,
  rows,
  run,
  storedBallots,
  votingConvention,
  type Option,
  type Resident,
} from './convention-helpers'
import { client, send } from './client'

// The turnout meter reads counters (decision 022): per-building roll counts fixed at opening and
// ballot counts kept by migration 0015's triggers in the ballot's own statement. These tests race
// 200 ballots (housemates, repeat voters, paper among them) and check the counters against a
// recount from the ballot rows, that a meter read while they land never goes backwards or counts
// a ballot twice, the round trips of a read, and the backfill of votes opened before the counters.

const login = demoLogins()
let committee: string
let staff: string
let homes: string[]
let residents: Resident[]

const OPTIONS: Option[] = ['yes', 'no', 'abstain']
const pick = (i: number): Option => OPTIONS[i % 3]!

beforeAll(async () => {
  await seedDemo()
  ;[committee, staff] = await Promise.all([login('committee-wu'), login('staff-zhao')])
  // All 108 households of 槐树社区 (five buildings), in a stable order.
  homes = (
    await rows<{ id: string }>(
      'SELECT id FROM households WHERE community_id = ? ORDER BY building_id, id',
      HUAISHU,
    )
  ).map((h) => h.id)
  // One resident in each of the first 90 households, a housemate in the first 40 of them.
  residents = await makeResidents('turnout', [...homes.slice(0, 90), ...homes.slice(0, 40)])
})
beforeEach(resetRateLimits)

type Counter = {
  building_id: string
  roll_voters: number
  roll_area_dm2: number
  cast_voters: number
  cast_area_dm2: number
}

/** The stored counter rows of a vote. */
const counters = (id: string) =>
  rows<Counter>(
    `SELECT building_id, roll_voters, roll_area_dm2, cast_voters, cast_area_dm2
     FROM convention_turnout WHERE convention_id = ? ORDER BY building_id`,
    id,
  )

/** The same figures recounted from the roll and the ballot rows. */
const recounted = (id: string) =>
  rows<Counter>(
    `SELECT r.building_id, COUNT(*) AS roll_voters, SUM(r.floor_area_dm2) AS roll_area_dm2,
       (SELECT COUNT(*) FROM convention_ballots b WHERE b.convention_id = r.convention_id AND b.building_id = r.building_id) AS cast_voters,
       (SELECT COALESCE(SUM(b.floor_area_dm2), 0) FROM convention_ballots b WHERE b.convention_id = r.convention_id AND b.building_id = r.building_id) AS cast_area_dm2
     FROM convention_roll r WHERE r.convention_id = ? GROUP BY r.building_id ORDER BY r.building_id`,
    id,
  )

const paper = (id: string, householdId: string, option: Option, paperRef: string) =>
  send(
    client(staff).conventions[':id']['paper-ballots'].$post({
      param: { id },
      json: { householdId, option, paperRef },
    }),
  )

const readTurnout = async (id: string, token?: string) => {
  const res = await send(client(token).conventions[':id'].turnout.$get({ param: { id } }))
  return { ...expectStatus(res, 200), trips: Number(res.headers.get(ROUND_TRIPS_HEADER)) }
}

/**
 * 200 ballots at once on a household vote of the whole community: 130 residents of 90 households
 * (40 housemates racing each other), 50 of them voting a second time, 20 paper ballots — 10 for
 * households that also vote online, 8 for households nobody votes for online, 2 repeating a paper.
 * Households counted in the end: 90 + 8 = 98 of 108.
 */
function twoHundredBallots(id: string): (() => Promise<{ status: number }>)[] {
  const online = [...residents, ...residents.slice(0, 50)].map(
    (r, i) => () => ballot(r.token, id, pick(i)),
  )
  const papers = [
    ...homes.slice(0, 10).map((h, i) => () => paper(id, h, pick(i + 1), `P-${i}`)),
    ...homes.slice(90, 98).map((h, i) => () => paper(id, h, pick(i), `Q-${i}`)),
    () => paper(id, homes[90]!, 'yes', 'Q-again-0'),
    () => paper(id, homes[91]!, 'no', 'Q-again-1'),
  ]
  const all = [...online, ...papers]
  expect(all).toHaveLength(200)
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[all[i], all[j]] = [all[j]!, all[i]!]
  }
  return all
}

const householdVote = () => votingConvention(committee, { rule: 'household' })

describe('convention_turnout — counters kept in the ballot’s own statement', () => {
  it('fixes one row per building of the roll at opening, equal to the roll grouped by building, nothing cast', async () => {
    const id = await householdVote()
    const stored = await counters(id)
    expect(stored).toEqual(await recounted(id))
    expect(stored).toHaveLength(5)
    expect(stored.every((c) => c.cast_voters === 0 && c.cast_area_dm2 === 0)).toBe(true)
    const [conv] = await rows<{ roll_voters: number; roll_area_dm2: number }>(
      'SELECT roll_voters, roll_area_dm2 FROM conventions WHERE id = ?',
      id,
    )
    expect(stored.reduce((n, c) => n + c.roll_voters, 0)).toBe(conv!.roll_voters)
    expect(stored.reduce((n, c) => n + c.roll_area_dm2, 0)).toBe(conv!.roll_area_dm2)
  })

  it('equals a recount from the ballot rows after 200 concurrent ballots: one per household, paper first', async () => {
    const id = await householdVote()
    const answers = await Promise.all(twoHundredBallots(id).map((write) => write()))
    // Every ballot is accepted or refused in words (paper first, one paper per household): none fails.
    expect(answers.filter((a) => a.status !== 200 && a.status !== 409)).toEqual([])
    const stored = await storedBallots(id)
    expect(stored).toHaveLength(98)
    expect(new Set(stored.map((b) => b.ballot_key)).size).toBe(98)
    expect(await counters(id)).toEqual(await recounted(id))

    const meter = await readTurnout(id)
    expect(meter.body.cast).toBe(98)
    expect(meter.body.eligible).toBe(108)
    const perBuilding = await recounted(id)
    expect(meter.body.byBuilding.map((b) => [b.buildingId, b.eligible, b.cast]).sort()).toEqual(
      perBuilding.map((c) => [c.building_id, c.roll_voters, c.cast_voters]).sort(),
    )

    // Closing changes no counter; the result counts what the meter shows; a late ballot changes nothing.
    const before = await counters(id)
    const closed = await closeVote(committee, id)
    expect(closed.body.result!.cast.count).toBe(98)
    expect(await counters(id)).toEqual(before)
    const late = await paper(id, homes[100]!, 'yes', 'LATE')
    expect(late.status).toBe(409)
    expect(await counters(id)).toEqual(before)
    expect((await readTurnout(id)).body.cast).toBe(98)
  }, 120_000)

  it('a meter read during 200 concurrent ballots never goes backwards nor counts a ballot twice', async () => {
    const id = await householdVote()
    type Seen = { total: number; byBuilding: Record<string, number> }
    const sequences: Seen[][] = [[], [], []]
    const read = async (into: Seen[]) => {
      const { body } = await readTurnout(id)
      into.push({
        total: body.cast,
        byBuilding: Object.fromEntries(body.byBuilding.map((b) => [b.buildingId, b.cast])),
      })
      // The total is the sum of the buildings' lines: one consistent read.
      expect(body.cast).toBe(body.byBuilding.reduce((n, b) => n + b.cast, 0))
    }
    // All 200 are in flight together; they are launched in waves of 20, a read after each wave,
    // while two more readers read in a loop. (Fired in the same instant, local D1 answers queries
    // in arrival order, so every read would queue behind all the writes' first queries and then
    // all their inserts: 0, …, 0, 98.)
    let writing = true
    const loop = async (into: Seen[]) => {
      while (writing) await read(into)
    }
    const loops = [loop(sequences[1]!), loop(sequences[2]!)]
    const inFlight: Promise<unknown>[] = []
    const ballots = twoHundredBallots(id)
    for (let i = 0; i < ballots.length; i++) {
      inFlight.push(ballots[i]!())
      if (i % 20 === 19) await read(sequences[0]!)
    }
    await Promise.all(inFlight).finally(() => {
      writing = false
    })
    await Promise.all(loops)

    const final = await recounted(id)
    const finalTotal = final.reduce((n, c) => n + c.cast_voters, 0)
    expect(finalTotal).toBe(98)
    expect(await counters(id)).toEqual(final)
    const last = await readTurnout(id)
    expect(last.body.cast).toBe(finalTotal)

    const reads = sequences.flat()
    // The readers did overlap the writes: some read saw the count part-way.
    expect(reads.some((r) => r.total > 0 && r.total < finalTotal)).toBe(true)
    for (const seen of sequences) {
      for (let i = 1; i < seen.length; i++) {
        expect(seen[i]!.total).toBeGreaterThanOrEqual(seen[i - 1]!.total)
        for (const [building, n] of Object.entries(seen[i]!.byBuilding))
          expect(n).toBeGreaterThanOrEqual(seen[i - 1]!.byBuilding[building]!)
      }
    }
    // Never above the final recount, in total or in any building: nothing was counted twice.
    for (const r of reads) {
      expect(r.total).toBeLessThanOrEqual(finalTotal)
      for (const c of final) expect(r.byBuilding[c.building_id]).toBeLessThanOrEqual(c.cast_voters)
    }
  }, 120_000)

  it('reads the meter in one round trip, signed in or not (the session rides along, decision 024)', async () => {
    const id = await householdVote()
    expect((await readTurnout(id)).trips).toBe(1)
    expect((await readTurnout(id, residents[0]!.token)).trips).toBe(1)
  })

  it('counts an owners roll (Civil Code) by the building of each entry’s first unit, with its registered area', async () => {
    const id = await votingConvention(committee, { rule: 'civil_code_ordinary' })
    const stored = await counters(id)
    expect(stored).toEqual(await recounted(id))
    const [conv] = await rows<{ roll_voters: number; roll_area_dm2: number }>(
      'SELECT roll_voters, roll_area_dm2 FROM conventions WHERE id = ?',
      id,
    )
    expect(stored.reduce((n, c) => n + c.roll_voters, 0)).toBe(conv!.roll_voters)
    expect(stored.reduce((n, c) => n + c.roll_area_dm2, 0)).toBe(conv!.roll_area_dm2)
    // A paper ballot for a unit counts its owner entry once, with the entry's whole area.
    expectStatus(await paper(id, homes[5]!, 'yes', 'O-1'), 200)
    const after = await counters(id)
    expect(after).toEqual(await recounted(id))
    expect(after.reduce((n, c) => n + c.cast_voters, 0)).toBe(1)
    const meter = await readTurnout(id)
    expect(meter.body.unit).toBe('人')
    expect(meter.body.cast).toBe(1)
  })

  it('backfills votes opened before the counters existed (the migration’s own statement)', async () => {
    const id = await householdVote()
    await Promise.all(residents.slice(0, 30).map((r, i) => ballot(r.token, id, pick(i))))
    const expected = await counters(id)
    expect(expected.reduce((n, c) => n + c.cast_voters, 0)).toBe(30)
    // A database from before migration 0015: the vote has its roll and ballots, no counters.
    await run('DELETE FROM convention_turnout WHERE convention_id = ?', id)
    const migrations = env.TEST_MIGRATIONS as unknown as {
      name: string
      queries?: string[]
      sql?: string
    }[]
    const migration = migrations.find((m) => m.name.includes('convention_turnout'))!
    const statements = migration.queries ?? migration.sql!.split('--> statement-breakpoint')
    const backfill = statements.filter((s) => s.includes('INSERT INTO convention_turnout'))
    expect(backfill).toHaveLength(1)
    const others = await rows<{ n: number }>('SELECT COUNT(*) AS n FROM convention_turnout')
    await run(backfill[0]!)
    expect(await counters(id)).toEqual(expected)
    // Votes that already had their counters are left as they were.
    expect(await count('SELECT COUNT(*) AS n FROM convention_turnout')).toBe(
      others[0]!.n + expected.length,
    )
  }, 60_000)

  it('keeps no option: the counter rows hold counts and areas only', async () => {
    const columns = (
      await rows<{ name: string }>("SELECT name FROM pragma_table_info('convention_turnout')")
    ).map((c) => c.name)
    expect(columns.sort()).toEqual(
      [
        'building_id',
        'cast_area_dm2',
        'cast_voters',
        'convention_id',
        'roll_area_dm2',
        'roll_voters',
      ].sort(),
    )
  })
})

describe('turnoutByBuilding (conventions/public.ts, for 楼组长 and 网格员)', () => {
  it('gives the meter’s lines for the buildings asked, with what is still missing', async () => {
    const id = await householdVote()
    const building = (
      await rows<{ building_id: string }>(
        'SELECT building_id FROM households WHERE id = ?',
        homes[0],
      )
    )[0]!.building_id
    expectStatus(await ballot(residents[0]!.token, id, 'yes'), 200)
    const db = createDb(env.DB)
    const lines = await turnoutByBuilding(db, id, [building])
    const rollOf = await count(
      'SELECT COUNT(*) AS n FROM convention_roll WHERE convention_id = ? AND building_id = ?',
      id,
      building,
    )
    expect(lines).toEqual([
      expect.objectContaining({
        buildingId: building,
        unit: '户',
        eligible: rollOf,
        cast: 1,
        notYet: rollOf - 1,
      }),
    ])
    expect(lines[0]!.buildingName).toMatch(/[\u4e00-\u9fff]/)
    expect(await turnoutByBuilding(db, id)).toHaveLength(5)
    expect(await turnoutByBuilding(db, 'cv-nope')).toEqual([])
  })
})
