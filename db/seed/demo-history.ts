// A year of 金点子 before the demo cases, in both communities, so that the public 三率 page
// (packages/transparency) shows a real trend, real breakdowns and a real street comparison on a
// fresh `npm start`: answered on time and late, adopted and not, completed, rated (some
// "未解决"), a few still unanswered past their deadline. Plus a past 议事会 whose resolutions
// fill the register: one carried by a 金点子, one done, one overdue.
//
// The people who supported and rated these are neighbours who have since moved away: accounts
// without a residency (they cannot sign in), so no list of current residents changes.
import { searchTextOf } from '../../worker/lib/chinese-search'

type Row = Record<string, string | number | null>
type Insert = (table: string, row: Row) => string

const HOUR = 3600_000
const DAY = 24 * HOUR
const THRESHOLD = 10
const DEADLINE_DAYS = 15

const PROBLEMS: [category: string, title: string][] = [
  ['lighting', '路口路灯不亮'],
  ['litter', '垃圾投放点满溢'],
  ['parking', '电动车堵住消防通道'],
  ['road_surface', '人行道地砖松动'],
  ['greening', '绿化带缺株'],
  ['clutter', '楼道口堆放旧家具'],
  ['cooking_fumes', '沿街小吃店油烟扰民'],
  ['facilities', '健身器材损坏'],
  ['cables', '电线低垂影响通行'],
  ['elderly_children', '缺少适老扶手'],
  ['safety', '井盖破损'],
  ['sewage', '雨水口堵塞积水'],
]

type Community = {
  id: string
  alleys: (string | null)[]
  households: string[]
  cases: number
  /** Shapes the community's figures (so the street comparison has differences to show). */
  lateEvery: number
  unansweredEvery: number
  notAdoptedEvery: number
}

const COMMUNITIES: Community[] = [
  {
    id: 'cm-huaishu',
    alleys: ['al-huaishu-1', 'al-huaishu-2', 'al-huaishu-3', 'al-huaishu-4', null],
    households: [
      'hh-wutong-1-2-101',
      'hh-wutong-1-2-202',
      'hh-wutong-2-1-301',
      'hh-wutong-2-1-402',
      'hh-wutong-2-2-601',
      'hh-wutong-3-1-101',
      'hh-wutong-3-2-302',
      'hh-wutong-3-3-401',
      'hh-huaiyin-5-1-103',
      'hh-huaiyin-5-1-304',
      'hh-huaiyin-7-1-202',
      'hh-huaiyin-7-1-303',
    ],
    cases: 22,
    lateEvery: 6,
    unansweredEvery: 11,
    notAdoptedEvery: 5,
  },
  {
    id: 'cm-fengqiao',
    alleys: ['al-fengqiao-1', 'al-fengqiao-2', null],
    households: [
      'hh-fengqiao-1-1-101',
      'hh-fengqiao-1-1-202',
      'hh-fengqiao-1-2-301',
      'hh-fengqiao-1-2-402',
      'hh-fengqiao-1-2-501',
      'hh-fengqiao-2-1-102',
      'hh-fengqiao-2-1-201',
      'hh-fengqiao-2-2-302',
      'hh-fengqiao-2-2-401',
      'hh-fengqiao-2-2-502',
      'hh-fengqiao-1-1-302',
      'hh-fengqiao-2-1-401',
    ],
    cases: 14,
    lateEvery: 3,
    unansweredEvery: 5,
    notAdoptedEvery: 4,
  },
]

const STARS = [5, 4, 4, 3, 5, 2, 4, 5]

/**
 * Statements for the history, placed in the year before `now` (the moment of seeding, like the
 * coming 议事会 of demo-meetings.ts), so that the 12 months the page shows are never empty.
 */
export function demoHistoryStatements(insert: Insert, now = Date.now()): string[] {
  const seededAt = now
  const out: string[] = []
  for (const c of COMMUNITIES) {
    const short = c.id.slice(3)
    const neighbours = c.households.map((household, n) => ({
      id: `us-hist-${short}-${n + 1}`,
      household,
    }))
    for (const n of neighbours)
      out.push(
        insert('users', {
          id: n.id,
          openid: `seed:${n.id}`,
          nickname: `老邻居${n.id.slice(-2).replace('-', '')}`,
          current_community_id: c.id,
          consent_version: null,
          consented_at: null,
          created_at: seededAt - 400 * DAY,
        }),
      )
    for (let i = 0; i < c.cases; i++) out.push(...historyCase(insert, c, neighbours, i, seededAt))
  }
  out.push(...historyMeeting(insert, seededAt))
  return out
}

