import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  dbCount,
  dbRows,
  dbRun,
  demoSessions,
  issueCodes,
  loginNew,
  newRequest,
  newResident,
  resetRateLimits,
  seedDemo,
  sha256,
  tablesContaining,
} from './helpers'
import { assertStatus, client, failed, send, succeeded } from './client'

const HUAISHU = 'cm-huaishu'
const FENGQIAO = 'cm-fengqiao'
const INVALID_CODE = '邀请码无效、已过期或已被使用，请向居委会核对'
const CODE_FORMAT = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/

const session = demoSessions()
let zhao: string
let seq = 0
const openid = (prefix: string) => `${prefix}-${++seq}`

const claim = (token: string, code: string) =>
  send(client(token).residency.claim.$post({ json: { code } }))
const createRequest = (token: string, over: Record<string, unknown> = {}) =>
  send(
    client(token).residency.requests.$post({
      json: {
        communityId: HUAISHU,
        buildingId: 'bd-wutong-3',
        unit: '1',
        room: '101',
        realName: '刘芳',
        ...over,
      },
    }),
  )
const approve = (token: string, requestId: string) =>
  send(client(token)['residency-requests'][':id'].approve.$post({ param: { id: requestId } }))
const reject = (token: string, requestId: string, body?: Record<string, unknown>) =>
  send(
    client(token)['residency-requests'][':id'].reject.$post({
      param: { id: requestId },
      json: body as { reason: string },
    }),
  )
const revoke = (token: string, residencyId: string, body?: Record<string, unknown>) =>
  send(
    client(token).residencies[':id'].revoke.$post({
      param: { id: residencyId },
      json: body as { reason: string },
    }),
  )
const setRepresentative = (token: string, residencyId: string) =>
  send(client(token).residencies[':id'].representative.$post({ param: { id: residencyId } }))

async function floorAreaOf(householdId: string): Promise<string> {
  const [row] = await dbRows<{ floor_area_dm2: number }>(
    'SELECT floor_area_dm2 FROM households WHERE id = ?',
    householdId,
  )
  return (row!.floor_area_dm2 / 100).toFixed(2)
}

async function inviteRow(code: string) {
  const [row] = await dbRows<{
    used_at: number | null
    used_by: string | null
    revoked_at: number | null
  }>(
    'SELECT used_at, used_by, revoked_at FROM invite_codes WHERE code_hash = ?',
    await sha256(code.replace('-', '')),
  )
  return row
}

beforeAll(async () => {
  await seedDemo()
  zhao = await session('staff-zhao')
})

// Staff-zhao makes many writes in this file; the write limit itself is tested in auth.test.ts.
beforeEach(resetRateLimits)

