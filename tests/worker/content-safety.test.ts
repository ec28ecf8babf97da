import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDb } from '../../worker/lib/db'
import { compileWords, normalise } from '../../worker/lib/content-words'
import { contentCheckOf } from '../../worker/lib/content-check'
import { retryChecks } from '../../worker/moderation/checks-service'
import {
  createFakeSecurity,
  FAKE_ERROR,
  FAKE_REVIEW,
  FAKE_RISKY,
  FAKE_SLOW,
  type FakeSecurity,
} from '../fake-wechat-security'
import { client, expectStatus, send } from './client'
import { dbCount, dbRows, dbRun, resetRateLimits, seedDemo } from './helpers'
import { demoLogins, HUAISHU, suggestionIn, verifiedResidents } from './suggestion-helpers'

// Content safety of text (issue 13): the street's word list with its evasions, WeChat's
// msgSecCheck against a fake, holds that only the author sees, the staff queue and its
// decisions, the retry of a WeChat that did not answer.

const WECHAT_ON = { WECHAT_CONTENT_CHECK: 'on' } as Partial<Cloudflare.Env>
const realFetch = globalThis.fetch
let fake: FakeSecurity

/** WeChat (the fake) answers every call to wechat.test; anything else goes out as usual. */
function fakeWechat(options: { delayMs?: number } = {}) {
  fake = createFakeSecurity(options)
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init)
    if (new URL(request.url).host !== 'wechat.test') return realFetch(input, init)
    return fake.handle(request)
  })
}

const login = demoLogins()
let suggestionId: string

beforeAll(async () => {
  await seedDemo()
  const [wang, zhao] = await login.all('resident-wang', 'staff-zhao')
  suggestionId = await suggestionIn('published', { author: wang, staff: zhao })
})

afterEach(async () => {
  vi.restoreAllMocks()
  await resetRateLimits()
})

const comment = (token: string | null, body: string, wechat = false) =>
  send(
    client(token, wechat ? { env: WECHAT_ON } : {}).suggestions[':id'].comments.$post({
      param: { id: suggestionId },
      json: { body },
    }),
  )

const comments = async (token: string | null) =>
  expectStatus(
    await send(client(token).suggestions[':id'].comments.$get({ param: { id: suggestionId } })),
    200,
  ).body.items

const queue = async (token: string) =>
  expectStatus(
    await send(client(token).communities[':id']['content-holds'].$get({ param: { id: HUAISHU } })),
    200,
  ).body