function historyCase(
  insert: Insert,
  c: Community,
  neighbours: { id: string; household: string }[],
  i: number,
  seededAt: number,
): string[] {
  const out: string[] = []
  const id = `sg-hist-${c.id.slice(3)}-${String(i + 1).padStart(2, '0')}`
  const [category, problem] = PROBLEMS[(i * 5 + c.cases) % PROBLEMS.length]!
  const alley = c.alleys[i % c.alleys.length]!
  // Spread over the 11½ months before the seed, oldest first, at a morning hour.
  const created = seededAt - (345 - Math.floor((i * 335) / c.cases)) * DAY + (9 + (i % 8)) * HOUR
  const author = neighbours[i % neighbours.length]!
  const reaches = i % 4 !== 3
  const thresholdAt = reaches ? created + (1 + (i % 3)) * DAY : null
  const unanswered = i % c.unansweredEvery === c.unansweredEvery - 1
  const late = !unanswered && reaches && i % c.lateEvery === 1
  const answerDays = late ? DEADLINE_DAYS + 3 + (i % 5) : 2 + ((i * 7) % 11)
  const answeredAt = unanswered ? null : (thresholdAt ?? created) + answerDays * DAY
  const dueAt =
    thresholdAt !== null && (answeredAt === null || answeredAt > thresholdAt)
      ? thresholdAt + DEADLINE_DAYS * DAY
      : null
  const notAdopted = !unanswered && i % c.notAdoptedEvery === c.notAdoptedEvery - 1
  const completedAt =
    answeredAt !== null && !notAdopted && i % 3 !== 1 ? answeredAt + (8 + (i % 9)) * DAY : null
  const status = unanswered
    ? 'accepted'
    : notAdopted
      ? 'not_adopted'
      : completedAt !== null && completedAt < seededAt
        ? 'completed'
        : 'in_progress'
  const done = status === 'completed'
  // Supporters: enough households to reach the threshold when it does, a few when it does not.
  const supporters = neighbours.filter((n) => n.id !== author.id).slice(0, reaches ? THRESHOLD : 3)
  // 张大爷 (槐荫里5弄) supported the finished ones in 槐树社区 and has not rated them yet.
  const zhang =
    c.id === 'cm-huaishu' && done
      ? [{ id: 'us-resident-zhang', household: 'hh-huaiyin-5-1-201' }]
      : []
  const allSupporters = [author, ...supporters, ...zhang]
  const ratings = done
    ? supporters
        .slice(0, 2 + (i % 3))
        .map((n, k) => ({
          userId: n.id,
          stars: STARS[(i + k) % STARS.length]!,
          // Now and then a neighbour says it is not fixed (the case then reopened and was fixed again).
          unresolved: (i + k) % 7 === 6,
          at: completedAt! + (1 + k) * DAY,
        }))
        .filter((r) => r.at < seededAt)
    : []
  const title = `${problem}`
  const description = `${problem}，附近居民反映已有一段时间，希望社区协调有关部门处理。`
  out.push(
    insert('suggestions', {
      id,
      community_id: c.id,
      author_user_id: author.id,
      author_household_id: author.household,
      author_building_label: '本社区',
      show_name: 0,
      title,
      description,
      category,
      alley_id: alley,
      lat_e6: null,
      lng_e6: null,
      landmark: '',
      status,
      hidden_at: null,
      hidden_reason: null,
      merged_into_id: null,
      planner_user_id: null,
      support_count: allSupporters.length,
      support_household_count: new Set(allSupporters.map((s) => s.household)).size,
      comment_count: 0,
      rating_count: ratings.length,
      rating_sum: ratings.reduce((n, r) => n + r.stars, 0),
      completion_round: done ? 1 : 0,
      threshold_reached_at: thresholdAt,
      answer_due_at: dueAt,
      answered_at: answeredAt,
      search_text: searchTextOf(title, description, ''),
      created_at: created,
      updated_at: completedAt ?? answeredAt ?? created,
    }),
  )
  allSupporters.forEach((s, k) =>
    out.push(
      insert('suggestion_supports', {
        suggestion_id: id,
        user_id: s.id,
        household_id: s.household,
        created_at: created + k * HOUR,
      }),
    ),
  )
  const events: [
    kind: string,
    from: string | null,
    to: string | null,
    at: number,
    body: string | null,
  ][] = [
    ['submitted', null, 'submitted', created, null],
    ['published', 'submitted', 'published', created + HOUR, null],
  ]
  if (thresholdAt !== null)
    events.push([
      'threshold_reached',
      null,
      null,
      thresholdAt,
      `${THRESHOLD} 户居民附议，居委会应在 ${DEADLINE_DAYS} 天内答复`,
    ])
  if (unanswered)
    events.push([
      'accepted',
      'published',
      'accepted',
      created + DAY,
      '居委会已受理，将尽快研究答复',
    ])
  else if (notAdopted)
    events.push([
      'not_adopted',
      'published',
      'not_adopted',
      answeredAt!,
      '不采纳：该处属于市政管辖，已转交街道城管科',
    ])
  else {
    events.push(['adopted', 'published', 'adopted', answeredAt!, '采纳，交由街巷规划师跟进'])
    if (completedAt !== null && completedAt < seededAt)
      events.push(['completed', 'adopted', 'completed', completedAt, '已处理完毕，请居民评价'])
    else events.push(['progress', 'adopted', 'in_progress', answeredAt! + 2 * DAY, '已安排施工'])
  }
  events.forEach(([kind, from, to, at, body], k) =>
    out.push(
      insert('suggestion_events', {
        id: `${id}-ev${k}`,
        suggestion_id: id,
        kind,
        actor_user_id:
          kind === 'submitted' ? author.id : kind === 'threshold_reached' ? null : 'us-staff-zhao',
        actor_role:
          kind === 'submitted' ? 'resident' : kind === 'threshold_reached' ? 'system' : 'staff',
        from_status: from,
        to_status: to,
        body,
        created_at: at,
      }),
    ),
  )
  for (const r of ratings)
    out.push(
      insert('suggestion_ratings', {
        suggestion_id: id,
        user_id: r.userId,
        round: 1,
        stars: r.stars,
        unresolved: r.unresolved ? 1 : 0,
        reason: r.unresolved ? '晚上还是不亮' : null,
        created_at: r.at,
      }),
    )
  return out
}

