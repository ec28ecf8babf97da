import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loginNew, seedDemo } from './helpers'
import {
  count,
  demoLogins,
  expectError,
  expectStatus,
  HUAISHU,
  makeResidents,
  resetRateLimits,
  rows,
} from './convention-helpers'
import { client, rawRequest, send } from './client'

// 房屋产权登记 (issue 19, decision 011): staff record each unit's title and owners' 委托; every
// write and view is audited; ownership is staff-only, and a resident sees only her own.

const login = demoLogins()
let staff: string, wang: string, li: string, zhang: string, sun: string

beforeAll(async () => {
  await seedDemo()
  ;[staff, wang, li, zhang, sun] = (await Promise.all(
    ['staff-zhao', 'resident-wang', 'resident-li', 'resident-zhang', 'staff-sun'].map(login),
  )) as [string, string, string, string, string]
})
beforeEach(resetRateLimits)

const WANG_FLAT = 'hh-wutong-1-1-301'
const WANG_LET = 'hh-wutong-2-1-102'

type TitleBody = {
  areaM2: string
  certificateNo?: string
  developerUnsold?: boolean
  owners: { ownerId?: string; userId?: string; name?: string }[]
}
const putTitle = (token: string | null, householdId: string, json: TitleBody) =>
  send(client(token).households[':id'].ownership.$put({ param: { id: householdId }, json }))
const getUnit = (token: string | null, householdId: string) =>
  send(client(token).households[':id'].ownership.$get({ param: { id: householdId } }))
const listBuilding = (token: string | null, buildingId: string, room?: string) =>
  send(
    client(token).communities[':id'].ownership.$get({
      param: { id: HUAISHU },
      query: { buildingId, room },
    }),
  )
const findOwners = (token: string | null, q: string) =>
  send(client(token).communities[':id'].owners.$get({ param: { id: HUAISHU }, query: { q } }))
const addProxy = (
  token: string | null,
  ownerId: string,
  json: { proxyUserId: string; document: string; validUntil?: string },
) => send(client(token).owners[':id'].proxies.$post({ param: { id: ownerId }, json }))
const revoke = (token: string | null, proxyId: string) =>
  send(client(token)['owner-proxies'][':id'].revoke.$post({ param: { id: proxyId } }))
const mine = (token: string | null) => send(client(token).me.ownership.$get())

async function auditOf(action: string, targetId: string) {
  return rows<{ before_json: string | null; after_json: string | null; actor_user_id: string }>(
    'SELECT before_json, after_json, actor_user_id FROM audit_log WHERE action = ? AND target_id = ? ORDER BY created_at, rowid',
    action,
    targetId,
  )
}

async function snapshot() {
  return {
    titles: await rows('SELECT * FROM unit_titles ORDER BY household_id'),
    unitOwners: await rows('SELECT * FROM unit_owners ORDER BY household_id, owner_id'),
    owners: await count('SELECT COUNT(*) AS n FROM owners'),
    proxies: await rows('SELECT * FROM owner_proxies ORDER BY id'),
  }
}

describe('the demo street', () => {
  it('has every unit recorded: owners, a tenant, a two-flat owner, co-owners and the developer’s unsold flats', async () => {
    expect(await count('SELECT COUNT(*) AS n FROM households')).toBe(
      await count('SELECT COUNT(*) AS n FROM unit_titles'),
    )
    const wangUnits = expectStatus(await mine(wang), 200).body.units
    expect(wangUnits.map((u) => u.household.id)).toEqual([WANG_FLAT, WANG_LET])
    expect(expectStatus(await mine(li), 200).body.units).toEqual([])
    const developer = expectStatus(await getUnit(staff, 'hh-wutong-3-1-601'), 200).body
    expect(developer.title).toMatchObject({ developerUnsold: true, certificateNo: null })
    expect(developer.owners[0]).toMatchObject({ kind: 'developer', name: '青梧置业有限公司' })
    expect(developer.owners[0]!.units).toHaveLength(4)
    const coOwned = expectStatus(await getUnit(staff, 'hh-wutong-3-3-602'), 200).body
    expect(coOwned.owners.map((o) => o.name).sort()).toEqual(['吴静', '陈明'].sort())
  })
})

