import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_GRID } from '../../db/seed/demo-grids'
import { leadsBuilding, leadsHousehold } from '../../worker/identity/grid-scope'
import { createDb } from '../../worker/lib/db'
import { env } from 'cloudflare:workers'
import { assertStatus, client, send } from './client'
import { dbCount, dbRows, dbRun, demoSessions, resetRateLimits, seedDemo } from './helpers'

// The grid (decision 018): who may see and do what. Seeded: 刘阿姨 (leader-liu) is 楼组长 of
// 槐荫里楼组 (5弄, 7弄); 何网格 (grid-he) is 网格员 of 槐荫里网格; 小马 has a pending request in
// 7弄; the parking vote of 槐荫里 runs with 楼组长提醒 on. 赵书记 is staff of 槐树社区, 孙主任
// staff of 枫桥社区 (another community), 王阿姨 a resident of 梧桐苑.

const HUAISHU = 'cm-huaishu'
const FENGQIAO = 'cm-fengqiao'
const { grids: GRIDS, groups: GROUPS } = DEMO_GRID
const session = demoSessions()
let zhao: string, sun: string, liu: string, he: string, wang: string, li: string

const groupView = (token: string | null, id: string) =>
  send(client(token)['building-groups'][':id'].$get({ param: { id } }))
const gridView = (token: string | null, id: string) =>
  send(client(token).grids[':id'].$get({ param: { id } }))
const vouch = (token: string | null, id: string) =>
  send(client(token)['residency-requests'][':id'].vouch.$post({ param: { id } }))
const grantRole = (
  token: string | null,
  json: { userId: string; role: 'grid_worker' | 'building_leader'; scopeId: string },
  communityId = HUAISHU,
) =>
  send(client(token).communities[':id']['grid-roles'].$post({ param: { id: communityId }, json }))

beforeAll(async () => {
  await seedDemo()
  zhao = await session('staff-zhao')
  sun = await session('staff-sun')
  liu = await session('leader-liu')
  he = await session('grid-he')
  wang = await session('resident-wang')
  li = await session('resident-li')
  // 李师傅 becomes 楼组长 of 梧桐苑1、2号楼 (building A of the matrix; 槐荫里 is building B).
  assertStatus(
    await grantRole(zhao, {
      userId: 'us-resident-li',
      role: 'building_leader',
      scopeId: GROUPS.wutong12,
    }),
    201,
  )
})

beforeEach(resetRateLimits)

describe('leadsBuilding (worker/identity/grid-scope.ts, for 代办)', () => {
  it('is true for the 楼组长 of the building and the 网格员 of its grid, false otherwise', async () => {
    const db = createDb(env.DB)
    expect(await leadsBuilding(db, DEMO_GRID.leader, 'bd-huaiyin-7')).toBe(true)
    expect(await leadsBuilding(db, DEMO_GRID.gridWorker, 'bd-huaiyin-5')).toBe(true)
    expect(await leadsBuilding(db, DEMO_GRID.leader, 'bd-wutong-1')).toBe(false)
    expect(await leadsBuilding(db, DEMO_GRID.gridWorker, 'bd-wutong-1')).toBe(false)
    // Staff are not leaders: a role is granted, never implied.
    expect(await leadsBuilding(db, 'us-staff-zhao', 'bd-huaiyin-5')).toBe(false)
    expect(await leadsBuilding(db, 'us-resident-zhang', 'bd-huaiyin-5')).toBe(false)
    expect(await leadsHousehold(db, DEMO_GRID.leader, 'hh-huaiyin-5-1-201')).toBe(true)
    expect(await leadsHousehold(db, DEMO_GRID.leader, 'hh-wutong-1-1-301')).toBe(false)
  })
})

