import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { hasDatabase, sql } from './db'
import {
  api,
  confirmModal,
  devToken,
  journeyBrowser,
  type Json,
  openFresh,
  press,
  scrollAllToTop,
  see,
  shot,
  signedInPhone,
  tap,
} from './helpers'

// The 微规约 journey on the H5 build: the committee drafts a convention for one small building
// (槐荫里5弄, 12 households) and opens consultation; a resident comments on an article; the
// committee replies, revises and opens voting under 民法典 第二百七十八条 (ordinary matters);
// the owners vote online (in the browser — the ballot on the first screen, with the articles
// being voted on — and through the API) and one on paper entered by staff; the window is moved into the past (no API shortens a vote); the result, the receipt
// check, filing, the 公示 poster and a pledge follow. Screenshots go to docs/screenshots/.

const baseUrl = inject('baseUrl')
const COMMUNITY_ID = 'cm-huaishu'
const TITLE = '5弄楼道文明公约'
const ROOMS = ['101', '102', '103', '104', '201', '202', '203', '204', '301', '302', '303', '304']
const household = (room: string) => `hh-huaiyin-5-1-${room}`
/** 张大爷 (resident-zhang) lives in 201; 104 has nobody using the app: its ballot comes on paper. */
const PAPER_ROOM = '104'
const ZHANG_ROOM = '201'

/**
 * A new resident of the household who owns it: staff issue an invite code, a new user consents
 * and claims it, and staff record her as the owner from her certificate (a Civil Code vote is
 * cast by owners; ownership-owners.e2e.test.ts records it through the staff screens).
 */
async function newOwner(staffToken: string, householdId: string): Promise<string> {
  const { items } = await api('POST', `/api/communities/${COMMUNITY_ID}/invite-codes`, staffToken, {
    householdIds: [householdId],
  })
  const token = await devToken({ openid: `e2e-cv-${householdId}-${Date.now()}` })
  const { version } = await api('GET', '/api/privacy/notice')
  await api('POST', '/api/me/consent', token, { version })
  const residency = await api('POST', '/api/residency/claim', token, { code: items[0].code })
  const unit = await api('GET', `/api/households/${householdId}/ownership`, staffToken)
  await api('PUT', `/api/households/${householdId}/ownership`, staffToken, {
    areaM2: unit.title.registeredAreaM2,
    certificateNo: unit.title.certificateNo,
    owners: [
      {
        userId: (await api('GET', '/api/me', token)).user.id,
        name: `业主${residency.household.room}`,
      },
    ],
  })
  return token
}

async function signedInPage(browser: Browser, token: string, errors: string[]) {
  return (await signedInPhone(browser, token, errors)).page
}

const detailUrl = (id: string) => `${baseUrl}/#/packages/conventions/pages/detail/index?id=${id}`

