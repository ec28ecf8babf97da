import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { HOUR, DAY } from '../../worker/lib/time'
import { hasDatabase, sql } from './db'
import { api, devToken, journeyBrowser, openFresh, see, shot, signedInPhone, tap } from './helpers'

// 代办 (issue 15, decision 019) on the H5 build, in phone-sized Chromium: a 楼组长 of 梧桐苑
// 1号楼 registers an elderly neighbour who has no WeChat, submits a 金点子 for her with the
// residents' own form (a banner says for whom), and signs her up for a meeting. The database
// then holds both acts as hers, marked with who did them. Screenshots: docs/screenshots/acting-*.png.

const baseUrl = inject('baseUrl')
const COMMUNITY = 'cm-huaishu'
const TITLE = '单元门口台阶加装扶手'
const MEETING = '老年助餐点选址议事会'

/** Types into Taro's <Input> or <Textarea> with this placeholder (the real element is inside). */
async function fill(page: Page, placeholder: string, value: string) {
  const field = `[placeholder="${placeholder}"]`
  await page
    .locator(`taro-input-core${field} input, taro-textarea-core${field} textarea`)
    .filter({ visible: true })
    .first()
    .fill(value)
}

describe.skipIf(!baseUrl || !hasDatabase())('代办 journey in the H5 mini-program', () => {
  let browser: Browser
  const pageErrors: string[] = []

  beforeAll(async () => (browser = await journeyBrowser()))
  afterAll(() => browser?.close())

  it(
    'a 楼组长 registers an elderly resident, submits a 金点子 for her and signs her up for a meeting',
    { timeout: 240_000 },
    async () => {
      // The 楼组长: a neighbour granted 1号楼's 楼组 by staff (the grid's tables, as its pages would).
      const leaderToken = await devToken({ openid: 'e2e-acting-leader' })
      const leader = await api('GET', '/api/me', leaderToken)
      const leaderId = leader.user.id as string
      // 1号楼's 楼组 of the demo seed when it has one, else a 楼组 of its own.
      sql(`INSERT OR IGNORE INTO building_groups (id, community_id, name, sort_order, created_at, updated_at)
        VALUES ('bg-e2e-w1', '${COMMUNITY}', '梧桐苑1号楼楼组', 9, 0, 0)`)
      sql(
        `INSERT OR IGNORE INTO building_group_buildings (group_id, building_id) VALUES ('bg-e2e-w1', 'bd-wutong-1')`,
      )
      sql(`INSERT OR IGNORE INTO grid_role_grants (id, community_id, user_id, role, building_group_id, granted_by, granted_at)
        SELECT 'gr-e2e-leader', '${COMMUNITY}', '${leaderId}', 'building_leader', group_id, 'us-staff-zhao', 0
        FROM building_group_buildings WHERE building_id = 'bd-wutong-1'`)
      // A published meeting with sign-up open (at an address: no room to book).
      const staffToken = await devToken('staff-zhao')
      const startsAt = Date.now() + 3 * DAY
      const meeting = await api('POST', `/api/communities/${COMMUNITY}/meetings`, staffToken, {
        type: 'council',
        title: MEETING,
        description: '商量老年助餐点放在哪里。',
        startsAt,
        endsAt: startsAt + 2 * HOUR,
        address: '槐树社区居委会二楼会议室',
        capacity: 30,
        signupOpensAt: Date.now() - HOUR,
        signupClosesAt: startsAt - HOUR,
        audience: 'residents',
        agenda: [{ title: '助餐点选址', description: '两处备选地点' }],
      })
      await api('POST', `/api/meetings/${meeting.id}/publish`, staffToken)

      const { page } = await signedInPhone(browser, leaderToken, pageErrors)
      await openFresh(
        page,
        `${baseUrl}/#/packages/acting/pages/index/index?communityId=${COMMUNITY}`,
      )
      await see(page, '选择居民')

      // Register her: find the flat by its door number, name her, confirm she agreed.
      await tap(page, '登记新居民（没有微信）')
      await see(page, '她家在哪一户')
      await tap(page, '登记并开始代办')
      await see(page, '请按门牌号找到她家，并选中')
      await fill(page, '例如：302', '302')
      await tap(page, '查找')
      await tap(page, '梧桐苑 1号楼 1单元 302室')
      await fill(page, '例如：张桂芳', '张桂芳')
      await fill(page, '例如：张阿姨', '张阿姨')
      await tap(page, /我已向她说明《邻里隐私政策》/, false)
      await shot(page, 'acting-register', { top: true })
      await tap(page, '登记并开始代办')
      // The page is checked for accessibility once the 已登记 toast has faded (mid-fade its text
      // is pale on grey: axe reads 1.7:1).
      const toast = page.getByText('已登记', { exact: true }).first()
      await toast.waitFor({ state: 'visible' })
      await toast.waitFor({ state: 'hidden' })
      await see(page, '正在为 张阿姨 代办')
      await see(page, '梧桐苑 1号楼 1单元 302室')
      const [resident] = sql<{ id: string }>(
        `SELECT id FROM users WHERE nickname = '张阿姨' AND registered_by = '${leaderId}'`,
      )
      expect(resident?.id).toBeTruthy()

      // Her 金点子, with the residents' own form.
      await tap(page, '为张阿姨提金点子')
      await see(page, '正在为 张阿姨 代办')
      await fill(page, '一句话说清楚，例如：青石巷夜里太暗', TITLE)
      await fill(
        page,
        '是什么问题？什么时候最明显？您有什么好办法？',
        '1号楼1单元门口三级台阶没有扶手，张阿姨腿脚不便，雨天进出很危险，希望加装一段扶手。',
      )
      await tap(page, '公共设施')
      await shot(page, 'acting-submit', { top: true })
      await tap(page, '下一步：拍照片')
      await see(page, '记在张阿姨名下，注明由您代办')
      await tap(page, '提交金点子')

      // Back on her page: sign her up for the meeting.
      await see(page, MEETING)
      await tap(page, '为她报名')
      await see(page, '已为她报名')
      await shot(page, 'acting-resident', { top: true })

      const [idea] = sql<{ author_user_id: string; acted_by: string; status: string }>(
        `SELECT author_user_id, acted_by, status FROM suggestions WHERE title = '${TITLE}'`,
      )
      expect(idea).toEqual({
        author_user_id: resident!.id,
        acted_by: leaderId,
        status: 'submitted',
      })
      const signedUp = sql<{ status: string; acted_by: string }>(
        `SELECT status, acted_by FROM meeting_registrations WHERE meeting_id = '${meeting.id}' AND user_id = '${resident!.id}'`,
      )
      expect(signedUp).toEqual([{ status: 'confirmed', acted_by: leaderId }])
      expect(pageErrors).toEqual([])
    },
  )

  it(
    'a resident who has the app sees which support staff gave for her, on the 金点子 and among hers',
    { timeout: 120_000 },
    async () => {
      // A verified resident of 梧桐苑 with her own account; 赵书记 supported a 金点子 for her (at
      // the counter, say). She should not wonder why it shows as hers.
      const residentToken = await devToken({ openid: 'e2e-acting-supported' })
      const resident = await api('GET', '/api/me', residentToken)
      const residentId = resident.user.id as string
      sql(`INSERT OR IGNORE INTO residencies (id, user_id, household_id, community_id, status, via, verified_at, verified_by)
        VALUES ('rs-e2e-acting-supported', '${residentId}', 'hh-wutong-1-1-301', '${COMMUNITY}', 'verified', 'registered', 0, 'us-staff-zhao')`)
      const [idea] = sql<{ id: string; title: string }>(
        `SELECT id, title FROM suggestions WHERE community_id = '${COMMUNITY}' AND status = 'published' AND hidden_at IS NULL
         ORDER BY created_at LIMIT 1`,
      )
      expect(idea, 'the demo has a published 金点子').toBeTruthy()
      const staffToken = await devToken('staff-zhao')
      await api('POST', `/api/suggestions/${idea!.id}/support/for/${residentId}`, staffToken)

      const { page } = await signedInPhone(browser, residentToken, pageErrors)
      await openFresh(page, `${baseUrl}/#/packages/suggestions/pages/detail/index?id=${idea!.id}`)
      await see(page, '由 赵书记 代办附议')
      await openFresh(page, `${baseUrl}/#/packages/suggestions/pages/mine/index`)
      await tap(page, '我附议的')
      await see(page, idea!.title)
      await see(page, '由 赵书记 代办附议')
      expect(pageErrors).toEqual([])
    },
  )
})
