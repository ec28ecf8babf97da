import type { InferRequestType } from 'hono/client'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  COMMUNITY,
  createMeeting,
  dbCount,
  demoSessions,
  freezeClock,
  meetingBody,
  NOW,
  resetRateLimits,
  seedDemo,
  sh,
  MEETING_DAY,
} from './meeting-helpers'
import { client, failed, send } from './client'

// Bad input gets a clear Chinese message and writes nothing.

const login = demoSessions()

describe('meeting input', () => {
  let committee: string
  beforeAll(async () => {
    await seedDemo()
    freezeClock()
    committee = await login('committee-wu')
  })
  beforeEach(resetRateLimits)

  const refused: [string, Record<string, unknown>, string][] = [
    ['no title', { title: '' }, '会议名称至少 2 个字'],
    ['a one-character title', { title: '会' }, '会议名称至少 2 个字'],
    ['an unknown type', { type: 'party' }, '提交的内容有误'],
    ['an end before the start', { endsAt: sh(MEETING_DAY, '13:00') }, '结束时间应晚于开始时间'],
    [
      'a start in the past',
      {
        startsAt: NOW - 60_000,
        endsAt: NOW + 3600_000,
        signupClosesAt: NOW - 120_000,
        signupOpensAt: NOW - 7200_000,
      },
      '会议开始时间已过',
    ],
    [
      'sign-up closing after the start',
      { signupClosesAt: sh(MEETING_DAY, '15:00') },
      '报名应在会议开始前截止',
    ],
    [
      'sign-up closing before it opens',
      { signupOpensAt: sh(MEETING_DAY, '11:00'), signupClosesAt: sh(MEETING_DAY, '10:00') },
      '报名截止时间应晚于报名开始时间',
    ],
    ['neither room nor address', { roomId: undefined }, '请选择邻里中心的房间，或填写会议地点'],
    ['both room and address', { address: '居委会' }, '房间和其他地点只能选一个'],
    ['a room of no centre', { roomId: 'rm-nowhere' }, '房间不存在'],
    ['no agenda', { agenda: [] }, '请至少列出一个议题'],
    ['an agenda item without a title', { agenda: [{ title: ' ' }] }, '请填写议题'],
    [
      'a suggestion of another community',
      { agenda: [{ title: '别的社区', suggestionId: 'sg-nope' }] },
      '关联的金点子不存在或不属于本社区',
    ],
    [
      'an item linked twice',
      { agenda: [{ title: '两头', suggestionId: 'sg-demo-cables', conventionId: 'cv-x' }] },
      '一个议题只能关联一条建议或一份微规约',
    ],
    ['zero seats', { capacity: 0 }, '名额至少 1 人'],
    ['an unknown field', { colour: 'red' }, '不接受的字段：colour'],
    [
      'twelve hours and more',
      {
        roomId: undefined,
        address: '广场',
        startsAt: sh(MEETING_DAY, '06:00'),
        endsAt: sh(MEETING_DAY, '18:30'),
      },
      '一次会议最长 12 小时',
    ],
  ]

  it.each(refused)('refuses %s', async (_, overrides, message) => {
    const before = await dbCount('SELECT COUNT(*) AS n FROM meetings')
    const res = await send(
      client(committee).communities[':id'].meetings.$post({
        param: { id: COMMUNITY },
        json: meetingBody(overrides),
      }),
    )
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(failed(res).body.error.message).toContain(message)
    expect(await dbCount('SELECT COUNT(*) AS n FROM meetings')).toBe(before)
    expect(
      await dbCount(
        'SELECT COUNT(*) AS n FROM meeting_agenda_items WHERE meeting_id NOT IN (SELECT id FROM meetings)',
      ),
    ).toBe(0)
  })

  it('refuses bad resolutions, speak topics, ratings and walk-ins with Chinese messages', async () => {
    const m = await createMeeting(committee, { roomId: undefined, address: '居委会' })
    const item = m.agenda[0]!.id
    const p = await login('resident-wang')
    await send(client(p).meetings[':id'].registration.$post({ param: { id: m.id } }))
    expect(
      failed(
        await send(
          client(p).meetings[':id'].items[':itemId'].speak.$post({
            param: { id: m.id, itemId: item },
            json: { topic: '我' },
          }),
        ),
      ).body.error.message,
    ).toContain('发言主题至少 2 个字')
    expect(
      failed(
        await send(
          client(committee).meetings[':id'].cancel.$post({
            param: { id: m.id },
            json: { reason: '改' },
          }),
        ),
      ).body.error.message,
    ).toContain('理由至少 2 个字')
    expect(
      failed(
        await send(
          client(committee).meetings[':id']['walk-ins'].$post({
            param: { id: m.id },
            json: { name: '' },
          }),
        ),
      ).body.error.message,
    ).toContain('请填写姓名')
    expect(
      failed(
        await send(
          client(committee).meetings[':id'].minutes.$put({
            param: { id: m.id },
            json: { minutes: '太短' },
          }),
        ),
      ).body.error.message,
    ).toContain('会议纪要至少 10 个字')
    const resolution = (
      body: InferRequestType<
        ReturnType<typeof client>['meetings'][':id']['items'][':itemId']['resolution']['$post']
      >['json'],
    ) =>
      send(
        client(committee).meetings[':id'].items[':itemId'].resolution.$post({
          param: { id: m.id, itemId: item },
          json: body,
        }),
      )
    expect(
      failed(await resolution({ decision: '同意', owner: '居委会' })).body.error.message,
    ).toContain('决议内容至少 4 个字')
    expect(
      failed(await resolution({ decision: '同意试行三个月', owner: '' })).body.error.message,
    ).toContain('请填写责任人')
    expect(
      failed(await resolution({ decision: '同意试行三个月', owner: '居委会', dueDate: '明年' }))
        .body.error.message,
    ).toContain('日期格式应为 YYYY-MM-DD')
    expect(
      (
        await resolution({
          decision: '同意试行三个月',
          owner: '居委会',
          votesFor: -1,
          votesAgainst: 0,
          votesAbstain: 0,
        })
      ).status,
    ).toBe(400)
    expect(
      failed(
        await send(
          client(p).meetings[':id'].checkin.$post({ param: { id: m.id }, json: { code: '' } }),
        ),
      ).body.error.message,
    ).toContain('请填写签到码')
    expect(
      failed(
        await send(
          client(committee).meetings[':id'].invitations.$post({
            param: { id: m.id },
            json: { userIds: [] },
          }),
        ),
      ).body.error.message,
    ).toContain('请选择要邀请的居民')
    expect(
      await dbCount('SELECT COUNT(*) AS n FROM meeting_resolutions WHERE meeting_id = ?', m.id),
    ).toBe(0)
  })
})
