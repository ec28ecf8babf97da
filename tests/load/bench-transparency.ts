// 民事民评 in public under load: 50 communities in one street, 20,000 金点子 (10,000 in 槐树社区,
// the rest spread over the other 49), their answers, adoptions and 30,000 ratings, served by the
// local server on a private local D1. Measures the public page (its snapshot), the street view
// (50 snapshots), the register and the open-data CSV against the bare route, and times the work
// behind the snapshots: one community computed from scratch, and the cron's run over all 50.
// Run: npm run bench (or tsx tests/load/bench-transparency.ts).
import { http } from '../http-client'
import {
  chunks,
  d1Execute,
  executeSql,
  measure,
  printTable,
  q,
  residentStatements,
  seededDatabase,
  startApp,
  startBare,
  type Figure,
} from './harness'

const SUGGESTIONS = Number(process.env.BENCH_SUGGESTIONS ?? 20_000)
const COMMUNITIES = 50
const BIG = 'cm-huaishu'
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const USERS = 300
const DAY = 86_400_000

const CATEGORIES = ['litter', 'parking', 'lighting', 'road_surface', 'greening', 'clutter']
const STATUSES = ['published', 'accepted', 'adopted', 'in_progress', 'completed', 'not_adopted']

/** The 48 communities added to 青梧街道 (with 槐树 and 枫桥: 50), each with households and alleys. */
function communityStatements(): {
  statements: string[]
  places: Map<string, { hh: string; alleys: string[] }>
} {
  const statements: string[] = []
  const places = new Map<string, { hh: string; alleys: string[] }>()
  places.set('cm-huaishu', {
    hh: 'hh-wutong-1-1-101',
    alleys: ['al-huaishu-1', 'al-huaishu-2', 'al-huaishu-3', 'al-huaishu-4'],
  })
  places.set('cm-fengqiao', {
    hh: 'hh-fengqiao-1-1-101',
    alleys: ['al-fengqiao-1', 'al-fengqiao-2'],
  })
  for (let c = 3; c <= COMMUNITIES; c++) {
    const id = `cm-bench-${c}`
    statements.push(
      `INSERT INTO communities (id, street_id, name, created_at) VALUES (${q(id)}, 'st-qingwu', ${q(`测试${c}社区`)}, 0);`,
      `INSERT INTO compounds (id, community_id, name) VALUES (${q(`cp-bench-${c}`)}, ${q(id)}, '小区');`,
      `INSERT INTO buildings (id, compound_id, community_id, name) VALUES (${q(`bd-bench-${c}`)}, ${q(`cp-bench-${c}`)}, ${q(id)}, '1幢');`,
      `INSERT INTO households (id, building_id, community_id, unit, room, floor_area_dm2) VALUES (${q(`hh-bench-${c}`)}, ${q(`bd-bench-${c}`)}, ${q(id)}, '1', '101', 8000);`,
      `INSERT INTO alleys (id, community_id, name, sort_order) VALUES (${q(`al-bench-${c}-1`)}, ${q(id)}, '东巷', 0), (${q(`al-bench-${c}-2`)}, ${q(id)}, '西巷', 1);`,
    )
    places.set(id, { hh: `hh-bench-${c}`, alleys: [`al-bench-${c}-1`, `al-bench-${c}-2`] })
  }
  return { statements, places }
}

function benchData(places: Map<string, { hh: string; alleys: string[] }>): string[] {
  const communities = [...places.keys()]
  const others = communities.filter((c) => c !== BIG)
  const now = Date.now()
  const suggestions: string[] = []
  const events: string[] = []
  const ratings: string[] = []
  for (let i = 0; i < SUGGESTIONS; i++) {
    const community = i % 2 === 0 ? BIG : others[(i >> 1) % others.length]!
    const place = places.get(community)!
    const status = STATUSES[i % STATUSES.length]!
    // Over the last 13 months, so some fall outside the 12-month window.
    const created = now - (i % 395) * DAY - (i % 24) * 3_600_000
    const reached = i % 3 !== 0 ? created + DAY : null
    const answered = ['adopted', 'in_progress', 'completed', 'not_adopted'].includes(status)
      ? created + (2 + (i % 20)) * DAY
      : null
    const due =
      reached !== null && (answered === null || answered > reached) ? reached + 15 * DAY : null
    suggestions.push(
      `(${q(`bs-${i}`)}, ${q(community)}, ${q(`bu-${i % USERS}`)}, ${q(place.hh)}, '1幢', 0, ${q(`第${i}条建议`)}, '内容', ${q(CATEGORIES[i % CATEGORIES.length]!)}, ${q(place.alleys[i % place.alleys.length]!)}, '', ${q(status)}, 10, 10, ${reached ?? 'NULL'}, ${due ?? 'NULL'}, ${answered ?? 'NULL'}, '', ${created}, ${created})`,
    )
    if (['adopted', 'in_progress', 'completed'].includes(status))
      events.push(
        `(${q(`be-${i}`)}, ${q(`bs-${i}`)}, 'adopted', 'staff', 'published', 'adopted', ${answered})`,
      )
    if (status === 'completed')
      for (let k = 0; k < 9; k++)
        ratings.push(
          `(${q(`bs-${i}`)}, ${q(`bu-${(i + k) % USERS}`)}, 1, ${1 + ((i + k) % 5)}, ${(i + k) % 11 === 0 ? 1 : 0}, ${answered! + (k + 1) * DAY})`,
        )
  }
  return [
    ...chunks(
      suggestions,
      'INSERT INTO suggestions (id, community_id, author_user_id, author_household_id, author_building_label, show_name, title, description, category, alley_id, landmark, status, support_count, support_household_count, threshold_reached_at, answer_due_at, answered_at, search_text, created_at, updated_at)',
      100,
    ),
    ...chunks(
      events,
      'INSERT INTO suggestion_events (id, suggestion_id, kind, actor_role, from_status, to_status, created_at)',
      300,
    ),
    ...chunks(
      ratings,
      'INSERT INTO suggestion_ratings (suggestion_id, user_id, round, stars, unresolved, created_at)',
      400,
    ),
  ]
}

