import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDb } from '../../worker/lib/db'
import { drainWechatOutbox, MAX_ATTEMPTS } from '../../worker/inbox/wechat-outbox'
import { drainConfigOf } from '../../worker/inbox/wechat-env'
import { createFakeWechat, type FakeWechat } from '../fake-wechat'
import { client, expectStatus, send } from './client'
import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test'
import worker from '../../worker/index'
import { remindUpcomingMeetings } from '../../worker/meetings/reminders'
import {
  DEMO,
  dbCount,
  dbRows,
  dbRun,
  demoSessions,
  issueCodes,
  loginNew,
  newRequest,
  resetRateLimits,
  seedDemo,
} from './helpers'

// WeChat subscribe messages (issue 12, decision 014): the answers a resident gives, the outbox
// the trigger on notifications fills in the event's batch, and the drain against a fake WeChat
// that records every request and fails on demand.

const TEMPLATES = JSON.stringify({
  suggestion: {
    id: 'tpl-suggestion',
    fields: { thing1: 'subject', phrase2: 'status', time3: 'time', thing4: 'note' },
  },
  meeting: {
    id: 'tpl-meeting',
    fields: { thing1: 'subject', time2: 'time', thing3: 'place', phrase4: 'status' },
    longTerm: true,
  },
  residency: { id: 'tpl-residency', fields: { phrase1: 'status', thing2: 'note' } },
})
const withTemplates = { env: { WECHAT_SUBSCRIBE_TEMPLATES: TEMPLATES } }

function drainWith(fake: FakeWechat, limit?: number) {
  const config = drainConfigOf({ ...env, WECHAT_SUBSCRIBE_TEMPLATES: TEMPLATES }, (input, init) =>
    fake.handle(new Request(input, init)),
  )
  return drainWechatOutbox(createDb(env.DB), { ...config, limit })
}

const answer = (token: string, answers: { templateId: string; answer: string }[]) =>
  send(
    client(token, withTemplates).me.subscriptions.answers.$post({
      json: { answers: answers as { templateId: string; answer: 'accept' }[] },
    }),
  )

/** A notice as notify.ts writes it (the trigger under test does the rest). */
async function notice(userId: string, kind: string, extra: { createdAt?: number } = {}) {
  const id = crypto.randomUUID()
  const topic = kind.startsWith('suggestion.') ? 'suggestion' : kind.split('.')[0]
  await dbRun(
    `INSERT INTO notifications (id, user_id, kind, title, body, link, created_at, wechat_topic, subject)
     VALUES (?, ?, ?, '金点子已受理', '“青石巷路灯”已受理', ?, ?, ?, '青石巷路灯')`,
    id,
    userId,
    kind,
    `/packages/ideas/pages/detail/index?id=${id}`,
    extra.createdAt ?? Date.now(),
    topic,
  )
  return id
}

const outbox = (userId: string) =>
  dbRows<{ status: string; attempts: number; next_attempt_at: number; last_error: string | null }>(
    'SELECT status, attempts, next_attempt_at, last_error FROM wechat_outbox WHERE user_id = ? ORDER BY created_at',
    userId,
  )

const setCredits = (userId: string, topic: string, credits: number) =>
  dbRun(
    `INSERT INTO subscribe_grants (user_id, topic, enabled, credits, long_term, updated_at) VALUES (?, ?, 1, ?, 0, 0)
     ON CONFLICT (user_id, topic) DO UPDATE SET credits = excluded.credits, enabled = 1`,
    userId,
    topic,
    credits,
  )

