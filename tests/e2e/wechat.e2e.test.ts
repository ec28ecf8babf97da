import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { http } from '../http-client'
import type { RecordedRequest } from '../fake-wechat'
import { TEST_TEMPLATES } from '../fake-wechat-server'
import { api, devToken, journeyBrowser, see, shot, signedInPhone, tap } from './helpers'

// Issue 12 end to end, on the H5 build against the local server, whose WeChat is the fake of
// global-setup.ts: a resident who allowed 金点子 messages supports a 金点子, staff answer it in
// the app, the cron runs, and she finds the answer on her 首页 — and WeChat received exactly one
// subscribe message for her, opening that 金点子, with its fields cut to WeChat's rules.

const baseUrl = inject('baseUrl')
const wechatUrl = inject('wechatUrl')
const cronUrl = inject('cronUrl')
const COMMUNITY = 'cm-huaishu'
const ANSWER = '采纳。已列入本月的背街小巷整治计划，由街道城管科负责，月底前完成。'

/** The first 20 characters as WeChat counts them, the 20th an ellipsis when cut (template-config.ts). */
const thing = (text: string) =>
  [...text].length <= 20 ? text : `${[...text].slice(0, 19).join('')}…`

async function fill(page: Page, placeholder: string, value: string) {
  const field = `[placeholder="${placeholder}"]`
  await page
    .locator(`taro-input-core${field} input, taro-textarea-core${field} textarea`)
    .filter({ visible: true })
    .first()
    .fill(value)
}

async function wechatRequests(): Promise<RecordedRequest[]> {
  return (await (await http(`${wechatUrl}/__fake/requests`)).json()) as RecordedRequest[]
}

