import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DAY, isoWeekday, MINUTE, shanghaiDate, shanghaiMidnight } from '../../worker/lib/time'
import {
  api,
  confirmModal,
  devToken,
  journeyBrowser,
  type Json,
  see,
  shot,
  signedInPhone,
  tap,
} from './helpers'

// The 邻里中心 manager's screens on the H5 build: a new room with its rules (and a rule edited,
// a photo, the printed door sign), a 公益活动 blackout over a resident's booking (listed first,
// cancelled on confirmation, the resident told why and shown the reason on the day grid), groups,
// policy and utilisation. Screenshots go to docs/screenshots/booking-*.png.
//
// Everything happens in a room this file creates, so the other booking journeys never meet it.

const baseUrl = inject('baseUrl')
const CENTRE = 'ct-qingwu'
const ROOM = '茶话室（e2e）'
const REASON = '社区义诊（e2e）'
const tomorrow = shanghaiDate(Date.now() + DAY)
/** The weekday closed by the rule edit: three days ahead, never tomorrow (booked below). */
const closedDay = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'][
  isoWeekday(shanghaiDate(Date.now() + 3 * DAY)) - 1
]!
const closedKey = String(isoWeekday(shanghaiDate(Date.now() + 3 * DAY)))
const at = (date: string, hhmm: string) =>
  shanghaiMidnight(date) + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * MINUTE
/** A 48×32 brick-coloured PNG. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAAN0lEQVR4nO3OQQ0AMAgEMDShBJ1TORccjyYV0HrTp1R8ICQkJJQeCAkJCaUHQkJCQumBkJDQsg8eUQhqmE67fQAAAABJRU5ErkJggg==',
  'base64',
)

async function signedInPage(browser: Browser, demoUser: string) {
  return signedInPhone(browser, await devToken(demoUser))
}

/** The <input> of the form field labelled `label`. */
function field(page: Page, label: string) {
  return page
    .locator('.field')
    .filter({ visible: true })
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('input')
    .first()
}

async function roomId(): Promise<string> {
  const { items } = await api('GET', `/api/centres/${CENTRE}/rooms`)
  const room = items.find((r: Json) => r.name === ROOM)
  if (!room) throw new Error(`${ROOM} not found`)
  return room.id as string
}