describe('POST /api/communities/:id/invite-codes', () => {
  it('issues one code per household, shown once; the database keeps only hashes', async () => {
    const before = Date.now()
    const res = await send(
      client(zhao).communities[':id']['invite-codes'].$post({
        param: { id: HUAISHU },
        json: { householdIds: ['hh-wutong-1-1-101', 'hh-wutong-1-1-102', 'hh-wutong-1-1-101'] },
      }),
    )

    assertStatus(res, 201)
    expect(res.body.items).toHaveLength(2)
    const [first, second] = res.body.items
    expect(first).toMatchObject({
      householdId: 'hh-wutong-1-1-101',
      householdLabel: '梧桐苑 1号楼 1单元 101室',
    })
    expect(second).toMatchObject({
      householdId: 'hh-wutong-1-1-102',
      householdLabel: '梧桐苑 1号楼 1单元 102室',
    })
    expect(first!.code).toMatch(CODE_FORMAT)
    expect(second!.code).toMatch(CODE_FORMAT)
    expect(first!.code).not.toBe(second!.code)
    expect(first!.expiresAt).toBeGreaterThanOrEqual(before + 30 * 86_400_000)

    const rows = await dbRows<{ household_id: string; code_hash: string }>(
      "SELECT household_id, code_hash FROM invite_codes WHERE household_id IN ('hh-wutong-1-1-101', 'hh-wutong-1-1-102') ORDER BY household_id",
    )
    expect(rows).toEqual([
      { household_id: 'hh-wutong-1-1-101', code_hash: await sha256(first!.code.replace('-', '')) },
      { household_id: 'hh-wutong-1-1-102', code_hash: await sha256(second!.code.replace('-', '')) },
    ])
    for (const code of [first!.code, second!.code]) {
      expect(await tablesContaining(code)).toEqual([])
      expect(await tablesContaining(code.replace('-', ''))).toEqual([])
    }

    // Afterwards staff see that a code is open, never the code itself.
    const listing = await send(
      client(zhao).communities[':id'].households.$get({
        param: { id: HUAISHU },
        query: { buildingId: 'bd-wutong-1' },
      }),
    )
    assertStatus(listing, 200)
    const h101 = listing.body.items.find((h: { id: string }) => h.id === 'hh-wutong-1-1-101')
    expect(h101!.openInvite).toEqual({ expiresAt: first!.expiresAt })
    expect(JSON.stringify(listing.body)).not.toContain(first!.code)
    expect(JSON.stringify(listing.body)).not.toContain(first!.code.replace('-', ''))
  })

  it('issues codes for every household of the community in one request', async () => {
    const all = (
      await dbRows<{ id: string }>('SELECT id FROM households WHERE community_id = ?', HUAISHU)
    ).map((r) => r.id)
    expect(all.length).toBeGreaterThan(100)

    const res = await send(
      client(zhao).communities[':id']['invite-codes'].$post({
        param: { id: HUAISHU },
        json: { householdIds: all },
      }),
    )

    assertStatus(res, 201)
    expect(new Set(res.body.items.map((i: { code: string }) => i.code)).size).toBe(all.length)
    expect(
      await dbCount(
        'SELECT COUNT(DISTINCT household_id) AS n FROM invite_codes WHERE community_id = ? AND used_at IS NULL AND revoked_at IS NULL',
        HUAISHU,
      ),
    ).toBe(all.length)
    expect(
      await dbCount(
        'SELECT COUNT(*) AS n FROM invite_codes WHERE community_id = ? AND used_at IS NULL AND revoked_at IS NULL',
        HUAISHU,
      ),
    ).toBe(all.length)
  })

  it('revokes the previous open code of a household when a new one is issued', async () => {
    const [old] = await issueCodes(zhao, HUAISHU, ['hh-wutong-1-1-201'])
    const [fresh] = await issueCodes(zhao, HUAISHU, ['hh-wutong-1-1-201'])
    const user = await loginNew(openid('reissue'))

    const withOld = await claim(user.token, old!)
    assertStatus(withOld, 400)
    expect(withOld.body.error).toEqual({ code: 'VALIDATION_FAILED', message: INVALID_CODE })
    expect((await inviteRow(old!))!.revoked_at).toEqual(expect.any(Number))

    const withFresh = await claim(user.token, fresh!)
    assertStatus(withFresh, 200)
    expect(withFresh.body.household.id).toBe('hh-wutong-1-1-201')
  })

  it('rejects 201 households in one request with 400', async () => {
    const householdIds = Array.from({ length: 201 }, (_, i) => `hh-x-${i}`)
    const res = await send(
      client(zhao).communities[':id']['invite-codes'].$post({
        param: { id: HUAISHU },
        json: { householdIds },
      }),
    )

    assertStatus(res, 400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.message).toContain('一次最多生成 200 户的邀请码')
  })

  it('rejects an empty household list with 400', async () => {
    const res = await send(
      client(zhao).communities[':id']['invite-codes'].$post({
        param: { id: HUAISHU },
        json: { householdIds: [] },
      }),
    )

    assertStatus(res, 400)
    expect(res.body.error.message).toContain('请至少选择一户')
  })

  it('rejects a household of another community with 400 and issues nothing', async () => {
    const before = await dbCount('SELECT COUNT(*) AS n FROM invite_codes')
    const res = await send(
      client(zhao).communities[':id']['invite-codes'].$post({
        param: { id: HUAISHU },
        json: { householdIds: ['hh-wutong-1-1-202', 'hh-fengqiao-1-1-101'] },
      }),
    )

    assertStatus(res, 400)
    expect(res.body.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: '有 1 户不属于本社区或不存在，请刷新后重试',
    })
    expect(await dbCount('SELECT COUNT(*) AS n FROM invite_codes')).toBe(before)
  })
})

