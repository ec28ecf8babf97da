// 微规约 at scale: a vote over 50,000 households (Civil Code rule), on both runtimes (the local
// Workers server on a private local D1; the Node server on a private SQLite file). Measures
// opening the vote (fixing the owners roll of 50,000 units: every 50th owner holds a second
// unit, the developer still holds 100 unsold — decision 011), the live turnout endpoint under
// load against the bare route of its runtime (a read of the per-building counters, decision 022;
// as a visitor and signed in, with the round trips of each), the 微规约's page while the vote runs
// (as a visitor and as an owner on the roll), and closing (tallying the ballots).
// Run: npm run bench.
import { DAY } from '../../worker/lib/time'
import {
  chunks,
  measureCeilings,
  measureWithTrips,
  openRuntime,
  printComparison,
  q,
  runtimeNames,
  type RuntimeName,
} from './harness'
import { http } from '../http-client'

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 50_000)
const BUILDINGS = 100
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)

function places(): string[] {
  const buildings: string[] = []
  const households: string[] = []
  for (let b = 0; b < BUILDINGS; b++)
    buildings.push(`(${q(`bd-bench-${b}`)}, 'cp-bench', 'cm-huaishu', ${q(`${b + 1}幢`)}, ${b})`)
  for (let h = 0; h < HOUSEHOLDS; h++) {
    const b = h % BUILDINGS
    households.push(
      `(${q(`hh-bench-${h}`)}, ${q(`bd-bench-${b}`)}, 'cm-huaishu', '1', ${q(String(h))}, ${5000 + ((h * 7919) % 9000)})`,
    )
  }
  // Ownership: unit h is owned by owner h, except that the owner of unit h (h ≡ 0 mod 50) also
  // owns unit h + 1, and the last 100 units are the developer's.
  const titles: string[] = []
  const owners: string[] = []
  const links: string[] = []
  const developerFrom = HOUSEHOLDS - 100
  owners.push(`('ow-bench-dev', 'cm-huaishu', 'developer', NULL, '压测置业', 'us-staff-zhao', 0)`)
  for (let h = 0; h < HOUSEHOLDS; h++) {
    const developer = h >= developerFrom
    titles.push(
      `(${q(`hh-bench-${h}`)}, 'cm-huaishu', ${5000 + ((h * 7919) % 9000)}, ${developer ? 'NULL' : q(`C${h}`)}, ${developer ? 1 : 0}, 'us-staff-zhao', 0)`,
    )
    const owner = developer ? 'ow-bench-dev' : h % 50 === 1 ? `ow-bench-${h - 1}` : `ow-bench-${h}`
    if (owner === `ow-bench-${h}`)
      owners.push(
        `(${q(owner)}, 'cm-huaishu', 'person', NULL, ${q(`业主${h}`)}, 'us-staff-zhao', 0)`,
      )
    links.push(`(${q(`hh-bench-${h}`)}, ${q(owner)})`)
  }
  return [
    `INSERT INTO compounds (id, community_id, name, sort_order) VALUES ('cp-bench', 'cm-huaishu', '压测小区', 9);`,
    ...chunks(
      buildings,
      'INSERT INTO buildings (id, compound_id, community_id, name, sort_order)',
      100,
    ),
    ...chunks(
      households,
      'INSERT INTO households (id, building_id, community_id, unit, room, floor_area_dm2)',
      500,
    ),
    ...chunks(
      owners,
      'INSERT INTO owners (id, community_id, kind, user_id, name, created_by, created_at)',
      500,
    ),
    ...chunks(
      titles,
      'INSERT INTO unit_titles (household_id, community_id, registered_area_dm2, certificate_no, developer_unsold, recorded_by, recorded_at)',
      500,
    ),
    ...chunks(links, 'INSERT INTO unit_owners (household_id, owner_id)', 500),
  ]
}

/**
 * Four in five roll entries vote (3:1:1 赞成/反对/弃权), one ballot each, carrying its entry's
 * building and area as a cast ballot does (voting-service.ts): one INSERT … SELECT over the roll.
 * (One per household instead would give a two-flat owner's second unit and the developer's unsold
 * units ballots of their own, in buildings where the roll counts no entry: not a vote the app
 * could hold.)
 */
function ballots(conventionId: string): string[] {
  return [
    `INSERT INTO convention_ballots (convention_id, ballot_key, building_id, floor_area_dm2, option, receipt, source, paper_ref)
     SELECT convention_id, 'key-' || voter_key, building_id, floor_area_dm2,
       CASE (rowid / 5) % 5 WHEN 3 THEN 'no' WHEN 4 THEN 'abstain' ELSE 'yes' END, 'R' || rowid, 'online', NULL
     FROM convention_roll WHERE convention_id = ${q(conventionId)} AND rowid % 5 <> 4;`,
  ]
}