describe('PUT /households/{id}/ownership', () => {
  it('records a title from the certificate, replaces it on correction, and audits both with the values before and after', async () => {
    const unit = 'hh-wutong-1-2-101'
    const [resident] = await makeResidents('own-rec', [unit])
    const first = expectStatus(
      await putTitle(staff, unit, {
        areaM2: '88.5',
        certificateNo: '浙(2019)杭州市不动产权第0012345号',
        owners: [{ userId: resident!.userId, name: '周晓梅' }, { name: '周父' }],
      }),
      200,
    ).body
    expect(first.title).toMatchObject({
      registeredAreaM2: '88.50',
      certificateNo: '浙(2019)杭州市不动产权第0012345号',
      developerUnsold: false,
    })
    expect(first.owners.map((o) => [o.name, o.userId])).toEqual([
      ['周晓梅', resident!.userId],
      ['周父', null],
    ])
    const corrected = expectStatus(
      await putTitle(staff, unit, {
        areaM2: '88.46',
        certificateNo: '浙(2019)杭州市不动产权第0012346号',
        owners: [{ userId: resident!.userId }],
      }),
      200,
    ).body
    expect(corrected.owners.map((o) => o.name)).toEqual(['周晓梅'])
    expect(
      (await rows('SELECT registered_area_dm2 FROM unit_titles WHERE household_id = ?', unit))[0],
    ).toEqual({ registered_area_dm2: 8846 })
    const audit = await auditOf('ownership.record', unit)
    expect(audit).toHaveLength(2)
    expect(JSON.parse(audit[1]!.before_json!)).toEqual({
      areaM2: '88.50',
      certificateNo: '浙(2019)杭州市不动产权第0012345号',
      developerUnsold: false,
      owners: ['周晓梅', '周父'],
    })
    expect(JSON.parse(audit[1]!.after_json!)).toMatchObject({
      areaM2: '88.46',
      certificateNo: '浙(2019)杭州市不动产权第0012346号',
    })
  })

  it('refuses bad input with a Chinese message and writes nothing', async () => {
    const before = await snapshot()
    const fengqiaoOwner = (
      await rows<{ id: string }>("SELECT id FROM owners WHERE community_id = 'cm-fengqiao' LIMIT 1")
    )[0]!.id
    const developerRow = 'ow-developer-qingwu'
    const cases: [TitleBody, string][] = [
      [{ areaM2: '90', owners: [{ name: '某某' }] }, '不动产权证'],
      [{ areaM2: '90.555', certificateNo: 'X', owners: [{ name: '某某' }] }, '两位小数'],
      [{ areaM2: '0', certificateNo: 'X', owners: [{ name: '某某' }] }, '大于 0'],
      [{ areaM2: '90', certificateNo: 'X', owners: [] }, '至少登记一位业主'],
      [
        { areaM2: '90', developerUnsold: true, owners: [{ name: '甲公司' }, { name: '乙公司' }] },
        '只登记开发商',
      ],
      [{ areaM2: '90', certificateNo: 'X', owners: [{ userId: 'us-newcomer-chen' }] }, '认证居民'],
      [{ areaM2: '90', certificateNo: 'X', owners: [{ ownerId: fengqiaoOwner }] }, '不在本社区'],
      [{ areaM2: '90', certificateNo: 'X', owners: [{ ownerId: developerRow }] }, '开发商'],
      [
        { areaM2: '90', certificateNo: 'X', owners: [{ ownerId: 'ow-wang', name: '王' }] },
        '三选一',
      ],
    ]
    for (const [body, words] of cases)
      expect(
        expectError(await putTitle(staff, WANG_FLAT, body), 400, 'VALIDATION_FAILED'),
      ).toContain(words)
    expect(
      expectError(
        await rawRequest('PUT', `/api/households/${WANG_FLAT}/ownership`, {
          token: staff,
          body: { areaM2: '90', certificateNo: 'X', owners: [{ name: '某' }], role: 'admin' },
        }),
        400,
        'VALIDATION_FAILED',
      ),
    ).toContain('不接受的字段')
    expect(await snapshot()).toEqual(before)
  })

  it('keeps one owner row per account when two staff link the same person to two units at once', async () => {
    const units = ['hh-wutong-1-2-201', 'hh-wutong-1-2-202']
    const [person] = await makeResidents('own-race', [units[0]!])
    const sent = await Promise.all(
      [...units, ...units].map((unit, i) =>
        putTitle(staff, unit, {
          areaM2: '70',
          certificateNo: `C-${i}`,
          owners: [{ userId: person!.userId }],
        }),
      ),
    )
    for (const res of sent) expectStatus(res, 200)
    const owners = await rows<{ id: string }>(
      'SELECT id FROM owners WHERE user_id = ?',
      person!.userId,
    )
    expect(owners).toHaveLength(1)
    expect(
      await count('SELECT COUNT(*) AS n FROM unit_owners WHERE owner_id = ?', owners[0]!.id),
    ).toBe(2)
    for (const unit of units)
      expect(
        await count('SELECT COUNT(*) AS n FROM unit_owners WHERE household_id = ?', unit),
      ).toBe(1)
  })
})

