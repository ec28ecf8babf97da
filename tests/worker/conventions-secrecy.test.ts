import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { seedDemo, sha256 } from './helpers'
import {
  ballot,
  demoLogins,
  endWindow,
  expectStatus,
  householdsOf,
  HUAISHU,
  makeResidents,
  resetRateLimits,
  rows,
  storedBallots,
  votingConvention,
  type Option,
  type Res,
  type Resident,
} from './convention-helpers'
import { client, rawRequest, send } from './client'

// Ballot secrecy (docs/ballot-secrecy.md): after a vote with several ballots, online and on
// paper, no API response puts a voter next to an option, the ballot rows hold no voter, and
// the audit of paper ballots names the household and the paper but never the option.

const login = demoLogins()
const OPTION_WORDS = /"(yes|no|abstain)"/
let committee: string, staff: string, zhang: string
let voters: Resident[]
let simpleId: string, householdId: string
const responses: { what: string; res: Res }[] = []
const paperHouseholds = ['hh-huaiyin-7-1-301', 'hh-huaiyin-7-1-302']

/** Everything that names a voter: user id, household, voter keys, real name. */
function identifiersOf(v: { userId: string; householdId: string }, realName: string): string[] {
  return [v.userId, v.householdId, `u:${v.userId}`, `h:${v.householdId}`, realName]
}
let identifiers: string[]

async function hmac(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message))
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

const record = (what: string, res: Res) => {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBeLessThan(400)
  responses.push({ what, res })
  return res
}

beforeAll(async () => {
  await seedDemo()
  ;[committee, staff, zhang] = (await Promise.all(
    ['committee-wu', 'staff-zhao', 'resident-zhang'].map(login),
  )) as [string, string, string]
  const homes = (await householdsOf('bd-huaiyin-7'))
    .filter((h) => !paperHouseholds.includes(h))
    .slice(0, 5)
  voters = await makeResidents('secret', homes)
  const names = await rows<{ user_id: string; real_name: string }>(
    "SELECT user_id, real_name FROM residencies WHERE id LIKE 'rs-secret-%'",
  )
  identifiers = [
    ...voters.flatMap((v) =>
      identifiersOf(v, names.find((n) => n.user_id === v.userId)!.real_name),
    ),
    ...identifiersOf({ userId: 'us-resident-zhang', householdId: 'hh-huaiyin-5-1-201' }, '张德顺'),
    ...paperHouseholds.flatMap((h) => [h, `h:${h}`]),
  ]

  const scope = { type: 'compounds' as const, ids: ['cp-huaiyin'] }
  simpleId = await votingConvention(committee, { rule: 'simple' }, scope)
  householdId = await votingConvention(committee, { rule: 'household' }, scope)
  const options: Option[] = ['yes', 'no', 'abstain', 'yes', 'no']
  for (const [i, v] of voters.entries()) {
    record('ballot', await ballot(v.token, simpleId, options[i]!))
    record('ballot (changed)', await ballot(v.token, simpleId, options[(i + 1) % 3]!))
    record('ballot', await ballot(v.token, householdId, options[i]!))
  }
  record('ballot', await ballot(zhang, simpleId, 'yes'))
  record('ballot', await ballot(zhang, householdId, 'no'))
  record(
    'paper ballot',
    await send(
      client(staff).conventions[':id']['paper-ballots'].$post({
        param: { id: simpleId },
        json: { userId: voters[4]!.userId, option: 'abstain', paperRef: 'S-001' },
      }),
    ),
  )
  for (const [i, h] of paperHouseholds.entries()) {
    record(
      'paper ballot',
      await send(
        client(staff).conventions[':id']['paper-ballots'].$post({
          param: { id: householdId },
          json: { householdId: h, option: i ? 'no' : 'yes', paperRef: `H-00${i + 1}` },
        }),
      ),
    )
  }

  const viewers: [string, string | undefined][] = [
    ['anonymous', undefined],
    ['committee', committee],
    ['staff', staff],
    ['zhang', zhang],
    ...voters.map((v, i) => [`voter ${i}`, v.token] as [string, string]),
  ]
  const readAll = async (phase: string) => {
    for (const id of [simpleId, householdId]) {
      for (const [who, token] of viewers) {
        record(
          `${phase} detail as ${who}`,
          await send(client(token).conventions[':id'].$get({ param: { id } })),
        )
        record(
          `${phase} turnout as ${who}`,
          await send(client(token).conventions[':id'].turnout.$get({ param: { id } })),
        )
      }
    }
    record(
      `${phase} list`,
      await send(client(staff).communities[':id'].conventions.$get({ param: { id: HUAISHU } })),
    )
    let cursor: string | undefined
    do {
      const page = record(
        `${phase} audit`,
        await send(
          client(staff).communities[':id'].audit.$get({
            param: { id: HUAISHU },
            query: { limit: '100', ...(cursor ? { cursor } : {}) },
          }),
        ),
      )
      cursor = page.body.nextCursor ?? undefined
    } while (cursor)
    for (const [who, token] of viewers.filter(([, t]) => t)) {
      record(`${phase} export of ${who}`, await send(client(token).me.export.$get()))
      record(`${phase} me of ${who}`, await send(client(token).me.$get()))
    }
  }
  await readAll('while voting')
  await resetRateLimits()
  await endWindow(simpleId)
  await endWindow(householdId)
  await readAll('after closing')
  for (const id of [simpleId, householdId]) {
    const list = record(
      'receipts',
      await send(client().conventions[':id'].receipts.$get({ param: { id }, query: {} })),
    )
    for (const item of list.body.items as { receipt: string }[]) {
      record(
        'receipt lookup',
        await send(
          client().conventions[':id'].receipts.$get({
            param: { id },
            query: { receipt: item.receipt },
          }),
        ),
      )
    }
  }
}, 60_000)