describe.skipIf(!baseUrl || !hasDatabase())('微规约 journey in the H5 mini-program', () => {
  let browser: Browser
  const pageErrors: string[] = []

  beforeAll(async () => (browser = await journeyBrowser()))
  afterAll(() => browser?.close())

  it(
    'drafts, consults, revises, votes under the Civil Code rule, closes, files and shows the 公示',
    { timeout: 300_000 },
    async () => {
      const staffToken = await devToken({ demoUser: 'staff-zhao' })
      const committeeToken = await devToken({ demoUser: 'committee-wu' })
      const zhangToken = await devToken({ demoUser: 'resident-zhang' })

      // --- the committee drafts the convention in the browser ------------------------------------
      const committee = await signedInPage(browser, committeeToken, pageErrors)
      await committee.goto(`${baseUrl}/#/pages/council/index`)
      await see(committee, '三会制度')
      await tap(committee, '起草微规约')
      await see(committee, '条文（2 条）')
      await committee.locator('.input input').filter({ visible: true }).first().fill(TITLE)
      await committee
        .locator('.textarea textarea')
        .filter({ visible: true })
        .first()
        .fill('为了楼道整洁、通行安全，5弄全体住户共同约定如下。')
      const articles = () => committee.locator('.article-editor textarea').filter({ visible: true })
      await articles().nth(0).fill('楼道内不堆放杂物，自行车和电动车停放在指定车棚。')
      await articles().nth(1).fill('电动车不得在楼道内充电。')
      await press(committee, '＋ 添加一条')
      await articles().nth(2).fill('晚上十点后不在楼道内大声喧哗。')
      // Reorder: the quiet-hours article goes up one place, then back down.
      await committee
        .locator('.article-editor')
        .filter({ visible: true })
        .nth(2)
        .getByText('上移', { exact: true })
        .click()
      expect(await articles().nth(1).inputValue()).toBe('晚上十点后不在楼道内大声喧哗。')
      await committee
        .locator('.article-editor')
        .filter({ visible: true })
        .nth(1)
        .getByText('下移', { exact: true })
        .click()
      expect(await articles().nth(2).inputValue()).toBe('晚上十点后不在楼道内大声喧哗。')
      await tap(committee, '指定楼栋')
      await tap(committee, '5弄')
      await press(committee, '保存草案')

      await see(committee, '议事会操作')
      await see(committee, TITLE)
      const { items } = await api(
        'GET',
        `/api/communities/${COMMUNITY_ID}/conventions`,
        committeeToken,
      )
      const id: string = items.find((c: Json) => c.title === TITLE).id
      expect((await api('GET', `/api/conventions/${id}`, committeeToken)).scopeLabel).toBe(
        '槐荫里5弄',
      )

      // Open consultation: the default end is 14 days away.
      await press(committee, '开始征求意见')
      await see(committee, '意见截止时间')
      await press(committee, '开始征求意见')
      await confirmModal(committee, '开始')
      await see(committee, '正在征求意见')

      // --- a resident of 5弄 comments on article 2 ---------------------------------------------
      const zhang = await signedInPage(browser, zhangToken, pageErrors)
      await zhang.goto(detailUrl(id))
      await see(zhang, '点任意一条条文', false)
      await tap(zhang, '电动车不得在楼道内充电。')
      await tap(zhang, '对本条提意见')
      await zhang
        .locator('.composer textarea')
        .filter({ visible: true })
        .fill('建议在车棚加装充电桩，不然大家没地方充电。')
      await press(zhang, '提交意见')
      await see(zhang, '建议在车棚加装充电桩', false)
      await shot(zhang, 'conventions-detail', { top: true })

      // --- the committee replies, revises (version 2) and compares ---------------------------------
      await committee.reload()
      await see(committee, '1 条意见')
      await tap(committee, '电动车不得在楼道内充电。', false)
      await press(committee, '回复')
      await committee
        .locator('.composer textarea')
        .filter({ visible: true })
        .fill('采纳，已在第2条写明由物业在车棚安装充电桩。')
      await press(committee, '发表回复')
      await see(committee, '采纳，已在第2条写明', false)

      await press(committee, '修改条文（保存为新版本）')
      await see(committee, '修改说明（必填，会公开）')
      await articles().nth(1).fill('电动车不得在楼道内充电，请到车棚的充电桩充电。')
      await committee
        .locator('.textarea textarea')
        .filter({ visible: true })
        .last()
        .fill('采纳居民意见：写明到车棚充电桩充电')
      await press(committee, '保存为第 2 版')
      await see(committee, '条文（第 2 版）')

      await tap(committee, '修改历史与对比（共 2 版）')
      await see(committee, '第1版 → 第2版：修改 1 条')
      expect(
        await committee.locator('.diff-ins').filter({ visible: true }).first().textContent(),
      ).toContain('请到车棚的充电桩充电')
      await shot(committee, 'conventions-compare')
      await committee.goBack()

      // Every household of 5弄 except 104 gets an owner who uses the app (张大爷 owns 201).
      const voters = new Map<string, string>()
      for (const room of ROOMS) {
        if (room === PAPER_ROOM || room === ZHANG_ROOM) continue
        voters.set(room, await newOwner(staffToken, household(room)))
      }

      // Open voting under civil_code_ordinary, closing in 3 days.
      await see(committee, '条文（第 2 版）')
      await press(committee, '开始表决')
      await see(committee, '选择表决规则')
      await committee
        .locator('.rule-card')
        .filter({ hasText: '民法典·一般事项' })
        .filter({ visible: true })
        .click()
      await see(committee, '比例由《民法典》第二百七十八条规定', false)
      await tap(committee, '3天后')
      await committee
        .locator('.deadline-pickers')
        .filter({ visible: true })
        .evaluate((e) => e.scrollIntoView({ block: 'end' }))
      await shot(committee, 'conventions-open-voting')
      await press(committee, /^开始表决$/)
      await confirmModal(committee, '开始表决')
      await see(committee, '正在表决')
      const opened = await api('GET', `/api/conventions/${id}`)
      expect(opened.voting).toMatchObject({
        rule: 'civil_code_ordinary',
        version: 2,
        roll: { voters: 12 },
      })

      // --- 张大爷 votes in the browser ---------------------------------------------------------------
      await zhang.reload()
      await see(zhang, '正在表决')
      await press(zhang, '去投票')
      await see(zhang, '还差 8 人达到有效表决')
      // On a 375×667 phone the ballot is the first thing on the screen, and the articles being
      // voted on are on the page (issue 17 item 7: it used to sit at y ≈ 1,047 under the rules).
      await zhang.setViewportSize({ width: 375, height: 667 })
      await scrollAllToTop(zhang)
      const firstScreen = async (selector: string) => {
        const box = await zhang.locator(selector).filter({ visible: true }).last().boundingBox()
        return box !== null && box.y >= 0 && box.y + box.height <= 667
      }
      expect(await firstScreen('.ballot-choice')).toBe(true) // the last of the three options
      expect(await firstScreen('.ballot .btn')).toBe(true)
      const voted = zhang.locator('.voted-text').filter({ visible: true })
      expect(await voted.locator('.article__text').allTextContents()).toEqual([
        '楼道内不堆放杂物，自行车和电动车停放在指定车棚。',
        '电动车不得在楼道内充电，请到车棚的充电桩充电。',
        '晚上十点后不在楼道内大声喧哗。',
      ])
      await zhang
        .locator('.ballot-choice')
        .filter({ hasText: /^赞成/ })
        .filter({ visible: true })
        .click()
      await see(zhang, '投“赞成”票')
      await shot(zhang, 'conventions-vote', { top: true })
      await zhang.setViewportSize({ width: 375, height: 812 })
      await press(zhang, '投“赞成”票')
      await confirmModal(zhang, '确认投票')
      await see(zhang, '投票成功')
      await scrollAllToTop(zhang)
      const receipt =
        (await zhang.locator('.receipt__code').filter({ visible: true }).textContent()) ?? ''
      expect(receipt).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/)
      // Kept on the phone for the check after closing.
      expect(
        await zhang.evaluate(() => localStorage.getItem('linli.conventionReceipts')),
      ).toContain(receipt)
      await shot(zhang, 'conventions-receipt')

      // --- the other owners vote through the API: 7 yes (with 张大爷 8), 2 no, 1 abstain ---------
      const options = ['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'no', 'no', 'abstain']
      let n = 0
      for (const token of voters.values()) {
        const ballot = await api('POST', `/api/conventions/${id}/ballots`, token, {
          option: options[n++],
        })
        expect(ballot.source).toBe('online')
      }
      // Secret while voting runs: the turnout has counts only, the detail no totals by option.
      const turnout = await api('GET', `/api/conventions/${id}/turnout`)
      expect(turnout).toMatchObject({ eligible: 12, cast: 11 })
      expect(JSON.stringify(turnout)).not.toMatch(/yes|abstain/)
      expect((await api('GET', `/api/conventions/${id}`)).result).toBeNull()

      // --- staff enter 104's paper ballot -------------------------------------------------------------
      const staff = await signedInPage(browser, staffToken, pageErrors)
      await staff.goto(detailUrl(id))
      await press(staff, '登记纸质表决票')
      await see(staff, '1. 选择住户')
      await tap(staff, '5弄')
      await tap(staff, PAPER_ROOM)
      await see(staff, /^已选：.*104室$/)
      await staff.locator('.choice').filter({ hasText: /^赞成/ }).filter({ visible: true }).click()
      await staff.locator('.input input').filter({ visible: true }).last().fill('5弄-104-001')
      await press(staff, '登记这张纸质票')
      await confirmModal(staff, '登记')
      await see(staff, '已登记')
      await staff.goBack()
      await see(staff, '已达到有效表决所需的参与')

      // --- the window ends: moved into the past, since no API shortens a vote ------------------------
      sql(`UPDATE conventions SET voting_closes_at = ${Date.now() - 1000} WHERE id = '${id}'`)
      // The detail closes a vote whose window has passed on first sight, and counts it.
      await openFresh(zhang, detailUrl(id))
      await see(zhang, '表决通过', true)
      await see(zhang, '应参与 12 人，实际参与 12 人（100%）')
      await see(zhang, '参与人数 / 总人数')
      await see(zhang, '赞成的业主专有部分面积和人数均超过参与表决的二分之一，表决通过', false)
      await shot(zhang, 'conventions-result', { top: true })
      const closed = await api('GET', `/api/conventions/${id}`)
      expect(closed.result).toMatchObject({
        valid: true,
        passed: true,
        cast: { count: 12 },
        yes: { count: 9 },
        no: { count: 2 },
        abstain: { count: 1 },
      })

      // 张大爷 checks his receipt against the published list.
      await press(zhang, '核对')
      await see(zhang, `回执 ${receipt} 已计入结果，记录的选项是“赞成”`, false)

      // --- filing, 公示 and a pledge ------------------------------------------------------------------
      await openFresh(committee, detailUrl(id))
      await press(committee, '登记备案并生效')
      await see(committee, '备案机关')
      const inputs = committee.locator('.input input').filter({ visible: true })
      await inputs.nth(0).fill('青梧街道办事处')
      await inputs.nth(1).fill('青梧备〔2026〕12号')
      await press(committee, '登记备案并生效')
      await confirmModal(committee, '登记')
      await see(committee, '已生效')

      await zhang.reload()
      await press(zhang, '查看公示')
      await see(zhang, '公 示')
      await see(zhang, '备案编号：青梧备〔2026〕12号')
      await press(zhang, '我承诺遵守')
      await see(zhang, '您已承诺遵守')
      await see(zhang, '槐荫里5弄')
      expect(await zhang.locator('.qr-code').filter({ visible: true }).count()).toBe(1)
      await shot(zhang, 'conventions-poster', { top: true })
      const poster = await api('GET', `/api/conventions/${id}`)
      expect(poster.pledges).toEqual({
        total: 1,
        byBuilding: [{ buildingName: '槐荫里5弄', count: 1 }],
      })

      // Print CSS: only the notice, no buttons or tab bar.
      await zhang.emulateMedia({ media: 'print' })
      expect(await zhang.locator('.no-print').filter({ visible: true }).count()).toBe(0)
      expect(await zhang.locator('.poster').filter({ visible: true }).count()).toBe(1)
      await zhang.emulateMedia({ media: 'screen' })

      // The 议事 tab lists it under 已生效.
      await openFresh(zhang, `${baseUrl}/#/pages/council/index`)
      await see(zhang, '已生效')
      await see(zhang, TITLE)

      expect(pageErrors).toEqual([])
    },
  )
})
