// Demo 金点子 for the demo 街道: a few cases at different points of their lifecycle, so that
// lists, timelines and ratings show something real on a fresh `npm start`.
import { searchTextOf } from '../../worker/lib/chinese-search'

type Row = Record<string, string | number | null>
type Insert = (table: string, row: Row) => string

const HOUR = 3600_000
const DAY = 24 * HOUR

type DemoSuggestion = {
  id: string
  author: string
  household: string
  buildingLabel: string
  showName: boolean
  title: string
  description: string
  category: string
  alley: string | null
  landmark: string
  status: string
  createdDaysAgo: number
  supporters: [string, string][]
  events: {
    kind: string
    actor: string | null
    role: string
    from?: string
    to?: string
    body?: string
    daysAgo: number
  }[]
  ratings?: [string, number][]
  /** Days ago the supporting households reached the community's response threshold. */
  thresholdReachedDaysAgo?: number
  /** Dated from the moment of seeding rather than the seed's fixed instant, so it is still current. */
  current?: boolean
}

/**
 * Neighbours of 梧桐苑3号楼2单元 who support the lamp case below with the demo residents, so that
 * it is over the response threshold (10 households): verified residents with accounts nobody
 * signs in to here (not `dev:` keys, so the login picker does not list them).
 */
const NEIGHBOURS: [key: string, nickname: string, household: string, realName: string][] = [
  ['neighbour-1', '3号楼周阿姨', 'hh-wutong-3-2-101', '周美华'],
  ['neighbour-2', '3号楼老孙', 'hh-wutong-3-2-102', '孙国庆'],
  ['neighbour-3', '3号楼小吴', 'hh-wutong-3-2-201', '吴婷'],
  ['neighbour-4', '3号楼郑伯', 'hh-wutong-3-2-202', '郑海生'],
  ['neighbour-5', '3号楼冯姐', 'hh-wutong-3-2-301', '冯丽'],
  ['neighbour-6', '3号楼陈师傅', 'hh-wutong-3-2-401', '陈建平'],
  ['neighbour-7', '3号楼何奶奶', 'hh-wutong-3-2-402', '何秀兰'],
]

/** Reusable answers of the 居委会 (答复模板), so answering a 金点子 shows them on a fresh start. */
const TEMPLATES: [id: string, kind: string, title: string, body: string][] = [
  [
    'at-demo-accept',
    'progress',
    '已受理，转办',
    '居委会已受理，已转交街道相关科室，办理进展会在这里更新。',
  ],
  [
    'at-demo-city',
    'adopt',
    '采纳：转交城管',
    '采纳。已联系街道城管中队，将在两周内现场处理，处理结果请居民评价。',
  ],
  [
    'at-demo-property',
    'not_adopt',
    '不采纳：属物业管理',
    '这件事属于小区物业的管理范围，居委会已告知物业，请直接联系物业服务中心（电话见楼道公告栏）。',
  ],
  [
    'at-demo-done',
    'progress',
    '施工完成，请评价',
    '已施工完成，请附近居民查看效果并评价；如未解决，可以评价为“未解决”，我们会重新处理。',
  ],
]