describe('the local word list', () => {
  it('matches through full-width letters, capitals, spaces, symbols and emoji, and says what was written', () => {
    const matcher = compileWords([{ word: 'ABC坏话', kind: 'block' }])
    for (const text of [
      '这是ＡＢＣ坏话',
      '这是 a b c 坏 话',
      '这是a*b_c-坏😀话',
      '这是A.B.C坏，话',
    ])
      expect(matcher.find(text).map((h) => h.word)).toEqual(['abc坏话'])
    expect(matcher.find('这是a*b_c-坏😀话')[0]!.written).toBe('a*b_c-坏😀话')
    expect(matcher.find('这是好话')).toEqual([])
  })

  it('finds a listed word that ends inside a longer listed word (the case mint-filter misses)', () => {
    const matcher = compileWords([
      { word: '打倒坏人啊', kind: 'block' },
      { word: '坏人', kind: 'block' },
    ])
    expect(matcher.find('打倒坏人吧').map((h) => h.word)).toEqual(['坏人'])
  })

  it('keeps where each normalised character came from', () => {
    const { text, origin } = normalise('Ａ b！')
    expect(text).toBe('ab')
    expect(origin).toEqual([
      { start: 0, end: 1 },
      { start: 2, end: 3 },
    ])
  })

  it('refuses a comment with a listed word, naming it as written, and stores nothing', async () => {
    const wang = await login('resident-wang')
    const before = await dbCount('SELECT count(*) AS n FROM suggestion_comments')
    const res = await comment(wang, '楼上那个傻 逼天天往下扔垃圾')
    expect(res.status).toBe(400)
    const error = (
      res.body as unknown as {
        error: { message: string; issues: { path: string }[]; details: { words: string[] } }
      }
    ).error
    expect(error.message).toBe('评论含有不适宜的词语「傻 逼」，请修改后再提交')
    expect(error.issues[0]!.path).toBe('body')
    expect(error.details.words).toEqual(['傻 逼'])
    expect(await dbCount('SELECT count(*) AS n FROM suggestion_comments')).toBe(before)
  })

  it('holds a comment with a review word: the author sees 审核中, others and the count do not', async () => {
    const [wang, li, zhao] = await login.all('resident-wang', 'resident-li', 'staff-zhao')
    const res = expectStatus(await comment(wang, '有需要的邻居可以加我微信，我来组织'), 201)
    expect(res.body.review).toBe('审核中')
    const mine = await comments(wang)
    expect(mine.find((c) => c.id === res.body.id)?.review).toBe('审核中')
    expect((await comments(li)).some((c) => c.id === res.body.id)).toBe(false)
    expect((await comments(null)).some((c) => c.id === res.body.id)).toBe(false)
    const visible = await dbCount(
      `SELECT comment_count AS n FROM suggestions WHERE id = ?`,
      suggestionId,
    )
    expect(visible).toBe((await comments(li)).length)

    const held = (await queue(zhao)).items.find((h) => h.text?.includes('加我微信'))!
    expect(held).toMatchObject({
      targetType: 'suggestion_comment',
      status: 'review',
      matchedWords: ['加我微信'],
    })
    expect(held.reason).toContain('加我微信')

    expectStatus(
      await send(client(zhao)['content-holds'][':id'].approve.$post({ param: { id: held.id } })),
      200,
    )
    expect((await comments(li)).some((c) => c.id === res.body.id)).toBe(true)
    expect(
      await dbCount(`SELECT comment_count AS n FROM suggestions WHERE id = ?`, suggestionId),
    ).toBe((await comments(li)).length)
    expect(
      await dbCount(
        `SELECT count(*) AS n FROM audit_log WHERE action = 'content_hold.approve' AND target_id = ?`,
        held.id,
      ),
    ).toBe(1)
    // A second decision is refused and leaves no second record.
    const again = await send(
      client(zhao)['content-holds'][':id'].reject.$post({
        param: { id: held.id },
        json: { reason: '广告' },
      }),
    )
    expect(again.status).toBe(409)
  })

  it('a rejected comment stays with its author, who is told why', async () => {
    const [wang, li, zhao] = await login.all('resident-wang', 'resident-li', 'staff-zhao')
    const res = expectStatus(await comment(wang, '免费领取鸡蛋，先到先得'), 201)
    const held = (await queue(zhao)).items.find((h) => h.text?.includes('免费领取'))!
    expectStatus(
      await send(
        client(zhao)['content-holds'][':id'].reject.$post({
          param: { id: held.id },
          json: { reason: '商业广告' },
        }),
      ),
      200,
    )
    expect((await comments(li)).some((c) => c.id === res.body.id)).toBe(false)
    expect((await comments(wang)).find((c) => c.id === res.body.id)?.review).toBe(
      '未通过审核：商业广告',
    )
    const notices = await dbRows<{ title: string; body: string }>(
      `SELECT title, body FROM notifications WHERE kind = 'content.rejected' AND user_id = 'us-resident-wang'`,
    )
    expect(notices[0]?.body).toContain('商业广告')
  })
})

