import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO, loginDemo, seedDemo } from './helpers'
import { assertStatus, client, send, succeeded } from './client'

const community = DEMO.communities.huaishu
const HOUR = 3600_000

describe('微规约 from draft to 公示', () => {
  let committee: string, wang: string, li: string, staff: string
  beforeAll(async () => {
    await seedDemo()
    ;[committee, wang, li, staff] = await Promise.all([
      loginDemo('committee-wu'),
      loginDemo('resident-wang'),
      loginDemo('resident-li'),
      loginDemo('staff-zhao'),
    ])
  })

  it('drafts, consults, revises, votes under civil_code_ordinary and closes as invalid when too few take part', async () => {
    const draft = await send(
      client(committee).communities[':id'].conventions.$post({
        param: { id: community },
        json: {
          title: '梧桐苑楼道堆物公约',
          preamble: '为保持消防通道畅通，经居民协商制定本公约。',
          articles: ['楼道内不得堆放杂物。', '电动自行车不得在楼道内停放充电。'],
          scope: { type: 'compounds', ids: ['cp-wutong'] },
        },
      }),
    )
    expect(draft.status, JSON.stringify(draft.body)).toBe(201)
    const id = succeeded(draft).body.id
    expect((await send(client().conventions[':id'].$get({ param: { id } }))).status).toBe(404)

    const consult = await send(
      client(committee).conventions[':id'].consultation.$post({
        param: { id },
        json: { endsAt: Date.now() + 7 * 24 * HOUR },
      }),
    )
    expect(succeeded(consult).body.status).toBe('consultation')
    const comment = await send(
      client(wang).conventions[':id'].comments.$post({
        param: { id },
        json: { article: 2, body: '建议写明集中充电的地点。' },
      }),
    )
    expect(comment.status, JSON.stringify(comment.body)).toBe(201)
    const revised = await send(
      client(committee).conventions[':id'].text.$put({
        param: { id },
        json: {
          title: '梧桐苑楼道堆物公约',
          preamble: '为保持消防通道畅通，经居民协商制定本公约。',
          articles: [
            '楼道内不得堆放杂物。',
            '电动自行车不得在楼道内停放充电，请到北门集中充电棚充电。',
          ],
          changeNote: '采纳居民意见，写明集中充电地点',
        },
      }),
    )
    expect(succeeded(revised).body.currentVersion).toBe(2)
    const diff = await send(
      client().conventions[':id'].diff.$get({ param: { id }, query: { from: '1', to: '2' } }),
    )
    expect(succeeded(diff).body.articles.map((a) => a.change)).toEqual(['same', 'changed'])

    const voting = await send(
      client(committee).conventions[':id'].voting.$post({
        param: { id },
        json: { rule: 'civil_code_ordinary', closesAt: Date.now() + 48 * HOUR },
      }),
    )
    expect(voting.status, JSON.stringify(voting.body)).toBe(200)
    // 梧桐苑 has 24 + 24 + 36 = 84 units. Counted by owner (decision 011): 王阿姨's two flats are
    // one owner (−1), the developer's four unsold flats are one (−3): 84 − 1 − 3 = 80.
    expect(succeeded(voting).body.voting!).toMatchObject({
      basis: 'owners',
      roll: { voters: 84 - 1 - 3 },
    })
    const ballot = await send(
      client(wang).conventions[':id'].ballots.$post({ param: { id }, json: { option: 'yes' } }),
    )
    expect(ballot.status, JSON.stringify(ballot.body)).toBe(200)
    expect(succeeded(ballot).body.receipt).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    // 李师傅 rents his flat: a resident, no owner.
    const tenant = await send(
      client(li).conventions[':id'].ballots.$post({ param: { id }, json: { option: 'no' } }),
    )
    assertStatus(tenant, 403)
    expect(tenant.body.error.message).toContain('不是业主')
    const turnout = await send(client().conventions[':id'].turnout.$get({ param: { id } }))
    expect(succeeded(turnout).body.cast).toBe(1)
    // Two thirds of 80 owners: ⌈160 / 3⌉ = 54, one has voted.
    expect(succeeded(turnout).body.summary).toContain('还差 53 人')
    const during = await send(client(wang).conventions[':id'].$get({ param: { id } }))
    expect(succeeded(during).body.result).toBeNull()
    expect(succeeded(during).body.viewer.hasVoted).toBe(true)

    await env.DB.prepare('UPDATE conventions SET voting_closes_at = ? WHERE id = ?')
      .bind(Date.now() - 1, id)
      .run()
    const closed = await send(client().conventions[':id'].$get({ param: { id } }))
    expect(succeeded(closed).body.status).toBe('closed')
    expect(succeeded(closed).body.result).toMatchObject({
      valid: false,
      passed: false,
      cast: { count: 1 },
      yes: { count: 1 },
      no: { count: 0 },
    })
    expect(succeeded(closed).body.result!.decidedBy).toContain('未达到三分之二')
    const receipts = await send(
      client().conventions[':id'].receipts.$get({
        param: { id },
        query: { receipt: succeeded(ballot).body.receipt },
      }),
    )
    expect(succeeded(receipts).body.items).toEqual([
      { receipt: succeeded(ballot).body.receipt, option: 'yes', source: 'online' },
    ])
    expect(
      (
        await send(
          client(committee).conventions[':id'].filing.$post({
            param: { id },
            json: { number: 'X', date: '2026-11-01', authority: '街道' },
          }),
        )
      ).status,
    ).toBe(409)
  })

  it('passes with paper ballots recorded by staff, comes into force, takes pledges and can be amended', async () => {
    const zhang = await loginDemo('resident-zhang')
    const draft = await send(
      client(committee).communities[':id'].conventions.$post({
        param: { id: community },
        json: {
          title: '槐荫里5弄晾晒公约',
          articles: ['晾晒衣物不得越过弄堂中线。'],
          scope: { type: 'buildings', ids: ['bd-huaiyin-5'] },
        },
      }),
    )
    const id = succeeded(draft).body.id
    await send(
      client(committee).conventions[':id'].voting.$post({
        param: { id },
        json: { rule: 'civil_code_ordinary', closesAt: Date.now() + 48 * HOUR },
      }),
    )
    const rooms = ['101', '102', '103', '104', '201', '202', '203', '204']
    for (const room of rooms) {
      const paper = await send(
        client(staff).conventions[':id']['paper-ballots'].$post({
          param: { id },
          json: { householdId: `hh-huaiyin-5-1-${room}`, option: 'yes', paperRef: `P-${room}` },
        }),
      )
      expect(paper.status, JSON.stringify(paper.body)).toBe(200)
    }
    // Paper takes precedence: the household of 201 (张大爷) can no longer vote online.
    const online = await send(
      client(zhang).conventions[':id'].ballots.$post({ param: { id }, json: { option: 'no' } }),
    )
    assertStatus(online, 409)
    expect(online.body.error.message).toContain('纸质')
    await env.DB.prepare('UPDATE conventions SET voting_closes_at = ? WHERE id = ?')
      .bind(Date.now() - 1, id)
      .run()
    const closed = await send(client().conventions[':id'].$get({ param: { id } }))
    expect(succeeded(closed).body.result).toMatchObject({
      valid: true,
      passed: true,
      cast: { count: 8 },
      yes: { count: 8 },
    })
    const filed = await send(
      client(committee).conventions[':id'].filing.$post({
        param: { id },
        json: { number: '青梧备〔2026〕7号', date: '2026-11-20', authority: '青梧街道办事处' },
      }),
    )
    expect(filed.status, JSON.stringify(filed.body)).toBe(200)
    expect(succeeded(filed).body.status).toBe('in_force')
    expect(
      (await send(client(zhang).conventions[':id'].pledges.$post({ param: { id } }))).status,
    ).toBe(200)
    expect(
      (await send(client(wang).conventions[':id'].pledges.$post({ param: { id } }))).status,
    ).toBe(403)
    const after = await send(client(zhang).conventions[':id'].$get({ param: { id } }))
    expect(succeeded(after).body.pledges).toEqual({
      total: 1,
      byBuilding: [{ buildingName: '槐荫里5弄', count: 1 }],
    })
    expect(succeeded(after).body.viewer.pledged).toBe(true)
    const amendment = await send(
      client(committee).conventions[':id'].amend.$post({ param: { id } }),
    )
    assertStatus(amendment, 201)
    expect(amendment.body.amends).toEqual({ id, title: '槐荫里5弄晾晒公约' })
  })
})