describe('GET /api/building-groups/:id', () => {
  it('shows the 楼组长 her buildings: households by room, residents by nickname, no typed real names', async () => {
    const res = await groupView(liu, GROUPS.huaiyin)
    assertStatus(res, 200)
    expect(res.body.isLeader).toBe(true)
    expect(res.body.buildings.map((b) => b.name)).toEqual(['槐荫里5弄', '槐荫里7弄'])
    const zhang = res.body.households.find((h) => h.id === 'hh-huaiyin-5-1-201')
    expect(zhang?.residents).toEqual([
      { nickname: '张大爷', realName: null, isRepresentative: false },
    ])
    expect(res.body.households.every((h) => h.buildingId.startsWith('bd-huaiyin'))).toBe(true)
    expect(JSON.stringify(res.body)).not.toContain('张德顺')
    expect(res.body.pendingRequests).toEqual([
      expect.objectContaining({ id: DEMO_GRID.pendingRequest, nickname: '小马', vouches: 0 }),
    ])
    expect(JSON.stringify(res.body)).not.toContain('马晓峰')
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'identities.view' AND actor_user_id = ? AND target_id = ?",
        DEMO_GRID.leader,
        GROUPS.huaiyin,
      ),
    ).toBeGreaterThan(0)
  })

  it('lets the 网格员 of the grid holding the 楼组 and staff look; nobody else', async () => {
    assertStatus(await groupView(he, GROUPS.huaiyin), 200)
    const staff = await groupView(zhao, GROUPS.huaiyin)
    assertStatus(staff, 200)
    expect(staff.body.isLeader).toBe(false)
    // 楼组长 of building A cannot see building B; the 网格员 not outside her grid.
    assertStatus(await groupView(li, GROUPS.huaiyin), 403)
    assertStatus(await groupView(liu, GROUPS.wutong12), 403)
    assertStatus(await groupView(he, GROUPS.wutong12), 403)
    assertStatus(await groupView(wang, GROUPS.huaiyin), 403)
    assertStatus(await groupView(sun, GROUPS.huaiyin), 403)
    assertStatus(await groupView(null, GROUPS.huaiyin), 401)
    assertStatus(await groupView(zhao, 'bg-nope'), 404)
  })
})

describe('GET /api/grids/:id', () => {
  it('rolls the grid up by 楼组 for its 网格员', async () => {
    const res = await gridView(he, GRIDS.huaiyin)
    assertStatus(res, 200)
    expect(res.body.groups).toEqual([
      expect.objectContaining({
        id: GROUPS.huaiyin,
        leaders: [expect.objectContaining({ nickname: '刘阿姨', roleName: '楼组长' })],
      }),
    ])
    expect(res.body.figures.buildings).toBe(2)
    expect(res.body.figures.households).toBe(24)
  })

  it('refuses a 楼组长, the 网格员 of another grid, another resident, other staff and anonymous', async () => {
    assertStatus(await gridView(zhao, GRIDS.huaiyin), 200)
    assertStatus(await gridView(liu, GRIDS.huaiyin), 403)
    assertStatus(await gridView(he, GRIDS.wutong), 403)
    assertStatus(await gridView(wang, GRIDS.huaiyin), 403)
    assertStatus(await gridView(sun, GRIDS.huaiyin), 403)
    assertStatus(await gridView(null, GRIDS.huaiyin), 401)
  })
})

describe('turnout and the not-yet-voted list', () => {
  it('gives per-building turnout and, as the vote allowed at opening, the households without a ballot — never an option', async () => {
    const zhang = await session('resident-zhang')
    assertStatus(
      await send(
        client(zhang).conventions[':id'].ballots.$post({
          param: { id: 'cv-demo-parking' },
          json: { option: 'no' },
        }),
      ),
      200,
    )
    const res = await groupView(liu, GROUPS.huaiyin)
    assertStatus(res, 200)
    const vote = res.body.votes.find((v) => v.id === 'cv-demo-parking')!
    expect(vote.notVotedVisibleToLeaders).toBe(true)
    expect(vote.cast).toBe(1)
    expect(vote.byBuilding.map((b) => b.summary)).toEqual([
      '槐荫里5弄 还差 11 户',
      '槐荫里7弄 还差 12 户',
    ])
    const waiting = vote.notVoted!.map((h) => h.householdId)
    expect(waiting).toHaveLength(23)
    expect(waiting).not.toContain('hh-huaiyin-5-1-201')
    const text = JSON.stringify(res.body)
    for (const word of ['"option"', '"no"', '反对', 'receipt']) expect(text).not.toContain(word)
  })

  it('has no list when the vote did not allow it when it opened', async () => {
    await dbRun(
      "UPDATE conventions SET not_voted_visible_to_leaders = 0 WHERE id = 'cv-demo-parking'",
    )
    try {
      const res = await groupView(liu, GROUPS.huaiyin)
      assertStatus(res, 200)
      const vote = res.body.votes.find((v) => v.id === 'cv-demo-parking')!
      expect(vote.notVoted).toBeNull()
      expect(vote.byBuilding).toHaveLength(2)
    } finally {
      await dbRun(
        "UPDATE conventions SET not_voted_visible_to_leaders = 1 WHERE id = 'cv-demo-parking'",
      )
    }
  })

  it('tells voters on the ballot page whether 楼组长 see who has not voted', async () => {
    const res = await send(
      client(await session('resident-zhang')).conventions[':id'].$get({
        param: { id: 'cv-demo-parking' },
      }),
    )
    assertStatus(res, 200)
    expect(res.body.voting?.notVotedVisibleToLeaders).toBe(true)
    expect(res.body.voting?.leadersNote).toContain('任何人都看不到您投了什么')
  })
})