describe('the street edits its list', () => {
  it('a word staff add is refused at once; lifting a default word lets it through; both audited', async () => {
    const [wang, zhao] = await login.all('resident-wang', 'staff-zhao')
    const added = expectStatus(
      await send(
        client(zhao).communities[':id']['content-words'].$post({
          param: { id: HUAISHU },
          json: { word: '黑心物业', kind: 'block' },
        }),
      ),
      200,
    ).body
    expect(added.items).toContainEqual(
      expect.objectContaining({ word: '黑心物业', source: 'street' }),
    )
    expect(added.mode).toBe('local')
    expect(added.modeLabel).toContain('只用本地词库')
    expect((await comment(wang, '黑 心 物 业又涨价了')).status).toBe(400)

    expect((await comment(wang, '这个王八蛋乱停车')).status).toBe(400)
    expectStatus(
      await send(
        client(zhao).communities[':id']['content-words'].remove.$post({
          param: { id: HUAISHU },
          json: { word: '王八蛋' },
        }),
      ),
      200,
    )
    expectStatus(await comment(wang, '这个王八蛋乱停车'), 201)
    const actions = await dbRows<{ action: string }>(
      `SELECT action FROM audit_log WHERE action LIKE 'content_word.%' ORDER BY created_at`,
    )
    expect(actions.map((a) => a.action)).toEqual(['content_word.set', 'content_word.remove'])
  })

  it('the list is the street’s: 枫桥社区 (same street) is checked with it too', async () => {
    const sun = await login('staff-sun')
    const words = expectStatus(
      await send(
        client(sun).communities[':id']['content-words'].$get({
          param: { id: 'cm-fengqiao' },
        }),
      ),
      200,
    ).body
    expect(words.items.some((w) => w.word === '黑心物业')).toBe(true)
    expect(words.lifted).toContain('王八蛋')
  })
})

describe('with WeChat configured (fake)', () => {
  it('refuses what WeChat calls risky, naming the word, and sends the author’s openid and the comment scene', async () => {
    fakeWechat()
    const wang = await login('resident-wang')
    const res = await comment(wang, `这是一条${FAKE_RISKY}评论`, true)
    expect(res.status).toBe(400)
    expect((res.body as { error: { message: string } }).error.message).toBe(
      `评论含有不适宜的词语「${FAKE_RISKY}」，请修改后再提交`,
    )
    const call = fake.textChecks()[0]!
    expect(call.body).toMatchObject({ version: 2, scene: 2, openid: 'dev:resident-wang' })
  })

  it('holds what WeChat wants reviewed', async () => {
    fakeWechat()
    const wang = await login('resident-wang')
    const res = expectStatus(await comment(wang, `${FAKE_REVIEW}：楼道堆物`, true), 201)
    expect(res.body.review).toBe('审核中')
    const [hold] = await dbRows<{ status: string; label: number; reason: string }>(
      `SELECT status, label, reason FROM content_holds WHERE target_id = ?`,
      res.body.id,
    )
    expect(hold).toMatchObject({ status: 'review', label: 10001 })
    expect(hold!.reason).toContain('广告')
  })

  it('a WeChat error keeps the comment, held as 审核中, and the cron asks again until it passes', async () => {
    fakeWechat()
    const [wang, li] = await login.all('resident-wang', 'resident-li')
    const body = `${FAKE_ERROR}：电瓶车在楼道充电太危险`
    const res = expectStatus(await comment(wang, body, true), 201)
    expect(res.body.review).toBe('审核中')
    expect((await comments(li)).some((c) => c.id === res.body.id)).toBe(false)
    const [hold] = await dbRows<{ id: string; status: string; next_attempt_at: number }>(
      `SELECT id, status, next_attempt_at FROM content_holds WHERE target_id = ?`,
      res.body.id,
    )
    expect(hold!.status).toBe('checking')

    // Still failing: another attempt later.
    const check = contentCheckOf(createDb(env.DB), { ...env, WECHAT_CONTENT_CHECK: 'on' })
    await retryChecks(check, env.PHOTO_URL_SECRET, hold!.next_attempt_at)
    const [again] = await dbRows<{ attempts: number; status: string }>(
      `SELECT attempts, status FROM content_holds WHERE id = ?`,
      hold!.id,
    )
    expect(again).toMatchObject({ attempts: 2, status: 'checking' })

    // WeChat answers now (the text no longer trips the fake's error): it passes and shows.
    await dbRun(
      `UPDATE content_holds SET content = '电瓶车在楼道充电太危险' WHERE id = ?`,
      hold!.id,
    )
    await retryChecks(check, env.PHOTO_URL_SECRET, Date.now() + 24 * 3600_000)
    expect(
      (
        await dbRows<{ status: string }>(`SELECT status FROM content_holds WHERE id = ?`, hold!.id)
      )[0]!.status,
    ).toBe('passed')
    expect((await comments(li)).some((c) => c.id === res.body.id)).toBe(true)
  })

  it('a WeChat that does not answer in time does not lose the comment', async () => {
    fakeWechat()
    const wang = await login('resident-wang')
    const started = Date.now()
    const res = expectStatus(await comment(wang, `${FAKE_SLOW}：路灯不亮`, true), 201)
    expect(res.body.review).toBe('审核中')
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(
      await dbCount(
        `SELECT count(*) AS n FROM content_holds WHERE target_id = ? AND status = 'checking'`,
        res.body.id,
      ),
    ).toBe(1)
  })

  it('a clean comment passes and is visible to everyone', async () => {
    fakeWechat()
    const [wang, li] = await login.all('resident-wang', 'resident-li')
    const res = expectStatus(await comment(wang, '支持，早点修好', true), 201)
    expect(res.body.review).toBeNull()
    expect((await comments(li)).some((c) => c.id === res.body.id)).toBe(true)
    expect(
      await dbCount(`SELECT count(*) AS n FROM content_holds WHERE target_id = ?`, res.body.id),
    ).toBe(0)
  })
})

