// The demo 街道 for local development, e2e tests and screenshots: one street, two communities,
// compounds, buildings, households with floor areas, named back alleys, one 邻里中心 with rooms,
// demo residents and staff. Ids are fixed so that every statement is INSERT OR IGNORE: running
// the seed again never duplicates or overwrites anything.

import { demoSuggestionStatements } from './demo-suggestions'
import { demoMeetingStatements } from './demo-meetings'
import { demoConventionStatements } from './demo-conventions'
import { demoHistoryStatements } from './demo-history'
import { demoOwnershipStatements, type DemoHousehold } from './demo-ownership'
import { demoGridStatements, demoGridVoteStatements } from './demo-grids'

type Row = Record<string, string | number | null>

const sqlValue = (v: string | number | null) =>
  v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`

function insert(table: string, row: Row): string {
  const columns = Object.keys(row)
  return `INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => sqlValue(row[c]!)).join(', ')});`
}

// A fixed instant so the seed is reproducible: 2026-11-01 09:00 Shanghai.
const SEEDED_AT = Date.UTC(2026, 10, 1, 1, 0, 0)

/** Floor areas that look real (55–130 m²) but are deterministic, in dm². */
function floorAreaDm2(seed: number): number {
  return 5500 + ((seed * 7919) % 7500)
}

export const DEMO = {
  streetId: 'st-qingwu',
  communities: { huaishu: 'cm-huaishu', fengqiao: 'cm-fengqiao' },
  centreId: 'ct-qingwu',
} as const

type BuildingSpec = {
  id: string
  name: string
  units: number
  floors: number
  roomsPerFloor: number
}
type CompoundSpec = { id: string; name: string; buildings: BuildingSpec[] }

const COMMUNITIES: {
  id: string
  name: string
  compounds: CompoundSpec[]
  alleys: [string, string][]
}[] = [
  {
    id: DEMO.communities.huaishu,
    name: '槐树社区',
    compounds: [
      {
        id: 'cp-wutong',
        name: '梧桐苑',
        buildings: [
          { id: 'bd-wutong-1', name: '1号楼', units: 2, floors: 6, roomsPerFloor: 2 },
          { id: 'bd-wutong-2', name: '2号楼', units: 2, floors: 6, roomsPerFloor: 2 },
          { id: 'bd-wutong-3', name: '3号楼', units: 3, floors: 6, roomsPerFloor: 2 },
        ],
      },
      {
        id: 'cp-huaiyin',
        name: '槐荫里',
        buildings: [
          { id: 'bd-huaiyin-5', name: '5弄', units: 1, floors: 3, roomsPerFloor: 4 },
          { id: 'bd-huaiyin-7', name: '7弄', units: 1, floors: 3, roomsPerFloor: 4 },
        ],
      },
    ],
    alleys: [
      ['槐树弄', '梧桐苑北门至菜场的步行弄堂，早市时段人车混行'],
      ['青石巷', '老石板路，路灯间距较大，夜间偏暗'],
      ['后河沿', '沿河步道，临河一侧有晾晒和堆物'],
      ['菜场后弄', '菜场卸货通道，垃圾清运点所在'],
    ],
  },
  {
    id: DEMO.communities.fengqiao,
    name: '枫桥社区',
    compounds: [
      {
        id: 'cp-fengqiao',
        name: '枫桥新村',
        buildings: [
          { id: 'bd-fengqiao-1', name: '1幢', units: 2, floors: 5, roomsPerFloor: 2 },
          { id: 'bd-fengqiao-2', name: '2幢', units: 2, floors: 5, roomsPerFloor: 2 },
        ],
      },
    ],
    alleys: [
      ['枫桥直街', '社区主街，沿街小店较多'],
      ['织造弄', '老厂区改造后的步行弄，有共享菜园'],
    ],
  },
]

const ROOMS: [string, string, number, string[]][] = [
  ['rm-hall', '多功能厅', 60, ['投影仪', '音响', '话筒']],
  ['rm-council', '议事厅', 30, ['圆桌', '白板', '投影仪']],
  ['rm-art', '书画室', 20, ['书画桌', '水池']],
  ['rm-dance', '舞蹈房', 25, ['镜墙', '音响']],
  ['rm-kitchen', '共享厨房', 12, ['灶台', '烤箱', '冰箱']],
  ['rm-kids', '儿童托管室', 15, ['绘本', '软垫']],
]

/** Demo people: key (dev-login), nickname, residency (household id, real name, representative) and roles. */
export const DEMO_USERS: {
  key: string
  nickname: string
  residency?: {
    householdId: string
    communityId: string
    realName: string
    representative: boolean
  }
  consented: boolean
  roles: {
    communityId: string
    role: 'staff' | 'committee' | 'planner' | 'admin'
  }[]
  /** 邻里中心 this person runs: a grant per centre, made by an admin (decision 020). */
  manages?: { centreId: string; grantedBy: string }[]
  /** The community the app opens on, for someone with no residency and no community role. */
  currentCommunityId?: string
}[] = [
  {
    key: 'resident-wang',
    nickname: '王阿姨',
    consented: true,
    roles: [],
    residency: {
      householdId: 'hh-wutong-1-1-301',
      communityId: DEMO.communities.huaishu,
      realName: '王秀英',
      representative: true,
    },
  },
  {
    key: 'resident-li',
    nickname: '李师傅',
    consented: true,
    roles: [],
    residency: {
      householdId: 'hh-wutong-2-2-502',
      communityId: DEMO.communities.huaishu,
      realName: '李建国',
      representative: true,
    },
  },
  {
    key: 'resident-zhang',
    nickname: '张大爷',
    consented: true,
    roles: [],
    residency: {
      householdId: 'hh-huaiyin-5-1-201',
      communityId: DEMO.communities.huaishu,
      realName: '张德顺',
      representative: false,
    },
  },
  {
    key: 'committee-wu',
    nickname: '吴老师',
    consented: true,
    roles: [{ communityId: DEMO.communities.huaishu, role: 'committee' }],
    residency: {
      householdId: 'hh-wutong-3-3-602',
      communityId: DEMO.communities.huaishu,
      realName: '吴静',
      representative: true,
    },
  },
  { key: 'newcomer-chen', nickname: '小陈', consented: false, roles: [] },
  {
    key: 'staff-zhao',
    nickname: '赵书记',
    consented: true,
    roles: [
      { communityId: DEMO.communities.huaishu, role: 'admin' },
      { communityId: DEMO.communities.huaishu, role: 'staff' },
      { communityId: DEMO.communities.huaishu, role: 'committee' },
    ],
  },
  {
    key: 'planner-zhou',
    nickname: '周规划',
    consented: true,
    roles: [{ communityId: DEMO.communities.huaishu, role: 'planner' }],
  },
  {
    key: 'centre-qian',
    nickname: '钱经理',
    consented: true,
    roles: [],
    manages: [{ centreId: DEMO.centreId, grantedBy: 'us-staff-zhao' }],
    currentCommunityId: DEMO.communities.huaishu,
  },
  {
    key: 'staff-sun',
    nickname: '孙主任',
    consented: true,
    roles: [
      { communityId: DEMO.communities.fengqiao, role: 'admin' },
      { communityId: DEMO.communities.fengqiao, role: 'staff' },
    ],
  },
  // The grid (decision 018, db/seed/demo-grids.ts): 槐荫里's 楼组长 and 网格员, and a newcomer
  // whose verification request waits in 槐荫里7弄.
  {
    key: 'leader-liu',
    nickname: '刘阿姨',
    consented: true,
    roles: [],
    residency: {
      // 7弄, not 5弄: the worker tests count 5弄's residents under the simple rule (张大爷 alone).
      householdId: 'hh-huaiyin-7-1-304',
      communityId: DEMO.communities.huaishu,
      realName: '刘桂英',
      representative: true,
    },
  },
  {
    key: 'grid-he',
    nickname: '何网格',
    consented: true,
    roles: [],
    residency: {
      householdId: 'hh-huaiyin-7-1-203',
      communityId: DEMO.communities.huaishu,
      realName: '何建军',
      representative: true,
    },
  },
  {
    key: 'newcomer-ma',
    nickname: '小马',
    consented: true,
    roles: [],
    currentCommunityId: DEMO.communities.huaishu,
  },
]

export const PRIVACY_VERSION_AT_SEED = '2026-11-01'

/** Every statement of the demo seed, in dependency order. */
export function demoSeedStatements(options: { history?: boolean } = {}): string[] {
  const out: string[] = []
  out.push(
    insert('streets', { id: DEMO.streetId, name: '青梧街道', district: '拱墅区', city: '杭州市' }),
  )
  let areaSeed = 1
  const seededHouseholds: DemoHousehold[] = []
  for (const community of COMMUNITIES) {
    out.push(
      insert('communities', {
        id: community.id,
        street_id: DEMO.streetId,
        name: community.name,
        created_at: SEEDED_AT,
      }),
    )
    community.compounds.forEach((compound, ci) => {
      out.push(
        insert('compounds', {
          id: compound.id,
          community_id: community.id,
          name: compound.name,
          sort_order: ci,
        }),
      )
      compound.buildings.forEach((b, bi) => {
        out.push(
          insert('buildings', {
            id: b.id,
            compound_id: compound.id,
            community_id: community.id,
            name: b.name,
            sort_order: bi,
          }),
        )
        for (let unit = 1; unit <= b.units; unit++) {
          for (let floor = 1; floor <= b.floors; floor++) {
            for (let r = 1; r <= b.roomsPerFloor; r++) {
              const room = `${floor}0${r}`
              seededHouseholds.push({
                id: `hh-${b.id.slice(3)}-${unit}-${room}`,
                communityId: community.id,
                staffId:
                  community.id === DEMO.communities.huaishu ? 'us-staff-zhao' : 'us-staff-sun',
              })
              out.push(
                insert('households', {
                  id: `hh-${b.id.slice(3)}-${unit}-${room}`,
                  building_id: b.id,
                  community_id: community.id,
                  unit: String(unit),
                  room,
                  floor_area_dm2: floorAreaDm2(areaSeed++),
                }),
              )
            }
          }
        }
      })
    })
    community.alleys.forEach(([name, description], i) => {
      out.push(
        insert('alleys', {
          id: `al-${community.id.slice(3)}-${i + 1}`,
          community_id: community.id,
          name,
          description,
          sort_order: i,
        }),
      )
    })
  }
  out.push(
    insert('centres', {
      id: DEMO.centreId,
      street_id: DEMO.streetId,
      name: '青梧邻里中心',
      address: '槐树弄 18 号',
      opening_note: '周一至周日 8:30–21:00，法定节假日另行通知',
    }),
  )
  for (const communityId of Object.values(DEMO.communities)) {
    out.push(insert('centre_communities', { centre_id: DEMO.centreId, community_id: communityId }))
  }
  ROOMS.forEach(([id, name, capacity, facilities], i) => {
    out.push(
      insert('rooms', {
        id,
        centre_id: DEMO.centreId,
        name,
        capacity,
        facilities_json: JSON.stringify(facilities),
        sort_order: i,
      }),
    )
  })
  for (const u of DEMO_USERS) {
    const userId = `us-${u.key}`
    out.push(
      insert('users', {
        id: userId,
        openid: `dev:${u.key}`,
        nickname: u.nickname,
        current_community_id:
          u.residency?.communityId ?? u.roles[0]?.communityId ?? u.currentCommunityId ?? null,
        consent_version: u.consented ? PRIVACY_VERSION_AT_SEED : null,
        consented_at: u.consented ? SEEDED_AT : null,
        created_at: SEEDED_AT,
      }),
    )
    if (u.consented)
      out.push(
        insert('privacy_consents', {
          id: `pc-${u.key}`,
          user_id: userId,
          version: PRIVACY_VERSION_AT_SEED,
          accepted_at: SEEDED_AT,
        }),
      )
  }
  // Roles and residencies refer to other demo users (verified_by), so they come after all users.
  for (const u of DEMO_USERS) {
    const userId = `us-${u.key}`
    for (const grant of u.roles) {
      out.push(
        insert('role_grants', {
          id: `rg-${u.key}-${grant.role}`,
          community_id: grant.communityId,
          user_id: userId,
          role: grant.role,
          granted_by: null,
          granted_at: SEEDED_AT,
        }),
      )
    }
    for (const grant of u.manages ?? []) {
      out.push(
        insert('centre_role_grants', {
          id: `cg-${u.key}-${grant.centreId}`,
          centre_id: grant.centreId,
          user_id: userId,
          role: 'manager',
          granted_by: grant.grantedBy,
          granted_at: SEEDED_AT,
        }),
      )
    }
    if (u.residency) {
      out.push(
        insert('residencies', {
          id: `rs-${u.key}`,
          user_id: userId,
          household_id: u.residency.householdId,
          community_id: u.residency.communityId,
          status: 'verified',
          via: 'request',
          real_name: u.residency.realName,
          is_representative: u.residency.representative ? 1 : 0,
          verified_at: SEEDED_AT,
          verified_by: 'us-staff-zhao',
        }),
      )
    }
  }
  // Owners refer to demo users (their accounts, the staff who recorded them).
  out.push(...demoOwnershipStatements(insert, SEEDED_AT, seededHouseholds))
  out.push(...demoSuggestionStatements(insert, SEEDED_AT))
  out.push(...demoMeetingStatements(insert, SEEDED_AT))
  // A 微规约 in consultation and one in voting (the 微规约 tab is not empty on a fresh start).
  out.push(...demoConventionStatements(insert))
  out.push(...demoGridStatements(insert, SEEDED_AT), ...demoGridVoteStatements())
  // A year of history for the public 三率 page: `npm start`, the browser tests and benchmarks;
  // the worker tests leave it out (their lists and searches count the four cases above).
  if (options.history) out.push(...demoHistoryStatements(insert))
  out.push(...demoRoomSettingsStatements())
  return out
}

/** Booking rules of the demo rooms: open 8:30–12:00 and 13:30–21:00, 30-minute slots. */
export function demoRoomSettingsStatements(): string[] {
  const hours = JSON.stringify(
    Object.fromEntries(
      [1, 2, 3, 4, 5, 6, 7].map((d) => [
        String(d),
        [
          ['08:30', '12:00'],
          ['13:30', '21:00'],
        ],
      ]),
    ),
  )
  const rules: [string, boolean, 'residents' | 'groups' | 'staff', string][] = [
    ['rm-hall', true, 'residents', '318206'],
    ['rm-council', false, 'residents', '502913'],
    ['rm-art', false, 'residents', '774120'],
    ['rm-dance', false, 'groups', '660341'],
    ['rm-kitchen', true, 'residents', '129874'],
    ['rm-kids', false, 'staff', '940251'],
  ]
  return [
    insert('centre_policies', {
      centre_id: DEMO.centreId,
      resident_minutes_per_week: 360,
      group_minutes_per_week: 720,
      cancel_cutoff_minutes: 120,
      checkin_opens_minutes_before: 15,
      checkin_grace_minutes: 15,
      no_show_limit: 3,
      no_show_freeze_days: 14,
    }),
    ...rules.map(([roomId, needsApproval, whoMayBook, code]) =>
      insert('room_settings', {
        room_id: roomId,
        opening_hours_json: hours,
        slot_minutes: 30,
        min_slots: 1,
        max_slots: 8,
        horizon_days: 14,
        min_notice_minutes: 60,
        needs_approval: needsApproval ? 1 : 0,
        who_may_book: whoMayBook,
        checkin_code: code,
        photos_json: '[]',
      }),
    ),
    insert('groups', {
      id: 'gp-dance',
      centre_id: DEMO.centreId,
      community_id: DEMO.communities.huaishu,
      name: '槐树广场舞队',
      kind: 'recreation',
      leader_user_id: 'us-resident-li',
      created_at: SEEDED_AT,
    }),
    insert('group_members', {
      group_id: 'gp-dance',
      user_id: 'us-resident-li',
      joined_at: SEEDED_AT,
    }),
    insert('group_members', {
      group_id: 'gp-dance',
      user_id: 'us-resident-wang',
      joined_at: SEEDED_AT,
    }),
  ]
}
