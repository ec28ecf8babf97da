import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { client, expectStatus, send } from './client'
import { dbRows, resetRateLimits, seedDemo } from './helpers'
import { bookAt, freezeClock, sh, verifiedResident } from './booking-helpers'
import { createDraft, openConsultation } from './convention-helpers'
import { createMeeting, meetingBody } from './meeting-helpers'
import { demoLogins, HUAISHU } from './suggestion-helpers'

// The other places people write (issue 13): what a held text looks like to others on each
// surface that shows it — a 微规约 comment list, the organisers' attendance list and its CSV, the
// managers' booking calendar, a member's team list — and a held nickname, which waits while the
// old one stays and takes effect when staff pass it. Each kept back by a 'review' word of the
// shipped list (加我微信 / 免费领取 / 投资理财), so no WeChat is needed.

const login = demoLogins()

beforeAll(async () => {
  await seedDemo()
})

afterEach(async () => {
  vi.useRealTimers()
  await resetRateLimits()
})

const holdOf = async (targetType: string) =>
  (
    await dbRows<{ id: string; status: string; content: string }>(
      `SELECT id, status, content FROM content_holds WHERE target_type = ? ORDER BY created_at DESC LIMIT 1`,
      targetType,
    )
  )[0]!

describe('微规约 comments', () => {
  it('a listed word is refused; a held comment is the author’s alone until staff pass it', async () => {
    const [wu, wang, li, zhao] = await login.all(
      'committee-wu',
      'resident-wang',
      'resident-li',
      'staff-zhao',
    )
    const id = await createDraft(wu)
    await openConsultation(wu, id)
    const comment = (token: string, body: string) =>
      send(client(token).conventions[':id'].comments.$post({ param: { id }, json: { body } }))
    const refused = await comment(wang, '制定这种规约的都是傻逼')
    expect(refused.status).toBe(400)
    expect((refused.body as unknown as { error: { message: string } }).error.message).toBe(
      '意见含有不适宜的词语「傻逼」，请修改后再提交',
    )
    const held = expectStatus(await comment(wang, '有意见的邻居加我微信私聊'), 201).body
    expect(held.review).toBe('审核中')
    const listOf = async (token: string | null) =>
      expectStatus(
        await send(client(token).conventions[':id'].comments.$get({ param: { id } })),
        200,
      ).body.items
    expect((await listOf(wang)).find((c) => c.id === held.id)?.review).toBe('审核中')
    expect((await listOf(li)).some((c) => c.id === held.id)).toBe(false)
    expect((await listOf(null)).some((c) => c.id === held.id)).toBe(false)
    const hold = await holdOf('convention_comment')
    expectStatus(
      await send(client(zhao)['content-holds'][':id'].approve.$post({ param: { id: hold.id } })),
      200,
    )
    expect((await listOf(li)).some((c) => c.id === held.id)).toBe(true)
  })
})

describe('申请发言 topics', () => {
  it('a held topic is not read out in the organisers’ attendance list or its CSV', async () => {
    freezeClock()
    const wu = await login('committee-wu')
    const m = await createMeeting(wu)
    const p = await verifiedResident('speaker')
    expectStatus(
      await send(client(p.token).meetings[':id'].registration.$post({ param: { id: m.id } })),
      200,
    )
    const itemId = m.agenda[0]!.id
    expectStatus(
      await send(
        client(p.token).meetings[':id'].items[':itemId'].speak.$post({
          param: { id: m.id, itemId },
          json: { topic: '想发言的加我微信，会后组团' },
        }),
      ),
      200,
    )
    const list = expectStatus(
      await send(client(wu).meetings[':id'].attendance.$get({ param: { id: m.id } })),
      200,
    ).body
    expect(list.speakRequests.map((s) => s.topic)).toEqual(['（发言主题审核中）'])
    const csv = await send(
      client(wu).meetings[':id']['attendance.csv'].$get({ param: { id: m.id } }),
    )
    expect(String(csv.body)).not.toContain('加我微信')
  })
})

describe('booking purposes', () => {
  it('a held purpose reads （用途审核中） in the managers’ calendar', async () => {
    freezeClock()
    const qian = await login('centre-qian')
    const p = await verifiedResident('booker')
    const booked = await bookAt(p.token, 'rm-art', '2026-12-02', '10:00', '11:00', {
      purpose: '投资理财讲座，免费领取礼品',
    })
    expect(booked.status, JSON.stringify(booked.body)).toBe(201)
    const calendar = expectStatus(
      await send(
        client(qian).centres[':id'].calendar.$get({
          param: { id: 'ct-qingwu' },
          query: { from: String(sh('2026-12-02', '00:00')), to: String(sh('2026-12-03', '00:00')) },
        }),
      ),
      200,
    ).body
    const purposes = calendar.items.map((b) => b.purpose)
    expect(purposes).toContain('（用途审核中）')
    expect(purposes.join()).not.toContain('投资理财')
  })
})