/** Every object in a JSON value, with the JSON text of its subtree. */
function objectsOf(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((v) => objectsOf(v, out))
  else if (value && typeof value === 'object') {
    out.push(value as Record<string, unknown>)
    Object.values(value).forEach((v) => objectsOf(v, out))
  }
  return out
}

describe('API responses after a vote with online, changed and paper ballots', () => {
  it('were collected from every reading route, with the results published after closing', () => {
    expect(responses.length).toBeGreaterThan(100)
    const closed = responses.find(
      (r) => r.what.startsWith('after closing detail') && r.res.body.result,
    )
    expect(closed!.res.body.result.cast.count).toBeGreaterThan(0)
    // The identifiers do show up where they belong (a voter's own export, the audit of paper ballots).
    expect(
      responses.some(
        (r) =>
          r.what.startsWith('while voting export of voter') &&
          JSON.stringify(r.res.body).includes(voters[0]!.userId),
      ),
    ).toBe(true)
    expect(
      responses.some(
        (r) => r.what.includes('audit') && JSON.stringify(r.res.body).includes(paperHouseholds[0]!),
      ),
    ).toBe(true)
  })

  it('never contain an option in a response that names a voter (user id, household, voter key or real name)', () => {
    const leaks = responses
      .filter(({ res }) => OPTION_WORDS.test(JSON.stringify(res.body)))
      .flatMap(({ what, res }) =>
        identifiers
          .filter((id) => JSON.stringify(res.body).includes(id))
          .map((id) => `${what}: ${id}`),
      )
    expect(leaks).toEqual([])
  })

  it('carry options only in receipt entries and results, never beside anything else', () => {
    for (const { what, res } of responses) {
      for (const obj of objectsOf(res.body)) {
        if (!('option' in obj)) continue
        expect(Object.keys(obj).sort(), what).toEqual(['option', 'receipt', 'source'])
      }
    }
  })

  it('show no totals by option while voting runs', () => {
    const during = responses.filter(
      (r) => r.what.startsWith('while voting') && /detail|turnout|list/.test(r.what),
    )
    expect(during.length).toBeGreaterThan(20)
    for (const { what, res } of during)
      expect(JSON.stringify(res.body), what).not.toMatch(OPTION_WORDS)
  })
})