describe('POST /api/residency-requests/:id/vouch', () => {
  it('refuses anyone who does not look after the building (403), anonymous (401)', async () => {
    // 王阿姨 becomes 网格员 of 梧桐苑网格: a 网格员 cannot act outside her grid.
    assertStatus(
      await grantRole(zhao, {
        userId: 'us-resident-wang',
        role: 'grid_worker',
        scopeId: GRIDS.wutong,
      }),
      201,
    )
    for (const token of [wang, li, zhao, sun])
      assertStatus(await vouch(token, DEMO_GRID.pendingRequest), 403)
    assertStatus(await vouch(null, DEMO_GRID.pendingRequest), 401)
    assertStatus(await vouch(liu, 'rq-nope'), 404)
    expect(await dbCount('SELECT COUNT(*) AS n FROM residency_vouches')).toBe(0)
  })

  it('records one vouch when the same 楼组长 taps ten times at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => vouch(liu, DEMO_GRID.pendingRequest)),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)])
    expect(
      await dbCount(
        'SELECT COUNT(*) AS n FROM residency_vouches WHERE request_id = ?',
        DEMO_GRID.pendingRequest,
      ),
    ).toBe(1)
    expect(
      await dbCount("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'residency_request.vouch'"),
    ).toBe(1)
    await dbRun('DELETE FROM residency_vouches')
    await dbRun("DELETE FROM audit_log WHERE action = 'residency_request.vouch'")
  })

  it('records the 楼组长 and the 网格员 once each; staff see the vouches on the request', async () => {
    const first = await vouch(liu, DEMO_GRID.pendingRequest)
    assertStatus(first, 200)
    expect(first.body.roleName).toBe('楼组长')
    assertStatus(await vouch(liu, DEMO_GRID.pendingRequest), 409)
    assertStatus(await vouch(he, DEMO_GRID.pendingRequest), 200)
    const list = await send(
      client(zhao).communities[':id']['residency-requests'].$get({
        param: { id: HUAISHU },
        query: { status: 'pending' },
      }),
    )
    assertStatus(list, 200)
    const request = list.body.items.find((r) => r.id === DEMO_GRID.pendingRequest)
    expect(request?.vouches.map((v) => `${v.nickname}（${v.roleName}）`)).toEqual([
      '刘阿姨（楼组长）',
      '何网格（网格员）',
    ])
    expect(
      await dbCount("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'residency_request.vouch'"),
    ).toBe(2)
  })

  it('refuses a vouch once the request is decided', async () => {
    await dbRun(
      "UPDATE residency_requests SET status = 'rejected' WHERE id = ?",
      DEMO_GRID.pendingRequest,
    )
    try {
      const res = await vouch(li, DEMO_GRID.pendingRequest)
      assertStatus(res, 403)
      // A leader of the building who has not vouched yet: 409 with the state.
      assertStatus(
        await grantRole(zhao, {
          userId: 'us-resident-zhang',
          role: 'building_leader',
          scopeId: GROUPS.huaiyin,
        }),
        201,
      )
      const late = await vouch(await session('resident-zhang'), DEMO_GRID.pendingRequest)
      assertStatus(late, 409)
    } finally {
      await dbRun(
        "UPDATE residency_requests SET status = 'pending' WHERE id = ?",
        DEMO_GRID.pendingRequest,
      )
    }
  })
})