describe('POST /api/residency/claim', () => {
  it('verifies a consented user; /api/me then shows the household label and floor area', async () => {
    const [code] = await issueCodes(zhao, HUAISHU, ['hh-wutong-2-1-101'])
    const user = await loginNew(openid('claimer'))
    const area = await floorAreaOf('hh-wutong-2-1-101')

    const res = await claim(user.token, code!)

    assertStatus(res, 200)
    expect(res.body).toMatchObject({
      communityId: HUAISHU,
      communityName: '槐树社区',
      isRepresentative: false,
      via: 'invite_code',
      household: { id: 'hh-wutong-2-1-101', label: '梧桐苑 2号楼 1单元 101室', floorAreaM2: area },
    })
    const me = await send(client(user.token).me.$get())
    expect(succeeded(me).body.residencies).toEqual([res.body])
    expect(succeeded(me)!.body.residencies[0]!.household.floorAreaM2).toMatch(/^\d+\.\d{2}$/)
    // A user without a current community lands in the one they just joined.
    expect(succeeded(me).body.currentCommunity).toMatchObject({ id: HUAISHU })
    expect(await inviteRow(code!)).toMatchObject({
      used_by: user.userId,
      used_at: expect.any(Number),
    })
  })

  it.each([
    {
      case: 'in lower case',
      form: (code: string) => code.toLowerCase(),
      household: 'hh-wutong-2-1-102',
    },
    {
      case: 'without the dash',
      form: (code: string) => code.replace('-', ''),
      household: 'hh-wutong-2-1-201',
    },
    {
      case: 'with spaces',
      form: (code: string) => ` ${code.slice(0, 4)} ${code.slice(5)} `,
      household: 'hh-wutong-2-2-201',
    },
  ])('accepts the code typed $case', async ({ form, household }) => {
    const [code] = await issueCodes(zhao, HUAISHU, [household])
    const user = await loginNew(openid('typed'))

    const res = await claim(user.token, form(code!))

    assertStatus(res, 200)
    expect(res.body.household.id).toBe(household)
  })

  it('rejects a code already used by another user with 400, leaving the second user unverified', async () => {
    const [code] = await issueCodes(zhao, HUAISHU, ['hh-wutong-2-1-202'])
    const first = await loginNew(openid('first'))
    const second = await loginNew(openid('second'))
    expect((await claim(first.token, code!)).status).toBe(200)

    const res = await claim(second.token, code!)

    assertStatus(res, 400)
    expect(res.body.error).toEqual({ code: 'VALIDATION_FAILED', message: INVALID_CODE })
    expect(
      await dbCount('SELECT COUNT(*) AS n FROM residencies WHERE user_id = ?', second.userId),
    ).toBe(0)
    expect((await inviteRow(code!))!.used_by).toBe(first.userId)
  })

  it('rejects an expired code with 400 and leaves it unused', async () => {
    const [code] = await issueCodes(zhao, HUAISHU, ['hh-wutong-2-1-301'])
    await dbRun(
      'UPDATE invite_codes SET expires_at = ? WHERE code_hash = ?',
      Date.now() - 1,
      await sha256(code!.replace('-', '')),
    )
    const user = await loginNew(openid('late'))

    const res = await claim(user.token, code!)

    assertStatus(res, 400)
    expect(res.body.error.message).toBe(INVALID_CODE)
    expect((await inviteRow(code!))!.used_at).toBeNull()
  })

  it('rejects an unknown code with 400', async () => {
    const user = await loginNew(openid('guess'))
    const res = await claim(user.token, 'ABCD-EFGH')

    assertStatus(res, 400)
    expect(res.body.error.message).toBe(INVALID_CODE)
  })

  it('answers 409 to a resident of that very household, and the code is not consumed', async () => {
    const wang = await session('resident-wang')
    const [code] = await issueCodes(zhao, HUAISHU, ['hh-wutong-1-1-301'])

    const res = await claim(wang, code!)

    assertStatus(res, 409)
    expect(res.body.error).toEqual({
      code: 'CONFLICT',
      message: '您已经是这一户的认证居民，无需重复认证',
    })
    expect(await inviteRow(code!)).toMatchObject({ used_at: null, used_by: null, revoked_at: null })
    expect(
      await dbCount("SELECT COUNT(*) AS n FROM residencies WHERE user_id = 'us-resident-wang'"),
    ).toBe(1)

    // Still good for the family member it was meant for.
    const spouse = await loginNew(openid('spouse'))
    expect((await claim(spouse.token, code!)).status).toBe(200)
  })

  it('lets exactly one of 20 users racing for one code become a resident; the others get 400/409, none 500', async () => {
    const household = 'hh-wutong-2-1-302'
    const [code] = await issueCodes(zhao, HUAISHU, [household])
    const users = await Promise.all(Array.from({ length: 20 }, () => loginNew(openid('racer'))))

    const results = await Promise.all(users.map((u) => claim(u.token, code!)))

    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s !== 200).every((s) => s === 400 || s === 409)).toBe(true)
    expect(statuses).not.toContain(500)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM residencies WHERE household_id = ? AND via = 'invite_code'",
        household,
      ),
    ).toBe(1)
    const winner = users[statuses.indexOf(200)]!
    const [row] = await dbRows<{ user_id: string }>(
      'SELECT user_id FROM residencies WHERE household_id = ?',
      household,
    )
    expect(row!.user_id).toBe(winner.userId)
    expect((await inviteRow(code!))!.used_by).toBe(winner.userId)
  })
})

