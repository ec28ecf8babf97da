import { env } from 'cloudflare:workers'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loginNew, seedDemo } from './helpers'
import {
  ballot,
  closeVote,
  count,
  createDraft,
  demoLogins,
  expectError,
  expectStatus,
  HUAISHU,
  makeResidents,
  openConsultation,
  openVoting,
  resetRateLimits,
  rows,
  run,
  storedBallots,
  votingConvention,
  type Option,
  type Resident,
} from './convention-helpers'
import { client, send } from './client'

// Civil Code votes count 业主 as 法释〔2009〕7号 counts them (issue 19, decision 011). Every figure
// below is worked out by hand in the comment next to it, never by the code under test.

const login = demoLogins()
let committee: string, staff: string

// ---------- a compound of 100 units (bulk, in SQL: the ownership API is tested elsewhere) ----------
// Unit i (1…100) is in building ⌈i/25⌉ and has 8000 + 10·i dm² (80.10 m² … 90.00 m²).
// Owner X holds units 1, 2 and 3; the developer still holds units 91…100; every other unit
// has its own owner.
const LAW = 'cp-law'
const lawUnit = (i: number) => `hh-law-${i}`
const lawArea = (i: number) => 8000 + 10 * i

async function seedLawCompound(x: Resident) {
  const statements = [
    `INSERT INTO compounds (id, community_id, name, sort_order) VALUES ('${LAW}', '${HUAISHU}', '法释苑', 8)`,
    ...[1, 2, 3, 4].map(
      (b) =>
        `INSERT INTO buildings (id, compound_id, community_id, name, sort_order) VALUES ('bd-law-${b}', '${LAW}', '${HUAISHU}', '${b}幢', ${b})`,
    ),
    `INSERT INTO owners (id, community_id, kind, user_id, name, created_by, created_at) VALUES ('ow-law-x', '${HUAISHU}', 'person', '${x.userId}', '许多房', 'us-staff-zhao', 1)`,
    `INSERT INTO owners (id, community_id, kind, user_id, name, created_by, created_at) VALUES ('ow-law-dev', '${HUAISHU}', 'developer', NULL, '法释置业', 'us-staff-zhao', 1)`,
  ]
  for (let i = 1; i <= 100; i++) {
    const owner = i <= 3 ? 'ow-law-x' : i >= 91 ? 'ow-law-dev' : `ow-law-${i}`
    statements.push(
      `INSERT INTO households (id, building_id, community_id, unit, room, floor_area_dm2) VALUES ('${lawUnit(i)}', 'bd-law-${Math.ceil(i / 25)}', '${HUAISHU}', '1', '${i}', ${lawArea(i)})`,
      `INSERT INTO unit_titles (household_id, community_id, registered_area_dm2, certificate_no, developer_unsold, recorded_by, recorded_at) VALUES ('${lawUnit(i)}', '${HUAISHU}', ${lawArea(i)}, ${i >= 91 ? 'NULL' : `'证${i}'`}, ${i >= 91 ? 1 : 0}, 'us-staff-zhao', 1)`,
    )
    if (owner === `ow-law-${i}`)
      statements.push(
        `INSERT INTO owners (id, community_id, kind, user_id, name, created_by, created_at) VALUES ('${owner}', '${HUAISHU}', 'person', NULL, '业主${i}', 'us-staff-zhao', 1)`,
      )
    statements.push(
      `INSERT INTO unit_owners (household_id, owner_id) VALUES ('${lawUnit(i)}', '${owner}')`,
    )
  }
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)))
}

// ---------- a small building where the fractions come out exactly (ownership through the API) ----------
// bd-exact: ten flats of 100 m² (e1…e10), two flats of 50 m² owned by Y (y1, y2), four flats of
// 25 m² the developer has not sold (d1…d4). 16 units; 16 − (2 − 1) − (4 − 1) = 12 owners, each
// holding exactly 100 m²; total 1,200 m². So k owners are always k × 100 m², and a share of
// owners is the same share of area.
//   e1: co-owned by A and B · e2: P (who gave Q a written 委托) · e3: Q · e4…e7: S1…S4
//   e8: an owner without the app, let to tenant T · e9, e10: owners without the app
const EXACT = 'bd-exact'
const e = (n: number) => `hh-exact-e${n}`
type People = Record<'A' | 'B' | 'P' | 'Q' | 'Y' | 'S1' | 'S2' | 'S3' | 'S4' | 'T', Resident>
let people: People