describe.skipIf(!baseUrl || !wechatUrl || !cronUrl)('WeChat subscribe messages, end to end', () => {
  let browser: Browser
  const pageErrors: string[] = []
  beforeAll(async () => (browser = await journeyBrowser()))
  afterAll(() => browser?.close())

  it('a resident supports a 金点子, staff answer it: her 首页 shows the answer and WeChat got exactly one message for her', async () => {
    // A new verified resident of 槐树社区 who, in WeChat, tapped 允许 for 金点子进展 when asked
    // (the H5 build has no such prompt: the answer is recorded as the weapp records it).
    const openid = `e2e-wx-${Date.now()}`
    const staff = await devToken('staff-zhao')
    const [slip] = (
      await api('POST', `/api/communities/${COMMUNITY}/invite-codes`, staff, {
        householdIds: ['hh-wutong-2-2-402'],
      })
    ).items as { code: string }[]
    const resident = await devToken({ openid })
    const notice = await api('GET', '/api/privacy/notice')
    await api('POST', '/api/me/consent', resident, { version: notice.version })
    await api('POST', '/api/residency/claim', resident, { code: slip!.code })
    const settings = await api('POST', '/api/me/subscriptions/answers', resident, {
      answers: [{ templateId: TEST_TEMPLATES.suggestion.id, answer: 'accept' }],
    })
    expect(settings.items.find((s: { topic: string }) => s.topic === 'suggestion')).toMatchObject({
      enabled: true,
      credits: 1,
    })

    // A published 金点子 of someone else.
    const list = await api('GET', `/api/communities/${COMMUNITY}/suggestions?status=published`)
    const idea = list.items[0] as { id: string; title: string }
    const detailUrl = `${baseUrl}/#/packages/suggestions/pages/detail/index?id=${idea.id}`

    const her = await signedInPhone(browser, resident, pageErrors)
    await her.page.goto(detailUrl)
    await tap(her.page, '附议（我也关心）')
    await see(her.page, '✓ 已附议 · 撤回')

    const zhao = await signedInPhone(browser, staff, pageErrors)
    await zhao.page.goto(detailUrl)
    await see(zhao.page, '办理（工作人员）')
    await tap(zhao.page, '答复')
    await fill(zhao.page, '说明准备怎么做、谁来做、大概什么时候', ANSWER)
    await tap(zhao.page, '确认采纳')
    await zhao.page
      .locator('.facts .badge')
      .filter({ visible: true })
      .first()
      .filter({ hasText: '已采纳' })
      .waitFor({ timeout: 15_000 })
    await zhao.context.close()

    // The cron (every five minutes in production) drains the outbox.
    const ran = await http(cronUrl)
    expect(await ran.text()).toBe('ok')

    await her.page.goto(`${baseUrl}/#/pages/home/index`)
    await see(her.page, '待我处理')
    await see(her.page, '金点子答复：采纳')
    await shot(her.page, 'home-to-dos', { top: true })
    await her.context.close()

    const sent = (await wechatRequests()).filter(
      (r) => r.path === '/cgi-bin/message/subscribe/send' && r.body?.touser === openid,
    )
    expect(sent).toHaveLength(1)
    expect(sent[0]!.ok).toBe(true)
    expect(sent[0]!.body).toEqual({
      touser: openid,
      template_id: TEST_TEMPLATES.suggestion.id,
      page: `packages/suggestions/pages/detail/index?id=${idea.id}`,
      data: {
        thing1: { value: thing(idea.title) },
        phrase2: { value: '已采纳' },
        time3: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) },
        thing4: { value: thing(`“${idea.title}”：${ANSWER}`) },
      },
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    })
    // The token came from stable_token, with the app's own id.
    const tokens = (await wechatRequests()).filter((r) => r.path === '/cgi-bin/stable_token')
    expect(tokens.length).toBeGreaterThanOrEqual(1)
    expect(tokens[0]!.body).toMatchObject({
      grant_type: 'client_credential',
      appid: 'wx-e2e-appid',
    })
    expect(pageErrors).toEqual([])
  })

  it('staff print a poster per back alley; its code opens 提金点子 with the alley chosen; a 金点子 page offers its link', async () => {
    const community = await api('GET', `/api/communities/${COMMUNITY}`)
    const alleys = community.alleys as { id: string; name: string }[]

    const zhao = await signedInPhone(browser, await devToken('staff-zhao'), pageErrors)
    await zhao.page.goto(`${baseUrl}/#/packages/staff/pages/index/index`)
    await tap(zhao.page, '背街小巷海报')
    await see(zhao.page, '扫码提一个金点子')
    expect(await zhao.page.locator('.alley-poster').filter({ visible: true }).count()).toBe(
      alleys.length,
    )
    await see(zhao.page, alleys[1]!.name)
    // Each poster's QR code is drawn (H5: the app's own address with the alley).
    expect(await zhao.page.locator('.alley-poster .qr-code').count()).toBe(alleys.length)
    await shot(zhao.page, 'alley-posters', { top: true })
    await zhao.context.close()

    // What the code opens, as a verified resident: the form, this alley already chosen.
    const wang = await signedInPhone(browser, await devToken('resident-wang'), pageErrors)
    await wang.page.goto(
      `${baseUrl}/#/packages/suggestions/pages/submit/index?alley=${alleys[1]!.id}`,
    )
    await wang.page
      .locator('.chip--on')
      .filter({ visible: true })
      .filter({ hasText: alleys[1]!.name })
      .waitFor({ timeout: 15_000 })

    // A 金点子 opened in a browser: its address can be copied to send on.
    const list = await api('GET', `/api/communities/${COMMUNITY}/suggestions`)
    const ideaId = list.items[0].id as string
    await wang.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl })
    await wang.page.goto(`${baseUrl}/#/packages/suggestions/pages/detail/index?id=${ideaId}`)
    await tap(wang.page, '复制链接')
    await see(wang.page, '链接已复制，可以发给邻居')
    expect(await wang.page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${baseUrl}/#/packages/suggestions/pages/detail/index?id=${ideaId}`,
    )
    await wang.context.close()
    expect(pageErrors).toEqual([])
  })
})