describe('grids and 楼组 drawn by staff', () => {
  it('lets staff of the community create a 网格; others are refused and nothing is written', async () => {
    const body = { name: '枫桥新村网格', compoundIds: ['cp-fengqiao'] }
    const post = (token: string | null) =>
      send(client(token).communities[':id'].grids.$post({ param: { id: FENGQIAO }, json: body }))
    for (const token of [zhao, wang, liu]) assertStatus(await post(token), 403)
    assertStatus(await post(null), 401)
    expect(await dbCount('SELECT COUNT(*) AS n FROM grids WHERE community_id = ?', FENGQIAO)).toBe(
      0,
    )
  })

  it('puts a compound in one 网格 whatever the concurrency: ten creations at once → one 201, nine 409', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        send(
          client(sun).communities[':id'].grids.$post({
            param: { id: FENGQIAO },
            json: { name: `枫桥网格${i}`, compoundIds: ['cp-fengqiao'] },
          }),
        ),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)])
    expect(await dbCount('SELECT COUNT(*) AS n FROM grids WHERE community_id = ?', FENGQIAO)).toBe(
      1,
    )
    expect(
      await dbCount("SELECT COUNT(*) AS n FROM grid_compounds WHERE compound_id = 'cp-fengqiao'"),
    ).toBe(1)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'grid.create' AND community_id = ?",
        FENGQIAO,
      ),
    ).toBe(1)
  })

  it('renames a 网格: staff of its community only', async () => {
    const patch = (token: string | null) =>
      send(
        client(token).grids[':id'].$patch({
          param: { id: GRIDS.wutong },
          json: { name: '梧桐苑网格' },
        }),
      )
    for (const token of [sun, wang, liu, he]) assertStatus(await patch(token), 403)
    assertStatus(await patch(null), 401)
    assertStatus(await patch(zhao), 200)
    assertStatus(
      await send(
        client(zhao).grids[':id'].$patch({ param: { id: 'gd-nope' }, json: { name: 'x' } }),
      ),
      404,
    )
  })

  it('refuses a building of another community with a Chinese message', async () => {
    const res = await send(
      client(zhao).communities[':id']['building-groups'].$post({
        param: { id: HUAISHU },
        json: { name: '跨社区楼组', buildingIds: ['bd-fengqiao-1'] },
      }),
    )
    assertStatus(res, 400)
    expect(res.body.error.message).toBe('所选楼栋不属于本社区，请重新选择')
  })

  it('redraws a 楼组 (staff of the community only) and refuses a building already in another 楼组', async () => {
    const patch = (token: string | null, buildingIds: string[]) =>
      send(
        client(token)['building-groups'][':id'].$patch({
          param: { id: GROUPS.wutong3 },
          json: { buildingIds },
        }),
      )
    assertStatus(await patch(sun, ['bd-wutong-3']), 403)
    assertStatus(await patch(liu, ['bd-wutong-3']), 403)
    assertStatus(await patch(null, ['bd-wutong-3']), 401)
    const taken = await patch(zhao, ['bd-wutong-3', 'bd-wutong-1'])
    assertStatus(taken, 409)
    expect(
      await dbRows(
        'SELECT building_id FROM building_group_buildings WHERE group_id = ?',
        GROUPS.wutong3,
      ),
    ).toEqual([{ building_id: 'bd-wutong-3' }])
  })

  it('shows staff every grid side by side; refuses other staff, residents and anonymous', async () => {
    const res = await send(client(zhao).communities[':id'].grids.$get({ param: { id: HUAISHU } }))
    assertStatus(res, 200)
    expect(res.body.grids.map((g) => g.name)).toEqual(['梧桐苑网格', '槐荫里网格'])
    const huaiyin = res.body.grids.find((g) => g.id === GRIDS.huaiyin)!
    expect(huaiyin.votes).toEqual([
      expect.objectContaining({ id: 'cv-demo-parking', eligible: 24 }),
    ])
    // The parking vote's roll is 槐荫里's: 梧桐苑网格 shows no line for it.
    expect(res.body.grids.find((g) => g.id === GRIDS.wutong)!.votes).toEqual([])
    for (const token of [sun, wang, liu, he])
      assertStatus(
        await send(client(token).communities[':id'].grids.$get({ param: { id: HUAISHU } })),
        403,
      )
    assertStatus(
      await send(client(null).communities[':id'].grids.$get({ param: { id: HUAISHU } })),
      401,
    )
  })
})