describe('POST /api/residency/requests', () => {
  it('creates a pending request (201), tolerating "单元"/"室" suffixes, visible to its author and to staff', async () => {
    const { token, userId } = await loginNew(openid('asker'))
    const res = await createRequest(token, {
      unit: '2单元',
      room: '301室',
      realName: '孟丽',
      note: '新搬来的租户',
    })

    assertStatus(res, 201)
    expect(res.body).toMatchObject({
      communityId: HUAISHU,
      communityName: '槐树社区',
      buildingId: 'bd-wutong-3',
      compoundName: '梧桐苑',
      buildingName: '3号楼',
      unit: '2',
      room: '301',
      realName: '孟丽',
      note: '新搬来的租户',
      status: 'pending',
      rejectReason: null,
      decidedAt: null,
    })
    const mine = await send(client(token).residency.requests.mine.$get())
    expect(succeeded(mine).body.items.map((r: { id: string }) => r.id)).toEqual([res.body.id])
    const pending = await send(
      client(zhao).communities[':id']['residency-requests'].$get({
        param: { id: HUAISHU },
        query: { status: 'pending' },
      }),
    )
    const listed = succeeded(pending).body.items.find((r: { id: string }) => r.id === res.body.id)
    expect(listed!.user).toEqual({ id: userId, nickname: expect.any(String) })
  })

  it('rejects a building of another community with 400', async () => {
    const { token, userId } = await loginNew(openid('wrongbuilding'))
    const res = await createRequest(token, { buildingId: 'bd-fengqiao-1' })

    assertStatus(res, 400)
    expect(res.body.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: '所选楼栋不属于该社区，请重新选择',
    })
    expect(
      await dbCount('SELECT COUNT(*) AS n FROM residency_requests WHERE user_id = ?', userId),
    ).toBe(0)
  })

  it('answers 404 for an unknown building', async () => {
    const { token } = await loginNew(openid('nobuilding'))
    expect((await createRequest(token, { buildingId: 'bd-nowhere' })).status).toBe(404)
  })

  it('answers 409 to a second pending request in the same community, but allows one in another community', async () => {
    const { token, userId } = await loginNew(openid('twice'))
    expect((await createRequest(token)).status).toBe(201)

    const again = await createRequest(token, { room: '102' })
    const elsewhere = await createRequest(token, {
      communityId: FENGQIAO,
      buildingId: 'bd-fengqiao-1',
    })

    assertStatus(again, 409)
    expect(again.body.error).toEqual({
      code: 'CONFLICT',
      message: '您在该社区已有一个待审核的申请，请耐心等待居委会审核',
    })
    assertStatus(elsewhere, 201)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM residency_requests WHERE user_id = ? AND status = 'pending'",
        userId,
      ),
    ).toBe(2)
  })
})

