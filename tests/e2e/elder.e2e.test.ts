import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  api,
  confirmModal,
  devToken,
  journeyBrowser,
  press,
  see,
  shot,
  signedInPhone,
  tap,
} from './helpers'

// 长辈模式 (issue 15, decision 023): 张大爷 turns it on in 我的, a second phone of his opens in it,
// and the three main journeys run once more in it on one phone — a 金点子, his vote on the parking
// rules, a room booked. Every page visited is checked by axe-core and, in this mode, for text cut
// off or wider than the screen (helpers.ts#assertFits, through see()). Screenshots:
// docs/screenshots/elder-*.png.

const baseUrl = inject('baseUrl')

/** The computed size in CSS px of the first visible element matching `selector`. */
const fontPx = (page: Page, selector: string) =>
  page
    .locator(selector)
    .filter({ visible: true })
    .first()
    .evaluate((e) => parseFloat(getComputedStyle(e).fontSize))

/** Every visible control (role button, link, radio, checkbox, switch, tab) lower than 48 px. */
const smallTargets = (page: Page) =>
  page.evaluate(() => {
    const shown = document.querySelector('.taro_page_show') ?? document.body
    return [
      ...shown.querySelectorAll(
        '[role=button],[role=link],[role=radio],[role=checkbox],[role=switch],[role=tab]',
      ),
    ]
      .map((e) => ({
        text: (e.textContent ?? '').trim().slice(0, 16),
        box: e.getBoundingClientRect(),
      }))
      .filter(({ box }) => box.width > 0 && box.height > 0 && box.height < 47.5)
      .map(({ text, box }) => `${text} ${Math.round(box.width)}×${Math.round(box.height)}`)
  })