async function putTitle(
  householdId: string,
  body: {
    areaM2: string
    certificateNo?: string
    developerUnsold?: boolean
    owners: { userId?: string; name?: string; ownerId?: string }[]
  },
) {
  return expectStatus(
    await send(
      client(staff).households[':id'].ownership.$put({ param: { id: householdId }, json: body }),
    ),
    200,
  ).body
}

async function seedExactBuilding() {
  const units: [string, number][] = [
    ...Array.from({ length: 10 }, (_, i) => [e(i + 1), 10000] as [string, number]),
    ['hh-exact-y1', 5000],
    ['hh-exact-y2', 5000],
    ...[1, 2, 3, 4].map((n) => [`hh-exact-d${n}`, 2500] as [string, number]),
  ]
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO compounds (id, community_id, name, sort_order) VALUES ('cp-exact', '${HUAISHU}', '整数园', 9)`,
    ),
    env.DB.prepare(
      `INSERT INTO buildings (id, compound_id, community_id, name, sort_order) VALUES ('${EXACT}', 'cp-exact', '${HUAISHU}', '1幢', 1)`,
    ),
    ...units.map(([id, area], i) =>
      env.DB.prepare(
        `INSERT INTO households (id, building_id, community_id, unit, room, floor_area_dm2) VALUES (?, '${EXACT}', '${HUAISHU}', '1', ?, ?)`,
      ).bind(id, String(101 + i), area),
    ),
  ])
  // Residents first (an owner who uses the app is linked from her verified residency).
  const [A, B, P, Q, S1, S2, S3, S4, Y, T] = await makeResidents('exact', [
    e(1),
    e(1),
    e(2),
    e(3),
    e(4),
    e(5),
    e(6),
    e(7),
    'hh-exact-y1',
    e(8),
  ])
  people = { A: A!, B: B!, P: P!, Q: Q!, S1: S1!, S2: S2!, S3: S3!, S4: S4!, Y: Y!, T: T! }
  const cert = (n: number) => `浙(2020)杭州市不动产权第${String(n).padStart(7, '0')}号`
  await putTitle(e(1), {
    areaM2: '100',
    certificateNo: cert(1),
    owners: [{ userId: A!.userId }, { userId: B!.userId }],
  })
  const single: [number, Resident][] = [
    [2, P!],
    [3, Q!],
    [4, S1!],
    [5, S2!],
    [6, S3!],
    [7, S4!],
  ]
  for (const [n, owner] of single)
    await putTitle(e(n), {
      areaM2: '100.00',
      certificateNo: cert(n),
      owners: [{ userId: owner.userId }],
    })
  for (const n of [8, 9, 10])
    await putTitle(e(n), { areaM2: '100', certificateNo: cert(n), owners: [{ name: `房东${n}` }] })
  const y1 = await putTitle('hh-exact-y1', {
    areaM2: '50',
    certificateNo: cert(11),
    owners: [{ userId: Y!.userId, name: '杨两套' }],
  })
  await putTitle('hh-exact-y2', {
    areaM2: '50',
    certificateNo: cert(12),
    owners: [{ ownerId: y1.owners[0]!.id }],
  })
  const d1 = await putTitle('hh-exact-d1', {
    areaM2: '25',
    developerUnsold: true,
    owners: [{ name: '整数置业有限公司' }],
  })
  for (const n of [2, 3, 4])
    await putTitle(`hh-exact-d${n}`, {
      areaM2: '25',
      developerUnsold: true,
      owners: [{ ownerId: d1.owners[0]!.id }],
    })
  // P's written 委托 to Q.
  const pOwner = (
    await rows<{ id: string }>('SELECT id FROM owners WHERE user_id = ?', P!.userId)
  )[0]!.id
  expectStatus(
    await send(
      client(staff).owners[':id'].proxies.$post({
        param: { id: pOwner },
        json: { proxyUserId: Q!.userId, document: '2026年11月20日签署的委托书 W-001' },
      }),
    ),
    201,
  )
}

const EXACT_SCOPE = { type: 'buildings' as const, ids: [EXACT] }

beforeAll(async () => {
  await seedDemo()
  ;[committee, staff] = await Promise.all([login('committee-wu'), login('staff-zhao')])
  // X lives in 梧桐苑 (a verified resident there) and owns units 1–3 of the law compound.
  const [x] = await makeResidents('law-x', ['hh-wutong-1-1-101'])
  await seedLawCompound(x!)
  await resetRateLimits()
  await seedExactBuilding()
})
beforeEach(resetRateLimits)

async function detail(id: string, token?: string) {
  return expectStatus(await send(client(token).conventions[':id'].$get({ param: { id } })), 200)
    .body
}

async function ownerVote(rule: 'civil_code_ordinary' | 'civil_code_major') {
  return votingConvention(committee, { rule }, EXACT_SCOPE)
}

/** Q owns e3 and holds P's 委托: she names which ballot she casts. */
async function voteAs(who: Resident, id: string, option: Option, voter?: string) {
  return send(
    client(who.token).conventions[':id'].ballots.$post({ param: { id }, json: { option, voter } }),
  )
}

async function paper(id: string, householdId: string, option: Option, paperRef: string) {
  return send(
    client(staff).conventions[':id']['paper-ballots'].$post({
      param: { id },
      json: { householdId, option, paperRef },
    }),
  )
}

describe('the owners roll of 法释〔2009〕7号 Art. 8–9', () => {
  it('counts 100 units with one owner of 3 and 10 unsold by the developer as 89 owners, areas summed', async () => {
    const id = await votingConvention(
      committee,
      { rule: 'civil_code_ordinary' },
      { type: 'compounds', ids: [LAW] },
    )
    const voting = (await detail(id)).voting!
    // Headcount: 100 units − (3 − 1) for X − (10 − 1) for the developer = 89.
    // Area: Σ (8000 + 10·i) for i = 1…100 = 800,000 + 10 × 5,050 = 850,500 dm² = 8,505.00 m².
    expect(voting).toMatchObject({
      basis: 'owners',
      roll: { voters: 89, areaM2: '8505.00' },
    })
    expect(voting.counting.join('')).toContain('全部 100 套房屋')
    expect(voting.counting.join('')).toContain('开发商未出售（或未交付）的 10 套合计按 1 人计')
    expect(voting.counting.join('')).toContain('1 位业主各有多套房屋（共 3 套）')
    expect(voting.counting.join('')).toContain('总人数 89 人')
    expect(voting.ruleDescription).toContain('租户等非业主不参加')
    expect(
      await count('SELECT COUNT(*) AS n FROM convention_roll WHERE convention_id = ?', id),
    ).toBe(89)
    expect(
      await count('SELECT COUNT(*) AS n FROM convention_roll_units WHERE convention_id = ?', id),
    ).toBe(100)
    // X's entry carries units 1–3: 8010 + 8020 + 8030 = 24,060 dm²; the developer's carries
    // 91–100: 10 × 8000 + 10 × (91 + … + 100) = 80,000 + 9,550 = 89,550 dm².
    const entries = await rows<{ household_id: string; floor_area_dm2: number }>(
      `SELECT ru.household_id, r.floor_area_dm2 FROM convention_roll_units ru
       JOIN convention_roll r ON r.convention_id = ru.convention_id AND r.voter_key = ru.voter_key
       WHERE ru.convention_id = ? AND ru.household_id IN (?, ?)`,
      id,
      lawUnit(1),
      lawUnit(91),
    )
    expect(Object.fromEntries(entries.map((r) => [r.household_id, r.floor_area_dm2]))).toEqual({
      [lawUnit(1)]: 24060,
      [lawUnit(91)]: 89550,
    })
  })

  it('lets the owner of three units cast one ballot that carries all three areas, and counts it once', async () => {
    const id = await votingConvention(
      committee,
      { rule: 'civil_code_ordinary' },
      { type: 'compounds', ids: [LAW] },
    )
    const stranger = (await loginNew('law-stranger')).token // owns nothing here
    expectError(await ballot(stranger, id, 'yes'), 403, 'FORBIDDEN')
    const xToken = await xLogin()
    const seen = (await detail(id, xToken)).viewer
    expect(seen.ballots).toHaveLength(1)
    expect(seen.ballots[0]).toMatchObject({ source: 'online', areaM2: '240.60', hasVoted: false })
    expect(seen.ballots[0]!.units).toHaveLength(3)
    expectStatus(await ballot(xToken, id, 'yes'), 200)
    expectStatus(await ballot(xToken, id, 'no'), 200) // changes it: the last one counts
    const stored = await storedBallots(id)
    expect(stored.map((b) => [b.floor_area_dm2, b.option])).toEqual([[24060, 'no']])
    // Validity needs ⌈89 × 2 / 3⌉ = 60 owners and ⌈850,500 × 2 / 3⌉ = 567,000 dm²:
    // 59 owners and 567,000 − 24,060 = 542,940 dm² to go.
    const turnout = expectStatus(
      await send(client().conventions[':id'].turnout.$get({ param: { id } })),
      200,
    ).body
    expect(turnout).toMatchObject({
      unit: '人',
      eligible: 89,
      cast: 1,
      remainingForValidity: 59,
      areaRemainingM2: '5429.40',
    })
  })
})

let xTokenCache: string | undefined
/** X's session: X is the first resident made for the law compound (law-x-0). */
async function xLogin() {
  xTokenCache ??= (await loginNew('law-x-0', { consent: false })).token
  return xTokenCache
}

describe('the thresholds, exactly at the line (bd-exact: 12 owners of 100 m² each)', () => {
  /** Ballots of 8 owners: Y (two flats), A (e1), P, Q, S1, S2, S3 online and the developer on paper. */
  async function castEight(id: string, options: Option[]) {
    const [y, a, p, q, s1, s2, s3, developer] = options
    expectStatus(await voteAs(people.Y, id, y!), 200)
    expectStatus(await voteAs(people.A, id, a!), 200)
    expectStatus(await voteAs(people.P, id, p!), 200)
    expectStatus(await voteAs(people.Q, id, q!, `o:${e(3)}`), 200)
    expectStatus(await voteAs(people.S1, id, s1!), 200)
    expectStatus(await voteAs(people.S2, id, s2!), 200)
    expectStatus(await voteAs(people.S3, id, s3!), 200)
    // The developer's paper names one of its units; it counts for all four (one owner).
    expectStatus(await paper(id, 'hh-exact-d2', developer!, 'D-001'), 200)
  }

  it('fixes 12 owners and 1,200 m² for 16 units', async () => {
    const id = await ownerVote('civil_code_ordinary')
    // 16 units − (2 − 1) for Y − (4 − 1) for the developer = 12; 10 × 100 + 2 × 50 + 4 × 25 = 1,200 m².
    expect((await detail(id)).voting!.roll).toEqual({ voters: 12, areaM2: '1200.00' })
  })

  it('is valid with exactly two thirds taking part (8 of 12 owners, 800 of 1,200 m²) and invalid with one fewer', async () => {
    const id = await ownerVote('civil_code_ordinary')
    // 8/12 = 2/3 and 800/1200 = 2/3: "三分之二以上" includes two thirds. 5 of 8 赞成 > 1/2.
    await castEight(id, ['yes', 'yes', 'yes', 'yes', 'yes', 'no', 'no', 'no'])
    const result = (await closeVote(committee, id)).body.result!
    expect(result).toMatchObject({
      eligible: { voters: 12, areaM2: '1200.00' },
      cast: { count: 8, areaM2: '800.00' },
      yes: { count: 5, areaM2: '500.00' },
      valid: true,
      passed: true,
    })
    expect(result.explanation[1]).toContain('参与表决的业主 8 人，占总人数 12 人')

    const fewer = await ownerVote('civil_code_ordinary')
    // Without the developer's paper: 7/12 < 2/3 (and 700/1200 < 2/3).
    for (const who of [people.Y, people.A, people.P, people.S1, people.S2, people.S3])
      expectStatus(await voteAs(who, fewer, 'yes'), 200)
    expectStatus(await voteAs(people.Q, fewer, 'yes', `o:${e(3)}`), 200)
    const invalid = (await closeVote(committee, fewer)).body.result!
    expect(invalid).toMatchObject({ cast: { count: 7, areaM2: '700.00' }, valid: false })
    expect(invalid.decidedBy).toContain('未达到三分之二')
  })

  it('does not pass an ordinary matter with exactly half in favour (4 of 8 owners, 400 of 800 m²): 过半数 means more than half', async () => {
    const id = await ownerVote('civil_code_ordinary')
    await castEight(id, ['yes', 'yes', 'yes', 'yes', 'no', 'no', 'no', 'no'])
    const result = (await closeVote(committee, id)).body.result!
    expect(result).toMatchObject({
      cast: { count: 8, areaM2: '800.00' },
      yes: { count: 4, areaM2: '400.00' },
      valid: true,
      passed: false,
    })
    expect(result.decidedBy).toContain('未超过参与表决的二分之一')
  })

  it('passes a major matter with exactly three quarters in favour (6 of 8 owners, 600 of 800 m²)', async () => {
    const id = await ownerVote('civil_code_major')
    await castEight(id, ['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'no', 'abstain'])
    const result = (await closeVote(committee, id)).body.result!
    expect(result).toMatchObject({
      cast: { count: 8, areaM2: '800.00' },
      yes: { count: 6, areaM2: '600.00' },
      valid: true,
      passed: true,
    })
    expect(result.decidedBy).toContain('均达到参与表决的四分之三')
  })
})

describe('who may vote under an owners roll', () => {
  it('refuses a tenant with the reason, and stores nothing', async () => {
    const id = await ownerVote('civil_code_ordinary')
    const refused = expectError(await voteAs(people.T, id, 'yes'), 403, 'FORBIDDEN')
    expect(refused).toContain('不是业主')
    expect(refused).toContain('委托')
    const seen = (await detail(id, people.T.token)).viewer
    expect(seen).toMatchObject({ inScope: true, canVote: false, ballots: [] })
    expect(seen.voteRefusal).toContain('租户')
    expect(await storedBallots(id)).toEqual([])
  })

  it('lets a user who owns a unit and holds a 委托 cast both, naming which; without naming one it asks', async () => {
    const id = await ownerVote('civil_code_ordinary')
    const seen = (await detail(id, people.Q.token)).viewer.ballots
    expect(seen.map((b) => [b.voter, b.source])).toEqual([
      [`o:${e(3)}`, 'online'],
      [`o:${e(2)}`, 'proxy'],
    ])
    expect(seen[1]!.label).toContain('委托')
    expect(expectError(await voteAs(people.Q, id, 'yes'), 400, 'VALIDATION_FAILED')).toContain(
      '为谁投',
    )
    expectStatus(await voteAs(people.Q, id, 'yes', `o:${e(3)}`), 200)
    const proxied = expectStatus(await voteAs(people.Q, id, 'no', `o:${e(2)}`), 200)
    expect(proxied.body.source).toBe('proxy')
    expectError(await voteAs(people.Q, id, 'no', `o:${e(4)}`), 403, 'FORBIDDEN')
    expect((await storedBallots(id)).map((b) => b.source).sort()).toEqual(['online', 'proxy'])
  })

  it("never lets a proxy replace the owner's own ballot, while the owner may replace the proxy's", async () => {
    const id = await ownerVote('civil_code_ordinary')
    expectStatus(await voteAs(people.Q, id, 'no', `o:${e(2)}`), 200)
    expectStatus(await voteAs(people.P, id, 'yes'), 200)
    expect(
      expectError(await voteAs(people.Q, id, 'abstain', `o:${e(2)}`), 409, 'CONFLICT'),
    ).toContain('以业主本人的票为准')
    const p = (await storedBallots(id)).filter((b) => b.floor_area_dm2 === 10000)
    expect(p.map((b) => [b.option, b.source])).toEqual([['yes', 'online']])
  })

  it('refuses the proxy once the 委托 is revoked', async () => {
    const id = await ownerVote('civil_code_ordinary')
    const proxy = (
      await rows<{ id: string }>(
        'SELECT id FROM owner_proxies WHERE proxy_user_id = ? AND revoked_at IS NULL',
        people.Q.userId,
      )
    )[0]!
    expectStatus(
      await send(client(staff)['owner-proxies'][':id'].revoke.$post({ param: { id: proxy.id } })),
      200,
    )
    expectError(await voteAs(people.Q, id, 'yes', `o:${e(2)}`), 403, 'FORBIDDEN')
    expect(await storedBallots(id)).toEqual([])
    // Put it back for the other tests.
    const pOwner = (
      await rows<{ id: string }>('SELECT id FROM owners WHERE user_id = ?', people.P.userId)
    )[0]!.id
    expectStatus(
      await send(
        client(staff).owners[':id'].proxies.$post({
          param: { id: pOwner },
          json: { proxyUserId: people.Q.userId, document: '重新签署的委托书 W-002' },
        }),
      ),
      201,
    )
  })

  it("counts one paper ballot per owner: a second paper for another of the developer's units is refused", async () => {
    const id = await ownerVote('civil_code_ordinary')
    expectStatus(await paper(id, 'hh-exact-d1', 'yes', 'D-1'), 200)
    expectError(await paper(id, 'hh-exact-d4', 'no', 'D-2'), 409, 'CONFLICT')
    // And the two-flat owner's second flat on paper replaces her online ballot (paper wins).
    expectStatus(await voteAs(people.Y, id, 'no'), 200)
    expectStatus(await paper(id, 'hh-exact-y2', 'yes', 'Y-1'), 200)
    expectError(await voteAs(people.Y, id, 'no'), 409, 'CONFLICT')
    const stored = await storedBallots(id)
    expect(stored.map((b) => [b.floor_area_dm2, b.option, b.source]).sort()).toEqual([
      [10000, 'yes', 'paper'],
      [10000, 'yes', 'paper'],
    ])
  })
})

describe('races, checked in the database after', () => {
  it('an owner and her proxy voting at the same time leave one ballot for the unit: the owner’s', async () => {
    for (let round = 0; round < 4; round++) {
      const id = await ownerVote('civil_code_ordinary')
      const sent = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          i % 2 === 0 ? voteAs(people.P, id, 'yes') : voteAs(people.Q, id, 'no', `o:${e(2)}`),
        ),
      )
      for (const res of sent) expect([200, 409]).toContain(res.status)
      expect(sent.filter((_, i) => i % 2 === 0).map((r) => r.status)).toEqual([200, 200, 200])
      const entry = await rows<{ option: string; source: string }>(
        `SELECT b.option, b.source FROM convention_ballots b WHERE b.convention_id = ?`,
        id,
      )
      expect(entry).toEqual([{ option: 'yes', source: 'online' }])
    }
  })

  it('two co-owners voting at the same time leave one ballot for their unit', async () => {
    for (let round = 0; round < 4; round++) {
      const id = await ownerVote('civil_code_ordinary')
      const sent = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          voteAs(i % 2 === 0 ? people.A : people.B, id, i % 2 === 0 ? 'yes' : 'no'),
        ),
      )
      for (const res of sent) expect(res.status, JSON.stringify(res.body)).toBe(200)
      const stored = await storedBallots(id)
      expect(stored).toHaveLength(1)
      // The stored ballot is one of those answered 200 (the last to land), with its own receipt.
      const answered = sent.map((r) => expectStatus(r, 200).body)
      expect(answered.map((a) => `${a.receipt}:${a.option}`)).toContain(
        `${stored[0]!.receipt}:${stored[0]!.option}`,
      )
    }
  })
})

describe('opening and the votes opened before', () => {
  it('refuses to open a Civil Code vote while a unit in scope has no recorded title, and leaves it in consultation', async () => {
    await run(
      `INSERT INTO households (id, building_id, community_id, unit, room, floor_area_dm2) VALUES ('hh-exact-new', '${EXACT}', '${HUAISHU}', '2', '101', 9000)`,
    )
    try {
      const id = await createDraft(committee, { scope: EXACT_SCOPE })
      await openConsultation(committee, id)
      const res = await send(
        client(committee).conventions[':id'].voting.$post({
          param: { id },
          json: { rule: 'civil_code_ordinary', closesAt: Date.now() + 2 * 86_400_000 },
        }),
      )
      const message = expectError(res, 409, 'INVALID_STATE')
      expect(message).toContain('还有 1 套房屋未登记产权')
      expect(message).toContain('整数园 1幢 2单元 101室')
      expect((await detail(id, committee)).status).toBe('consultation')
      expect(
        await count('SELECT COUNT(*) AS n FROM convention_roll WHERE convention_id = ?', id),
      ).toBe(0)
      // The household rule does not need ownership.
      await openVoting(committee, id, { rule: 'household' })
    } finally {
      await run("DELETE FROM convention_roll WHERE household_id = 'hh-exact-new'")
      await run("DELETE FROM households WHERE id = 'hh-exact-new'")
    }
  })

  it('keeps counting households in a Civil Code vote opened before (roll_basis households): the tenant votes, the result counts 户', async () => {
    // What migration 0007 leaves a vote that was running: its household roll and its basis.
    const id = await votingConvention(committee, { rule: 'household' }, EXACT_SCOPE)
    await run(
      "UPDATE conventions SET rule = 'civil_code_ordinary', roll_basis = 'households', quorum_num = 2, quorum_den = 3 WHERE id = ?",
      id,
    )
    const seen = await detail(id, people.T.token)
    expect(seen.voting).toMatchObject({ basis: 'households', counting: [], roll: { voters: 16 } })
    expectStatus(await voteAs(people.T, id, 'yes'), 200)
    const result = (await closeVote(committee, id)).body.result!
    expect(result).toMatchObject({ eligible: { voters: 16 }, cast: { count: 1 }, valid: false })
    expect(result.explanation[1]).toContain('1 户，占总户数 16 户')
  })
})
