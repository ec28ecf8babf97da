import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, DEMO, loginDemo, seedDemo } from './helpers'

const community = DEMO.communities.huaishu
const HOUR = 3600_000

describe('微规约 from draft to 公示', () => {
  let committee: string, wang: string, li: string, staff: string
  beforeAll(async () => {
    await seedDemo()
    ;[committee, wang, li, staff] = await Promise.all([loginDemo('committee-wu'), loginDemo('resident-wang'), loginDemo('resident-li'), loginDemo('staff-zhao')])
  })

  it('drafts, consults, revises, votes under civil_code_ordinary and closes as invalid when too few take part', async () => {
    const draft = await api('POST', `/api/communities/${community}/conventions`, {
      token: committee,
      body: { title: '梧桐苑楼道堆物公约', preamble: '为保持消防通道畅通，经居民协商制定本公约。', articles: ['楼道内不得堆放杂物。', '电动自行车不得在楼道内停放充电。'], scope: { type: 'compounds', ids: ['cp-wutong'] } },
    })
    expect(draft.status, JSON.stringify(draft.body)).toBe(201)
    const id = draft.body.id
    expect((await api('GET', `/api/conventions/${id}`)).status).toBe(404)

    const consult = await api('POST', `/api/conventions/${id}/consultation`, { token: committee, body: { endsAt: Date.now() + 7 * 24 * HOUR } })
    expect(consult.body.status).toBe('consultation')
    const comment = await api('POST', `/api/conventions/${id}/comments`, { token: wang, body: { article: 2, body: '建议写明集中充电的地点。' } })
    expect(comment.status, JSON.stringify(comment.body)).toBe(201)
    const revised = await api('PUT', `/api/conventions/${id}/text`, {
      token: committee,
      body: { title: '梧桐苑楼道堆物公约', preamble: '为保持消防通道畅通，经居民协商制定本公约。', articles: ['楼道内不得堆放杂物。', '电动自行车不得在楼道内停放充电，请到北门集中充电棚充电。'], changeNote: '采纳居民意见，写明集中充电地点' },
    })
    expect(revised.body.currentVersion).toBe(2)
    const diff = await api('GET', `/api/conventions/${id}/diff?from=1&to=2`)
    expect(diff.body.articles.map((a: any) => a.change)).toEqual(['same', 'changed'])

    const voting = await api('POST', `/api/conventions/${id}/voting`, { token: committee, body: { rule: 'civil_code_ordinary', closesAt: Date.now() + 48 * HOUR } })
    expect(voting.status, JSON.stringify(voting.body)).toBe(200)
    expect(voting.body.voting.roll.voters).toBe(24 + 24 + 36)
    const ballot = await api('POST', `/api/conventions/${id}/ballots`, { token: wang, body: { option: 'yes' } })
    expect(ballot.status, JSON.stringify(ballot.body)).toBe(200)
    expect(ballot.body.receipt).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    expect((await api('POST', `/api/conventions/${id}/ballots`, { token: li, body: { option: 'no' } })).status).toBe(200)
    const turnout = await api('GET', `/api/conventions/${id}/turnout`)
    expect(turnout.body.cast).toBe(2)
    expect(turnout.body.summary).toContain('还差 54 户')
    const during = await api('GET', `/api/conventions/${id}`, { token: wang })
    expect(during.body.result).toBeNull()
    expect(during.body.viewer.hasVoted).toBe(true)

    await env.DB.prepare('UPDATE conventions SET voting_closes_at = ? WHERE id = ?').bind(Date.now() - 1, id).run()
    const closed = await api('GET', `/api/conventions/${id}`)
    expect(closed.body.status).toBe('closed')
    expect(closed.body.result).toMatchObject({ valid: false, passed: false, cast: { count: 2 }, yes: { count: 1 }, no: { count: 1 } })
    expect(closed.body.result.decidedBy).toContain('未达到三分之二')
    const receipts = await api('GET', `/api/conventions/${id}/receipts?receipt=${ballot.body.receipt}`)
    expect(receipts.body.items).toEqual([{ receipt: ballot.body.receipt, option: 'yes', source: 'online' }])
    expect((await api('POST', `/api/conventions/${id}/filing`, { token: committee, body: { number: 'X', date: '2026-11-01', authority: '街道' } })).status).toBe(409)
  })

  it('passes with paper ballots recorded by staff, comes into force, takes pledges and can be amended', async () => {
    const zhang = await loginDemo('resident-zhang')
    const draft = await api('POST', `/api/communities/${community}/conventions`, {
      token: committee,
      body: { title: '槐荫里5弄晾晒公约', articles: ['晾晒衣物不得越过弄堂中线。'], scope: { type: 'buildings', ids: ['bd-huaiyin-5'] } },
    })
    const id = draft.body.id
    await api('POST', `/api/conventions/${id}/voting`, { token: committee, body: { rule: 'civil_code_ordinary', closesAt: Date.now() + 48 * HOUR } })
    const rooms = ['101', '102', '103', '104', '201', '202', '203', '204']
    for (const room of rooms) {
      const paper = await api('POST', `/api/conventions/${id}/paper-ballots`, { token: staff, body: { householdId: `hh-huaiyin-5-1-${room}`, option: 'yes', paperRef: `P-${room}` } })
      expect(paper.status, JSON.stringify(paper.body)).toBe(200)
    }
    // Paper takes precedence: the household of 201 (张大爷) can no longer vote online.
    const online = await api('POST', `/api/conventions/${id}/ballots`, { token: zhang, body: { option: 'no' } })
    expect(online.status).toBe(409)
    expect(online.body.error.message).toContain('纸质')
    await env.DB.prepare('UPDATE conventions SET voting_closes_at = ? WHERE id = ?').bind(Date.now() - 1, id).run()
    const closed = await api('GET', `/api/conventions/${id}`)
    expect(closed.body.result).toMatchObject({ valid: true, passed: true, cast: { count: 8 }, yes: { count: 8 } })
    const filed = await api('POST', `/api/conventions/${id}/filing`, { token: committee, body: { number: '青梧备〔2026〕7号', date: '2026-11-20', authority: '青梧街道办事处' } })
    expect(filed.status, JSON.stringify(filed.body)).toBe(200)
    expect(filed.body.status).toBe('in_force')
    expect((await api('POST', `/api/conventions/${id}/pledges`, { token: zhang })).status).toBe(200)
    expect((await api('POST', `/api/conventions/${id}/pledges`, { token: wang })).status).toBe(403)
    const after = await api('GET', `/api/conventions/${id}`, { token: zhang })
    expect(after.body.pledges).toEqual({ total: 1, byBuilding: [{ buildingName: '槐荫里5弄', count: 1 }] })
    expect(after.body.viewer.pledged).toBe(true)
    const amendment = await api('POST', `/api/conventions/${id}/amend`, { token: committee })
    expect(amendment.status).toBe(201)
    expect(amendment.body.amends).toEqual({ id, title: '槐荫里5弄晾晒公约' })
  })
})
