import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { hasDatabase, sql } from './db'
import {
  api,
  confirmModal,
  devToken,
  journeyBrowser,
  openFresh,
  press,
  scrollAllToTop,
  see,
  shot,
  signedInPhone,
  tap,
} from './helpers'

// Civil Code votes count 业主 (issue 19), in the H5 mini-program: staff record ownership in the
// workbench (房屋产权登记: a new owner who uses the app, the developer's unsold flat, a neighbour's
// written 委托); the committee opens a 民法典 vote on 槐荫里7弄; the owner casts her own ballot
// and the one she holds a 委托 for, from the first screen of the vote page; her tenant neighbour
// is refused with the reason; staff enter paper ballots; the result and the 公示 show 参与面积/
// 总面积, 参与人数/总人数, 赞成面积/参与面积 and 赞成人数/参与人数. Screenshots: docs/screenshots/.

const baseUrl = inject('baseUrl')
const COMMUNITY_ID = 'cm-huaishu'
const unit = (room: string) => `hh-huaiyin-7-1-${room}`
const TITLE = '7弄公共收益使用办法'

/** A new user verified as resident of the household through an invite code; returns her token. */
async function newResident(staffToken: string, room: string, name: string) {
  const { items } = await api('POST', `/api/communities/${COMMUNITY_ID}/invite-codes`, staffToken, {
    householdIds: [unit(room)],
  })
  const token = await devToken({ openid: `e2e-own-${room}-${Date.now()}` })
  const { version } = await api('GET', '/api/privacy/notice')
  await api('POST', '/api/me/consent', token, { version })
  await api('PATCH', '/api/me', token, { nickname: name })
  await api('POST', '/api/residency/claim', token, { code: items[0].code })
  return token
}

/** The text box of a form field, by its aria label. */
function box(page: Page, label: string) {
  return page.locator(`[aria-label="${label}"] input, input[aria-label="${label}"]`).filter({
    visible: true,
  })
}