describe('nicknames', () => {
  it('a listed word is refused; a held nickname waits, the old one stays, and staff passing it makes it take effect', async () => {
    const [wang, zhao] = await login.all('resident-wang', 'staff-zhao')
    const before = expectStatus(await send(client(wang).me.$get()), 200).body.user.nickname
    const refused = await send(client(wang).me.$patch({ json: { nickname: '王八蛋' } }))
    expect(refused.status).toBe(400)
    const held = expectStatus(
      await send(client(wang).me.$patch({ json: { nickname: '免费领取小王' } })),
      200,
    ).body
    expect(held.nickname).toBe(before)
    expect(held.nicknameReview).toBe('新昵称“免费领取小王”审核中，通过后生效')
    const hold = await holdOf('nickname')
    expect(hold).toMatchObject({ status: 'review', content: '免费领取小王' })
    const queue = expectStatus(
      await send(client(zhao).communities[':id']['content-holds'].$get({ param: { id: HUAISHU } })),
      200,
    ).body
    expect(queue.items.some((h) => h.targetLabel === '昵称')).toBe(true)
    expectStatus(
      await send(client(zhao)['content-holds'][':id'].approve.$post({ param: { id: hold.id } })),
      200,
    )
    expect(expectStatus(await send(client(wang).me.$get()), 200).body.user.nickname).toBe(
      '免费领取小王',
    )
  })

  it('a rejected nickname never takes effect', async () => {
    const [li, zhao] = await login.all('resident-li', 'staff-zhao')
    const before = expectStatus(await send(client(li).me.$get()), 200).body.user.nickname
    expectStatus(await send(client(li).me.$patch({ json: { nickname: '加我微信的小李' } })), 200)
    const hold = await holdOf('nickname')
    expectStatus(
      await send(
        client(zhao)['content-holds'][':id'].reject.$post({
          param: { id: hold.id },
          json: { reason: '昵称含广告' },
        }),
      ),
      200,
    )
    expect(expectStatus(await send(client(li).me.$get()), 200).body.user.nickname).toBe(before)
  })
})

describe('what organisers and the committee write for residents', () => {
  it('a meeting whose text is held cannot be published until staff pass it; a listed word is refused', async () => {
    freezeClock()
    const [wu, zhao] = await login.all('committee-wu', 'staff-zhao')
    const refused = await send(
      client(wu).communities[':id'].meetings.$post({
        param: { id: HUAISHU },
        json: meetingBody({ title: '讨论那个王八蛋物业' }),
      }),
    )
    expect(refused.status).toBe(400)
    const draft = await createMeeting(
      wu,
      { description: '会后免费领取鸡蛋', roomId: undefined, address: '居委会二楼' },
      { publish: false },
    )
    const publish = () =>
      send(client(wu).meetings[':id'].publish.$post({ param: { id: draft.id } }))
    const blocked = await publish()
    expect(blocked.status).toBe(409)
    expect((blocked.body as unknown as { error: { message: string } }).error.message).toContain(
      '内容审核中',
    )
    const hold = await holdOf('meeting')
    expectStatus(
      await send(client(zhao)['content-holds'][':id'].approve.$post({ param: { id: hold.id } })),
      200,
    )
    expect((await publish()).status).toBe(200)
  })

  it('held minutes read （纪要审核中） to residents, the organisers see them', async () => {
    freezeClock()
    const wu = await login('committee-wu')
    const m = await createMeeting(wu, { roomId: undefined, address: '居委会三楼' })
    // After the meeting: its minutes.
    freezeClock(sh('2026-12-03', '17:00'))
    const saved = await send(
      client(wu).meetings[':id'].minutes.$put({
        param: { id: m.id },
        json: { minutes: '会议决定：有意见的居民加我微信反映。', publish: true },
      }),
    )
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    const li = await login('resident-li')
    const seen = async (token: string) =>
      expectStatus(await send(client(token).meetings[':id'].$get({ param: { id: m.id } })), 200)
        .body.minutes
    expect(await seen(li)).toBe('（纪要审核中）')
    expect(await seen(wu)).toContain('加我微信')
  })

  it('a 微规约 draft whose text is held cannot go to consultation', async () => {
    const wu = await login('committee-wu')
    const id = await createDraft(wu, {
      articles: ['楼道不得堆放杂物。', '出租房屋请加我微信登记。'],
    })
    const opened = await send(
      client(wu).conventions[':id'].consultation.$post({
        param: { id },
        json: { endsAt: Date.now() + 7 * 86_400_000 },
      }),
    )
    expect(opened.status).toBe(409)
    expect(
      (
        await send(
          client(wu).communities[':id'].conventions.$post({
            param: { id: HUAISHU },
            json: {
              title: '文明公约',
              preamble: '',
              articles: ['不准骂人傻逼。'],
              scope: { type: 'community', ids: [] },
            },
          }),
        )
      ).status,
    ).toBe(400)
  })
})