/** A 议事会 45 days ago with three resolutions in the register: carried by a 金点子, done, overdue. */
function historyMeeting(insert: Insert, seededAt: number): string[] {
  const id = 'mt-demo-history'
  // 19:00 Shanghai, 45 days before the seed.
  const starts = Math.floor((seededAt + 8 * HOUR) / DAY) * DAY - 8 * HOUR - 45 * DAY + 19 * HOUR
  const day = (offset: number) =>
    new Date(starts + 8 * HOUR + offset * DAY).toISOString().slice(0, 10)
  const items: [
    item: string,
    title: string,
    suggestion: string | null,
    decision: string,
    owner: string,
    due: string,
  ][] = [
    [
      'mi-hist-1',
      '菜场后弄垃圾清运',
      'sg-hist-huaishu-17',
      '采纳，交由社区环卫所实施',
      '社区环卫所',
      day(60),
    ],
    [
      'mi-hist-2',
      '后河沿步道夜间照明',
      null,
      '在后河沿步道加装太阳能灯 6 盏',
      '街道城管科',
      day(30),
    ],
    [
      'mi-hist-3',
      '楼道堆物集中清理',
      null,
      '组织志愿者集中清理梧桐苑楼道堆物',
      '居委会 赵书记',
      day(23),
    ],
  ]
  const out = [
    insert('meetings', {
      id,
      community_id: 'cm-huaishu',
      type: 'council',
      title: '九月议事会',
      description: '议题：菜场后弄清运、后河沿照明、楼道堆物。',
      starts_at: starts,
      ends_at: starts + 2 * HOUR,
      room_id: null,
      booking_id: null,
      address: '槐树社区居委会二楼会议室',
      capacity: 30,
      signup_opens_at: starts - 10 * DAY,
      signup_closes_at: starts - 2 * HOUR,
      audience: 'residents',
      status: 'published',
      checkin_code: '318660',
      cancel_reason: null,
      minutes: '到会居民 14 人，三个议题逐一讨论并表决通过。',
      minutes_published_at: starts + DAY,
      created_by: 'us-committee-wu',
      published_at: starts - 10 * DAY,
      created_at: starts - 11 * DAY,
      updated_at: starts + DAY,
    }),
  ]
  items.forEach(([item, title, suggestion, decision, owner, due], k) => {
    out.push(
      insert('meeting_agenda_items', {
        id: item,
        meeting_id: id,
        position: k + 1,
        title,
        description: '',
        suggestion_id: suggestion,
        convention_id: null,
      }),
      insert('meeting_resolutions', {
        item_id: item,
        meeting_id: id,
        decision,
        votes_for: 12 - k,
        votes_against: k,
        votes_abstain: 2,
        owner,
        due_date: due,
        suggestion_move: 'none',
        created_by: 'us-committee-wu',
        created_at: starts + 3 * HOUR,
      }),
    )
  })
  out.push(
    insert('register_done_marks', {
      item_id: 'mi-hist-3',
      community_id: 'cm-huaishu',
      note: '组织志愿者 20 人清理楼道 36 处',
      marked_by: 'us-committee-wu',
      created_at: starts + 21 * DAY,
    }),
  )
  return out
}