beforeAll(async () => {
  await seedDemo()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('GET/POST/PUT /api/me/subscriptions (消息设置)', () => {
  it('refuses a visitor, reading or changing', async () => {
    expect((await send(client(null, withTemplates).me.subscriptions.$get())).status).toBe(401)
    const put = client(null, withTemplates).me.subscriptions[':topic'].$put({
      param: { topic: 'suggestion' },
      json: { enabled: true },
    })
    expect((await send(put)).status).toBe(401)
    expect((await answer('', [{ templateId: 'tpl-suggestion', answer: 'accept' }])).status).toBe(
      401,
    )
  })

  it('offers only the topics this deployment has templates for, all off at first', async () => {
    const { token } = await loginNew('wx-subs-list')
    const res = expectStatus(await send(client(token, withTemplates).me.subscriptions.$get()), 200)
    expect(res.body.items.map((i) => [i.topic, i.templateId, i.longTerm, i.enabled])).toEqual([
      ['suggestion', 'tpl-suggestion', false, false],
      ['meeting', 'tpl-meeting', true, false],
      ['residency', 'tpl-residency', false, false],
    ])
    expect(res.body.items[0]!.name).toBe('金点子进展')
    // Without configuration nothing is offered (and nothing will be asked in the app).
    const none = expectStatus(await send(client(token).me.subscriptions.$get()), 200)
    expect(none.body.items).toEqual([])
  })

  it('counts each accept as one credit, makes a long-term template a standing subscription, and a reject switches the topic off', async () => {
    const { token } = await loginNew('wx-subs-answers')
    await answer(token, [{ templateId: 'tpl-suggestion', answer: 'accept' }])
    const twice = expectStatus(
      await answer(token, [
        { templateId: 'tpl-suggestion', answer: 'accept' },
        { templateId: 'tpl-meeting', answer: 'accept' },
        { templateId: 'tpl-residency', answer: 'filter' },
      ]),
      200,
    )
    const byTopic = Object.fromEntries(twice.body.items.map((i) => [i.topic, i]))
    expect(byTopic.suggestion).toMatchObject({ enabled: true, credits: 2, lastAnswer: 'accept' })
    expect(byTopic.meeting).toMatchObject({ enabled: true, longTerm: true, lastAnswer: 'accept' })
    expect(byTopic.residency).toMatchObject({ enabled: false, credits: 0, lastAnswer: null })

    const rejected = expectStatus(
      await answer(token, [{ templateId: 'tpl-suggestion', answer: 'reject' }]),
      200,
    )
    expect(rejected.body.items[0]).toMatchObject({ enabled: false, lastAnswer: 'reject' })
  })

  it('refuses an unknown template id and more than three answers, in Chinese', async () => {
    const { token } = await loginNew('wx-subs-bad')
    const unknown = await answer(token, [{ templateId: 'tpl-gone', answer: 'accept' }])
    expect(unknown.status).toBe(400)
    expect(JSON.stringify(unknown.body)).toContain('消息模板已更新')
    const four = await answer(
      token,
      Array.from({ length: 4 }, () => ({ templateId: 'tpl-suggestion', answer: 'accept' })),
    )
    expect(four.status).toBe(400)
    expect(JSON.stringify(four.body)).toContain('最多订阅 3 种')
  })

  it('switching a topic off gives up what is queued for it; a topic without a template is 404', async () => {
    const { token, userId } = await loginNew('wx-subs-switch')
    await setCredits(userId, 'suggestion', 3)
    await notice(userId, 'suggestion.accepted')
    expect((await outbox(userId)).map((r) => r.status)).toEqual(['queued'])
    const off = expectStatus(
      await send(
        client(token, withTemplates).me.subscriptions[':topic'].$put({
          param: { topic: 'suggestion' },
          json: { enabled: false },
        }),
      ),
      200,
    )
    expect(off.body.items[0]).toMatchObject({ enabled: false, credits: 2 })
    expect((await outbox(userId)).map((r) => r.status)).toEqual(['gave_up'])
    await notice(userId, 'suggestion.adopted')
    expect(await outbox(userId)).toHaveLength(1)
    const vote = await send(
      client(token, withTemplates).me.subscriptions[':topic'].$put({
        param: { topic: 'vote' },
        json: { enabled: true },
      }),
    )
    expect(vote.status).toBe(404)
  })
})

// Each drain test starts without a cached access_token: each has its own fake WeChat.
const forgetToken = () => dbRun('DELETE FROM wechat_tokens')

describe('the outbox, filled in the batch of the event', () => {
  beforeEach(forgetToken)

  it('200 events racing for one resident: 200 inbox notices, as many messages as credits (37), each sent once by two racing drains with one token fetch', async () => {
    const author = await loginNew('wx-subs-race')
    await setCredits(author.userId, 'suggestion', 37)
    // 200 published 金点子 by this resident (copies of a demo one), accepted by two staff at once.
    const [template] = await dbRows<{ id: string }>(
      `SELECT id FROM suggestions WHERE community_id = ? AND status = 'published' AND hidden_at IS NULL LIMIT 1`,
      DEMO.communities.huaishu,
    )
    const columns = (
      await dbRows<{ name: string }>(`SELECT name FROM pragma_table_info('suggestions')`)
    )
      .map((c) => c.name)
      .filter((name) => !['id', 'author_user_id', 'title', 'support_count'].includes(name))
    const ids = Array.from({ length: 200 }, (_, i) => `sg-wx-race-${i}`)
    for (const id of ids)
      await dbRun(
        `INSERT INTO suggestions (id, author_user_id, title, support_count, ${columns.join(', ')})
         SELECT ?, ?, ?, 0, ${columns.join(', ')} FROM suggestions WHERE id = ?`,
        id,
        author.userId,
        `第${id.slice(11)}条：青石巷东口的路灯坏了很久，晚上回家很黑`,
        template!.id,
      )
    const staff = await Promise.all([loginNew('wx-subs-staff-a'), loginNew('wx-subs-staff-b')])
    for (const s of staff)
      await dbRun(
        `INSERT INTO role_grants (id, community_id, user_id, role, granted_by, granted_at) VALUES (?, ?, ?, 'staff', 'us-staff-zhao', 0)`,
        `rg-${s.userId}`,
        DEMO.communities.huaishu,
        s.userId,
      )
    await resetRateLimits()

    const results = await Promise.all(
      ids.map((id, i) =>
        send(client(staff[i % 2]!.token).suggestions[':id'].accept.$post({ param: { id } })),
      ),
    )
    expect(results.filter((r) => r.status === 200)).toHaveLength(200)
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND kind = 'suggestion.accepted'`,
        author.userId,
      ),
    ).toBe(200)
    expect(await outbox(author.userId)).toHaveLength(37)
    expect(
      await dbCount(
        `SELECT credits AS n FROM subscribe_grants WHERE user_id = ? AND topic = 'suggestion'`,
        author.userId,
      ),
    ).toBe(0)

    // Two drains at the same moment, each slow enough per message to interleave.
    const fake = createFakeWechat({ sendDelayMs: 5, tokenDelayMs: 50 })
    const reports = await Promise.all([drainWith(fake, 30), drainWith(fake, 30)])
    expect(reports[0]!.sent + reports[1]!.sent).toBe(37)
    const sent = fake.sent()
    expect(sent).toHaveLength(37)
    expect(new Set(sent.map((m) => m.page)).size).toBe(37)
    expect(fake.tokenFetches()).toBe(1)
    expect((await outbox(author.userId)).every((r) => r.status === 'sent')).toBe(true)

    // What one message says: the page to open and the fields cut to WeChat's rules.
    const one = sent[0]!
    expect(one.touser).toBe('wx-subs-race')
    expect(one.template_id).toBe('tpl-suggestion')
    expect(one.page).toMatch(
      /^packages\/(ideas|suggestions)\/pages\/detail\/index\?id=sg-wx-race-\d+$/,
    )
    expect(one.miniprogram_state).toBe('formal')
    expect(one.data.phrase2).toEqual({ value: '已受理' })
    expect([...one.data.thing1!.value].length).toBeLessThanOrEqual(20)
    expect(one.data.thing1!.value).toMatch(/^第\d+条：青石巷东口的路灯坏了很久.*…$/)
    expect(one.data.time3!.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    expect([...one.data.thing4!.value].length).toBeLessThanOrEqual(20)

    // Nothing is left to send: a third drain sends nothing and asks for no token.
    const again = await drainWith(fake)
    expect(again).toMatchObject({ sent: 0, tokenRequests: 0 })
    expect(fake.sent()).toHaveLength(37)
  }, 60_000)

  it('a resident who refused the template gets no message and no error', async () => {
    const { token, userId } = await loginNew('wx-subs-refused')
    await answer(token, [{ templateId: 'tpl-suggestion', answer: 'accept' }])
    await answer(token, [{ templateId: 'tpl-suggestion', answer: 'reject' }])
    await notice(userId, 'suggestion.adopted')
    expect(await outbox(userId)).toEqual([])
    const fake = createFakeWechat()
    const report = await drainWith(fake)
    expect(report).toMatchObject({ failed: 0 })
    expect(fake.sent().filter((m) => m.touser === 'wx-subs-refused')).toEqual([])
  })

  it('a deleted account gets nothing: its grants and queued messages go with it, and later events queue nothing', async () => {
    const { token, userId } = await loginNew('wx-subs-deleted')
    await setCredits(userId, 'suggestion', 5)
    await notice(userId, 'suggestion.accepted')
    expect(await outbox(userId)).toHaveLength(1)
    expectStatus(await send(client(token).me.$delete()), 200)
    expect(await outbox(userId)).toEqual([])
    expect(
      await dbCount('SELECT COUNT(*) AS n FROM subscribe_grants WHERE user_id = ?', userId),
    ).toBe(0)
    await notice(userId, 'suggestion.adopted')
    expect(await outbox(userId)).toEqual([])
    const fake = createFakeWechat()
    await drainWith(fake)
    expect(fake.sent().filter((m) => m.touser === 'wx-subs-deleted')).toEqual([])
  })

  it('a row claimed just before the account was deleted is given up, not sent to the erased openid', async () => {
    const { userId } = await loginNew('wx-subs-deleted-late')
    await setCredits(userId, 'suggestion', 1)
    await notice(userId, 'suggestion.accepted')
    // As the deletion batch leaves the users row: openid erased.
    await dbRun(`UPDATE users SET openid = 'deleted:' || id WHERE id = ?`, userId)
    const fake = createFakeWechat()
    await drainWith(fake)
    expect(fake.sent().some((m) => m.touser.includes(userId))).toBe(false)
    expect((await outbox(userId))[0]).toMatchObject({
      status: 'gave_up',
      last_error: 'account deleted',
    })
  })
})

describe('the drain and WeChat errors', () => {
  beforeEach(forgetToken)

  it('no credit left on WeChat (43101): gives up, keeps the inbox notice, and zeroes the credits', async () => {
    const { userId } = await loginNew('wx-subs-43101')
    await setCredits(userId, 'suggestion', 3)
    await notice(userId, 'suggestion.accepted')
    const fake = createFakeWechat()
    fake.fail('/cgi-bin/message/subscribe/send', 43101, 'user refuse to accept the msg')
    const report = await drainWith(fake)
    expect(report).toMatchObject({ sent: 0, gaveUp: 1 })
    expect((await outbox(userId))[0]).toMatchObject({ status: 'gave_up' })
    expect((await outbox(userId))[0]!.last_error).toMatch(/^43101/)
    expect(await dbCount('SELECT COUNT(*) AS n FROM notifications WHERE user_id = ?', userId)).toBe(
      1,
    )
    expect(
      await dbCount(`SELECT credits AS n FROM subscribe_grants WHERE user_id = ?`, userId),
    ).toBe(0)
  })

  it('a token WeChat refuses is refreshed once and the message retried', async () => {
    const { userId } = await loginNew('wx-subs-token')
    await setCredits(userId, 'suggestion', 2)
    await notice(userId, 'suggestion.accepted')
    await notice(userId, 'suggestion.adopted')
    const fake = createFakeWechat()
    // A cached token WeChat no longer accepts (42001).
    await dbRun(
      `INSERT INTO wechat_tokens (app_id, access_token, expires_at) VALUES (?, 'stale', ?)`,
      env.WECHAT_APPID,
      Date.now() + 3600_000,
    )
    const report = await drainWith(fake)
    expect(report).toMatchObject({ sent: 2, tokenRequests: 2 })
    expect(fake.tokenFetches()).toBe(1)
    expect(fake.sent().map((m) => m.access_token)).toEqual(['fake-token-1', 'fake-token-1'])
  })

  it('rate limited (45011): the message goes back to the queue for later and the run stops sending', async () => {
    const { userId } = await loginNew('wx-subs-rate')
    await setCredits(userId, 'suggestion', 3)
    await notice(userId, 'suggestion.accepted')
    await notice(userId, 'suggestion.adopted')
    await notice(userId, 'suggestion.in_progress')
    const fake = createFakeWechat()
    fake.fail('/cgi-bin/message/subscribe/send', 45011, 'api minute-quota reach limit', 100)
    const before = Date.now()
    const report = await drainWith(fake)
    expect(report.sent).toBe(0)
    expect(fake.sendAttempts()).toBeLessThanOrEqual(3)
    const rows = await outbox(userId)
    expect(rows.map((r) => r.status)).toEqual(['queued', 'queued', 'queued'])
    // A pause is not an attempt.
    expect(rows.map((r) => r.attempts)).toEqual([0, 0, 0])
    for (const r of rows) expect(r.next_attempt_at).toBeGreaterThanOrEqual(before + 10 * 60_000)
  })

  it('WeChat busy: retried after 1, 2, 4 … minutes and failed after five attempts', async () => {
    const { userId } = await loginNew('wx-subs-busy')
    await setCredits(userId, 'suggestion', 1)
    await notice(userId, 'suggestion.accepted')
    const fake = createFakeWechat()
    fake.fail('/cgi-bin/message/subscribe/send', -1, 'system error', 100)
    const start = Date.now()
    vi.useFakeTimers({ toFake: ['Date'], now: start })
    const waits: number[] = []
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await drainWith(fake)
      const [row] = await outbox(userId)
      if (row!.status === 'queued') {
        waits.push(Math.round((row!.next_attempt_at - Date.now()) / 60_000))
        vi.setSystemTime(row!.next_attempt_at)
      }
    }
    expect(waits).toEqual([1, 2, 4, 8])
    expect((await outbox(userId))[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS })
    expect(fake.sent()).toEqual([])
  })

  it('a run that died mid-send leaves its rows failed, never sent again; news older than two days is not sent', async () => {
    const { userId } = await loginNew('wx-subs-stale')
    await setCredits(userId, 'suggestion', 2)
    const stuck = await notice(userId, 'suggestion.accepted')
    await dbRun(
      `UPDATE wechat_outbox SET status = 'sending', claim = 'dead-run', claimed_at = ? WHERE notification_id = ?`,
      Date.now() - 11 * 60_000,
      stuck,
    )
    await notice(userId, 'suggestion.adopted', { createdAt: Date.now() - 49 * 3600_000 })
    const fake = createFakeWechat()
    await drainWith(fake)
    expect((await outbox(userId)).map((r) => r.status).sort()).toEqual(['failed', 'gave_up'])
    expect(fake.sent().filter((m) => m.touser === 'wx-subs-stale')).toEqual([])
  })
})

describe('residency decisions and invite slips tell the people concerned (inbox and WeChat)', () => {
  const demo = demoSessions()
  beforeEach(forgetToken)

  it('an approved request: the asker hears it, and the message goes out when she allowed it', async () => {
    const asker = await newRequest('wx-subs-approved', {
      communityId: DEMO.communities.huaishu,
      buildingId: 'bd-wutong-3',
      unit: '2',
      room: '401',
      realName: '黄海',
    })
    await answer(asker.token, [{ templateId: 'tpl-residency', answer: 'accept' }])
    const zhao = await demo('staff-zhao')
    expectStatus(
      await send(
        client(zhao)['residency-requests'][':id'].approve.$post({ param: { id: asker.requestId } }),
      ),
      200,
    )
    const [n] = await dbRows<{ kind: string; body: string; link: string }>(
      'SELECT kind, body, link FROM notifications WHERE user_id = ?',
      asker.userId,
    )
    expect(n).toMatchObject({
      kind: 'residency.approved',
      link: '/packages/identity/pages/verify/index',
    })
    expect(n!.body).toContain('3号楼 2单元 401室')
    const fake = createFakeWechat()
    await drainWith(fake)
    const [message] = fake.sent().filter((m) => m.touser === 'wx-subs-approved')
    expect(message).toMatchObject({
      template_id: 'tpl-residency',
      page: 'packages/identity/pages/verify/index',
      data: { phrase1: { value: '已通过' } },
    })
  })

  it('a rejected request: the asker hears why; a second decision tells nobody twice', async () => {
    const asker = await newRequest('wx-subs-rejected', {
      communityId: DEMO.communities.huaishu,
      buildingId: 'bd-wutong-3',
      unit: '2',
      room: '402',
      realName: '黄河',
    })
    const zhao = await demo('staff-zhao')
    const reject = () =>
      send(
        client(zhao)['residency-requests'][':id'].reject.$post({
          param: { id: asker.requestId },
          json: { reason: '门牌号与登记不符' },
        }),
      )
    // The same staff twice at once: both answered as done (as before), told once.
    const results = await Promise.all([reject(), reject()])
    expect(results.map((r) => r.status)).toEqual([200, 200])
    const notices = await dbRows<{ kind: string; body: string }>(
      'SELECT kind, body FROM notifications WHERE user_id = ?',
      asker.userId,
    )
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ kind: 'residency.rejected' })
    expect(notices[0]!.body).toContain('门牌号与登记不符')
  })

  it('an invite slip claimed: the household’s other residents hear who joined, the claimer does not', async () => {
    const zhao = await demo('staff-zhao')
    const [code] = await issueCodes(zhao, DEMO.communities.huaishu, ['hh-wutong-1-1-301'])
    const joiner = await loginNew('wx-subs-joiner')
    expectStatus(
      await send(client(joiner.token).residency.claim.$post({ json: { code: code! } })),
      200,
    )
    const told = await dbRows<{ user_id: string; kind: string; body: string }>(
      `SELECT user_id, kind, body FROM notifications WHERE kind = 'residency.invite_claimed'`,
    )
    expect(told.map((n) => n.user_id)).toEqual(['us-resident-wang'])
    expect(told[0]!.body).toContain('用居委会发给您家的邀请码')
  })
})

describe('what a message says', () => {
  beforeEach(forgetToken)

  it('a meeting reminder under a long-term template: the meeting, its start and its place, as often as it happens', async () => {
    const demo = demoSessions()
    await answer(await demo('resident-li'), [{ templateId: 'tpl-meeting', answer: 'accept' }])
    const soon = Date.now() + 3 * 3600_000
    await dbRun(
      `UPDATE meetings SET starts_at = ?, ends_at = ?, signup_closes_at = ? WHERE id = 'mt-demo-council'`,
      soon,
      soon + 7200_000,
      soon - 3600_000,
    )
    await remindUpcomingMeetings(createDb(env.DB))
    const fake = createFakeWechat()
    await drainWith(fake)
    const [message] = fake.sent().filter((m) => m.template_id === 'tpl-meeting')
    const [meeting] = await dbRows<{ title: string; address: string }>(
      `SELECT title, address FROM meetings WHERE id = 'mt-demo-council'`,
    )
    expect(message).toMatchObject({
      touser: 'dev:resident-li',
      page: 'packages/meetings/pages/detail/index?id=mt-demo-council',
      data: {
        thing1: { value: meeting!.title.slice(0, 20) },
        thing3: { value: meeting!.address.slice(0, 20) },
        phrase4: { value: '即将召开' },
      },
    })
    expect(message!.data.time2!.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    // Long-term: nothing was used up.
    expect(
      await dbCount(
        `SELECT credits AS n FROM subscribe_grants WHERE user_id = 'us-resident-li' AND topic = 'meeting'`,
      ),
    ).toBe(0)
    expect(
      await dbCount(
        `SELECT long_term AS n FROM subscribe_grants WHERE user_id = 'us-resident-li' AND topic = 'meeting'`,
      ),
    ).toBe(1)
  })
})

describe('the cron', () => {
  beforeEach(forgetToken)

  it('sends what is queued through the one WeChat client (base URL from the environment)', async () => {
    const { userId } = await loginNew('wx-subs-cron')
    await setCredits(userId, 'suggestion', 1)
    await notice(userId, 'suggestion.completed')
    const fake = createFakeWechat()
    const realFetch = globalThis.fetch
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const request = new Request(input, init)
      return new URL(request.url).host === 'wechat.test' ? fake.handle(request) : realFetch(request)
    })
    try {
      const ctx = createExecutionContext()
      await worker.scheduled(
        createScheduledController({ scheduledTime: Date.now(), cron: '*/5 * * * *' }),
        { ...env, WECHAT_SUBSCRIBE_TEMPLATES: TEMPLATES },
        ctx,
      )
      await waitOnExecutionContext(ctx)
    } finally {
      vi.restoreAllMocks()
    }
    expect(fake.sent().map((m) => [m.touser, m.data.phrase2?.value])).toEqual([
      ['wx-subs-cron', '已完成'],
    ])
    expect(fake.requests.every((r) => r.path.startsWith('/cgi-bin/'))).toBe(true)
    expect((await outbox(userId))[0]).toMatchObject({ status: 'sent' })
  })
})