describe('POST /api/residency-requests/:id/approve', () => {
  it('creates a verified residency carrying the real name', async () => {
    const asker = await newRequest(openid('approved'), {
      communityId: HUAISHU,
      buildingId: 'bd-wutong-3',
      unit: '1',
      room: '201',
      realName: '黄海',
    })

    const res = await approve(zhao, asker.requestId)

    assertStatus(res, 200)
    expect(res.body).toMatchObject({
      id: asker.requestId,
      status: 'approved',
      decidedAt: expect.any(Number),
    })
    const rows = await dbRows(
      'SELECT household_id, status, via, real_name, verified_by FROM residencies WHERE user_id = ?',
      asker.userId,
    )
    expect(rows).toEqual([
      {
        household_id: 'hh-wutong-3-1-201',
        status: 'verified',
        via: 'request',
        real_name: '黄海',
        verified_by: 'us-staff-zhao',
      },
    ])
    const me = await send(client(asker.token).me.$get())
    expect(
      succeeded(me).body.residencies.map(
        (r: { household: { label: string } }) => r.household.label,
      ),
    ).toEqual(['梧桐苑 3号楼 1单元 201室'])
    expect(succeeded(me)!.body.residencyRequests[0]!.status).toBe('approved')
  })

  it('answers 409 with an explanation when the room does not exist, leaving the request pending', async () => {
    const asker = await newRequest(openid('noroom'), {
      communityId: HUAISHU,
      buildingId: 'bd-wutong-1',
      unit: '9',
      room: '999',
      realName: '田园',
    })

    const res = await approve(zhao, asker.requestId)

    assertStatus(res, 409)
    expect(res.body.error).toEqual({
      code: 'CONFLICT',
      message: '1号楼 没有 9单元 999室 这一户，请核对后驳回或先登记住户',
    })
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM residency_requests WHERE id = ? AND status = 'pending'",
        asker.requestId,
      ),
    ).toBe(1)
    expect(
      await dbCount('SELECT COUNT(*) AS n FROM residencies WHERE user_id = ?', asker.userId),
    ).toBe(0)
  })

  it('answers 409 INVALID_STATE to a second approval', async () => {
    const asker = await newRequest(openid('twiceapproved'), {
      communityId: HUAISHU,
      buildingId: 'bd-wutong-3',
      unit: '1',
      room: '202',
      realName: '方圆',
    })
    expect((await approve(zhao, asker.requestId)).status).toBe(200)

    const res = await approve(zhao, asker.requestId)

    assertStatus(res, 409)
    expect(res.body.error).toEqual({
      code: 'INVALID_STATE',
      message: '该申请已被处理（当前状态：已通过）',
    })
    expect(
      await dbCount('SELECT COUNT(*) AS n FROM residencies WHERE user_id = ?', asker.userId),
    ).toBe(1)
  })

  it('answers 409 when the requester already lives in that household, leaving the request pending and unaudited', async () => {
    const wang = await session('resident-wang')
    const created = await createRequest(wang, {
      buildingId: 'bd-wutong-1',
      unit: '1',
      room: '301',
      realName: '王秀英',
    })
    assertStatus(created, 201)

    const res = await approve(zhao, created.body.id)

    assertStatus(res, 409)
    expect(res.body.error).toEqual({
      code: 'CONFLICT',
      message: '该居民已经是这一户的认证居民，请驳回这条重复申请',
    })
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM residency_requests WHERE id = ? AND status = 'pending'",
        created.body.id,
      ),
    ).toBe(1)
    expect(
      await dbCount('SELECT COUNT(*) AS n FROM audit_log WHERE target_id = ?', created.body.id),
    ).toBe(0)
    expect(
      await dbCount("SELECT COUNT(*) AS n FROM residencies WHERE user_id = 'us-resident-wang'"),
    ).toBe(1)
    expect((await reject(zhao, created.body.id, { reason: '已是本户认证居民' })).status).toBe(200)
  })

  it('answers 404 for an unknown request', async () => {
    const res = await approve(zhao, 'no-such-request')

    assertStatus(res, 404)
    expect(res.body.error.code).toBe('NOT_FOUND')
  })

  it('lets exactly one of two staff approving at once win: one 200, one 409, one residency, one audit row', async () => {
    const grant = await send(
      client(zhao).communities[':id'].roles.$post({
        param: { id: HUAISHU },
        json: { userId: 'us-planner-zhou', role: 'staff' },
      }),
    )
    assertStatus(grant, 201)
    const zhou = await session('planner-zhou')
    const askers = await Promise.all(
      ['301', '302', '401', '402', '501'].map((room) =>
        newRequest(openid('raced'), {
          communityId: HUAISHU,
          buildingId: 'bd-wutong-3',
          unit: '2',
          room,
          realName: '秦川',
        }),
      ),
    )

    const races = await Promise.all(
      askers.map((a) => Promise.all([approve(zhao, a.requestId), approve(zhou, a.requestId)])),
    )

    for (const [index, pair] of races.entries()) {
      const asker = askers[index]!
      expect(pair.map((r) => r.status).sort()).toEqual([200, 409])
      const loser = pair.find((r) => r.status === 409)!
      expect(loser.body.error).toEqual({
        code: 'INVALID_STATE',
        message: '该申请已被处理（当前状态：已通过）',
      })
      expect(
        await dbCount('SELECT COUNT(*) AS n FROM residencies WHERE user_id = ?', asker.userId),
      ).toBe(1)
      const audit = await dbRows<{ actor_user_id: string }>(
        "SELECT actor_user_id FROM audit_log WHERE action = 'residency_request.approve' AND target_id = ?",
        asker.requestId,
      )
      expect(audit).toHaveLength(1)
      const [decided] = await dbRows<{ decided_by: string }>(
        'SELECT decided_by FROM residency_requests WHERE id = ?',
        asker.requestId,
      )
      // The audit names the staff member whose approval took effect.
      expect(audit[0]!.actor_user_id).toBe(decided!.decided_by)
      const winner = pair[0]!.status === 200 ? 'us-staff-zhao' : 'us-planner-zhou'
      expect(decided!.decided_by).toBe(winner)
    }
  })
})

