import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DAY, MINUTE, shanghaiDate, shanghaiMidnight } from '../../worker/lib/time'
import { sql } from './db'
import { api, devToken, journeyBrowser, type Json, phone, see, shot, signIn, tap } from './helpers'

// The 邻里中心 booking journey on the H5 build, in a phone-sized Chromium: a resident finds a
// free slot tomorrow and books it, a second resident sees it taken (without its purpose), a
// pending booking of an approval room is approved by the centre manager, and the resident checks
// in with the code shown at the room. Screenshots go to docs/screenshots/booking-*.png.
//
// Dates: 书画室 tomorrow (booking-race.e2e.test.ts uses 议事厅 and 书画室 two days ahead, so
// tomorrow never meets it); 多功能厅 three days ahead.

const baseUrl = inject('baseUrl')
const tomorrow = shanghaiDate(Date.now() + DAY)
const hallDay = shanghaiDate(Date.now() + 3 * DAY)
const at = (date: string, hhmm: string) =>
  shanghaiMidnight(date) + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * MINUTE
const ART_PURPOSE = '书法练习（e2e）'
const HALL_PURPOSE = '楼组议事会（e2e）'
const HALL_CODE = '318206'
const KITCHEN_PURPOSE = '长者食堂试做（e2e）'
const REJECT_REASON = '当天厨房设备检修，请改约其他日期'

/** The slot cell starting at "HH:MM" on the room page on screen. */
function slot(page: Page, hhmm: string) {
  return page
    .locator('.slot')
    .filter({ visible: true })
    .filter({ has: page.getByText(hhmm, { exact: true }) })
    .first()
}

async function signedInPage(context: BrowserContext, demoUser: string): Promise<Page> {
  await signIn(context, await devToken(demoUser))
  return context.newPage()
}