describe('1,000 concurrent comments through the check', () => {
  it('no 5xx: every comment is visible, held or refused with a reason, and the database agrees', async () => {
    fakeWechat()
    const people = await verifiedResidents('burst', 40)
    const kinds = ['clean', 'listed', 'review', 'risky', 'error'] as const
    const bodyOf = (kind: (typeof kinds)[number], i: number) =>
      ({
        clean: `第${i}条：巷子里的路灯修好了吗`,
        listed: `第${i}条：傻逼才这样停车`,
        review: `第${i}条：加我微信一起团购`,
        risky: `第${i}条：${FAKE_RISKY}`,
        error: `第${i}条：${FAKE_ERROR}`,
      })[kind]
    const results = await Promise.all(
      Array.from({ length: 1000 }, async (_, i) => {
        const kind = kinds[i % kinds.length]!
        const res = await comment(people[i % people.length]!.token, bodyOf(kind, i), true)
        return { kind, i, res }
      }),
    )
    expect(results.filter((r) => r.res.status >= 500)).toEqual([])
    for (const { kind, res } of results) {
      if (kind === 'listed' || kind === 'risky') {
        expect(res.status).toBe(400)
        expect((res.body as { error: { message: string } }).error.message).toMatch(
          /不适宜的词语「.+」/,
        )
      } else expect(res.status).toBe(201)
    }
    const stored = await dbRows<{ body: string; status: string | null }>(
      `SELECT c.body, h.status FROM suggestion_comments c
       LEFT JOIN content_holds h ON h.target_type = 'suggestion_comment' AND h.target_id = c.id
       WHERE c.body LIKE '第%条：%'`,
    )
    expect(stored).toHaveLength(600)
    for (const row of stored) {
      if (row.body.includes('路灯')) expect(row.status).toBeNull()
      else if (row.body.includes('加我微信')) expect(row.status).toBe('review')
      else expect(row.status).toBe('checking')
    }
    // The count others see is exactly the comments they can read.
    const li = await login('resident-li')
    expect(
      await dbCount(`SELECT comment_count AS n FROM suggestions WHERE id = ?`, suggestionId),
    ).toBe((await comments(li)).length)
  }, 120_000)
})