describe('reading ownership (staff, audited)', () => {
  it('lists a building’s units with the recorded count, finds rooms by number, and audits each view', async () => {
    const before = await count(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'ownership.view'",
    )
    const all = expectStatus(await listBuilding(staff, 'bd-wutong-1'), 200).body
    expect(all.total).toBe(24)
    expect(all.recorded).toBe(24)
    expect(all.items).toHaveLength(24)
    const found = expectStatus(await listBuilding(staff, 'bd-wutong-1', '301'), 200).body
    expect(found.items.map((u) => u.household.label)).toEqual([
      '梧桐苑 1号楼 1单元 301室',
      '梧桐苑 1号楼 2单元 301室',
    ])
    const wangHome = found.items[0]!
    expect(wangHome.owners[0]).toMatchObject({ name: '王秀英', userId: 'us-resident-wang' })
    expect(wangHome.owners[0]!.units).toEqual([
      '梧桐苑 1号楼 1单元 301室',
      '梧桐苑 2号楼 1单元 102室',
    ])
    expect(wangHome.residents.map((r) => r.userId)).toEqual(['us-resident-wang'])
    const people = expectStatus(await findOwners(staff, '王秀'), 200).body.items
    expect(people.map((p) => p.name)).toEqual(['王秀英'])
    expectStatus(await getUnit(staff, WANG_FLAT), 200)
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'ownership.view'")).toBe(
      before + 4,
    )
  })

  it('answers 404 for a building of another community and for unknown units', async () => {
    expectError(await listBuilding(staff, 'bd-fengqiao-1'), 404, 'NOT_FOUND')
    expectError(await getUnit(staff, 'hh-nowhere'), 404, 'NOT_FOUND')
  })
})

