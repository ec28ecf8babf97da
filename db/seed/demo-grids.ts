// The grid of 槐树社区 (decision 018), so that `npm start` shows it: 梧桐苑 and 槐荫里 are one 网格
// each; 梧桐苑1、2号楼, 梧桐苑3号楼 and 槐荫里 (5弄, 7弄) are three 楼组. 刘阿姨 (leader-liu) is the
// 楼组长 of 槐荫里, where the seeded parking vote is running — with 楼组长提醒 on, so she sees which
// households have not voted; 何网格 (grid-he) is the 网格员 of 槐荫里网格. 小马 (newcomer-ma) has
// asked to be verified as living in 槐荫里7弄, so 刘阿姨 has a request to vouch for. 梧桐苑网格 and
// two 楼组 have nobody yet: staff assign them in 网格与楼组.

type Row = Record<string, string | number | null>
type Insert = (table: string, row: Row) => string

export const DEMO_GRID = {
  grids: { wutong: 'gd-wutong', huaiyin: 'gd-huaiyin' },
  groups: { wutong12: 'bg-wutong-12', wutong3: 'bg-wutong-3', huaiyin: 'bg-huaiyin' },
  leader: 'us-leader-liu',
  gridWorker: 'us-grid-he',
  pendingRequest: 'rq-demo-ma',
} as const

export function demoGridStatements(insert: Insert, at: number): string[] {
  const out: string[] = []
  const grid = (id: string, name: string, order: number, compounds: string[]) => {
    out.push(
      insert('grids', {
        id,
        community_id: 'cm-huaishu',
        name,
        sort_order: order,
        created_at: at,
        updated_at: at,
      }),
    )
    for (const c of compounds) out.push(insert('grid_compounds', { grid_id: id, compound_id: c }))
  }
  const group = (id: string, name: string, order: number, buildings: string[]) => {
    out.push(
      insert('building_groups', {
        id,
        community_id: 'cm-huaishu',
        name,
        sort_order: order,
        created_at: at,
        updated_at: at,
      }),
    )
    for (const b of buildings)
      out.push(insert('building_group_buildings', { group_id: id, building_id: b }))
  }
  grid(DEMO_GRID.grids.wutong, '梧桐苑网格', 0, ['cp-wutong'])
  grid(DEMO_GRID.grids.huaiyin, '槐荫里网格', 1, ['cp-huaiyin'])
  group(DEMO_GRID.groups.wutong12, '梧桐苑1、2号楼楼组', 0, ['bd-wutong-1', 'bd-wutong-2'])
  group(DEMO_GRID.groups.wutong3, '梧桐苑3号楼楼组', 1, ['bd-wutong-3'])
  group(DEMO_GRID.groups.huaiyin, '槐荫里楼组', 2, ['bd-huaiyin-5', 'bd-huaiyin-7'])
  out.push(
    insert('grid_role_grants', {
      id: 'gg-leader-liu',
      community_id: 'cm-huaishu',
      user_id: DEMO_GRID.leader,
      role: 'building_leader',
      grid_id: null,
      building_group_id: DEMO_GRID.groups.huaiyin,
      granted_by: 'us-staff-zhao',
      granted_at: at,
      revoked_at: null,
      revoked_by: null,
    }),
    insert('grid_role_grants', {
      id: 'gg-grid-he',
      community_id: 'cm-huaishu',
      user_id: DEMO_GRID.gridWorker,
      role: 'grid_worker',
      grid_id: DEMO_GRID.grids.huaiyin,
      building_group_id: null,
      granted_by: 'us-staff-zhao',
      granted_at: at,
      revoked_at: null,
      revoked_by: null,
    }),
    insert('residency_requests', {
      id: DEMO_GRID.pendingRequest,
      user_id: 'us-newcomer-ma',
      community_id: 'cm-huaishu',
      building_id: 'bd-huaiyin-7',
      unit: '1',
      room: '302',
      real_name: '马晓峰',
      note: '刚搬来，租住',
      status: 'pending',
      reject_reason: null,
      created_at: at,
      decided_at: null,
      decided_by: null,
    }),
  )
  return out
}

/** After the conventions: the running parking vote of 槐荫里 was opened with 楼组长提醒 on. */
export function demoGridVoteStatements(): string[] {
  return [`UPDATE conventions SET not_voted_visible_to_leaders = 1 WHERE id = 'cv-demo-parking';`]
}
