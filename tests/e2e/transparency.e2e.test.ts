import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { http } from '../http-client'
import { hasDatabase, sql } from './db'
import {
  devToken,
  journeyBrowser,
  openFresh,
  phone,
  see,
  shot,
  signedInPhone,
  tap,
} from './helpers'

// 民事民评 in public, on the H5 build in phone-sized Chromium:
// - anyone, without signing in, reads a community's 三率 page (from the demo year of history);
// - a resident rates a completed 金点子 he supported; the page keeps its figures until the
//   scheduled job (the cron, every 5 minutes: the stated freshness) has run — the test triggers
//   it instead of waiting — and then shows the 满意率 with one more rating counted;
// - the street view ranks the communities, and the 居委会's staff see their own rank;
// - the register lists the resolutions, and a resident follows one.

const baseUrl = inject('baseUrl')
const COMMUNITY = 'cm-huaishu'
const communityPage = `/#/packages/transparency/pages/community/index?communityId=${COMMUNITY}`
const streetPage = '/#/packages/transparency/pages/street/index?streetId=st-qingwu'
const registerPage = `/#/packages/transparency/pages/register/index?communityId=${COMMUNITY}`

/** The 满意率 tile: its percentage and its "numerator / denominator". */
async function satisfactionTile(page: Page) {
  const tile = page.locator('.tp-rate').filter({ hasText: '满意率' }).filter({ visible: true })
  await tile.first().waitFor({ timeout: 15_000 })
  const [value, counts] = await Promise.all([
    tile.locator('.tp-rate__value').first().innerText(),
    tile.locator('.tp-rate__counts').first().innerText(),
  ])
  const [numerator, denominator] = counts.split('/').map((n) => Number(n.trim()))
  return { value, numerator: numerator!, denominator: denominator! }
}

describe.skipIf(!baseUrl || !hasDatabase())('民事民评 in public (H5)', () => {
  let browser: Browser
  const errors: string[] = []

  beforeAll(async () => {
    browser = await journeyBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('a resident rates a completed 金点子; the 满意率 changes once the scheduled job has run', async () => {
    // A finished case of the demo year (not the demo lights, which other journeys rate) that
    // 张大爷 supported and has not rated yet.
    const [target] = sql<{ id: string; title: string }>(`
      SELECT s.id, s.title FROM suggestions s JOIN suggestion_supports p ON p.suggestion_id = s.id
      WHERE s.id LIKE 'sg-hist-%' AND s.community_id = '${COMMUNITY}' AND s.status = 'completed' AND p.user_id = 'us-resident-zhang'
        AND NOT EXISTS (SELECT 1 FROM suggestion_ratings r WHERE r.suggestion_id = s.id AND r.user_id = 'us-resident-zhang')
      ORDER BY s.id LIMIT 1`)
    expect(target, 'the demo seed has a finished case for 张大爷 to rate').toBeTruthy()

    // Anyone: no sign-in.
    const visitor = await (await phone(browser)).newPage()
    visitor.on('pageerror', (e) => errors.push(e.message))
    await openFresh(visitor, `${baseUrl}${communityPage}`)
    await see(visitor, '槐树社区')
    await see(visitor, '近 12 个月走势')
    const before = await satisfactionTile(visitor)
    expect(before.denominator).toBeGreaterThan(0)
    // The chart's numbers are on the page as text too.
    await see(visitor, /满意率 \d+\.\d%（满意 \d+ 条 \/ 评价 \d+ 条）/)
    expect(await visitor.locator('.tp-chart canvas').count()).toBeGreaterThanOrEqual(3)
    await shot(visitor, 'transparency-community', { top: true })

    // 张大爷 rates it 2 stars (不满意) on the 金点子's page.
    const { context, page } = await signedInPhone(browser, await devToken('resident-zhang'), errors)
    await openFresh(page, `${baseUrl}/#/packages/suggestions/pages/detail/index?id=${target!.id}`)
    await see(page, '事情办好了吗？请打分')
    await page.locator('.stars__star').filter({ visible: true }).nth(1).click()
    await see(page, '不满意')
    await tap(page, '提交评价')
    await see(page, '您的评价：★★（不满意）')
    await context.close()

    // Within the stated freshness the page may still show what it computed before.
    await openFresh(visitor, `${baseUrl}${communityPage}`)
    expect(await satisfactionTile(visitor)).toEqual(before)

    // The scheduled job (what the cron runs every 5 minutes) recomputes the figures; the local
    // server runs it on demand in development (POST /api/dev/housekeeping).
    const run = await http(`${baseUrl}/api/dev/housekeeping`, { method: 'POST' })
    expect(run.status).toBe(200)
    await run.arrayBuffer()
    let after = before
    for (let i = 0; i < 20 && after.denominator === before.denominator; i++) {
      await visitor.waitForTimeout(500)
      await openFresh(visitor, `${baseUrl}${communityPage}`)
      after = await satisfactionTile(visitor)
    }
    // One more rating, and not a satisfied one: the same numerator over one more.
    expect(after.denominator).toBe(before.denominator + 1)
    expect(after.numerator).toBe(before.numerator)
    expect(after.value).not.toBe(before.value)
    await visitor.context().close()
  })

  it('the street view ranks the communities, and the 居委会 sees its own rank', async () => {
    const visitor = await (await phone(browser)).newPage()
    await openFresh(visitor, `${baseUrl}${streetPage}`)
    await see(visitor, '青梧街道')
    await see(visitor, '槐树社区：')
    await see(visitor, '枫桥社区：')
    await visitor.context().close()

    const { context, page } = await signedInPhone(browser, await devToken('staff-zhao'), errors)
    await openFresh(page, `${baseUrl}${streetPage}`)
    await see(page, /槐树社区按满意率在 2 个社区中排第 [12] 名。/)
    await tap(page, '响应率')
    await see(page, /槐树社区按响应率在 2 个社区中排第 [12] 名。/)
    await shot(page, 'transparency-street', { top: true })
    await context.close()
  })

  it('the register shows what the 议事会 decided and where it stands; a resident follows one', async () => {
    const { context, page } = await signedInPhone(browser, await devToken('resident-li'), errors)
    await openFresh(page, `${baseUrl}${registerPage}`)
    await see(page, '槐树社区决议台账')
    await see(page, '后河沿步道夜间照明')
    const entry = page
      .locator('.tp-entry')
      .filter({ hasText: '后河沿步道夜间照明' })
      .filter({ visible: true })
      .first()
    await entry.getByText('已逾期', { exact: true }).waitFor()
    await entry.getByText('责任人：街道城管科', { exact: false }).waitFor()
    await entry.locator('.btn').filter({ hasText: '关注（0）' }).click()
    await entry.locator('.btn').filter({ hasText: '已关注（1）' }).waitFor({ timeout: 15_000 })
    await shot(page, 'transparency-register', { top: true })
    await context.close()
    const follows = sql<{ n: number }>(
      `SELECT COUNT(*) AS n FROM register_follows WHERE user_id = 'us-resident-li' AND entry_id = 'mi-hist-2'`,
    )
    expect(follows[0]!.n).toBe(1)
  })

  it('raised no script error in any page', () => {
    expect(errors).toEqual([])
  })
})