describe('the stored ballots', () => {
  it('have no column for a voter or a time', async () => {
    const columns = (
      await rows<{ name: string }>("SELECT name FROM pragma_table_info('convention_ballots')")
    )
      .map((c) => c.name)
      .sort()
    expect(columns).toEqual([
      'ballot_key',
      'building_id',
      'convention_id',
      'floor_area_dm2',
      'option',
      'paper_ref',
      'receipt',
      'source',
    ])
  })

  it("hold no value equal to or containing a voter's id, household or name", async () => {
    const stored = [...(await storedBallots(simpleId)), ...(await storedBallots(householdId))]
    expect(stored).toHaveLength(6 + 8)
    for (const row of stored) {
      for (const value of Object.values(row)) {
        for (const id of identifiers) expect(String(value)).not.toContain(id)
      }
    }
  })

  it('are keyed by a hash that needs BALLOT_SECRET to link to a voter', async () => {
    const keys = new Set(
      [...(await storedBallots(simpleId)), ...(await storedBallots(householdId))].map(
        (b) => b.ballot_key,
      ),
    )
    const v = voters[0]!
    // Without the secret: plain hashes of the voter key do not match.
    for (const guess of [`u:${v.userId}`, `${simpleId}:u:${v.userId}`, v.userId])
      expect(keys.has(await sha256(guess))).toBe(false)
    // With it they do, as docs/ballot-secrecy.md says: the secret must stay off the database.
    expect(keys.has(await hmac(env.BALLOT_SECRET, `${simpleId}:u:${v.userId}`))).toBe(true)
    expect(keys.has(await hmac(env.BALLOT_SECRET, `${householdId}:h:${v.householdId}`))).toBe(true)
  })
})

describe('the audit of paper ballots', () => {
  it('names the household (or resident) and the paper, never the option', async () => {
    const audit = await rows<{
      target_id: string
      before_json: string | null
      after_json: string | null
    }>(
      "SELECT target_id, before_json, after_json FROM audit_log WHERE action = 'convention.paper_ballot' ORDER BY created_at",
    )
    expect(audit).toHaveLength(3)
    expect(audit.map((a) => JSON.parse(a.after_json!))).toEqual([
      { voter: `u:${voters[4]!.userId}`, paperRef: 'S-001' },
      { voter: `h:${paperHouseholds[0]}`, paperRef: 'H-001' },
      { voter: `h:${paperHouseholds[1]}`, paperRef: 'H-002' },
    ])
    for (const a of audit) {
      expect(a.before_json).toBeNull()
      expect(`${a.after_json}`).not.toMatch(/yes|no"|abstain|option/)
    }
  })

  it('records no option in any audit entry of either vote', async () => {
    const audit = await rows<{
      action: string
      before_json: string | null
      after_json: string | null
    }>(
      'SELECT action, before_json, after_json FROM audit_log WHERE target_id IN (?, ?)',
      simpleId,
      householdId,
    )
    expect(audit.length).toBeGreaterThanOrEqual(2 + 3)
    for (const a of audit)
      expect(`${a.before_json} ${a.after_json}`, a.action).not.toMatch(OPTION_WORDS)
  })
})

describe('the request log', () => {
  it('logs online ballot requests without the user, and other requests of that user with them', async () => {
    const lines: string[] = []
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '))
    })
    try {
      const logged = { env: { REQUEST_LOG: 'on' } }
      const id = await votingConvention(
        committee,
        { rule: 'simple' },
        { type: 'compounds', ids: ['cp-huaiyin'] },
      )
      expectStatus(
        await rawRequest('POST', `/api/conventions/${id}/ballots`, {
          token: voters[0]!.token,
          body: { option: 'yes' },
          ...logged,
        }),
        200,
      )
      expectStatus(await rawRequest('GET', '/api/me', { token: voters[0]!.token, ...logged }), 200)
    } finally {
      spy.mockRestore()
    }
    const entries = lines.map((l) => JSON.parse(l) as { path: string; userId: string | null })
    expect(
      entries.map((e) => [e.path.replace(/conventions\/[^/]+/, 'conventions/{id}'), e.userId]),
    ).toEqual([
      ['/api/conventions/{id}/ballots', null],
      ['/api/me', voters[0]!.userId],
    ])
  })
})