describe.skipIf(!baseUrl)('邻里中心 booking journey in the H5 mini-program', () => {
  let browser: Browser
  const pageErrors: string[] = []

  beforeAll(async () => (browser = await journeyBrowser()))
  afterAll(() => browser?.close())

  it('a resident finds a free room for tomorrow 09:00–10:00 and books it', async () => {
    const context = await phone(browser)
    const page = await signedInPage(context, 'resident-wang')
    page.on('pageerror', (e) => pageErrors.push(e.message))

    await page.goto(`${baseUrl}/#/pages/booking/index`)
    await see(page, '青梧邻里中心')
    await see(page, '多功能厅')
    // The room cards carry the rules a resident must know before choosing.
    await see(page, '需审批', true)
    await see(page, '团队专用', true)
    await see(page, '工作人员专用', true)

    // 这个时间，哪间都行: tomorrow, 09:00–10:00 (the default), 6 people.
    await tap(page, '明天')
    await tap(page, '哪间都行')
    await page
      .locator('.card')
      .filter({ hasText: '这个时间，哪间都行' })
      .locator('input')
      .filter({ visible: true })
      .fill('6')
    await tap(page, '查找空闲房间')
    await see(page, '09:00–10:00 有')
    const artRow = page
      .locator('.any-room__result .list-item')
      .filter({ hasText: '书画室' })
      .filter({ visible: true })
    await artRow.waitFor({ state: 'visible' })
    // Rooms for staff only are never offered to a resident as free.
    expect(
      await page.locator('.any-room__result .list-item').filter({ hasText: '儿童托管室' }).count(),
    ).toBe(0)
    await artRow.getByText('预约', { exact: true }).click()

    // The room page opens with the time carried over and chosen.
    await see(page, '明天')
    await see(page, /已选 明天 .* 09:00–10:00/)
    await expect.poll(() => slot(page, '09:00').getAttribute('class')).toContain('slot--selected')
    await expect.poll(() => slot(page, '09:30').getAttribute('class')).toContain('slot--selected')
    await tap(page, '预约 1 小时')

    // The booking sheet: purpose and headcount (≤ capacity is checked before sending).
    await see(page, '预约书画室')
    await page.locator('.sheet textarea').fill(ART_PURPOSE)
    await page.locator('.sheet input').fill('25')
    await tap(page, '确认预约')
    await see(page, '这个房间最多容纳 20 人')
    await page.locator('.sheet input').fill('6')
    await tap(page, '确认预约')
    await see(page, '预约成功')
    await see(page, /明天 .* 09:00–10:00/)
    await tap(page, '完成')

    // The grid now shows the slots as mine.
    await expect.poll(() => slot(page, '09:00').textContent()).toContain('我的预约')
    await expect.poll(() => slot(page, '09:30').textContent()).toContain('我的预约')
    await shot(page, 'booking-day', { top: true })

    const { items } = await api('GET', '/api/me/bookings', await devToken('resident-wang'))
    const art = items.find((b: Json) => b.room.id === 'rm-art' && b.purpose === ART_PURPOSE)
    expect(art).toMatchObject({
      status: 'confirmed',
      startsAt: at(tomorrow, '09:00'),
      endsAt: at(tomorrow, '10:00'),
      headcount: 6,
    })

    // Back on the tab: the booking is on top, under 我的预约.
    await page.goto(`${baseUrl}/#/pages/booking/index`)
    await page.reload()
    await see(page, '我的预约')
    const mine = page.locator('.card').filter({ hasText: '我的预约' }).filter({ visible: true })
    await expect.poll(() => mine.textContent()).toContain('书画室')
    await shot(page, 'booking-rooms')

    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('a second resident sees the slot taken, without its purpose', async () => {
    const context = await phone(browser)
    const page = await signedInPage(context, 'resident-li')
    page.on('pageerror', (e) => pageErrors.push(e.message))

    await page.goto(`${baseUrl}/#/pages/booking/index`)
    await see(page, '书画室')
    await tap(page, '明天')
    await page.locator('.room-card').filter({ hasText: '书画室' }).filter({ visible: true }).click()
    await see(page, /明天 .* 周/)
    await expect.poll(() => slot(page, '09:00').textContent()).toContain('已预约')
    await expect.poll(() => slot(page, '09:30').textContent()).toContain('已预约')
    expect(await slot(page, '10:00').textContent()).toContain('可预约')
    expect(await page.locator('body').textContent()).not.toContain(ART_PURPOSE)

    await shot(page, 'booking-day-taken', { top: true })

    // A taken slot cannot be chosen.
    await slot(page, '09:00').click()
    await see(page, '这个时段已被预约')
    expect(await page.locator('.book-bar').filter({ visible: true }).count()).toBe(0)

    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('a resident requests the approval room and the centre manager approves it', async () => {
    const resident = await phone(browser)
    const page = await signedInPage(resident, 'resident-wang')
    page.on('pageerror', (e) => pageErrors.push(e.message))

    await page.goto(
      `${baseUrl}/#/packages/bookings/pages/room/index?id=rm-hall&centre=ct-qingwu&date=${hallDay}`,
    )
    await see(page, '需要邻里中心审批')
    // Tap a start, then an end slot: 14:00–16:00.
    await slot(page, '14:00').click()
    await slot(page, '15:30').click()
    await see(page, /已选 .* 14:00–16:00/)
    await tap(page, '预约 2 小时')
    await page.locator('.sheet textarea').fill(HALL_PURPOSE)
    await page.locator('.sheet input').fill('30')
    await tap(page, '提交预约申请')
    await see(page, '已提交，等待审批')
    await tap(page, '完成')
    await expect.poll(() => slot(page, '14:00').textContent()).toContain('待审批')
    await resident.close()
    // A second request, for the kitchen, which the manager will turn down.
    await api('POST', '/api/bookings', await devToken('resident-wang'), {
      roomId: 'rm-kitchen',
      startsAt: at(hallDay, '09:00'),
      endsAt: at(hallDay, '11:00'),
      purpose: KITCHEN_PURPOSE,
      headcount: 8,
    })

    const manager = await phone(browser)
    const qian = await signedInPage(manager, 'centre-qian')
    qian.on('pageerror', (e) => pageErrors.push(e.message))
    await qian.goto(`${baseUrl}/#/pages/booking/index`)
    await see(qian, '邻里中心管理')
    await tap(qian, /^去审批/)
    const item = qian
      .locator('.pending-item')
      .filter({ hasText: HALL_PURPOSE })
      .filter({ visible: true })
    await item.waitFor({ state: 'visible', timeout: 15_000 })
    expect(await item.textContent()).toContain('王阿姨')
    expect(await item.textContent()).toContain('14:00–16:00')
    await shot(qian, 'booking-manager')

    // Rejecting needs a reason, which the resident will read.
    const kitchen = qian
      .locator('.pending-item')
      .filter({ hasText: KITCHEN_PURPOSE })
      .filter({ visible: true })
    await kitchen.getByText('驳回', { exact: true }).click()
    await see(qian, '驳回理由（必填')
    // Without a reason the button is disabled, and says so to a screen reader (nothing is sent).
    await expect
      .poll(() => kitchen.getByText('确认驳回', { exact: true }).getAttribute('aria-disabled'))
      .toBe('true')
    expect(await kitchen.count()).toBe(1)
    await kitchen.locator('textarea').fill(REJECT_REASON)
    await kitchen.getByText('确认驳回', { exact: true }).click()
    await expect.poll(() => kitchen.count()).toBe(0)

    await item.getByText('批准', { exact: true }).click()
    await qian.locator('.taro-model__confirm').filter({ visible: true }).click()
    await see(qian, '没有待审批的预约')

    // The week calendar shows the booking; its day lists who booked and why.
    await tap(qian, '周')
    await see(qian, '多功能厅')
    const row = qian
      .locator('.week-grid__row')
      .filter({ hasText: '多功能厅' })
      .filter({ visible: true })
    let hallCell = row.locator(`[aria-label*="${hallDay}"]`)
    if ((await hallCell.count()) === 0) {
      // The booking is in next week's calendar.
      await tap(qian, '下周 ›')
      hallCell = row.locator(`[aria-label*="${hallDay}"]`)
    }
    await expect.poll(() => hallCell.textContent()).toBe('1')
    await shot(qian, 'booking-manager-week')
    await hallCell.click()
    const agenda = qian
      .locator('.agenda-room')
      .filter({ hasText: '多功能厅' })
      .filter({ visible: true })
    await expect.poll(() => agenda.textContent()).toContain(HALL_PURPOSE)
    expect(await agenda.textContent()).toContain('王阿姨')
    expect(await agenda.textContent()).toContain('已预约')
    await manager.close()

    const { items } = await api('GET', '/api/me/bookings', await devToken('resident-wang'))
    expect(items.find((b: Json) => b.purpose === HALL_PURPOSE)).toMatchObject({
      status: 'confirmed',
      startsAt: at(hallDay, '14:00'),
    })
    expect(pageErrors).toEqual([])
  })

  it('a group leader books weekly, skipping conflicts, and sees which dates were booked and why others were not', async () => {
    const danceDay = shanghaiDate(Date.now() + 5 * DAY)
    const nextWeek = shanghaiDate(Date.now() + 12 * DAY)
    const token = await devToken('resident-li')
    // The second week is already taken; the third lies beyond the 14-day horizon.
    await api('POST', '/api/bookings', token, {
      roomId: 'rm-dance',
      startsAt: at(nextWeek, '19:00'),
      endsAt: at(nextWeek, '20:00'),
      purpose: '加练',
      headcount: 10,
      groupId: 'gp-dance',
    })

    const context = await phone(browser)
    const page = await signedInPage(context, 'resident-li')
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await page.goto(
      `${baseUrl}/#/packages/bookings/pages/room/index?id=rm-dance&centre=ct-qingwu&date=${danceDay}`,
    )
    await see(page, '团队专用')
    await slot(page, '19:00').click()
    await slot(page, '20:00').click()
    await tap(page, '预约 1.5 小时')
    await see(page, '为团队预约：槐树广场舞队')
    await page.locator('.sheet textarea').fill('广场舞排练（e2e）')
    await page.locator('.sheet input').fill('20')
    await page.locator('.sheet .stepper__btn').last().click()
    await page.locator('.sheet .stepper__btn').last().click()
    await see(page, '每周同一时间，共 3 次')
    await see(page, '只有前 2 周可以预约')
    await tap(page, '跳过冲突日期')
    await see(page, '其中 2 次目前不空闲')
    await tap(page, '确认预约 3 次')

    await see(page, '已预约 1 次，2 次未预约')
    const result = page.locator('.booking-result').filter({ visible: true })
    const text = (await result.textContent()) ?? ''
    expect(text).toContain('19:00–20:30')
    expect(text).toContain('该时段已被预约')
    expect(text).toContain('只能预约 14 天以内的时段')
    await shot(page, 'booking-repeat')

    const { items } = await api('GET', '/api/me/bookings', token)
    const series = items.filter((b: Json) => b.purpose === '广场舞排练（e2e）')
    expect(series).toHaveLength(1)
    expect(series[0]).toMatchObject({
      startsAt: at(danceDay, '19:00'),
      endsAt: at(danceDay, '20:30'),
      group: { id: 'gp-dance' },
    })
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('the resident checks in with the code shown at the room', async () => {
    const token = await devToken('resident-wang')
    const { items } = await api('GET', '/api/me/bookings', token)
    const hall = items.find((b: Json) => b.purpose === HALL_PURPOSE)
    expect(hall).toBeTruthy()
    // Check-in opens 15 minutes before the start: move this booking to start in 5 minutes.
    const startsAt = Date.now() + 5 * MINUTE
    sql(
      `UPDATE bookings SET starts_at = ${startsAt}, ends_at = ${startsAt + 2 * 60 * MINUTE} WHERE id = '${hall.id}'`,
    )

    const context = await phone(browser)
    const page = await signedInPage(context, 'resident-wang')
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await page.goto(`${baseUrl}/#/pages/booking/index`)
    await see(page, '现在可以签到')
    await see(page, '有 1 条预约未获批准或被邻里中心取消')
    await tap(page, '全部 ›')
    await see(page, '即将开始')
    // The rejected request is shown apart, with the manager's reason.
    const rejected = page
      .locator('.my-booking')
      .filter({ hasText: KITCHEN_PURPOSE })
      .filter({ visible: true })
    await expect.poll(() => rejected.textContent()).toContain(`未获批准：${REJECT_REASON}`)
    const item = page
      .locator('.my-booking')
      .filter({ hasText: HALL_PURPOSE })
      .filter({ visible: true })
    await item.waitFor({ state: 'visible', timeout: 15_000 })
    await item.getByText('签到', { exact: true }).click()
    await see(page, '输入多功能厅门口的签到码')

    // A wrong code is refused with the API's words; the right one checks in.
    await item.locator('.input--code input').fill('000000')
    await item.getByText('确认签到', { exact: true }).click()
    await see(page, '签到码不正确')
    await item.locator('.input--code input').fill(HALL_CODE)
    await item.getByText('确认签到', { exact: true }).click()
    await expect.poll(() => item.textContent()).toContain('已签到')

    // The cancel warning states the cutoff rule.
    const art = page
      .locator('.my-booking')
      .filter({ hasText: ART_PURPOSE })
      .filter({ visible: true })
    await art.getByText('取消预约', { exact: true }).click()
    await see(page, '以内取消会计为未签到')
    await page.locator('.taro-model__cancel').filter({ visible: true }).click()
    await expect.poll(() => art.textContent()).toContain('已预约')

    await shot(page, 'booking-mine', { top: true })

    const after = await api('GET', '/api/me/bookings', token)
    expect(after.items.find((b: Json) => b.id === hall.id)).toMatchObject({ status: 'checked_in' })

    // A door sign printed before 我的预约 moved to packages/bookings still works: its QR address
    // opens the page at its new address, with the code kept.
    await page.goto(`${baseUrl}/#/packages/booking/pages/mine/index?code=${HALL_CODE}`)
    await page.waitForURL(new RegExp(`packages/bookings/pages/mine/index\\?.*code=${HALL_CODE}`), {
      timeout: 15_000,
    })
    await see(page, '即将开始')
    expect(pageErrors).toEqual([])
    await context.close()
  })
})
