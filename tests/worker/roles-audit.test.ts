import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  dbCount,
  dbRows,
  demoSessions,
  issueCodes,
  newRequest,
  newResident,
  resetRateLimits,
  seedDemo,
} from './helpers'
import { assertStatus, client, send, succeeded } from './client'

const HUAISHU = 'cm-huaishu'
const ZHAO = { id: 'us-staff-zhao', nickname: '赵书记' }

const session = demoSessions()
let zhao: string
let seq = 0
const openid = (prefix: string) => `${prefix}-${++seq}`

const grant = (token: string, userId: string, role: string, communityId = HUAISHU) =>
  send(
    client(token).communities[':id'].roles.$post({
      param: { id: communityId },
      json: { userId, role: role as 'staff' },
    }),
  )
const revokeGrant = (token: string, grantId: string) =>
  send(client(token)['role-grants'][':id'].$delete({ param: { id: grantId } }))
const auditCount = (communityId = HUAISHU) =>
  dbCount('SELECT COUNT(*) AS n FROM audit_log WHERE community_id = ?', communityId)

/** The newest audit entry of the community, read through the API as staff would. */
async function latestAudit() {
  const res = await send(
    client(zhao).communities[':id'].audit.$get({ param: { id: HUAISHU }, query: { limit: '1' } }),
  )
  assertStatus(res, 200)
  return res.body.items[0]
}

beforeAll(async () => {
  await seedDemo()
  zhao = await session('staff-zhao')
})

beforeEach(resetRateLimits)

describe('POST /api/communities/:id/roles', () => {
  it('lets the admin grant a role (201); the grantee then holds it', async () => {
    const res = await grant(zhao, 'us-resident-li', 'committee')

    assertStatus(res, 201)
    expect(res.body).toEqual({
      id: expect.any(String),
      userId: 'us-resident-li',
      nickname: '李师傅',
      realName: '李建国',
      role: 'committee',
      grantedAt: expect.any(Number),
    })
    const me = await send(client(await session('resident-li')).me.$get())
    expect(succeeded(me).body.roles).toEqual([
      { communityId: HUAISHU, communityName: '槐树社区', role: 'committee' },
    ])
    const [row] = await dbRows('SELECT granted_by FROM role_grants WHERE id = ?', res.body.id)
    expect(row).toEqual({ granted_by: 'us-staff-zhao' })
  })

  it('answers 409 to a duplicate grant and keeps one row', async () => {
    const res = await grant(zhao, 'us-resident-li', 'committee')

    assertStatus(res, 409)
    expect(res.body.error).toEqual({ code: 'CONFLICT', message: '该用户已经拥有这个角色' })
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM role_grants WHERE user_id = 'us-resident-li' AND role = 'committee'",
      ),
    ).toBe(1)
  })

  it('answers 404 for an unknown user and 400 for an unknown role', async () => {
    const unknownUser = await grant(zhao, 'us-nobody', 'staff')
    const unknownRole = await grant(zhao, 'us-resident-li', 'mayor')

    assertStatus(unknownUser, 404)
    expect(unknownUser.body.error.code).toBe('NOT_FOUND')
    assertStatus(unknownRole, 400)
    expect(unknownRole.body.error.code).toBe('VALIDATION_FAILED')
  })

  it('refuses (403) a grant by staff who is not admin, writing nothing', async () => {
    expect((await grant(zhao, 'us-planner-zhou', 'staff')).status).toBe(201)
    const zhou = await session('planner-zhou')
    const grantsBefore = await dbCount('SELECT COUNT(*) AS n FROM role_grants')
    const auditBefore = await auditCount()

    const res = await grant(zhou, 'us-resident-zhang', 'committee')

    assertStatus(res, 403)
    expect(res.body.error).toEqual({ code: 'FORBIDDEN', message: '只有本社区的管理员可以分配角色' })
    expect(await dbCount('SELECT COUNT(*) AS n FROM role_grants')).toBe(grantsBefore)
    expect(await auditCount()).toBe(auditBefore)
  })
})