describe('POST /api/residency-requests/:id/reject', () => {
  it('requires a reason', async () => {
    const asker = await newRequest(openid('noreason'), {
      communityId: HUAISHU,
      buildingId: 'bd-wutong-3',
      unit: '3',
      room: '101',
      realName: '严明',
    })

    const missing = await reject(zhao, asker.requestId, {})
    const blank = await reject(zhao, asker.requestId, { reason: '   ' })
    const noBody = await reject(zhao, asker.requestId)

    for (const res of [missing, blank, noBody]) {
      assertStatus(res, 400)
      expect(res.body.error.code).toBe('VALIDATION_FAILED')
    }
    expect(failed(blank).body.error.message).toBe('提交的内容有误：请填写理由')
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM residency_requests WHERE id = ? AND status = 'pending'",
        asker.requestId,
      ),
    ).toBe(1)
  })

  it('rejects with the reason shown to the requester, who may then ask again', async () => {
    const asker = await newRequest(openid('rejected'), {
      communityId: HUAISHU,
      buildingId: 'bd-wutong-3',
      unit: '3',
      room: '102',
      realName: '严谨',
    })

    const res = await reject(zhao, asker.requestId, { reason: '门牌号与登记信息不符' })

    assertStatus(res, 200)
    expect(res.body).toMatchObject({
      status: 'rejected',
      rejectReason: '门牌号与登记信息不符',
      decidedAt: expect.any(Number),
    })
    const mine = await send(client(asker.token).residency.requests.mine.$get())
    expect(succeeded(mine).body.items[0]).toMatchObject({
      id: asker.requestId,
      status: 'rejected',
      rejectReason: '门牌号与登记信息不符',
    })
    expect(
      await dbCount('SELECT COUNT(*) AS n FROM residencies WHERE user_id = ?', asker.userId),
    ).toBe(0)
    expect((await createRequest(asker.token, { unit: '3', room: '103' })).status).toBe(201)
  })

  it('answers 409 INVALID_STATE to rejecting an approved request', async () => {
    const asker = await newRequest(openid('lateReject'), {
      communityId: HUAISHU,
      buildingId: 'bd-wutong-3',
      unit: '3',
      room: '201',
      realName: '严肃',
    })
    expect((await approve(zhao, asker.requestId)).status).toBe(200)

    const res = await reject(zhao, asker.requestId, { reason: '太晚了' })

    assertStatus(res, 409)
    expect(res.body.error.code).toBe('INVALID_STATE')
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM residencies WHERE user_id = ? AND status = 'verified'",
        asker.userId,
      ),
    ).toBe(1)
  })
})