describe('委托 (owner proxies)', () => {
  it('records a written 委托, replaces it with a new one (one live per owner), revokes it once, and audits each step', async () => {
    const [neighbour] = await makeResidents('proxy-n', ['hh-wutong-1-1-302'])
    const first = expectStatus(
      await addProxy(staff, 'ow-wang', {
        proxyUserId: neighbour!.userId,
        document: '2026年11月20日委托书',
        validUntil: '2099-12-31',
      }),
      201,
    ).body
    expect(first).toMatchObject({ ownerName: '王秀英', proxyUserId: neighbour!.userId })
    const second = expectStatus(
      await addProxy(staff, 'ow-wang', { proxyUserId: 'us-resident-li', document: '新的委托书' }),
      201,
    ).body
    expect(
      await rows(
        'SELECT id FROM owner_proxies WHERE owner_id = ? AND revoked_at IS NULL',
        'ow-wang',
      ),
    ).toEqual([{ id: second.id }])
    expectError(await revoke(staff, first.id), 409, 'INVALID_STATE')
    expectStatus(await revoke(staff, second.id), 200)
    expectError(await revoke(staff, second.id), 409, 'INVALID_STATE')
    expect((await auditOf('ownership.proxy_record', 'ow-wang')).length).toBe(2)
    expect((await auditOf('ownership.proxy_revoke', 'ow-wang')).length).toBe(1)
  })

  it('keeps one live 委托 per owner when staff record two at the same time', async () => {
    const sent = await Promise.all(
      ['us-resident-li', 'us-committee-wu', 'us-resident-li', 'us-committee-wu'].map((u) =>
        addProxy(staff, 'ow-zhang', { proxyUserId: u, document: '委托书' }),
      ),
    )
    // Each recording revokes the live one in its own transaction: all land, one stays live.
    for (const res of sent) expectStatus(res, 201)
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM owner_proxies WHERE owner_id = 'ow-zhang' AND revoked_at IS NULL",
      ),
    ).toBe(1)
  })

  it('refuses a proxy who is not a resident, the owner herself, or a date already past', async () => {
    const before = await snapshot()
    const stranger = await loginNew('proxy-stranger')
    const cases: [{ proxyUserId: string; document: string; validUntil?: string }, string][] = [
      [{ proxyUserId: stranger.userId, document: '委托书' }, '认证居民'],
      [{ proxyUserId: 'us-resident-wang', document: '委托书' }, '业主本人'],
      [{ proxyUserId: 'us-resident-li', document: '委托书', validUntil: '2020-01-01' }, '已经过去'],
      [{ proxyUserId: 'us-resident-li', document: '委' }, '委托书说明'],
    ]
    for (const [body, words] of cases)
      expect(
        expectError(await addProxy(staff, 'ow-wang', body), 400, 'VALIDATION_FAILED'),
      ).toContain(words)
    expect(await snapshot()).toEqual(before)
  })
})

describe('a resident sees only her own', () => {
  it('shows the owner her units and areas without certificate numbers, and the 委托 she holds', async () => {
    const body = expectStatus(await mine(wang), 200).body
    expect(body.units.map((u) => [u.household.label, u.registeredAreaM2])).toHaveLength(2)
    expect(JSON.stringify(body)).not.toContain('不动产权第')
    const [holder] = await makeResidents('holder', ['hh-huaiyin-5-1-202'])
    expectStatus(
      await addProxy(staff, 'ow-zhang', { proxyUserId: holder!.userId, document: '委托书 Z-1' }),
      201,
    )
    const held = expectStatus(await mine(holder!.token), 200).body
    expect(held.units).toEqual([])
    expect(held.proxiesHeld.map((p) => [p.ownerName, p.units])).toEqual([
      ['张德顺', ['槐荫里 5弄 1单元 201室']],
    ])
    const given = expectStatus(await mine(zhang), 200).body.proxiesGiven
    expect(given.map((p) => p.document)).toEqual(['委托书 Z-1'])
  })

  it('exports the owner’s certificate numbers to her (PIPL) and unlinks, not erases, her owner row when she deletes her account', async () => {
    const unit = 'hh-huaiyin-7-1-101'
    const [owner] = await makeResidents('own-delete', [unit])
    expectStatus(
      await putTitle(staff, unit, {
        areaM2: '66.6',
        certificateNo: '浙(2015)杭州市不动产权第7654321号',
        owners: [{ userId: owner!.userId, name: '钱多多' }],
      }),
      200,
    )
    const [holder] = await makeResidents('own-delete-holder', ['hh-huaiyin-7-1-102'])
    const ownerId = (
      await rows<{ id: string }>('SELECT id FROM owners WHERE user_id = ?', owner!.userId)
    )[0]!.id
    // The deleting person also holds someone's 委托.
    expectStatus(
      await addProxy(staff, ownerId, { proxyUserId: holder!.userId, document: '委托书 Q-1' }),
      201,
    )
    const exported = expectStatus(await send(client(owner!.token).me.export.$get()), 200).body
    expect(JSON.stringify(exported.ownership)).toContain('浙(2015)杭州市不动产权第7654321号')
    const holderExport = expectStatus(await send(client(holder!.token).me.export.$get()), 200).body
    expect(holderExport.ownership.proxiesHeld).toHaveLength(1)
    expectStatus(await send(client(holder!.token).me.$delete()), 200)
    expectStatus(await send(client(owner!.token).me.$delete()), 200)
    expect(await rows('SELECT user_id, name FROM owners WHERE id = ?', ownerId)).toEqual([
      { user_id: null, name: '钱多多' },
    ])
    expect(await count('SELECT COUNT(*) AS n FROM unit_titles WHERE household_id = ?', unit)).toBe(
      1,
    )
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM owner_proxies WHERE proxy_user_id = ? AND revoked_at IS NULL',
        holder!.userId,
      ),
    ).toBe(0)
  })
})