async function timed(url: string, init?: Parameters<typeof http>[1]): Promise<number> {
  const started = performance.now()
  const response = await http(url, init)
  await response.arrayBuffer()
  if (!response.ok) throw new Error(`${url} → ${response.status}`)
  return Math.round(performance.now() - started)
}

async function main() {
  const started = Date.now()
  const persistTo = seededDatabase()
  const { statements, places } = communityStatements()
  executeSql(
    persistTo,
    [
      ...statements,
      ...residentStatements('bu', USERS, () => 'hh-wutong-1-1-101'),
      ...benchData(places),
    ],
    40,
  )
  const counts = JSON.parse(
    d1Execute(persistTo, [
      '--json',
      '--command',
      `SELECT (SELECT COUNT(*) FROM communities) AS communities, (SELECT COUNT(*) FROM suggestions) AS suggestions, (SELECT COUNT(*) FROM suggestions WHERE community_id = '${BIG}') AS big, (SELECT COUNT(*) FROM suggestion_ratings) AS ratings`,
    ]),
  )[0].results[0]
  console.log(
    `[bench] seeded ${JSON.stringify(counts)} in ${Math.round((Date.now() - started) / 1000)}s`,
  )

  const port = 8816
  const app = await startApp(persistTo, port)
  const bare = await startBare(port + 1)
  try {
    const base = `http://127.0.0.1:${port}/api`
    // The work behind the snapshots: one community from scratch (a request that finds no
    // snapshot computes it), then the cron's run over all 50 (POST /api/dev/housekeeping runs it).
    const coldBig = await timed(`${base}/communities/${BIG}/figures`)
    const coldSmall = await timed(`${base}/communities/cm-bench-7/figures`)
    const cron = await timed(`${base}/dev/housekeeping`, { method: 'POST' })
    console.log(
      `[bench] computing from scratch: ${BIG} (${counts.big} 金点子) ${coldBig} ms; cm-bench-7 ${coldSmall} ms; the cron over ${counts.communities} communities ${cron} ms`,
    )
    const figures: Figure[] = []
    for (const t of [
      { name: 'bare Hono route (ceiling)', url: `http://127.0.0.1:${port + 1}/` },
      { name: 'GET /api/health (all middleware, no query)', url: `${base}/health` },
      {
        name: `community page figures (${BIG}, snapshot)`,
        url: `${base}/communities/${BIG}/figures`,
      },
      {
        name: 'community page figures (small community)',
        url: `${base}/communities/cm-bench-7/figures`,
      },
      { name: 'street view (50 communities)', url: `${base}/streets/st-qingwu/figures` },
      { name: `register (${BIG})`, url: `${base}/communities/${BIG}/register` },
      { name: 'open data figures.csv', url: `${base}/open-data/communities/${BIG}/figures.csv` },
    ])
      figures.push(await measure(t, SECONDS))
    const ceiling = figures[0]!.rps
    const table = printTable(
      `民事民评 — ${counts.suggestions} 金点子 in ${counts.communities} communities (${counts.big} in ${BIG}), ${counts.ratings} ratings; ${SECONDS}s per endpoint, 10 connections`,
      figures,
    )
    console.log(
      figures
        .slice(1)
        .map((f) => `[bench] ${f.name}: ${((f.rps / ceiling) * 100).toFixed(0)}% of the bare route`)
        .join('\n'),
    )
    void table
  } finally {
    app.stop()
    bare.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