describe.skipIf(!baseUrl || !hasDatabase())('业主 in a 民法典 vote, in the H5 mini-program', () => {
  let browser: Browser
  const pageErrors: string[] = []

  beforeAll(async () => (browser = await journeyBrowser()))
  afterAll(() => browser?.close())

  it(
    'staff record ownership, an owner and her proxy ballot count, a tenant is refused, the 公示 shows the four figures',
    { timeout: 300_000 },
    async () => {
      const staffToken = await devToken({ demoUser: 'staff-zhao' })
      const committeeToken = await devToken({ demoUser: 'committee-wu' })
      // 孙阿姨 bought 7弄 101 and uses the app; 小周 rents 102 from its owner (who does not).
      const sunToken = await newResident(staffToken, '101', '孙阿姨')
      const zhouToken = await newResident(staffToken, '102', '小周')

      // --- staff record 101's owner from her certificate ------------------------------------------
      const staff = (await signedInPhone(browser, staffToken, pageErrors)).page
      await staff.goto(`${baseUrl}/#/packages/staff/pages/index/index?communityId=${COMMUNITY_ID}`)
      await tap(staff, '房屋产权登记')
      await see(staff, '按不动产权证（房产证）登记每套房屋的业主和面积')
      await tap(staff, '7弄')
      await see(staff, '7弄 · 已登记 12/12 套')
      await box(staff, '按门牌号查找').fill('10')
      await see(staff, '1单元 104室')
      await shot(staff, 'staff-ownership', { top: true })
      await tap(staff, '1单元 101室')
      await see(staff, '更正产权登记')
      // The owner recorded so far (a name on paper) is replaced by 孙阿姨, who uses the app.
      await staff.locator('.owner-entry .link').filter({ visible: true }).first().click()
      await tap(staff, '＋ 孙阿姨')
      await see(staff, '孙阿姨（本户居民）')
      await box(staff, '专有部分面积').fill('76.3')
      await box(staff, '不动产权证号').fill('浙(2024)杭州市不动产权第0456789号')
      await press(staff, '保存产权登记')
      await see(staff, '已登记', true)
      const recorded = await api('GET', `/api/households/${unit('101')}/ownership`, staffToken)
      expect(recorded.title).toMatchObject({
        registeredAreaM2: '76.30',
        certificateNo: '浙(2024)杭州市不动产权第0456789号',
      })
      expect(recorded.owners.map((o: { name: string }) => o.name)).toEqual(['孙阿姨'])

      // --- 104 is still the developer's: marked 开发商未售, the developer picked from the register --
      await staff.goBack()
      await tap(staff, '1单元 104室')
      await see(staff, '更正产权登记')
      await staff.locator('.check-row').filter({ visible: true }).click()
      await box(staff, '查找已登记的业主').fill('青梧')
      await press(staff, '查找')
      await tap(staff, '＋ 青梧置业有限公司（已有 4 套）')
      await press(staff, '保存产权登记')
      await see(staff, '开发商未售', false)
      expect(
        (await api('GET', `/api/households/${unit('104')}/ownership`, staffToken)).title,
      ).toMatchObject({ developerUnsold: true, certificateNo: null })

      // --- 103's owner, who does not use the app, gives 孙阿姨 a written 委托 ---------------------------
      await staff.goBack()
      await tap(staff, '1单元 103室')
      await see(staff, '书面委托（代业主投票）')
      await press(staff, '登记委托')
      await staff
        .locator('.proxy-form .chip')
        .filter({ hasText: '槐荫里7弄' })
        .filter({ visible: true })
        .click()
      await box(staff, '受托人门牌号').fill('101')
      await tap(staff, '孙阿姨（1单元 101室）')
      await box(staff, '委托书说明').fill('2026年11月20日签署，编号 W-7-103')
      await shot(staff, 'staff-ownership-unit', {
        centre: staff.locator('.proxy-form').filter({ visible: true }),
      })
      await press(staff, '登记委托给 孙阿姨')
      await see(staff, '委托 孙阿姨（2026年11月20日签署，编号 W-7-103）')

      // The audit log names what happened, in Chinese.
      await staff.goto(`${baseUrl}/#/packages/audit/pages/index/index?communityId=${COMMUNITY_ID}`)
      await see(staff, '登记业主书面委托')
      await see(staff, '登记房屋产权')

      // --- the committee opens a 民法典 vote on 7弄 ------------------------------------------------
      const draft = await api(
        'POST',
        `/api/communities/${COMMUNITY_ID}/conventions`,
        committeeToken,
        {
          title: TITLE,
          articles: ['电梯广告收益存入7弄公共维修账户。', '每年一月在楼道公示收支。'],
          scope: { type: 'buildings', ids: ['bd-huaiyin-7'] },
        },
      )
      const opened = await api('POST', `/api/conventions/${draft.id}/voting`, committeeToken, {
        rule: 'civil_code_ordinary',
        closesAt: Date.now() + 3 * 86_400_000,
      })
      // 12 units, each owned by a different owner (the developer holds one here): 12 人.
      expect(opened.voting).toMatchObject({ basis: 'owners', roll: { voters: 12 } })
      const voteUrl = `${baseUrl}/#/packages/conventions/pages/vote/index?id=${draft.id}`

      // --- 孙阿姨 votes: her own ballot and the one she holds a 委托 for -----------------------------
      const sun = (await signedInPhone(browser, sunToken, pageErrors)).page
      await sun.setViewportSize({ width: 375, height: 667 })
      await sun.goto(voteUrl)
      await see(sun, '您可以投 2 票，先选这一票为谁投：')
      await scrollAllToTop(sun)
      const lastChoice = await sun
        .locator('.ballot-choice')
        .filter({ visible: true })
        .last()
        .boundingBox()
      expect(lastChoice!.y + lastChoice!.height).toBeLessThanOrEqual(667)
      expect(
        await sun.locator('.voted-text .article__text').filter({ visible: true }).allTextContents(),
      ).toEqual(['电梯广告收益存入7弄公共维修账户。', '每年一月在楼道公示收支。'])
      await see(sun, '以业主身份：槐荫里 7弄 1单元 101室，专有面积 76.30')
      await sun
        .locator('.ballot-choice')
        .filter({ hasText: /^赞成/ })
        .filter({ visible: true })
        .click()
      await shot(sun, 'conventions-vote-owner', { top: true })
      await press(sun, '投“赞成”票')
      await confirmModal(sun, '确认投票')
      await see(sun, '投票成功')
      await press(sun, '继续投另一票')
      await sun
        .locator('.chip')
        .filter({ hasText: /^受.*委托/ })
        .filter({ visible: true })
        .click()
      await see(sun, /受.*委托：槐荫里 7弄 1单元 103室/)
      await sun
        .locator('.ballot-choice')
        .filter({ hasText: /^反对/ })
        .filter({ visible: true })
        .click()
      await press(sun, '投“反对”票')
      await confirmModal(sun, '确认投票')
      await see(sun, '请把回执码交给委托您的业主')

      // --- 小周, a tenant, is told why she cannot vote ------------------------------------------------
      const zhou = (await signedInPhone(browser, zhouToken, pageErrors)).page
      await zhou.setViewportSize({ width: 375, height: 667 })
      await zhou.goto(voteUrl)
      await see(zhou, '不是业主（例如租户），所以不能投票')
      expect(await zhou.locator('.ballot-choice').filter({ visible: true }).count()).toBe(0)
      await shot(zhou, 'conventions-vote-tenant', { top: true })
      const refused = await fetch(`${baseUrl}/api/conventions/${draft.id}/ballots`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${zhouToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ option: 'yes' }),
      })
      expect(refused.status).toBe(403)

      // --- staff enter six paper ballots: 8 of 12 owners take part -------------------------------------
      const paper: [string, string][] = [
        ['104', 'yes'], // the developer's unsold flat
        ['201', 'yes'],
        ['202', 'yes'],
        ['203', 'yes'],
        ['204', 'no'],
        ['301', 'yes'],
      ]
      for (const [room, option] of paper)
        await api('POST', `/api/conventions/${draft.id}/paper-ballots`, staffToken, {
          householdId: unit(room),
          option,
          paperRef: `7弄-${room}`,
        })
      // The tenant's refusal stored nothing: two online ballots and six on paper.
      expect(
        sql<{ n: number }>(
          `SELECT COUNT(*) AS n FROM convention_ballots WHERE convention_id = '${draft.id}'`,
        )[0]!.n,
      ).toBe(8)

      // --- the window ends; the result and the 公示 ----------------------------------------------------
      sql(`UPDATE conventions SET voting_closes_at = ${Date.now() - 1000} WHERE id = '${draft.id}'`)
      await openFresh(sun, `${baseUrl}/#/packages/conventions/pages/detail/index?id=${draft.id}`)
      await see(sun, '法定比例（民法典第二百七十八条）')
      const closed = await api('GET', `/api/conventions/${draft.id}`)
      expect(closed.result).toMatchObject({ eligible: { voters: 12 }, cast: { count: 8 } })
      await see(sun, '8 / 12 人')
      await see(sun, `${closed.result.yes.count} / 8 人`)
      await see(sun, '怎么计算人数和面积')
      await shot(sun, 'conventions-result-owners', {
        centre: sun.locator('.fractions').filter({ visible: true }),
      })
      if (closed.result.passed) {
        await api('POST', `/api/conventions/${draft.id}/filing`, committeeToken, {
          number: '青梧备〔2026〕21号',
          date: '2026-12-01',
          authority: '青梧街道办事处',
        })
      }
      await sun.setViewportSize({ width: 375, height: 812 })
      await openFresh(sun, `${baseUrl}/#/packages/conventions/pages/poster/index?id=${draft.id}`)
      await see(sun, '公 示')
      for (const label of [
        '参与面积 / 总面积',
        '参与人数 / 总人数',
        '赞成面积 / 参与面积',
        '赞成人数 / 参与人数',
      ])
        await see(sun, label)
      await shot(sun, 'conventions-poster-owners', {
        centre: sun.locator('.poster .fractions').filter({ visible: true }),
      })

      expect(pageErrors).toEqual([])
    },
  )
})