// ---------- who may call each route: staff of the community, the owner herself, another
// resident, staff of another community, anonymous ----------

describe('authorization of the ownership routes', () => {
  const cells = () =>
    [
      ['owner herself (a resident, no role)', wang, 403],
      ['another resident', li, 403],
      ['staff of another community', sun, 403],
      ['anonymous', null, 401],
    ] as const

  it('GET /communities/{id}/ownership and /owners: staff of the community only', async () => {
    expectStatus(await listBuilding(staff, 'bd-wutong-1'), 200)
    expectStatus(await findOwners(staff, '王'), 200)
    for (const [who, token, status] of cells()) {
      expect((await listBuilding(token, 'bd-wutong-1')).status, who).toBe(status)
      expect((await findOwners(token, '王')).status, who).toBe(status)
    }
  })

  it('GET /households/{id}/ownership: staff of the community only — not even the owner of the unit', async () => {
    expectStatus(await getUnit(staff, WANG_FLAT), 200)
    for (const [who, token, status] of cells())
      expect((await getUnit(token, WANG_FLAT)).status, who).toBe(status)
    // And 枫桥's staff on their own community's unit only.
    expectStatus(await getUnit(sun, 'hh-fengqiao-1-1-101'), 200)
    expectError(await getUnit(staff, 'hh-fengqiao-1-1-101'), 403, 'FORBIDDEN')
  })

  it('PUT /households/{id}/ownership: staff of the community only, and a refused call changes nothing', async () => {
    const body = { areaM2: '99', certificateNo: 'X-1', owners: [{ name: '冒名' }] }
    for (const [who, token, status] of cells()) {
      const before = await snapshot()
      expect((await putTitle(token, WANG_FLAT, body)).status, who).toBe(status)
      expect(await snapshot()).toEqual(before)
    }
    expectStatus(await putTitle(staff, 'hh-huaiyin-7-1-104', body), 200)
  })

  it('POST /owners/{id}/proxies and /owner-proxies/{id}/revoke: staff of the community only', async () => {
    for (const [who, token, status] of cells()) {
      const before = await snapshot()
      expect(
        (await addProxy(token, 'ow-wang', { proxyUserId: 'us-resident-li', document: '委托书' }))
          .status,
        who,
      ).toBe(status)
      expect(await snapshot()).toEqual(before)
    }
    const proxy = expectStatus(
      await addProxy(staff, 'ow-wang', { proxyUserId: 'us-resident-li', document: '委托书' }),
      201,
    ).body
    for (const [who, token, status] of cells())
      expect((await revoke(token, proxy.id)).status, who).toBe(status)
    expectStatus(await revoke(staff, proxy.id), 200)
    expectError(
      await addProxy(staff, 'ow-nobody', { proxyUserId: 'us-resident-li', document: '委托书' }),
      404,
      'NOT_FOUND',
    )
    expectError(await revoke(staff, 'op-nothing'), 404, 'NOT_FOUND')
  })

  it('GET /me/ownership: signed in only, and each person sees her own', async () => {
    expectError(await mine(null), 401, 'UNAUTHENTICATED')
    expect(expectStatus(await mine(staff), 200).body.units).toEqual([])
    expect(expectStatus(await mine(zhang), 200).body.units.map((u) => u.household.id)).toEqual([
      'hh-huaiyin-5-1-201',
    ])
  })
})