describe('金点子 text and progress notes', () => {
  it('refuses a 金点子 whose title has a listed word, naming the field', async () => {
    const wang = await login('resident-wang')
    const res = await send(
      client(wang).communities[':id'].suggestions.$post({
        param: { id: HUAISHU },
        json: {
          title: '楼下的贱人乱停车',
          description: '每天晚上都把车停在消防通道上，救护车进不来。',
          category: 'parking',
          photoIds: [],
          showName: false,
        },
      }),
    )
    expect(res.status).toBe(400)
    const error = (
      res.body as unknown as { error: { message: string; issues: { path: string }[] } }
    ).error
    expect(error.message).toBe('标题含有不适宜的词语「贱人」，请修改后再提交')
    expect(error.issues[0]!.path).toBe('title')
  })

  it('a held 金点子 waits with its reason beside it in the staff queue; publishing approves the hold', async () => {
    const [wang, li, zhao] = await login.all('resident-wang', 'resident-li', 'staff-zhao')
    const created = expectStatus(
      await send(
        client(wang).communities[':id'].suggestions.$post({
          param: { id: HUAISHU },
          json: {
            title: '团购净水器统一安装',
            description: '想团购的邻居加我微信，统一联系厂家上门安装。',
            category: 'facilities',
            photoIds: [],
            showName: false,
          },
        }),
      ),
      201,
    ).body
    const queue = expectStatus(
      await send(
        client(zhao).communities[':id'].suggestions.moderation.$get({ param: { id: HUAISHU } }),
      ),
      200,
    ).body
    expect(queue.submissions.find((s) => s.id === created.id)?.contentCheck).toMatchObject({
      status: 'review',
      matchedWords: ['加我微信'],
    })
    const search = async (q: string) =>
      expectStatus(
        await send(
          client(li).communities[':id'].suggestions.$get({ param: { id: HUAISHU }, query: { q } }),
        ),
        200,
      ).body.items
    expect((await search('净水器')).some((s) => s.id === created.id)).toBe(false)
    expectStatus(
      await send(client(zhao).suggestions[':id'].publish.$post({ param: { id: created.id } })),
      200,
    )
    expect(
      (
        await dbRows<{ status: string; decided_by: string }>(
          `SELECT status, decided_by FROM content_holds WHERE target_id = ?`,
          created.id,
        )
      )[0],
    ).toEqual({ status: 'approved', decided_by: 'us-staff-zhao' })
    expect((await search('净水器')).some((s) => s.id === created.id)).toBe(true)
  })

  it('a held progress note: the timeline shows its words to staff and its writer only, and followers are not told them', async () => {
    const [wang, li, zhao] = await login.all('resident-wang', 'resident-li', 'staff-zhao')
    const id = await suggestionIn('adopted', { author: wang, staff: zhao })
    const note = '施工队已进场，有问题加我微信联系'
    expectStatus(
      await send(
        client(zhao).suggestions[':id'].progress.$post({
          param: { id },
          json: { body: note, photoIds: [] },
        }),
      ),
      200,
    )
    const timelineOf = async (token: string | null) =>
      expectStatus(await send(client(token).suggestions[':id'].$get({ param: { id } })), 200).body
        .timeline
    const progressOf = (timeline: Awaited<ReturnType<typeof timelineOf>>) =>
      timeline.find((e) => e.kind === 'progress')!.body
    expect(progressOf(await timelineOf(zhao))).toBe(note)
    expect(progressOf(await timelineOf(li))).toBe('（说明审核中）')
    expect(progressOf(await timelineOf(null))).toBe('（说明审核中）')
    const notices = await dbRows<{ body: string }>(
      `SELECT body FROM notifications WHERE user_id = 'us-resident-wang' AND kind = 'suggestion.in_progress'`,
    )
    expect(notices.length).toBeGreaterThan(0)
    for (const n of notices) expect(n.body).not.toContain('加我微信')
  })
})

describe('deciding a hold under races', () => {
  it('ten staff decisions at once: exactly one lands, with one audit row; the others are 409', async () => {
    const [wang, zhao] = await login.all('resident-wang', 'staff-zhao')
    const res = expectStatus(await comment(wang, '团购大米的加我微信'), 201)
    const [hold] = await dbRows<{ id: string }>(
      `SELECT id FROM content_holds WHERE target_id = ?`,
      res.body.id,
    )
    const decisions = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2
          ? send(client(zhao)['content-holds'][':id'].approve.$post({ param: { id: hold!.id } }))
          : send(
              client(zhao)['content-holds'][':id'].reject.$post({
                param: { id: hold!.id },
                json: { reason: '广告' },
              }),
            ),
      ),
    )
    expect(decisions.filter((d) => d.status === 200)).toHaveLength(1)
    expect(decisions.filter((d) => d.status === 409)).toHaveLength(9)
    expect(
      await dbCount(
        `SELECT count(*) AS n FROM audit_log WHERE target_type = 'content_hold' AND target_id = ?`,
        hold!.id,
      ),
    ).toBe(1)
    // The author hears of a rejection once at most, whoever won.
    expect(
      await dbCount(
        `SELECT count(*) AS n FROM notifications WHERE kind = 'content.rejected' AND body LIKE '%广告%' AND created_at >= ?`,
        res.body.createdAt,
      ),
    ).toBeLessThanOrEqual(1)
  })
})