describe('DELETE /api/role-grants/:id', () => {
  it('lets the admin revoke a grant', async () => {
    const granted = await grant(zhao, 'us-resident-zhang', 'planner')
    assertStatus(granted, 201)

    const res = await revokeGrant(zhao, granted.body.id)

    assertStatus(res, 200)
    expect(res.body).toEqual({ ok: true })
    expect(
      await dbCount('SELECT COUNT(*) AS n FROM role_grants WHERE id = ?', granted.body.id),
    ).toBe(0)
    expect(
      succeeded(await send(client(await session('resident-zhang')).me.$get())).body.roles,
    ).toEqual([])
  })

  it('answers 409 to an admin revoking their own admin role, which stays', async () => {
    const res = await revokeGrant(zhao, 'rg-staff-zhao-admin')

    assertStatus(res, 409)
    expect(res.body.error).toEqual({
      code: 'CONFLICT',
      message: '不能撤销自己的管理员角色，请由另一位管理员操作',
    })
    expect(
      await dbCount("SELECT COUNT(*) AS n FROM role_grants WHERE id = 'rg-staff-zhao-admin'"),
    ).toBe(1)
  })

  it("lets one admin revoke another admin's role", async () => {
    const granted = await grant(zhao, 'us-centre-qian', 'admin')

    const res = await revokeGrant(zhao, succeeded(granted).body.id)

    assertStatus(res, 200)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM role_grants WHERE user_id = 'us-centre-qian' AND role = 'admin'",
      ),
    ).toBe(0)
  })

  it('refuses (403) a revoke by staff who is not admin', async () => {
    const zhou = await session('planner-zhou')
    const res = await revokeGrant(zhou, 'rg-committee-wu-committee')

    assertStatus(res, 403)
    expect(
      await dbCount("SELECT COUNT(*) AS n FROM role_grants WHERE id = 'rg-committee-wu-committee'"),
    ).toBe(1)
  })

  it('answers 404 for an unknown grant', async () => {
    expect((await revokeGrant(zhao, 'rg-nothing')).status).toBe(404)
  })
})

describe('GET /api/communities/:id/roles', () => {
  it('lists the grants with nicknames, and real names where the person is a resident', async () => {
    const res = await send(client(zhao).communities[':id'].roles.$get({ param: { id: HUAISHU } }))

    assertStatus(res, 200)
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'rg-staff-zhao-admin',
          userId: 'us-staff-zhao',
          nickname: '赵书记',
          realName: null,
          role: 'admin',
        }),
        expect.objectContaining({
          id: 'rg-committee-wu-committee',
          userId: 'us-committee-wu',
          realName: '吴静',
          role: 'committee',
        }),
      ]),
    )
    expect(res.body.items.some((g: { userId: string }) => g.userId === 'us-staff-sun')).toBe(false)
  })
})