describe.skipIf(!baseUrl)('长辈模式: the main journeys in large text', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let token = ''
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await journeyBrowser()
    token = await devToken('resident-zhang')
    ;({ context, page } = await signedInPhone(browser, token, pageErrors))
  })
  afterAll(() => browser?.close())

  it('the switch in 我的 turns it on, on this phone and on his account', async () => {
    await page.goto(`${baseUrl}/#/pages/mine/index`)
    await see(page, '字更大、按钮更大')
    expect(await fontPx(page, '.page .muted')).toBeLessThan(20)

    await tap(page, '长辈模式')
    await see(page, '已打开')
    expect(await page.locator('html.elder .page.elder').count()).toBeGreaterThan(0)
    // Body text at least 20 px, titles larger, every control at least 48 px high.
    expect(await fontPx(page, '.page .muted')).toBeGreaterThanOrEqual(20)
    expect(await fontPx(page, '.page .card__title')).toBeGreaterThan(20)
    expect(await smallTargets(page)).toEqual([])
    await expect.poll(() => api('GET', '/api/me/preferences', token)).toEqual({ largeText: true })
    await shot(page, 'elder-mine', { top: true })
  })

  it('a second phone signed in to his account opens in 长辈模式', async () => {
    const other = await signedInPhone(browser, token, pageErrors)
    await other.page.goto(`${baseUrl}/#/pages/home/index`)
    await see(other.page, '槐树社区')
    await other.page.locator('.page.elder').filter({ visible: true }).first().waitFor()
    expect(await smallTargets(other.page)).toEqual([])
    await shot(other.page, 'elder-home', { top: true })
    await other.context.close()
  })

  it('金点子: the main action comes first, and a suggestion goes in in two steps', async () => {
    await page.goto(`${baseUrl}/#/pages/ideas/index`)
    await page.locator('.idea-card').filter({ visible: true }).first().waitFor()
    await see(page, '＋ 提金点子')
    const top = async (selector: string) =>
      (await page.locator(selector).filter({ visible: true }).first().boundingBox())?.y ?? 0
    expect(await top('.ideas-actions')).toBeLessThan(await top('.page-title'))
    expect(await smallTargets(page)).toEqual([])
    await shot(page, 'elder-ideas-list', { top: true })

    await tap(page, '＋ 提金点子')
    await see(page, '第 1 步（共 2 步）')
    const fill = (placeholder: string, value: string) =>
      page
        .locator(`[placeholder="${placeholder}"] input, [placeholder="${placeholder}"] textarea`)
        .filter({ visible: true })
        .first()
        .fill(value)
    await fill('一句话说清楚，例如：青石巷夜里太暗', '槐荫里5弄门口台阶太高，老人进出不便')
    await fill(
      '是什么问题？什么时候最明显？您有什么好办法？',
      '5弄门口的台阶有三级，没有扶手，下雨天更滑。建议加装扶手，或者改成缓坡。',
    )
    // The textarea's text is the page's size, not the browser's 13 px.
    expect(
      await fontPx(page, '[placeholder="是什么问题？什么时候最明显？您有什么好办法？"] textarea'),
    ).toBeGreaterThanOrEqual(20)
    // Scoped to the page on top; force: a smooth scroll elsewhere on a loaded machine can keep
    // Playwright waiting for the chip to stand still.
    await page
      .locator('.taro_page_show .chip')
      .filter({ hasText: '公共设施' })
      .first()
      .click({ force: true })
    await shot(page, 'elder-ideas-submit', { top: true })
    await tap(page, '下一步：拍照片')
    await see(page, '第 2 步（共 2 步）')
    await tap(page, '提交金点子')
    await see(page, '提交成功')
    await see(page, '槐荫里5弄门口台阶太高')
    await shot(page, 'elder-ideas-detail', { top: true })
  })

  it('vote: he votes on the parking rules, confirming in a dialog at the same size', async () => {
    await page.goto(`${baseUrl}/#/packages/conventions/pages/vote/index?id=cv-demo-parking`)
    await see(page, '我的投票')
    await tap(page, '赞成')
    expect(await smallTargets(page)).toEqual([])
    await shot(page, 'elder-vote', { top: true })
    await press(page, '投“赞成”票')
    await confirmModal(page, '确认投票')
    await see(page, '投票成功')
    await shot(page, 'elder-vote-receipt', { top: true })
  })

  it('booking: he books the 议事厅 three days ahead', async () => {
    await page.goto(`${baseUrl}/#/pages/booking/index`)
    await see(page, '青梧邻里中心')
    expect(await smallTargets(page)).toEqual([])
    await shot(page, 'elder-booking-rooms', { top: true })
    // Three days ahead (Shanghai), opened as the tab's room card opens it.
    const day = new Date(Date.now() + 8 * 3600_000 + 3 * 86400_000).toISOString().slice(0, 10)
    await page.goto(`${baseUrl}/#/packages/bookings/pages/room/index?id=rm-council&date=${day}`)
    await see(page, '可容纳')
    await page
      .locator('.slot')
      .filter({ visible: true })
      .filter({ has: page.getByText('16:00', { exact: true }) })
      .first()
      .click()
    await tap(page, /^预约 \d/, false)
    await page.locator('.sheet textarea').fill('楼组长碰头会（长辈模式）')
    await page.locator('.sheet input').fill('6')
    await tap(page, '确认预约')
    await see(page, '预约成功')
    await shot(page, 'elder-booking-day', { top: true })
  })

  it('the time picker of 这个时间，哪间都行 is at the same size', async () => {
    // Taro draws it at 12 px with actions 40 px high; here 20 px and 48.
    await page.goto(`${baseUrl}/#/pages/booking/index`)
    await see(page, '青梧邻里中心')
    await tap(page, '哪间都行')
    await page.locator('.any-room__value').filter({ visible: true }).first().click()
    await see(page, '取消')
    expect(await fontPx(page, '.weui-picker__item')).toBeGreaterThanOrEqual(20)
    const cancel = page.locator('.weui-picker__action').filter({ visible: true }).first()
    expect((await cancel.boundingBox())?.height).toBeGreaterThanOrEqual(48)
    await cancel.click()
    expect(pageErrors).toEqual([])
    await context.close()
  })
})
