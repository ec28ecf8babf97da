// 金点子 under load: 20,000 suggestions, 200,000 supports, 100,000 comments in one community,
// on both runtimes (the local Workers server on a private local D1; the Node server on a private
// SQLite file). Measures lists (each sort and filter), Chinese search, detail and support, each
// against the bare Hono route of its runtime, and prints the query plans. Run: npm run bench.
import { searchTextOf } from '../../worker/lib/chinese-search'
import { benchBothRuntimes, chunks, q, residentStatements, residentTokens } from './harness'

const SUGGESTIONS = Number(process.env.BENCH_SUGGESTIONS ?? 20_000)
const SUPPORTS_PER = 10
const COMMENTS_PER = 5
const USERS = 2_000
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const COMMUNITY = 'cm-huaishu'

const CATEGORIES = [
  'litter',
  'parking',
  'lighting',
  'road_surface',
  'greening',
  'clutter',
  'facilities',
  'safety',
]
const STATUSES = ['published', 'accepted', 'adopted', 'in_progress', 'completed', 'not_adopted']
const ALLEYS = ['al-huaishu-1', 'al-huaishu-2', 'al-huaishu-3', 'al-huaishu-4']
const PLACES = ['槐树弄', '青石巷', '后河沿', '菜场后弄', '梧桐苑北门', '槐荫里']
const PROBLEMS = [
  '路灯太暗',
  '垃圾桶满溢',
  '电动车乱停',
  '路面坑洼积水',
  '绿化带缺损',
  '杂物堆放',
  '健身器材损坏',
  '井盖松动',
]

function benchData(households: string[]): string[] {
  const base = Date.UTC(2025, 0, 1)
  const suggestions: string[] = []
  const supports: string[] = []
  const comments: string[] = []
  for (let i = 0; i < SUGGESTIONS; i++) {
    const place = PLACES[i % PLACES.length]!
    const problem = PROBLEMS[(i * 7) % PROBLEMS.length]!
    const title = `${place}${problem}（${i}）`
    const description = `${place}附近${problem}，已经持续一段时间，影响居民出行和生活，希望社区协调解决。编号 ${i}。`
    const created = base + i * 60_000
    const author = i % USERS
    suggestions.push(
      `(${q(`bs-${i}`)}, ${q(COMMUNITY)}, ${q(`bu-${author}`)}, ${q(households[author % households.length]!)}, '梧桐苑1号楼', 0, ${q(title)}, ${q(description)}, ${q(CATEGORIES[i % CATEGORIES.length]!)}, ${q(ALLEYS[i % ALLEYS.length]!)}, '', ${q(STATUSES[i % STATUSES.length]!)}, ${SUPPORTS_PER}, ${SUPPORTS_PER}, ${COMMENTS_PER}, ${q(searchTextOf(title, description))}, ${created}, ${created + (i % 97) * 3_600_000})`,
    )
    for (let k = 0; k < SUPPORTS_PER; k++) {
      const user = (i * 7 + k * 131) % USERS
      supports.push(
        `(${q(`bs-${i}`)}, ${q(`bu-${user}`)}, ${q(households[user % households.length]!)}, ${created + k})`,
      )
    }
    for (let k = 0; k < COMMENTS_PER; k++) {
      comments.push(
        `(${q(`bc-${i}-${k}`)}, ${q(`bs-${i}`)}, ${q(`bu-${(i + k) % USERS}`)}, '梧桐苑2号楼居民', ${q(`同意，${problem}确实需要解决。`)}, ${created + 1000 + k})`,
      )
    }
  }
  return [
    ...residentStatements('bu', USERS, (u) => households[u % households.length]!, base),
    ...chunks(
      suggestions,
      'INSERT INTO suggestions (id, community_id, author_user_id, author_household_id, author_building_label, show_name, title, description, category, alley_id, landmark, status, support_count, support_household_count, comment_count, search_text, created_at, updated_at)',
      120,
    ),
    ...chunks(
      supports,
      'INSERT INTO suggestion_supports (suggestion_id, user_id, household_id, created_at)',
      500,
    ),
    ...chunks(
      comments,
      'INSERT INTO suggestion_comments (id, suggestion_id, author_user_id, author_label, body, created_at)',
      400,
    ),
  ]
}

