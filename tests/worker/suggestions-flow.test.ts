import { beforeAll, describe, expect, it } from 'vitest'
import { api, DEMO, loginDemo, seedDemo } from './helpers'

const community = DEMO.communities.huaishu

describe('金点子 from idea to evaluated result', () => {
  let wang: string, li: string, staff: string
  beforeAll(async () => {
    await seedDemo()
    ;[wang, li, staff] = await Promise.all([loginDemo('resident-wang'), loginDemo('resident-li'), loginDemo('staff-zhao')])
  })

  it('walks submit → publish → support → accept → adopt → progress → complete → rate', async () => {
    const created = await api('POST', `/api/communities/${community}/suggestions`, {
      token: wang,
      body: { title: '青石巷路灯太暗', description: '青石巷晚上路灯间距太大，老人走路容易摔倒，希望加装两盏路灯。', category: 'lighting', alleyId: 'al-huaishu-2', showName: false },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = created.body.id
    expect(created.body.status).toBe('submitted')
    expect(created.body.supportCount).toBe(1)
    expect(created.body.authorLabel).toBe('梧桐苑1号楼居民')

    const hiddenFromPublic = await api('GET', `/api/suggestions/${id}`)
    expect(hiddenFromPublic.status).toBe(404)

    expect((await api('POST', `/api/suggestions/${id}/publish`, { token: staff })).status).toBe(200)
    const supported = await api('POST', `/api/suggestions/${id}/support`, { token: li })
    expect(supported.body).toEqual({ supported: true, supportCount: 2, supportHouseholdCount: 2 })

    const search = await api('GET', `/api/communities/${community}/suggestions?q=${encodeURIComponent('容易摔倒')}`)
    expect(search.body.items.map((s: any) => s.id)).toEqual([id])

    expect((await api('POST', `/api/suggestions/${id}/accept`, { token: staff })).status).toBe(200)
    const adopted = await api('POST', `/api/suggestions/${id}/answer`, { token: staff, body: { decision: 'adopt', body: '采纳，计划下月加装两盏路灯' } })
    expect(adopted.body.status).toBe('adopted')
    expect((await api('POST', `/api/suggestions/${id}/progress`, { token: staff, body: { body: '路灯已采购' } })).body.status).toBe('in_progress')
    const done = await api('POST', `/api/suggestions/${id}/complete`, { token: staff, body: { body: '两盏路灯已安装' } })
    expect(done.body.status).toBe('completed')
    const rated = await api('POST', `/api/suggestions/${id}/ratings`, { token: wang, body: { stars: 5 } })
    expect(rated.status, JSON.stringify(rated.body)).toBe(200)
    const detail = await api('GET', `/api/suggestions/${id}`)
    expect(detail.body.rating).toEqual({ average: '5.00', count: 1 })
    expect(detail.body.timeline.map((e: any) => e.kind)).toEqual(['submitted', 'published', 'accepted', 'adopted', 'progress', 'completed'])
  })
})
