import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { api, devToken, journeyBrowser, type Json, phone, see, shot, signIn, tap } from './helpers'

// The identity journey on the H5 build, in a phone-sized Chromium: a new resident logs in,
// accepts the privacy notice, chooses a community and verifies with an invite code that a staff
// member issued; then the staff area. Screenshots go to docs/screenshots/.

const baseUrl = inject('baseUrl')
const COMMUNITY = '槐树社区'

/** A staff member of the community issues an invite code for a household without residents. */
async function issueInviteCode(): Promise<{ code: string; label: string }> {
  const token = await devToken({ demoUser: 'staff-zhao' })
  const { items: communities } = await api('GET', '/api/communities')
  const community = communities.find((c: Json) => c.name === COMMUNITY)
  const detail = await api('GET', `/api/communities/${community.id}`)
  for (const compound of detail.compounds) {
    for (const building of compound.buildings) {
      const { items } = await api(
        'GET',
        `/api/communities/${community.id}/households?buildingId=${building.id}`,
        token,
      )
      const free = items.find((h: Json) => h.residents.length === 0 && !h.openInvite)
      if (free) {
        const issued = await api('POST', `/api/communities/${community.id}/invite-codes`, token, {
          householdIds: [free.id],
        })
        return { code: issued.items[0].code, label: issued.items[0].householdLabel }
      }
    }
  }
  throw new Error('no household without residents in the seed')
}

async function signedInPage(context: BrowserContext, token: string): Promise<Page> {
  await signIn(context, token)
  return context.newPage()
}

describe.skipIf(!baseUrl)('identity journey in the H5 mini-program', () => {
  let browser: Browser
  const pageErrors: string[] = []

  beforeAll(async () => (browser = await journeyBrowser()))
  afterAll(() => browser?.close())

  it('a new resident logs in, accepts the privacy notice, chooses a community and verifies with an invite code', async () => {
    const invite = await issueInviteCode()
    const context = await phone(browser)
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    const apiCalls: string[] = []
    page.on('request', (r) => {
      const url = new URL(r.url())
      if (url.pathname.startsWith('/api/') && r.method() !== 'GET')
        apiCalls.push(`${r.method()} ${url.pathname}`)
    })

    await page.goto(`${baseUrl}/#/pages/home/index`)
    await see(page, '欢迎来到邻里')
    await tap(page, '登录')

    await see(page, '选择演示用户')
    await see(page, '小陈')
    await shot(page, 'login')
    await page
      .locator('.list-item')
      .filter({ hasText: '小陈' })
      .filter({ visible: true })
      .getByText('登录', { exact: true })
      .click()

    // Back on 首页, signed in, without a community yet.
    await see(page, '请选择您所在的社区')

    // 我的 → 隐私政策 → accept.
    await tap(page, '我的')
    await see(page, '小陈')
    await tap(page, '隐私政策')
    await see(page, '我已阅读并同意')
    await tap(page, '我已阅读并同意')

    // Back on 我的 → choose the community.
    await see(page, '还没有选择社区')
    await tap(page, '选择社区')
    await see(page, COMMUNITY)
    await page.locator('.choice').filter({ hasText: COMMUNITY }).filter({ visible: true }).click()
    await see(page, `青梧街道 · ${COMMUNITY}`)

    // Verify with the invite code.
    await tap(page, '认证居民身份')
    await see(page, '输入邀请码')
    await page
      .locator('.input--code input')
      .filter({ visible: true })
      .fill(invite.code.toLowerCase())
    await shot(page, 'verify')
    await tap(page, '确认认证')

    // 我的 shows the verified household.
    await see(page, '我的住户')
    await see(page, invite.label)
    await see(page, '邀请码认证')
    await shot(page, 'mine')

    // Nothing personal went out before the consent.
    const consentAt = apiCalls.indexOf('POST /api/me/consent')
    const claimAt = apiCalls.indexOf('POST /api/residency/claim')
    expect(consentAt).toBeGreaterThanOrEqual(0)
    expect(claimAt).toBeGreaterThan(consentAt)

    // 首页 now shows the community, what waits for her (issue 12) and the verified household.
    await tap(page, '首页')
    await see(page, `您是${COMMUNITY}认证居民`)
    await see(page, '待我处理')
    await page.evaluate(() => window.scrollTo(0, 0))
    await shot(page, 'home')

    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('asks for the privacy notice before showing the verification forms', async () => {
    const token = await devToken({ openid: `e2e-gate-${Date.now()}` })
    const context = await phone(browser)
    const page = await signedInPage(context, token)

    await page.goto(`${baseUrl}/#/packages/identity/pages/verify/index`)
    await see(page, '第一步：阅读隐私政策')
    expect(await page.locator('input').filter({ visible: true }).count()).toBe(0)

    await tap(page, '阅读隐私政策')
    await tap(page, '我已阅读并同意')
    // Straight back to the forms.
    await see(page, '输入邀请码')
    await see(page, '申请认证')
    await context.close()
  })

  it('shows 无权限 in the staff area to someone without a role', async () => {
    const token = await devToken({ openid: `e2e-norole-${Date.now()}` })
    const context = await phone(browser)
    const page = await signedInPage(context, token)

    await page.goto(`${baseUrl}/#/packages/staff/pages/index/index`)
    await see(page, '无权限')
    await context.close()
  })

  it('staff review households, issue printable invite codes and see the audit log', async () => {
    const context = await phone(browser)
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))

    await page.goto(`${baseUrl}/#/packages/identity/pages/login/index`)
    await see(page, '赵书记')
    await page
      .locator('.list-item')
      .filter({ hasText: '赵书记' })
      .filter({ visible: true })
      .getByText('登录', { exact: true })
      .click()

    await tap(page, '我的')
    await see(page, '我的职务')
    await tap(page, '进入工作台')
    await see(page, '社区工作台')
    await see(page, '居民认证申请')
    await shot(page, 'staff')

    // Households of a building → generate a code → the printable list.
    await tap(page, '楼栋住户与邀请码')
    await see(page, '选择楼栋')
    await tap(page, '2号楼')
    await see(page, /2号楼 · \d+ 户/)
    await page.locator('.household').filter({ visible: true }).first().click()
    await tap(page, /为选中的 1 户生成邀请码/, false)
    await tap(page, '生成') // the confirmation dialog
    await see(page, '居民认证邀请码')
    await see(page, '打印')
    expect(
      await page.locator('.invite-card__code').filter({ visible: true }).first().textContent(),
    ).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/)
    await shot(page, 'staff-invite-codes')

    // Print CSS hides the app chrome.
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.no-print').filter({ visible: true }).count()).toBe(0)
    await page.emulateMedia({ media: 'screen' })

    // The audit log shows the codes just issued, in Chinese.
    await page.goto(`${baseUrl}/#/packages/audit/pages/index/index`)
    await see(page, '生成邀请码')
    expect(pageErrors).toEqual([])
    await context.close()
  })
})