const CASES: DemoSuggestion[] = [
  {
    // The lamps of the first case went dark again: eleven households say so, so the 居委会 must
    // answer within 15 days and it is a candidate for the next 议事会's agenda (议程候选).
    id: 'sg-demo-lights-again',
    author: 'resident-zhang',
    household: 'hh-huaiyin-5-1-201',
    buildingLabel: '槐荫里5弄',
    showName: true,
    title: '青石巷路灯又不亮了',
    description:
      '上个月新装的两盏路灯，这几天晚上都不亮，巷子里又是黑乎乎的。老人晚上不敢出门，希望尽快修好。',
    category: 'lighting',
    alley: 'al-huaishu-2',
    landmark: '青石巷 12 号门口',
    status: 'accepted',
    createdDaysAgo: 5,
    supporters: [
      ['resident-wang', 'hh-wutong-1-1-301'],
      ['resident-li', 'hh-wutong-2-2-502'],
      ['committee-wu', 'hh-wutong-3-3-602'],
      ...NEIGHBOURS.map(([key, , household]): [string, string] => [key, household]),
    ],
    thresholdReachedDaysAgo: 3,
    // Its answer is due twelve days after seeding, whenever that is: never shown overdue on a
    // fresh start (the coming 议事会 is placed the same way, demo-meetings.ts).
    current: true,
    events: [
      { kind: 'submitted', actor: 'resident-zhang', role: 'resident', to: 'submitted', daysAgo: 5 },
      {
        kind: 'published',
        actor: 'staff-zhao',
        role: 'staff',
        from: 'submitted',
        to: 'published',
        daysAgo: 5,
      },
      {
        kind: 'threshold_reached',
        actor: null,
        role: 'system',
        body: '10 户居民附议，居委会应在 15 天内答复',
        daysAgo: 3,
      },
      {
        kind: 'accepted',
        actor: 'staff-zhao',
        role: 'staff',
        from: 'published',
        to: 'accepted',
        body: '居委会已受理，已请街巷规划师查看路灯线路',
        daysAgo: 2,
      },
    ],
  },
  {
    id: 'sg-demo-lights',
    author: 'resident-wang',
    household: 'hh-wutong-1-1-301',
    buildingLabel: '梧桐苑1号楼',
    showName: false,
    title: '青石巷夜间太暗，建议加装路灯',
    description:
      '青石巷中段两盏路灯之间有四十多米，晚上买菜回来的老人看不清石板缝，上个月有邻居摔了一跤。建议在中段加装两盏路灯。',
    category: 'lighting',
    alley: 'al-huaishu-2',
    landmark: '青石巷 12 号门口',
    status: 'completed',
    createdDaysAgo: 40,
    supporters: [
      ['resident-li', 'hh-wutong-2-2-502'],
      ['resident-zhang', 'hh-huaiyin-5-1-201'],
      ['committee-wu', 'hh-wutong-3-3-602'],
    ],
    events: [
      { kind: 'submitted', actor: 'resident-wang', role: 'resident', to: 'submitted', daysAgo: 40 },
      {
        kind: 'published',
        actor: 'staff-zhao',
        role: 'staff',
        from: 'submitted',
        to: 'published',
        daysAgo: 39,
      },
      {
        kind: 'accepted',
        actor: 'staff-zhao',
        role: 'staff',
        from: 'published',
        to: 'accepted',
        body: '居委会已受理，将尽快研究答复',
        daysAgo: 37,
      },
      {
        kind: 'adopted',
        actor: 'staff-zhao',
        role: 'staff',
        from: 'accepted',
        to: 'adopted',
        body: '采纳。已联系街道城管科，在青石巷中段加装两盏太阳能路灯。',
        daysAgo: 33,
      },
      {
        kind: 'progress',
        actor: 'planner-zhou',
        role: 'planner',
        from: 'adopted',
        to: 'in_progress',
        body: '灯杆位置已与沿街住户确认，本周施工。',
        daysAgo: 20,
      },
      {
        kind: 'completed',
        actor: 'planner-zhou',
        role: 'planner',
        from: 'in_progress',
        to: 'completed',
        body: '两盏路灯已安装并通电，请居民评价。',
        daysAgo: 12,
      },
    ],
    ratings: [
      ['resident-wang', 5],
      ['resident-li', 4],
    ],
  },
  {
    id: 'sg-demo-bins',
    author: 'resident-li',
    household: 'hh-wutong-2-2-502',
    buildingLabel: '梧桐苑2号楼',
    showName: true,
    title: '菜场后弄垃圾桶满溢，建议增加清运',
    description:
      '菜场后弄的四个垃圾桶每天下午就满了，夏天味道很大。建议下午加一次清运，或者再添两个桶。',
    category: 'litter',
    alley: 'al-huaishu-4',
    landmark: '菜场后门',
    status: 'adopted',
    createdDaysAgo: 9,
    supporters: [
      ['resident-wang', 'hh-wutong-1-1-301'],
      ['committee-wu', 'hh-wutong-3-3-602'],
    ],
    events: [
      { kind: 'submitted', actor: 'resident-li', role: 'resident', to: 'submitted', daysAgo: 9 },
      {
        kind: 'published',
        actor: 'staff-zhao',
        role: 'staff',
        from: 'submitted',
        to: 'published',
        daysAgo: 9,
      },
      {
        kind: 'adopted',
        actor: 'staff-zhao',
        role: 'staff',
        from: 'published',
        to: 'adopted',
        body: '采纳。环卫所同意自下周起每天 15:00 增加一次清运。',
        daysAgo: 4,
      },
    ],
  },
  {
    id: 'sg-demo-cables',
    author: 'resident-zhang',
    household: 'hh-huaiyin-5-1-201',
    buildingLabel: '槐荫里5弄',
    showName: false,
    title: '槐树弄上空飞线太多',
    description:
      '槐树弄 5 弄到 7 弄之间，电线、网线横七竖八挂在头顶，下雨天担心漏电，也不好看。希望统一整理入管。',
    category: 'cables',
    alley: 'al-huaishu-1',
    landmark: '5弄与7弄之间',
    status: 'accepted',
    createdDaysAgo: 6,
    supporters: [['resident-wang', 'hh-wutong-1-1-301']],
    events: [
      { kind: 'submitted', actor: 'resident-zhang', role: 'resident', to: 'submitted', daysAgo: 6 },
      {
        kind: 'published',
        actor: 'staff-zhao',
        role: 'staff',
        from: 'submitted',
        to: 'published',
        daysAgo: 6,
      },
      {
        kind: 'accepted',
        actor: 'staff-zhao',
        role: 'staff',
        from: 'published',
        to: 'accepted',
        body: '居委会已受理，将尽快研究答复',
        daysAgo: 5,
      },
    ],
  },
  {
    id: 'sg-demo-bench',
    author: 'committee-wu',
    household: 'hh-wutong-3-3-602',
    buildingLabel: '梧桐苑3号楼',
    showName: false,
    title: '后河沿步道加几张休息长椅',
    description:
      '后河沿步道一公里多没有一个能坐的地方，老人散步走一半就累了。建议每隔两百米放一张长椅。',
    category: 'elderly_children',
    alley: 'al-huaishu-3',
    landmark: '',
    status: 'published',
    createdDaysAgo: 2,
    supporters: [['resident-zhang', 'hh-huaiyin-5-1-201']],
    events: [
      { kind: 'submitted', actor: 'committee-wu', role: 'resident', to: 'submitted', daysAgo: 2 },
      {
        kind: 'published',
        actor: 'staff-zhao',
        role: 'staff',
        from: 'submitted',
        to: 'published',
        daysAgo: 2,
      },
    ],
  },
]