describe('audit trail of staff actions', () => {
  it('records role grants and revokes with actor and before/after', async () => {
    const granted = await grant(zhao, 'us-resident-wang', 'committee')
    expect(await latestAudit()).toMatchObject({
      actor: ZHAO,
      action: 'role.grant',
      targetType: 'user',
      targetId: 'us-resident-wang',
      before: null,
      after: { role: 'committee' },
    })

    await revokeGrant(zhao, succeeded(granted).body.id)
    expect(await latestAudit()).toMatchObject({
      actor: ZHAO,
      action: 'role.revoke',
      targetType: 'user',
      targetId: 'us-resident-wang',
      before: { role: 'committee' },
      after: null,
    })
  })

  it('records invite codes issued, without the codes themselves', async () => {
    const [code] = await issueCodes(zhao, HUAISHU, ['hh-wutong-1-2-101'])
    const entry = await latestAudit()

    expect(entry).toMatchObject({
      actor: ZHAO,
      action: 'invite_codes.issue',
      targetType: 'community',
      targetId: HUAISHU,
      after: { householdIds: ['hh-wutong-1-2-101'], expiresAt: expect.any(Number) },
    })
    expect(JSON.stringify(entry)).not.toContain(code!)
    expect(JSON.stringify(entry)).not.toContain(code!.replace('-', ''))
  })

  it('records approvals and rejections of residency requests', async () => {
    const approved = await newRequest(openid('audit-approve'), {
      communityId: HUAISHU,
      buildingId: 'bd-wutong-1',
      unit: '2',
      room: '201',
      realName: '孔明',
    })
    expect(
      (
        await send(
          client(zhao)['residency-requests'][':id'].approve.$post({
            param: { id: approved.requestId },
          }),
        )
      ).status,
    ).toBe(200)
    expect(await latestAudit()).toMatchObject({
      actor: ZHAO,
      action: 'residency_request.approve',
      targetType: 'residency_request',
      targetId: approved.requestId,
      before: { status: 'pending' },
      after: { status: 'approved', householdId: 'hh-wutong-1-2-201' },
    })

    const rejected = await newRequest(openid('audit-reject'), {
      communityId: HUAISHU,
      buildingId: 'bd-wutong-1',
      unit: '2',
      room: '202',
      realName: '孔亮',
    })
    expect(
      (
        await send(
          client(zhao)['residency-requests'][':id'].reject.$post({
            param: { id: rejected.requestId },
            json: { reason: '查无此人' },
          }),
        )
      ).status,
    ).toBe(200)
    expect(await latestAudit()).toMatchObject({
      actor: ZHAO,
      action: 'residency_request.reject',
      targetType: 'residency_request',
      targetId: rejected.requestId,
      before: { status: 'pending' },
      after: { status: 'rejected', reason: '查无此人' },
    })
  })

  it('records 户代表 changes and revocations of residencies', async () => {
    const household = 'hh-wutong-1-2-301'
    const first = await newResident(openid('audit-rep1'), zhao, HUAISHU, household)
    const second = await newResident(openid('audit-rep2'), zhao, HUAISHU, household)

    await send(
      client(zhao).residencies[':id'].representative.$post({ param: { id: first.residencyId } }),
    )
    expect(await latestAudit()).toMatchObject({
      actor: ZHAO,
      action: 'residency.set_representative',
      targetType: 'household',
      targetId: household,
      before: { representativeResidencyId: null },
      after: { representativeResidencyId: first.residencyId },
    })
    await send(
      client(zhao).residencies[':id'].representative.$post({ param: { id: second.residencyId } }),
    )
    expect(await latestAudit()).toMatchObject({
      action: 'residency.set_representative',
      before: { representativeResidencyId: first.residencyId },
      after: { representativeResidencyId: second.residencyId },
    })

    await send(
      client(zhao).residencies[':id'].revoke.$post({
        param: { id: second.residencyId },
        json: { reason: '房屋已出售' },
      }),
    )
    expect(await latestAudit()).toMatchObject({
      actor: ZHAO,
      action: 'residency.revoke',
      targetType: 'residency',
      targetId: second.residencyId,
      before: { status: 'verified', isRepresentative: true },
      after: { status: 'revoked', reason: '房屋已出售' },
    })
  })

  it("records each staff view of residents' identities as identities.view", async () => {
    const before = await auditCount()

    expect(
      (
        await send(
          client(zhao).communities[':id'].residents.$get({ param: { id: HUAISHU }, query: {} }),
        )
      ).status,
    ).toBe(200)
    expect(await latestAudit()).toMatchObject({
      actor: ZHAO,
      action: 'identities.view',
      targetType: 'community',
      targetId: HUAISHU,
    })

    expect(
      (
        await send(
          client(zhao).communities[':id'].households.$get({
            param: { id: HUAISHU },
            query: { buildingId: 'bd-wutong-2' },
          }),
        )
      ).status,
    ).toBe(200)
    expect(await latestAudit()).toMatchObject({
      actor: ZHAO,
      action: 'identities.view',
      targetType: 'building',
      targetId: 'bd-wutong-2',
    })

    // The request queue shows real names and rooms too.
    expect(
      (
        await send(
          client(zhao).communities[':id']['residency-requests'].$get({
            param: { id: HUAISHU },
            query: {},
          }),
        )
      ).status,
    ).toBe(200)
    expect(await latestAudit()).toMatchObject({
      actor: ZHAO,
      action: 'identities.view',
      targetType: 'community',
      targetId: HUAISHU,
      after: { view: 'residency_requests', status: 'pending' },
    })

    expect(await auditCount()).toBe(before + 3)
  })

  it('writes nothing for refused or failed actions', async () => {
    const noRoom = await newRequest(openid('audit-noroom'), {
      communityId: HUAISHU,
      buildingId: 'bd-wutong-1',
      unit: '7',
      room: '777',
      realName: '无名',
    })
    const wang = await session('resident-wang')
    const before = await auditCount()

    expect(
      (
        await send(
          client(zhao)['residency-requests'][':id'].approve.$post({
            param: { id: noRoom.requestId },
          }),
        )
      ).status,
    ).toBe(409)
    expect(
      (
        await send(
          client(wang)['residency-requests'][':id'].approve.$post({
            param: { id: noRoom.requestId },
          }),
        )
      ).status,
    ).toBe(403)
    expect(
      (
        await send(
          client(wang).communities[':id'].residents.$get({ param: { id: HUAISHU }, query: {} }),
        )
      ).status,
    ).toBe(403)
    expect((await revokeGrant(zhao, 'rg-staff-zhao-admin')).status).toBe(409)
    expect((await grant(zhao, 'us-resident-li', 'committee')).status).toBe(409)

    expect(await auditCount()).toBe(before)
  })

  it('keeps each community to its own trail', async () => {
    const sun = await session('staff-sun')
    const res = await send(
      client(sun).communities[':id'].audit.$get({ param: { id: 'cm-fengqiao' }, query: {} }),
    )

    assertStatus(res, 200)
    expect(res.body.items).toEqual([])
    expect(await auditCount()).toBeGreaterThan(10)
  })
})