/** The vote on one runtime: open it, load the ballots, measure turnout, close and tally it. */
async function onRuntime(name: RuntimeName) {
  const runtime = await openRuntime(name)
  await runtime.execute(places())
  const servers = await runtime.start(8794)
  try {
    const base = servers.api
    const post = async (path: string, token: string, body?: unknown) => {
      const res = await http(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: body ? JSON.stringify(body) : undefined,
      })
      const json = (await res.json()) as any
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`)
      return json
    }
    const login = async (who: { demoUser: string } | { openid: string }) =>
      (
        (await (
          await http(`${base}/auth/dev`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(who),
          })
        ).json()) as any
      ).token as string
    const token = await login({ demoUser: 'committee-wu' })
    const draft = await post('/communities/cm-huaishu/conventions', token, {
      title: '压测小区公共收益使用办法',
      articles: ['公共收益用于小区设施维护。'],
      scope: { type: 'compounds', ids: ['cp-bench'] },
    })
    let t = Date.now()
    const opened = await post(`/conventions/${draft.id}/voting`, token, {
      rule: 'civil_code_ordinary',
      closesAt: Date.now() + 2 * DAY,
    })
    const openMs = Date.now() - t
    // Inserted directly, as if cast: the counters' trigger (migration 0015) counts them as it
    // counts a ballot the app writes, so the meter below reads what a real vote would show.
    await runtime.execute(ballots(draft.id))
    const counted = await runtime.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM convention_ballots WHERE convention_id = ${q(draft.id)}`,
    )
    const cast = Number(counted[0]?.n)
    const meter = (await (await http(`${base}/conventions/${draft.id}/turnout`)).json()) as any
    if (meter.cast !== cast)
      throw new Error(`the meter shows ${meter.cast} ballots, ${cast} were cast`)
    const { bare, floors } = await measureCeilings(servers, SECONDS)
    const turnoutUrl = `${base}/conventions/${draft.id}/turnout`
    const turnout = await measureWithTrips(
      {
        name: `GET turnout (${HOUSEHOLDS} households, ${cast} ballots), visitor`,
        url: turnoutUrl,
      },
      SECONDS,
    )
    const turnoutSignedIn = await measureWithTrips(
      {
        name: `GET turnout (${HOUSEHOLDS} households, ${cast} ballots), signed in`,
        url: turnoutUrl,
        headers: { authorization: `Bearer ${token}` },
      },
      SECONDS,
    )
    // The 微规约's page while the vote runs: as a visitor, and as an owner on the roll (her
    // entry found among 50,000, then whether her ballot is in).
    const ownerToken = await login({ openid: 'bench-owner' })
    const me = (await (
      await http(`${base}/me`, { headers: { authorization: `Bearer ${ownerToken}` } })
    ).json()) as any
    await runtime.execute([
      `UPDATE owners SET user_id = ${q(me.user.id)} WHERE id = 'ow-bench-100';`,
    ])
    const pageUrl = `${base}/conventions/${draft.id}`
    const owned = (await (
      await http(pageUrl, { headers: { authorization: `Bearer ${ownerToken}` } })
    ).json()) as any
    if (owned.viewer?.ballots?.length !== 1)
      throw new Error(`the owner's page offers ${owned.viewer?.ballots?.length} ballots, not 1`)
    const page = await measureWithTrips(
      { name: `GET the 微规约 (${HOUSEHOLDS} on the roll), visitor`, url: pageUrl },
      SECONDS,
    )
    const pageOwner = await measureWithTrips(
      {
        name: `GET the 微规约 (${HOUSEHOLDS} on the roll), an owner on it`,
        url: pageUrl,
        headers: { authorization: `Bearer ${ownerToken}` },
      },
      SECONDS,
    )
    await runtime.execute([
      `UPDATE conventions SET voting_closes_at = ${Date.now() - 1} WHERE id = '${draft.id}';`,
    ])
    t = Date.now()
    const closed = await post(`/conventions/${draft.id}/close`, token)
    const closeMs = Date.now() - t
    return {
      runtime: name,
      bare,
      floors,
      figures: [turnout, turnoutSignedIn, page, pageOwner],
      opened,
      openMs,
      closed,
      closeMs,
    }
  } finally {
    await servers.stop()
  }
}

async function main() {
  const results = []
  for (const name of runtimeNames()) results.push(await onRuntime(name))
  printComparison(`微规约 — ${HOUSEHOLDS} households, roll fixed at opening`, results)
  console.log(`| step | ${results.map((r) => r.runtime).join(' | ')} |`)
  console.log(`|---|${results.map(() => '---:').join('|')}|`)
  console.log(
    `| open voting (fix the owners roll: ${HOUSEHOLDS} units → ${results[0]?.opened.voting.roll.voters} owners) | ${results.map((r) => `${r.openMs} ms`).join(' | ')} |`,
  )
  console.log(
    `| close and tally ${results[0]?.closed.result.cast.count} ballots | ${results.map((r) => `${r.closeMs} ms`).join(' | ')} |`,
  )
  for (const r of results)
    console.log(
      `${r.runtime} result: valid=${r.closed.result.valid} passed=${r.closed.result.passed} — ${r.closed.result.decidedBy}`,
    )
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