/**
 * Statements for the demo suggestions; `fixed` is the seed's fixed instant, `seeding` the moment
 * of seeding (for the one case that must still be current).
 */
export function demoSuggestionStatements(
  insert: Insert,
  fixed: number,
  seeding = Date.now(),
): string[] {
  const now = fixed
  const out: string[] = []
  for (const community of ['cm-huaishu', 'cm-fengqiao']) {
    out.push(
      insert('suggestion_settings', {
        community_id: community,
        response_threshold_households: 10,
        answer_deadline_days: 15,
        updated_at: now,
      }),
    )
  }
  NEIGHBOURS.forEach(([key, nickname, household, realName]) => {
    out.push(
      insert('users', {
        id: `us-${key}`,
        openid: `seed:${key}`,
        nickname,
        current_community_id: 'cm-huaishu',
        consent_version: null,
        consented_at: null,
        created_at: now - 60 * DAY,
      }),
      insert('residencies', {
        id: `rs-${key}`,
        user_id: `us-${key}`,
        household_id: household,
        community_id: 'cm-huaishu',
        status: 'verified',
        via: 'invite_code',
        real_name: realName,
        // Not 户代表: staff have not designated one for these households yet (tests of the
        // household rule designate their own representatives in 3号楼).
        is_representative: 0,
        verified_at: now - 60 * DAY,
        verified_by: 'us-staff-zhao',
      }),
    )
  })
  for (const [id, kind, title, body] of TEMPLATES)
    out.push(
      insert('answer_templates', {
        id,
        community_id: 'cm-huaishu',
        kind,
        title,
        body,
        created_by: 'us-staff-zhao',
        created_at: now,
      }),
    )
  for (const c of CASES) {
    const now = c.current ? seeding : fixed
    const created = now - c.createdDaysAgo * DAY
    const thresholdAt =
      c.thresholdReachedDaysAgo === undefined ? null : now - c.thresholdReachedDaysAgo * DAY
    const supporters = [[c.author, c.household] as [string, string], ...c.supporters]
    const households = new Set(supporters.map(([, h]) => h)).size
    const lastEvent = Math.min(...c.events.map((e) => e.daysAgo))
    const answered = c.events.find((e) =>
      ['adopted', 'not_adopted', 'merged', 'closed_unfixed'].includes(e.kind),
    )
    const completed = c.status === 'completed'
    out.push(
      insert('suggestions', {
        id: c.id,
        community_id: 'cm-huaishu',
        author_user_id: `us-${c.author}`,
        author_household_id: c.household,
        author_building_label: c.buildingLabel,
        show_name: c.showName ? 1 : 0,
        title: c.title,
        description: c.description,
        category: c.category,
        alley_id: c.alley,
        lat_e6: null,
        lng_e6: null,
        landmark: c.landmark,
        status: c.status,
        hidden_at: null,
        hidden_reason: null,
        merged_into_id: null,
        planner_user_id: completed ? 'us-planner-zhou' : null,
        support_count: supporters.length,
        support_household_count: households,
        comment_count: 0,
        rating_count: c.ratings?.length ?? 0,
        rating_sum: (c.ratings ?? []).reduce((n, [, stars]) => n + stars, 0),
        completion_round: completed ? 1 : 0,
        threshold_reached_at: thresholdAt,
        answer_due_at: thresholdAt !== null && !answered ? thresholdAt + 15 * DAY : null,
        answered_at: answered ? now - answered.daysAgo * DAY : null,
        search_text: searchTextOf(c.title, c.description, c.landmark),
        created_at: created,
        updated_at: now - lastEvent * DAY,
      }),
    )
    supporters.forEach(([user, household], i) => {
      out.push(
        insert('suggestion_supports', {
          suggestion_id: c.id,
          user_id: `us-${user}`,
          household_id: household,
          created_at: created + i * HOUR,
        }),
      )
    })
    c.events.forEach((e, i) => {
      out.push(
        insert('suggestion_events', {
          id: `${c.id}-ev${i}`,
          suggestion_id: c.id,
          kind: e.kind,
          actor_user_id: e.actor ? `us-${e.actor}` : null,
          actor_role: e.role,
          from_status: e.from ?? null,
          to_status: e.to ?? null,
          body: e.body ?? null,
          created_at: now - e.daysAgo * DAY + i,
        }),
      )
    })
    for (const [user, stars] of c.ratings ?? []) {
      out.push(
        insert('suggestion_ratings', {
          suggestion_id: c.id,
          user_id: `us-${user}`,
          round: 1,
          stars,
          unresolved: 0,
          reason: null,
          created_at: now - 10 * DAY,
        }),
      )
    }
  }
  return out
}
