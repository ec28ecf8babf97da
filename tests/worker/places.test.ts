import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_USERS } from '../../db/seed/demo'
import { seedDemo } from './helpers'
import { assertStatus, client, rawRequest, send } from './client'

const names = (items: { name: string }[]) => items.map((i) => i.name)

beforeAll(async () => {
  await seedDemo()
})

describe('GET /api/streets', () => {
  it('lists streets with their district and communities', async () => {
    const res = await send(client().streets.$get())

    assertStatus(res, 200)
    expect(res.body).toEqual({
      items: [
        {
          id: 'st-qingwu',
          name: '青梧街道',
          district: '拱墅区',
          communities: expect.arrayContaining([
            { id: 'cm-huaishu', name: '槐树社区' },
            { id: 'cm-fengqiao', name: '枫桥社区' },
          ]),
        },
      ],
    })
    expect(res.body.items[0]!.communities).toHaveLength(2)
  })
})

describe('GET /api/communities', () => {
  it('lists every community with its street', async () => {
    const res = await send(client().communities.$get())

    assertStatus(res, 200)
    expect(res.body.items).toHaveLength(2)
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        { id: 'cm-huaishu', name: '槐树社区', streetId: 'st-qingwu', streetName: '青梧街道' },
        { id: 'cm-fengqiao', name: '枫桥社区', streetId: 'st-qingwu', streetName: '青梧街道' },
      ]),
    )
  })
})

describe('GET /api/communities/:id', () => {
  it('returns compounds → buildings → units, alleys and centres in display order', async () => {
    const res = await send(client().communities[':id'].$get({ param: { id: 'cm-huaishu' } }))

    assertStatus(res, 200)
    expect(res.body).toMatchObject({ id: 'cm-huaishu', name: '槐树社区', streetName: '青梧街道' })
    expect(names(res.body.compounds)).toEqual(['梧桐苑', '槐荫里'])
    const [wutong, huaiyin] = res.body.compounds
    expect(wutong!.buildings).toEqual([
      { id: 'bd-wutong-1', name: '1号楼', units: ['1', '2'] },
      { id: 'bd-wutong-2', name: '2号楼', units: ['1', '2'] },
      { id: 'bd-wutong-3', name: '3号楼', units: ['1', '2', '3'] },
    ])
    expect(huaiyin!.buildings).toEqual([
      { id: 'bd-huaiyin-5', name: '5弄', units: ['1'] },
      { id: 'bd-huaiyin-7', name: '7弄', units: ['1'] },
    ])
    expect(names(res.body.alleys)).toEqual(['槐树弄', '青石巷', '后河沿', '菜场后弄'])
    expect(res.body.alleys[1]).toEqual({
      id: 'al-huaishu-2',
      name: '青石巷',
      description: '老石板路，路灯间距较大，夜间偏暗',
    })
    expect(res.body.centres).toEqual([
      { id: 'ct-qingwu', name: '青梧邻里中心', address: '槐树弄 18 号' },
    ])
  })

  it("returns only the other community's own places", async () => {
    const res = await send(client().communities[':id'].$get({ param: { id: 'cm-fengqiao' } }))

    assertStatus(res, 200)
    expect(names(res.body.compounds)).toEqual(['枫桥新村'])
    expect(res.body.compounds[0]!.buildings.map((b: { id: string }) => b.id)).toEqual([
      'bd-fengqiao-1',
      'bd-fengqiao-2',
    ])
    expect(names(res.body.alleys)).toEqual(['枫桥直街', '织造弄'])
    expect(res.body.centres.map((c: { id: string }) => c.id)).toEqual(['ct-qingwu'])
  })

  it('answers 404 NOT_FOUND in Chinese for an unknown community', async () => {
    const res = await send(client().communities[':id'].$get({ param: { id: 'cm-nowhere' } }))

    assertStatus(res, 404)
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: '社区不存在或已删除' } })
  })
})

describe('GET /api/centres/:id', () => {
  it('returns the centre with its rooms, capacities and facilities, and the communities it serves', async () => {
    const res = await send(client().centres[':id'].$get({ param: { id: 'ct-qingwu' } }))

    assertStatus(res, 200)
    expect(res.body).toMatchObject({
      id: 'ct-qingwu',
      name: '青梧邻里中心',
      address: '槐树弄 18 号',
      openingNote: expect.stringContaining('8:30'),
    })
    expect(res.body.rooms.map((r: { id: string }) => r.id)).toEqual([
      'rm-hall',
      'rm-council',
      'rm-art',
      'rm-dance',
      'rm-kitchen',
      'rm-kids',
    ])
    expect(res.body.rooms[0]).toEqual({
      id: 'rm-hall',
      name: '多功能厅',
      capacity: 60,
      facilities: ['投影仪', '音响', '话筒'],
    })
    expect(res.body.communities.map((c: { id: string }) => c.id).sort()).toEqual([
      'cm-fengqiao',
      'cm-huaishu',
    ])
  })

  it('answers 404 NOT_FOUND for an unknown centre', async () => {
    const res = await send(client().centres[':id'].$get({ param: { id: 'ct-nowhere' } }))

    assertStatus(res, 404)
    expect(res.body.error).toEqual({ code: 'NOT_FOUND', message: '邻里中心不存在或已删除' })
  })
})

describe('public place data', () => {
  it('contains no personal data: no real names, nicknames, openids or household rooms of residents', async () => {
    const bodies = await Promise.all(
      [
        '/api/streets',
        '/api/communities',
        '/api/communities/cm-huaishu',
        '/api/communities/cm-fengqiao',
        '/api/centres/ct-qingwu',
      ].map(async (path) => {
        const res = await rawRequest('GET', path)
        assertStatus(res, 200)
        return JSON.stringify(res.body)
      }),
    )
    const personal = DEMO_USERS.flatMap((u) => [
      u.nickname,
      `dev:${u.key}`,
      u.residency?.realName,
      u.residency?.householdId,
    ]).filter((v): v is string => !!v)
    expect(personal).toContain('王秀英')

    for (const body of bodies) {
      for (const value of personal) expect(body).not.toContain(value)
      expect(body).not.toMatch(/openid|realName|userId|hh-/i)
    }
  })
})
