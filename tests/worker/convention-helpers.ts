import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { DEMO, loginDemo, loginNew, type Res } from './helpers'
import { client, expectStatus, send, type ErrorBody } from './client'

// Fixtures and request helpers for the 微规约 test files (conventions-*.test.ts).
//
// Requests go through the typed client (client.ts: straight to the worker entry; see why there).

export const HUAISHU = DEMO.communities.huaishu
export const FENGQIAO = DEMO.communities.fengqiao
export const HOUR = 3_600_000
export const DAY = 24 * HOUR

export { expectStatus, loginDemo, loginNew, type Res }
export type Option = 'yes' | 'no' | 'abstain'
export const OPTIONS: Option[] = ['yes', 'no', 'abstain']

/** Asserts a Chinese 4xx error with the given code, and returns its message. */
export function expectError(
  res: { status: number; body: unknown },
  status: number,
  code: string,
): string {
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  const { error } = res.body as ErrorBody
  expect(error.code).toBe(code)
  expect(error.message).toMatch(/[\u4e00-\u9fff]/)
  return error.message
}

export async function rows<T = Record<string, any>>(
  sql: string,
  ...params: unknown[]
): Promise<T[]> {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<T>()
  ).results
}

export async function count(sql: string, ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>()
  if (!row) throw new Error(`no row: ${sql}`)
  return row.n
}

export async function run(sql: string, ...params: unknown[]): Promise<void> {
  await env.DB.prepare(sql)
    .bind(...params)
    .run()
}

/** The write limit (120/min per user) is tested elsewhere; these files drive many writes through a few accounts. */
export async function resetRateLimits(): Promise<void> {
  await run('DELETE FROM rate_limits')
}

/** Demo sessions, one login per demo user and file (logins are limited to 10 per minute and openid). */
export function demoLogins() {
  const cache = new Map<string, Promise<string>>()
  return (key: string) => {
    let token = cache.get(key)
    if (!token) cache.set(key, (token = loginDemo(key)))
    return token
  }
}

export const random = <T>(items: readonly T[]): T =>
  items[Math.floor(Math.random() * items.length)]!

/** Households of a building, in a stable order. */
export async function householdsOf(buildingId: string): Promise<string[]> {
  return (
    await rows<{ id: string }>(
      'SELECT id FROM households WHERE building_id = ? ORDER BY id',
      buildingId,
    )
  ).map((r) => r.id)
}

export type Resident = { token: string; userId: string; householdId: string }

/**
 * Fresh users made verified residents by inserting their residencies directly (the residency
 * flow is tested in residency.test.ts): one per entry of `householdIds`; `representative(i)`
 * marks the household representative (at most one per household).
 */
export async function makeResidents(
  prefix: string,
  householdIds: string[],
  representative: (i: number) => boolean = () => false,
): Promise<Resident[]> {
  const users = await Promise.all(
    householdIds.map((_, i) => loginNew(`${prefix}-${i}`, { consent: false })),
  )
  const people = users.map((u, i) => ({
    token: u.token,
    userId: u.userId,
    householdId: householdIds[i]!,
  }))
  await env.DB.batch(
    people.map((p, i) =>
      env.DB.prepare(
        `INSERT INTO residencies (id, user_id, household_id, community_id, status, via, real_name, is_representative, verified_at, verified_by)
     VALUES (?, ?, ?, (SELECT community_id FROM households WHERE id = ?), 'verified', 'request', ?, ?, ?, 'us-staff-zhao')`,
      ).bind(
        `rs-${prefix}-${i}`,
        p.userId,
        p.householdId,
        p.householdId,
        `测试居民${prefix}${i}`,
        representative(i) ? 1 : 0,
        Date.now(),
      ),
    ),
  )
  return people
}

type Scope = { type: 'community' | 'compounds' | 'buildings'; ids?: string[] }

/** A draft by a committee member; returns its id. */
export async function createDraft(
  token: string,
  options: { scope?: Scope; title?: string; articles?: string[]; communityId?: string } = {},
): Promise<string> {
  const res = await send(
    client(token).communities[':id'].conventions.$post({
      param: { id: options.communityId ?? HUAISHU },
      json: {
        title: options.title ?? '测试公约',
        preamble: '为维护公共环境，经居民协商制定本公约。',
        articles: options.articles ?? ['楼道内不得堆放杂物。', '垃圾按时按点分类投放。'],
        scope: { type: options.scope?.type ?? 'community', ids: options.scope?.ids ?? [] },
      },
    }),
  )
  return expectStatus(res, 201).body.id
}

export async function openConsultation(token: string, id: string): Promise<void> {
  expectStatus(
    await send(
      client(token).conventions[':id'].consultation.$post({
        param: { id },
        json: { endsAt: Date.now() + 7 * DAY },
      }),
    ),
    200,
  )
}

export type VotingSettings = {
  rule: 'simple' | 'household' | 'civil_code_ordinary' | 'civil_code_major'
  quorum?: { num: number; den: number }
  approval?: { num: number; den: number }
  representativeOnly?: boolean
}

export async function openVoting(token: string, id: string, settings: VotingSettings) {
  return expectStatus(
    await send(
      client(token).conventions[':id'].voting.$post({
        param: { id },
        json: { closesAt: Date.now() + 2 * DAY, ...settings },
      }),
    ),
    200,
  )
}

/** A draft opened for voting in one go. */
export async function votingConvention(
  token: string,
  settings: VotingSettings,
  scope?: Scope,
): Promise<string> {
  const id = await createDraft(token, { scope })
  await openVoting(token, id, settings)
  return id
}

/** Ends the window by moving its end into the past (the API itself requires ≥ 1 h windows). */
export async function endWindow(id: string): Promise<void> {
  await run('UPDATE conventions SET voting_closes_at = ? WHERE id = ?', Date.now() - 1, id)
}

/** Ends the window and closes the vote through the API; returns the detail with the result. */
export async function closeVote(token: string, id: string) {
  await endWindow(id)
  return expectStatus(
    await send(client(token).conventions[':id'].close.$post({ param: { id } })),
    200,
  )
}

export async function ballot(token: string, id: string, option: Option) {
  return send(client(token).conventions[':id'].ballots.$post({ param: { id }, json: { option } }))
}

export type BallotRow = {
  ballot_key: string
  building_id: string
  floor_area_dm2: number
  option: Option
  receipt: string
  source: 'online' | 'paper'
  paper_ref: string | null
}

export async function storedBallots(id: string): Promise<BallotRow[]> {
  return rows<BallotRow>(
    'SELECT * FROM convention_ballots WHERE convention_id = ? ORDER BY receipt',
    id,
  )
}

/** "89.50" for 8950 dm², computed here independently of the worker. */
export function m2(dm2: number): string {
  return `${Math.floor(dm2 / 100)}.${String(dm2 % 100).padStart(2, '0')}`
}

/** The result record recounted from the stored ballot rows. */
export async function recount(id: string) {
  const stored = await storedBallots(id)
  const tally = (option?: Option) => {
    const chosen = option ? stored.filter((b) => b.option === option) : stored
    return { count: chosen.length, areaM2: m2(chosen.reduce((n, b) => n + b.floor_area_dm2, 0)) }
  }
  return { cast: tally(), yes: tally('yes'), no: tally('no'), abstain: tally('abstain') }
}