/** bs-12345 (a public one), or one in the same status when a smaller run (BENCH_SUGGESTIONS) has fewer. */
function detailId(): string {
  let i = Math.min(12345, SUGGESTIONS - 1)
  while (i % STATUSES.length !== 12345 % STATUSES.length) i--
  return `bs-${i}`
}
const DETAIL_ID = detailId()

const PLANS = [
  `SELECT id FROM suggestions WHERE community_id = '${COMMUNITY}' AND status <> 'submitted' AND hidden_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 21`,
  `SELECT id FROM suggestions WHERE community_id = '${COMMUNITY}' AND status <> 'submitted' AND hidden_at IS NULL ORDER BY support_count DESC, id DESC LIMIT 21`,
  `SELECT id FROM suggestions WHERE community_id = '${COMMUNITY}' AND status <> 'submitted' AND hidden_at IS NULL AND category = 'lighting' ORDER BY created_at DESC, id DESC LIMIT 21`,
  `SELECT id FROM suggestions WHERE community_id = '${COMMUNITY}' AND rowid IN (SELECT rowid FROM suggestions_fts WHERE suggestions_fts MATCH '"路灯" AND "灯太"') ORDER BY created_at DESC LIMIT 21`,
]

async function main() {
  await benchBothRuntimes({
    title: `金点子 — ${SUGGESTIONS} suggestions, ${SUGGESTIONS * SUPPORTS_PER} supports, ${SUGGESTIONS * COMMENTS_PER} comments; ${SECONDS}s per endpoint, 10 connections`,
    port: 8790,
    seconds: SECONDS,
    seed: async (runtime) => {
      const households = (
        await runtime.query<{ id: string }>(
          `SELECT id FROM households WHERE community_id = '${COMMUNITY}' ORDER BY id`,
        )
      ).map((r) => r.id)
      await runtime.execute(benchData(households))
      for (const plan of PLANS) {
        const rows = await runtime.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${plan}`)
        console.log(
          `[plan ${runtime.name}] ${plan.slice(0, 80)}…\n        ${rows.map((r) => r.detail).join(' | ')}`,
        )
      }
    },
    targets: async (base) => {
      // Per runtime: the probe for round trips is the same first request on both.
      let n = 0
      const tokens = await residentTokens(base, 'bu', 200)
      const list = `${base}/communities/${COMMUNITY}/suggestions`
      return [
        { name: 'GET /api/health (all middleware, no query)', url: `${base}/health` },
        { name: 'list newest', url: `${list}?sort=new` },
        { name: 'list most supported', url: `${list}?sort=support` },
        { name: 'list recently updated', url: `${list}?sort=updated` },
        { name: 'list status=adopted', url: `${list}?status=adopted` },
        { name: 'list category=lighting', url: `${list}?category=lighting` },
        { name: 'list alley', url: `${list}?alleyId=al-huaishu-2` },
        { name: 'search 路灯太暗', url: `${list}?q=${encodeURIComponent('路灯太暗')}` },
        {
          name: 'search 青石巷 + category',
          url: `${list}?q=${encodeURIComponent('青石巷')}&category=lighting`,
        },
        { name: 'detail (10 supports, 5 comments)', url: `${base}/suggestions/${DETAIL_ID}` },
        { name: 'comments', url: `${base}/suggestions/${DETAIL_ID}/comments` },
        {
          name: 'POST support (200 residents, random suggestions)',
          url: `${base}/suggestions/bs-0/support`,
          method: 'POST',
          requests: [
            {
              setupRequest: (req) => {
                n++
                // Statuses cycle every 6 suggestions; 0–3 are open to support.
                const open = ((n * 7919) % Math.floor(SUGGESTIONS / 6)) * 6 + (n % 4)
                return {
                  ...req,
                  path: `/api/suggestions/bs-${open}/support`,
                  headers: { ...req.headers, authorization: `Bearer ${tokens[n % tokens.length]}` },
                }
              },
            },
          ],
        },
      ]
    },
  })
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