describe.skipIf(!baseUrl)('邻里中心 manager screens in the H5 mini-program', () => {
  let browser: Browser
  const pageErrors: string[] = []

  beforeAll(async () => (browser = await journeyBrowser()))
  afterAll(() => browser?.close())

  it('a manager creates a room with its rules, edits a rule, adds a photo and prints the door sign', async () => {
    const { context, page } = await signedInPage(browser, 'centre-qian')
    page.on('pageerror', (e) => pageErrors.push(e.message))

    // From the 预约 tab, the manager's card (a resident never sees it: /me/managed-centres is empty for them).
    await page.goto(`${baseUrl}/#/pages/booking/index`)
    await see(page, '邻里中心管理')
    await page
      .locator('.card')
      .filter({ hasText: '邻里中心管理' })
      .filter({ visible: true })
      .locator('.btn')
      .click()
    await see(page, '待审批')
    await tap(page, '管理')
    await see(page, '房间与规则')
    await shot(page, 'booking-manage-links', { top: true })
    await tap(page, '房间与规则')
    await see(page, '新增房间')
    await see(page, '多功能厅')
    await tap(page, '新增房间')

    // A new room: name, capacity, facilities; the usual hours and rules are filled in.
    await see(page, '开放时间')
    await field(page, '房间名称').fill(ROOM)
    await field(page, '容纳人数').fill('0')
    await field(page, '设施').fill('茶具、沙发')
    await tap(page, '创建房间')
    await see(page, '容纳人数应为 1–500 的整数')
    await field(page, '容纳人数').fill('10')
    await tap(page, '创建房间')
    await see(page, '添加照片（0/6）')
    const created = (await api('GET', `/api/centres/${CENTRE}/rooms`)).items.find(
      (r: Json) => r.name === ROOM,
    )
    expect(created).toMatchObject({
      capacity: 10,
      facilities: ['茶具', '沙发'],
      needsApproval: false,
      slotMinutes: 30,
      maxSlots: 8,
    })

    // Edit rules: approval needed, at most 2 hours, one weekday closed.
    await tap(page, '需要管理员审批')
    await field(page, '最长预约（分钟）').fill('120')
    const day = page.locator('.hours-editor__day').filter({ hasText: closedDay })
    while ((await day.locator('.hours-editor__remove').count()) > 0)
      await day.locator('.hours-editor__remove').first().click()
    await expect.poll(() => day.textContent()).toContain('不开放')
    await tap(page, '保存')
    const manager = await devToken('centre-qian')
    await expect
      .poll(async () => (await api('GET', `/api/rooms/${created.id}/rules`, manager)).rules)
      .toMatchObject({ needsApproval: true, maxSlots: 4 })
    expect(
      (await api('GET', `/api/rooms/${created.id}/rules`, manager)).rules.openingHours[closedKey],
    ).toEqual([])

    // A photo, shown to residents on the room.
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      tap(page, '添加照片（0/6）'),
    ])
    await chooser.setFiles({ name: 'room.png', mimeType: 'image/png', buffer: PHOTO })
    await see(page, '添加照片（1/6）')
    expect(
      (await api('GET', `/api/rooms/${created.id}/day?date=${tomorrow}`)).room.photos,
    ).toHaveLength(1)
    await shot(page, 'booking-room-edit', { top: true })

    // The door sign: code in large digits and as a QR code.
    await page.goBack()
    const card = page.locator('.manage-room').filter({ hasText: ROOM }).filter({ visible: true })
    await expect.poll(() => card.textContent()).toContain('需审批')
    await card.getByText('打印门牌', { exact: true }).click()
    await see(page, '签到码')
    const code = (await api('GET', `/api/rooms/${created.id}/rules`, manager)).rules
      .checkinCode as string
    await see(page, code.replace(/(\d{3})(?=\d)/g, '$1 '))
    expect(await page.locator('.door-sign .qr-code').count()).toBe(1)
    await see(page, '打印门牌')
    await shot(page, 'booking-door-sign', { top: true })

    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('a 公益活动 blackout over a booking lists it, cancels it on confirmation, and the resident is told why', async () => {
    const room = await roomId()
    const zhang = await devToken('resident-zhang')
    const booked = await api('POST', '/api/bookings', zhang, {
      roomId: room,
      startsAt: at(tomorrow, '09:00'),
      endsAt: at(tomorrow, '10:00'),
      purpose: '读书会（e2e）',
      headcount: 5,
    })
    const bookingId = booked.booked[0].id as string

    const { context, page } = await signedInPage(browser, 'centre-qian')
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await page.goto(`${baseUrl}/#/packages/bookings/pages/blackouts/index?centre=${CENTRE}`)
    await see(page, '新增暂停开放')
    // Defaults: 公益活动, tomorrow 09:00–12:00; choose the room and give the reason.
    await page.locator('.chip').filter({ visible: true }).getByText(ROOM, { exact: true }).click()
    await page.locator('taro-textarea-core textarea').filter({ visible: true }).first().fill(REASON)
    await page
      .locator('.btn')
      .filter({ visible: true })
      .filter({ hasText: /^暂停开放$/ })
      .click()
    await see(page, '这段时间有 1 条预约')
    await see(page, '读书会（e2e）')
    expect(
      (await api('GET', '/api/me/bookings', zhang)).items.find((b: Json) => b.id === bookingId)
        .status,
    ).toBe('pending')
    await shot(page, 'booking-blackout-preview')
    await tap(page, '确认暂停并取消 1 条预约')
    await see(page, `公益活动：${REASON}`)

    const after = (await api('GET', '/api/me/bookings', zhang)).items.find(
      (b: Json) => b.id === bookingId,
    )
    expect(after).toMatchObject({
      status: 'cancelled',
      cancelReason: `邻里中心暂停开放：公益活动：${REASON}`,
    })
    const inbox = await api('GET', '/api/me/inbox', zhang)
    expect(JSON.stringify(inbox)).toContain(`公益活动：${REASON}`)
    await shot(page, 'booking-blackouts', { top: true })
    await context.close()

    // The resident sees the reason on the day grid and in 我的预约.
    const resident = await signedInPage(browser, 'resident-zhang')
    resident.page.on('pageerror', (e) => pageErrors.push(e.message))
    await resident.page.goto(
      `${baseUrl}/#/packages/bookings/pages/room/index?id=${room}&date=${tomorrow}&centre=${CENTRE}`,
    )
    await see(resident.page, `暂停开放：公益活动：${REASON}`)
    await shot(resident.page, 'booking-day-blackout', { top: true })
    await resident.page.goto(`${baseUrl}/#/packages/bookings/pages/mine/index`)
    await see(resident.page, `取消原因：邻里中心暂停开放：公益活动：${REASON}`)

    expect(pageErrors).toEqual([])
    await resident.context.close()
  })

  it('a manager sees utilisation per room and per weekday-hour, groups and the no-show policy', async () => {
    const { context, page } = await signedInPage(browser, 'centre-qian')
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await page.goto(`${baseUrl}/#/packages/bookings/pages/utilisation/index?centre=${CENTRE}`)
    await see(page, '各房间')
    await see(page, '书画室')
    await see(page, '按星期和时段（全部房间的预约比例）')
    expect(await page.locator('.heatmap__cell').filter({ visible: true }).count()).toBeGreaterThan(
      7 * 10,
    )
    await tap(page, '未来 7 天')
    await see(page, ROOM)
    await shot(page, 'booking-utilisation', { top: true })

    await page.goto(`${baseUrl}/#/packages/bookings/pages/groups/index?centre=${CENTRE}`)
    await see(page, '槐树广场舞队')
    await tap(page, '管理成员')
    await see(page, '王阿姨')
    await shot(page, 'booking-groups', { top: true })

    await page.goto(`${baseUrl}/#/packages/bookings/pages/policy/index?centre=${CENTRE}`)
    await see(page, '每位居民每周最多')
    await see(page, '近 60 天的未签到')
    await shot(page, 'booking-policy', { top: true })

    // A resident opening a manager page is told plainly.
    const resident = await signedInPage(browser, 'resident-wang')
    await resident.page.goto(`${baseUrl}/#/packages/bookings/pages/policy/index?centre=${CENTRE}`)
    await see(resident.page, '只有这个邻里中心的管理员可以使用这个页面。')
    await resident.context.close()

    expect(pageErrors).toEqual([])
    await context.close()
  })
  it('an admin appoints a 邻里中心管理员 on the roles page (a centre, then a person), who then finds the manager card; the admin revokes her', async () => {
    // Being an admin of a community the centre serves does not make 赵书记 its manager (decision 020).
    const zhao = await devToken('staff-zhao')
    expect((await api('GET', '/api/me/managed-centres', zhao)).items).toEqual([])
    const wang = await devToken('resident-wang')
    expect((await api('GET', '/api/me/managed-centres', wang)).items).toEqual([])

    const { context, page } = await signedInPage(browser, 'staff-zhao')
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await page.goto(`${baseUrl}/#/packages/staff/pages/roles/index`)
    const card = page
      .locator('.card')
      .filter({ hasText: '任命为邻里中心管理员' })
      .filter({ visible: true })
    await card.getByText('钱经理', { exact: true }).waitFor({ state: 'visible', timeout: 15_000 })
    await card.locator('.choice').filter({ hasText: '王秀英（王阿姨）' }).first().click()
    await card.locator('.btn').filter({ hasText: '任命为邻里中心管理员' }).click()
    await expect
      .poll(async () =>
        (await api('GET', '/api/me/managed-centres', wang)).items.map((c: Json) => c.id),
      )
      .toEqual([CENTRE])
    await card.getByText('王阿姨', { exact: true }).waitFor({ state: 'visible', timeout: 15_000 })
    await shot(page, 'staff-centre-managers', {
      centre: card.getByText('钱经理', { exact: true }),
    })

    // She finds the manager card on the 预约 tab, though nothing about her home changed.
    const resident = await signedInPage(browser, 'resident-wang')
    resident.page.on('pageerror', (e) => pageErrors.push(e.message))
    await resident.page.goto(`${baseUrl}/#/pages/booking/index`)
    await see(resident.page, '邻里中心管理')

    // Revoked: the manager card is gone on her next visit, the grant stays listed as former.
    await card
      .locator('.list-item')
      .filter({ hasText: '王阿姨' })
      .locator('.btn')
      .filter({ hasText: '撤销' })
      .click()
    await confirmModal(page, '撤销')
    await expect
      .poll(async () => (await api('GET', '/api/me/managed-centres', wang)).items)
      .toEqual([])
    await see(page, '以前的管理员')
    await card.locator('.btn').filter({ hasText: '重新任命' }).first().waitFor({ state: 'visible' })

    expect(pageErrors).toEqual([])
    await resident.context.close()
    await context.close()
  })
})
