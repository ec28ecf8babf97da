import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DAY } from '../../worker/lib/time'
import { hasDatabase, sql } from './db'
import {
  api,
  assertAccessible,
  assertFits,
  devToken,
  journeyBrowser,
  type Json,
  see,
  signedInPhone,
  tap,
} from './helpers'

// The 往期 list of the 议事 tab on a street with years of meetings (issue 18): 20 cards come
// first, scrolling to the bottom brings the next 20, and so on to a quiet 没有更多了 — every past
// meeting once, in the API's order. Also with the keyboard (加载更多) and in 长辈模式.

const baseUrl = inject('baseUrl')
const COMMUNITY = 'cm-huaishu'
const OLD = 45

/** 45 meetings three years back, three at each start time (ties), every fifth cancelled. */
function insertOldMeetings() {
  const first = Date.parse('2023-03-01T19:00:00+08:00')
  const rows = Array.from({ length: OLD }, (_, i) => {
    const starts = first + Math.floor(i / 3) * 7 * DAY
    const id = `mt-e2e-old-${String((i * 7) % 100).padStart(2, '0')}`
    return `('${id}', '${COMMUNITY}', 'council', '往年议事会 第 ${i + 1} 次', '议事', ${starts}, ${starts + 7_200_000},
      NULL, NULL, '居委会会议室', 30, ${starts - 10 * DAY}, ${starts - 3_600_000}, 'residents', '${i % 5 === 4 ? 'cancelled' : 'published'}',
      '123456', 'us-committee-wu', ${starts - 10 * DAY}, ${starts - 11 * DAY}, ${starts - 10 * DAY})`
  })
  sql(`INSERT OR IGNORE INTO meetings (id, community_id, type, title, description, starts_at, ends_at, room_id, booking_id, address,
    capacity, signup_opens_at, signup_closes_at, audience, status, checkin_code, created_by, published_at, created_at, updated_at)
    VALUES ${rows.join(',')}`)
}

/** Every past meeting's card title (type and title, spaces left out), page by page through the API. */
async function pastTitles(token: string): Promise<string[]> {
  const titles: string[] = []
  let cursor: string | null = null
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
    const page: Json = await api(
      'GET',
      `/api/communities/${COMMUNITY}/meetings?when=past${query}`,
      token,
    )
    titles.push(
      ...(page.items as Json[]).map((m) => `${m.typeLabel}${m.title}`.replace(/\s+/g, '')),
    )
    cursor = page.nextCursor as string | null
  } while (cursor)
  return titles
}

const rows = (page: Page) => page.locator('.meeting-row').filter({ visible: true })
const rowTitles = (page: Page) =>
  rows(page).evaluateAll((els) =>
    els.map((e) => (e.querySelector('.list-item__title')?.textContent ?? '').replace(/\s+/g, '')),
  )

/**
 * Scrolls the tab to its bottom as a finger would: first a little (Taro calls onReachBottom again
 * only after a scroll away from the bottom — a page just added is that), then all the way.
 */
async function scrollToBottom(page: Page) {
  await page.mouse.move(187, 400)
  await page.mouse.wheel(0, 200)
  await page.waitForTimeout(200)
  await page.mouse.wheel(0, 30_000)
}

async function openPastList(page: Page) {
  await page.goto('about:blank')
  await page.goto(`${baseUrl}/#/pages/council/index`)
  await see(page, '议事会和三会制度')
  await tap(page, '往期')
  await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(20)
}

describe.skipIf(!baseUrl || !hasDatabase())('议事 tab: the 往期 list a page at a time', () => {
  let browser: Browser
  let token = ''
  let expected: string[] = []
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await journeyBrowser()
    insertOldMeetings()
    token = await devToken('resident-li')
    expected = await pastTitles(token)
  })
  afterAll(() => browser?.close())

  async function phone(elder = false): Promise<{ context: BrowserContext; page: Page }> {
    const opened = await signedInPhone(browser, token, pageErrors)
    if (elder)
      await opened.context.addInitScript(() => {
        if (location.protocol.startsWith('http'))
          localStorage.setItem(
            'linli.elder',
            JSON.stringify({
              data: JSON.stringify({ on: true, chosenHere: true, offered: true, unsynced: false }),
            }),
          )
      })
    return opened
  }

  it('scrolling to the bottom loads the next 20, to 没有更多了; every meeting once, in order', async () => {
    expect(expected.length).toBeGreaterThan(2 * 20)
    const { context, page } = await phone()
    await openPastList(page)
    expect(await onPage(page, '没有更多了')).toBe(false)

    await scrollToBottom(page)
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(40)
    while ((await rows(page).count()) < expected.length) {
      const before = await rows(page).count()
      await scrollToBottom(page)
      await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBeGreaterThan(before)
    }
    await see(page, '没有更多了')
    expect(await rowTitles(page)).toEqual(expected)
    expect(await onPage(page, '加载更多')).toBe(false)
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('the keyboard reaches 加载更多 and Enter loads the next page', async () => {
    const { context, page } = await phone()
    await openPastList(page)
    const more = page.locator('.btn').filter({ hasText: '加载更多' }).filter({ visible: true })
    await more.focus()
    expect(await more.evaluate((e) => e === document.activeElement)).toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(40)
    expect((await rowTitles(page)).slice(0, 40)).toEqual(expected.slice(0, 40))
    await context.close()
  })

  it('in 长辈模式 the list pages the same way and still fits the phone', async () => {
    const { context, page } = await phone(true)
    await openPastList(page)
    expect(await page.locator('html.elder').count()).toBe(1)
    await scrollToBottom(page)
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(40)
    // Two pages of cards, 加载更多 and the tabs: readable (axe-core) and nothing cut off or too wide.
    await assertAccessible(page)
    await assertFits(page)
    await context.close()
  })
})

const onPage = (page: Page, text: string) =>
  page
    .getByText(text, { exact: true })
    .filter({ visible: true })
    .count()
    .then((n) => n > 0)