describe('网格员 and 楼组长 grants', () => {
  it('refuses a person outside the community, a scope of another community, and non-staff', async () => {
    const outsider = await grantRole(zhao, {
      userId: 'us-newcomer-chen',
      role: 'building_leader',
      scopeId: GROUPS.wutong3,
    })
    assertStatus(outsider, 400)
    expect(outsider.body.error.message).toContain('只能指定本社区已认证的居民或工作人员')
    const fengqiaoGrid = (
      await dbRows<{ id: string }>('SELECT id FROM grids WHERE community_id = ?', FENGQIAO)
    )[0]!.id
    assertStatus(
      await grantRole(zhao, {
        userId: 'us-resident-li',
        role: 'grid_worker',
        scopeId: fengqiaoGrid,
      }),
      404,
    )
    const body = {
      userId: 'us-resident-wang',
      role: 'building_leader' as const,
      scopeId: GROUPS.wutong3,
    }
    for (const token of [sun, liu, wang]) assertStatus(await grantRole(token, body), 403)
    assertStatus(await grantRole(null, body), 401)
  })

  it('revokes a grant: audited, the row kept, and the scope closes to her at once', async () => {
    // 吴老师 (a resident of 梧桐苑3号楼; 王阿姨 already sees it as 网格员 of 梧桐苑网格).
    const wu = await session('committee-wu')
    const grant = await grantRole(zhao, {
      userId: 'us-committee-wu',
      role: 'building_leader',
      scopeId: GROUPS.wutong3,
    })
    assertStatus(grant, 201)
    assertStatus(await groupView(wu, GROUPS.wutong3), 200)
    const mine = await send(client(wu).me.grid.$get())
    assertStatus(mine, 200)
    expect(mine.body.items.map((i) => `${i.name}·${i.roleName}`)).toContain(
      '梧桐苑3号楼楼组·楼组长',
    )
    const revoke = (token: string | null) =>
      send(client(token)['grid-role-grants'][':id'].$delete({ param: { id: grant.body.id } }))
    for (const token of [sun, liu, wu]) assertStatus(await revoke(token), 403)
    assertStatus(await revoke(null), 401)
    assertStatus(await revoke(zhao), 200)
    assertStatus(await revoke(zhao), 409)
    assertStatus(await groupView(wu, GROUPS.wutong3), 403)
    expect(
      await dbRows('SELECT revoked_by FROM grid_role_grants WHERE id = ?', grant.body.id),
    ).toEqual([{ revoked_by: 'us-staff-zhao' }])
    const log = await send(
      client(zhao).communities[':id'].audit.$get({ param: { id: HUAISHU }, query: { limit: '5' } }),
    )
    assertStatus(log, 200)
    expect(log.body.items[0]).toEqual(expect.objectContaining({ actionLabel: '撤销网格员/楼组长' }))
  })

  it('keeps one live grant per person and scope under concurrency: ten at once → one 201, nine 409', async () => {
    const body = {
      userId: 'us-resident-zhang',
      role: 'grid_worker' as const,
      scopeId: GRIDS.wutong,
    }
    const results = await Promise.all(Array.from({ length: 10 }, () => grantRole(zhao, body)))
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)])
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM grid_role_grants WHERE user_id = 'us-resident-zhang' AND grid_id = ? AND revoked_at IS NULL",
        GRIDS.wutong,
      ),
    ).toBe(1)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'grid_role.grant' AND target_id = 'us-resident-zhang'",
      ),
    ).toBe(2) // this one, and 槐荫里楼组 earlier in the file
  })

  it('answers /me/grid only to someone signed in', async () => {
    assertStatus(await send(client(null).me.grid.$get()), 401)
    const none = await send(client(await session('resident-li')).me.grid.$get())
    assertStatus(none, 200)
    expect(none.body.items.map((i) => i.name)).toEqual(['梧桐苑1、2号楼楼组'])
  })

  it('lists candidates for staff only', async () => {
    const res = await send(
      client(zhao).communities[':id']['grid-candidates'].$get({
        param: { id: HUAISHU },
        query: { q: '刘' },
      }),
    )
    assertStatus(res, 200)
    expect(res.body.items.map((i) => i.nickname)).toContain('刘阿姨')
    for (const token of [sun, liu])
      assertStatus(
        await send(
          client(token).communities[':id']['grid-candidates'].$get({
            param: { id: HUAISHU },
            query: {},
          }),
        ),
        403,
      )
  })
})