describe('GET /api/communities/:id/audit', () => {
  it('pages newest first with a cursor, without duplicates or gaps', async () => {
    // Nine entries within one millisecond (the clock is frozen, worker included) put page
    // boundaries inside a tie: only the (createdAt, id) cursor pages through them correctly.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 1000 })
    try {
      for (let i = 0; i < 9; i++)
        await send(
          client(zhao).communities[':id'].residents.$get({
            param: { id: HUAISHU },
            query: { limit: '1' },
          }),
        )
    } finally {
      vi.useRealTimers()
    }
    const expected = (
      await dbRows<{ id: string }>(
        'SELECT id FROM audit_log WHERE community_id = ? ORDER BY created_at DESC, id DESC',
        HUAISHU,
      )
    ).map((r) => r.id)
    expect(expected.length).toBeGreaterThan(15)
    expect(
      await dbCount(
        'SELECT COUNT(*) AS n FROM audit_log WHERE created_at = (SELECT MAX(created_at) FROM audit_log)',
      ),
    ).toBe(9)

    const seen: { id: string; createdAt: number }[] = []
    const page = (after: string | null) =>
      send(
        client(zhao).communities[':id'].audit.$get({
          param: { id: HUAISHU },
          query: { limit: '4', ...(after ? { cursor: after } : {}) },
        }),
      )
    let cursor: string | null = null
    let pages = 0
    do {
      const res = await page(cursor)
      assertStatus(res, 200)
      expect(res.body.items.length).toBeLessThanOrEqual(4)
      seen.push(...res.body.items)
      cursor = res.body.nextCursor
      pages++
    } while (cursor && pages < 100)

    expect(pages).toBe(Math.ceil(expected.length / 4))
    expect(seen.map((e) => e.id)).toEqual(expected)
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length)
    const times = seen.map((e) => e.createdAt)
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('rejects a limit above 100 and a forged cursor with 400', async () => {
    const tooMany = await send(
      client(zhao).communities[':id'].audit.$get({
        param: { id: HUAISHU },
        query: { limit: '101' },
      }),
    )
    const forged = await send(
      client(zhao).communities[':id'].audit.$get({
        param: { id: HUAISHU },
        query: { cursor: btoa('{"k":"x"}') },
      }),
    )

    assertStatus(tooMany, 400)
    assertStatus(forged, 400)
    expect(forged.body.error.message).toBe('分页参数无效，请刷新后重试')
  })
})
