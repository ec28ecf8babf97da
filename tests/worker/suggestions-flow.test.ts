import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO, loginDemo, seedDemo } from './helpers'
import { assertStatus, client, send, succeeded } from './client'

const community = DEMO.communities.huaishu

describe('金点子 from idea to evaluated result', () => {
  let wang: string, li: string, staff: string
  beforeAll(async () => {
    await seedDemo()
    ;[wang, li, staff] = await Promise.all([
      loginDemo('resident-wang'),
      loginDemo('resident-li'),
      loginDemo('staff-zhao'),
    ])
  })

  it('walks submit → publish → support → accept → adopt → progress → complete → rate', async () => {
    const created = await send(
      client(wang).communities[':id'].suggestions.$post({
        param: { id: community },
        json: {
          title: '青石巷路灯太暗',
          description: '青石巷晚上路灯间距太大，老人走路容易摔倒，希望加装两盏路灯。',
          category: 'lighting',
          alleyId: 'al-huaishu-2',
          showName: false,
        },
      }),
    )
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = succeeded(created).body.id
    expect(succeeded(created).body.status).toBe('submitted')
    expect(succeeded(created).body.supportCount).toBe(1)
    expect(succeeded(created).body.authorLabel).toBe('梧桐苑1号楼居民')

    const hiddenFromPublic = await send(client().suggestions[':id'].$get({ param: { id } }))
    assertStatus(hiddenFromPublic, 404)

    expect(
      (await send(client(staff).suggestions[':id'].publish.$post({ param: { id } }))).status,
    ).toBe(200)
    const supported = await send(client(li).suggestions[':id'].support.$post({ param: { id } }))
    expect(supported.body).toEqual({ supported: true, supportCount: 2, supportHouseholdCount: 2 })

    const search = await send(
      client().communities[':id'].suggestions.$get({
        param: { id: community },
        query: { q: '容易摔倒' },
      }),
    )
    expect(succeeded(search).body.items.map((s) => s.id)).toEqual([id])

    expect(
      (await send(client(staff).suggestions[':id'].accept.$post({ param: { id } }))).status,
    ).toBe(200)
    const adopted = await send(
      client(staff).suggestions[':id'].answer.$post({
        param: { id },
        json: { decision: 'adopt', body: '采纳，计划下月加装两盏路灯' },
      }),
    )
    expect(succeeded(adopted).body.status).toBe('adopted')
    expect(
      succeeded(
        await send(
          client(staff).suggestions[':id'].progress.$post({
            param: { id },
            json: { body: '路灯已采购' },
          }),
        ),
      ).body.status,
    ).toBe('in_progress')
    const done = await send(
      client(staff).suggestions[':id'].complete.$post({
        param: { id },
        json: { body: '两盏路灯已安装' },
      }),
    )
    expect(succeeded(done).body.status).toBe('completed')
    const rated = await send(
      client(wang).suggestions[':id'].ratings.$post({ param: { id }, json: { stars: 5 } }),
    )
    expect(rated.status, JSON.stringify(rated.body)).toBe(200)
    const detail = await send(client().suggestions[':id'].$get({ param: { id } }))
    expect(succeeded(detail).body.rating).toEqual({ average: '5.00', count: 1 })
    expect(succeeded(detail).body.timeline.map((e) => e.kind)).toEqual([
      'submitted',
      'published',
      'accepted',
      'adopted',
      'progress',
      'completed',
    ])
  })
})