describe('POST /api/residencies/:id/revoke', () => {
  it('requires a reason', async () => {
    const resident = await newResident(openid('keep'), zhao, HUAISHU, 'hh-huaiyin-7-1-101')

    for (const body of [undefined, {}, { reason: '' }]) {
      const res = await revoke(zhao, resident.residencyId, body)
      assertStatus(res, 400)
      expect(res.body.error.code).toBe('VALIDATION_FAILED')
    }
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM residencies WHERE id = ? AND status = 'verified'",
        resident.residencyId,
      ),
    ).toBe(1)
  })

  it('revokes with a reason; the resident loses the household, a second revoke answers 409 INVALID_STATE', async () => {
    const resident = await newResident(openid('moved'), zhao, HUAISHU, 'hh-huaiyin-7-1-102')
    expect((await setRepresentative(zhao, resident.residencyId)).status).toBe(200)

    const res = await revoke(zhao, resident.residencyId, { reason: '已搬离本社区' })

    assertStatus(res, 200)
    expect(res.body).toEqual({ ok: true })
    const [row] = await dbRows(
      'SELECT status, is_representative, revoke_reason, revoked_by FROM residencies WHERE id = ?',
      resident.residencyId,
    )
    expect(row).toEqual({
      status: 'revoked',
      is_representative: 0,
      revoke_reason: '已搬离本社区',
      revoked_by: 'us-staff-zhao',
    })
    expect(succeeded(await send(client(resident.token).me.$get())).body.residencies).toEqual([])
    const again = await revoke(zhao, resident.residencyId, { reason: '再次' })
    assertStatus(again, 409)
    expect(again.body.error).toEqual({ code: 'INVALID_STATE', message: '该居民认证已被撤销' })
  })

  it('lets a revoked resident be verified again for the same household', async () => {
    const resident = await newResident(openid('back'), zhao, HUAISHU, 'hh-huaiyin-7-1-103')
    expect((await revoke(zhao, resident.residencyId, { reason: '误操作' })).status).toBe(200)

    const [code] = await issueCodes(zhao, HUAISHU, ['hh-huaiyin-7-1-103'])
    const res = await claim(resident.token, code!)

    assertStatus(res, 200)
    expect(
      await dbCount('SELECT COUNT(*) AS n FROM residencies WHERE user_id = ?', resident.userId),
    ).toBe(2)
  })

  it('answers 404 for an unknown residency', async () => {
    expect((await revoke(zhao, 'rs-nobody', { reason: '无' })).status).toBe(404)
  })
})

describe('POST /api/residencies/:id/representative', () => {
  it('makes the resident 户代表 and unsets the previous one', async () => {
    const household = 'hh-wutong-1-1-301'
    const son = await newResident(openid('son'), zhao, HUAISHU, household)

    const res = await setRepresentative(zhao, son.residencyId)

    assertStatus(res, 200)
    expect(res.body).toMatchObject({
      id: son.residencyId,
      isRepresentative: true,
      household: { id: household },
    })
    const reps = await dbRows<{ id: string }>(
      "SELECT id FROM residencies WHERE household_id = ? AND status = 'verified' AND is_representative = 1",
      household,
    )
    expect(reps).toEqual([{ id: son.residencyId }])
    const wang = await send(client(await session('resident-wang')).me.$get())
    expect(succeeded(wang)!.body.residencies[0]!.isRepresentative).toBe(false)
  })

  it('answers 409 INVALID_STATE for a revoked residency and keeps the current 户代表', async () => {
    const household = 'hh-huaiyin-7-1-201'
    const current = await newResident(openid('rep'), zhao, HUAISHU, household)
    const gone = await newResident(openid('gone'), zhao, HUAISHU, household)
    expect((await setRepresentative(zhao, current.residencyId)).status).toBe(200)
    expect((await revoke(zhao, gone.residencyId, { reason: '已搬离' })).status).toBe(200)

    const res = await setRepresentative(zhao, gone.residencyId)

    assertStatus(res, 409)
    expect(res.body.error.code).toBe('INVALID_STATE')
    expect(
      await dbCount(
        'SELECT COUNT(*) AS n FROM residencies WHERE id = ? AND is_representative = 1',
        current.residencyId,
      ),
    ).toBe(1)
  })

  it('leaves exactly one 户代表 after 10 concurrent choices among the residents of one household', async () => {
    const household = 'hh-huaiyin-7-1-301'
    const family = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        newRequest(openid('family'), {
          communityId: HUAISHU,
          buildingId: 'bd-huaiyin-7',
          unit: '1',
          room: '301',
          realName: `家人${i}`,
        }),
      ),
    )
    expect(
      (await Promise.all(family.map((f) => approve(zhao, f.requestId)))).map((r) => r.status),
    ).toEqual(Array(10).fill(200))
    const residencyIds = (
      await dbRows<{ id: string }>(
        "SELECT id FROM residencies WHERE household_id = ? AND status = 'verified'",
        household,
      )
    ).map((r) => r.id)
    expect(residencyIds).toHaveLength(10)

    const results = await Promise.all(residencyIds.map((id) => setRepresentative(zhao, id)))

    expect(results.map((r) => r.status)).not.toContain(500)
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM residencies WHERE household_id = ? AND status = 'verified' AND is_representative = 1",
        household,
      ),
    ).toBe(1)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM residencies WHERE household_id = ? AND status = 'verified'",
        household,
      ),
    ).toBe(10)
  })

  it('keeps at most one 户代表 per household across the whole database', async () => {
    const rows = await dbRows(
      "SELECT household_id, COUNT(*) AS n FROM residencies WHERE status = 'verified' AND is_representative = 1 GROUP BY household_id HAVING n > 1",
    )
    expect(rows).toEqual([])
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM residencies WHERE status = 'verified' AND is_representative = 1",
      ),
    ).toBeGreaterThan(3)
  })
})

describe('GET /api/communities/:id/households', () => {
  it("lists a building's households with their residents, real names and 户代表", async () => {
    const res = await send(
      client(zhao).communities[':id'].households.$get({
        param: { id: HUAISHU },
        query: { buildingId: 'bd-wutong-2' },
      }),
    )

    assertStatus(res, 200)
    expect(res.body.items).toHaveLength(24)
    const li = res.body.items.find((h: { id: string }) => h.id === 'hh-wutong-2-2-502')
    expect(li).toMatchObject({
      label: '梧桐苑 2号楼 2单元 502室',
      floorAreaM2: await floorAreaOf('hh-wutong-2-2-502'),
    })
    expect(li!.residents).toEqual([
      {
        residencyId: 'rs-resident-li',
        userId: 'us-resident-li',
        realName: '李建国',
        nickname: '李师傅',
        isRepresentative: true,
      },
    ])
  })

  it('answers 404 for a building of another community and 400 without a building', async () => {
    const foreign = await send(
      client(zhao).communities[':id'].households.$get({
        param: { id: HUAISHU },
        query: { buildingId: 'bd-fengqiao-1' },
      }),
    )
    const missing = await send(
      client(zhao).communities[':id'].households.$get({
        param: { id: HUAISHU },
        query: {} as { buildingId: string },
      }),
    )

    assertStatus(foreign, 404)
    expect(JSON.stringify(foreign.body)).not.toContain('hh-fengqiao')
    assertStatus(missing, 400)
  })
})

describe('GET /api/communities/:id/residents', () => {
  it('pages through verified residents newest first without duplicates', async () => {
    const total = await dbCount(
      "SELECT COUNT(*) AS n FROM residencies WHERE community_id = ? AND status = 'verified'",
      HUAISHU,
    )
    const seen: { residencyId: string; verifiedAt: number }[] = []
    const page = (after: string | null) =>
      send(
        client(zhao).communities[':id'].residents.$get({
          param: { id: HUAISHU },
          query: { limit: '2', ...(after ? { cursor: after } : {}) },
        }),
      )
    let cursor: string | null = null
    let pages = 0
    do {
      // Pages of 2: the four seeded residents share one verifiedAt, so a page boundary falls inside that tie.
      const res = await page(cursor)
      assertStatus(res, 200)
      expect(res.body.items.length).toBeLessThanOrEqual(2)
      seen.push(...res.body.items)
      cursor = res.body.nextCursor
      pages++
    } while (cursor && pages < 200)

    expect(pages).toBeGreaterThan(2)
    expect(seen).toHaveLength(total)
    expect(new Set(seen.map((r) => r.residencyId)).size).toBe(total)
    const times = seen.map((r) => r.verifiedAt)
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(seen.find((r) => r.residencyId === 'rs-resident-wang')).toMatchObject({
      realName: '王秀英',
      via: 'request',
    })
  })

  it('rejects a cursor that was not issued by the server', async () => {
    const res = await send(
      client(zhao).communities[':id'].residents.$get({
        param: { id: HUAISHU },
        query: { cursor: 'not-a-cursor' },
      }),
    )

    assertStatus(res, 400)
    expect(res.body.error.message).toBe('分页参数无效，请刷新后重试')
  })
})
