import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { inject } from 'vitest'
import { http } from '../http-client'
import { axeViolations, describeViolations, FAILING_IMPACTS } from './axe'
import { launchChromium } from './chromium'

// Shared by the browser journeys: calls to the e2e server's API (to set up what a journey
// needs) and the three ways a journey reads and taps the phone-sized page.

const baseUrl = inject('baseUrl')

export type Json = Record<string, any>

/** Where the journeys save their screenshots (committed, linked from the docs; the runs on the Node server keep theirs apart: E2E_SCREENSHOTS). */
export const SCREENSHOTS =
  process.env.E2E_SCREENSHOTS ?? path.resolve(import.meta.dirname, '../../docs/screenshots')

/** A phone-sized browser context: 375×812 at 2×, Chinese locale. */
export function phone(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
  })
}

/** One API call to the e2e server; throws with the status and body when it fails. */
export async function api(
  method: string,
  route: string,
  token?: string,
  body?: unknown,
): Promise<Json> {
  const response = await http(`${baseUrl}${route}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  const json = (await response.json()) as Json
  if (!response.ok)
    throw new Error(`${method} ${route} → ${response.status} ${JSON.stringify(json)}`)
  return json
}

/** A session token through the dev login: a demo user's key, or any openid. */
export async function devToken(
  login: string | { demoUser: string } | { openid: string },
): Promise<string> {
  return (
    await api(
      'POST',
      '/api/auth/dev',
      undefined,
      typeof login === 'string' ? { demoUser: login } : login,
    )
  ).token as string
}

/** The first visible element with this text. */
export function onScreen(page: Page, text: string | RegExp, exact = true) {
  return page.getByText(text, { exact }).filter({ visible: true }).first()
}

export async function tap(page: Page, text: string | RegExp, exact = true) {
  await onScreen(page, text, exact).click()
}

export async function see(page: Page, text: string | RegExp, exact = false) {
  await onScreen(page, text, exact).waitFor({ state: 'visible', timeout: 15_000 })
  await checkEachPageOnce(page)
}

/**
 * Fails on any serious or critical WCAG 2.1 A/AA violation axe-core finds on what the page shows
 * now, listing each rule and the elements that break it (issue 15).
 */
export async function assertAccessible(page: Page, where = page.url()): Promise<void> {
  const failing = (await axeViolations(page)).filter((v) => FAILING_IMPACTS.has(v.impact ?? ''))
  if (failing.length > 0)
    throw new Error(`axe-core: ${where} breaks WCAG 2.1 A/AA:\n${describeViolations(failing)}`)
}

/**
 * In 长辈模式, the page must still fit the phone (issue 15): nothing wider than the screen outside
 * a strip meant to scroll sideways, and no text cut off by a box too small for it.
 */
export async function assertFits(page: Page, where = page.url()): Promise<void> {
  const problems = await page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const shown = document.querySelector('.taro_page_show') ?? document.body
    const scrollsSideways = (el: Element | null): boolean => {
      for (let e = el; e && e !== shown; e = e.parentElement) {
        const x = getComputedStyle(e).overflowX
        if (x === 'auto' || x === 'scroll') return true
      }
      return false
    }
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} “${(el.textContent ?? '').trim().slice(0, 24)}”`
    const found: string[] = []
    for (const el of shown.querySelectorAll('*')) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 || box.height === 0 || scrollsSideways(el.parentElement)) continue
      if (box.right > width + 1 || box.left < -1)
        found.push(
          `wider than the screen (${Math.round(box.left)}–${Math.round(box.right)} of ${width}): ${name(el)}`,
        )
      const style = getComputedStyle(el)
      const clips = [style.overflowX, style.overflowY].some((o) => o === 'hidden' || o === 'clip')
      const ownText = [...el.childNodes].some(
        (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
      )
      if (
        clips &&
        ownText &&
        (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
      )
        found.push(`text cut off: ${name(el)}`)
    }
    return found
  })
  if (problems.length > 0)
    throw new Error(
      `长辈模式: ${where} does not fit the phone:\n  ${problems.slice(0, 12).join('\n  ')}`,
    )
}

/** The addresses already checked in each browser page (a journey sees one page many times). */
const checkedAddresses = new WeakMap<Page, Set<string>>()

/**
 * Every page a journey visits is checked once, the first time the journey waits for something on
 * it (see() and confirmModal() call this), so no journey has to remember to.
 */
async function checkEachPageOnce(page: Page, what = '') {
  const address = `${what}${page.url()}`
  const checked = checkedAddresses.get(page) ?? new Set<string>()
  checkedAddresses.set(page, checked)
  if (checked.has(address)) return
  checked.add(address)
  await assertAccessible(page, address)
  if (await page.evaluate(() => document.documentElement.classList.contains('elder')))
    await assertFits(page, address)
}

/** The Chromium of one journey file (its screenshot folder made first). */
export async function journeyBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  return launchChromium()
}

/**
 * Signs the app in before its first script runs, with the token it keeps in localStorage.
 * Skipped in about:blank (see openFresh), which has no storage.
 */
export async function signIn(context: BrowserContext, token: string): Promise<void> {
  await context.addInitScript((t) => {
    if (location.protocol.startsWith('http'))
      localStorage.setItem('linli.token', JSON.stringify({ data: t }))
  }, token)
}

/** A phone-sized page signed in with this session token; its script errors go to `errors`. */
export async function signedInPhone(
  browser: Browser,
  token: string,
  errors?: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phone(browser)
  await signIn(context, token)
  const page = await context.newPage()
  if (errors) page.on('pageerror', (e) => errors.push(e.message))
  return { context, page }
}

/** Opens an address as a fresh load (a hash change alone would not re-run the page). */
export async function openFresh(page: Page, url: string) {
  await page.goto('about:blank')
  await page.goto(url)
}

/** Taps the visible button with this label. */
export async function press(page: Page, label: string | RegExp) {
  await page.locator('.btn').filter({ hasText: label }).filter({ visible: true }).first().click()
}

/** Taps a button of the open confirm dialog. */
export async function confirmModal(page: Page, label: string) {
  const button = page
    .locator('.taro-modal__foot')
    .filter({ visible: true })
    .getByText(label, { exact: true })
  await button.waitFor({ state: 'visible', timeout: 15_000 })
  // Checked once it has faded in: half-transparent, every colour would read as too faint.
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>('.taro__modal')].some(
      (m) => m.style.display !== 'none' && getComputedStyle(m).opacity === '1',
    ),
  )
  await checkEachPageOnce(page, '确认框 ')
  await button.click()
}

/** Scrolls the window and every scrolled element (Taro's page and scroll views) to the top. */
export async function scrollAllToTop(page: Page) {
  await page.evaluate(() => {
    window.scrollTo(0, 0)
    document.querySelectorAll('*').forEach((e) => {
      if (e.scrollTop > 0) e.scrollTop = 0
    })
  })
}

/**
 * Saves docs/screenshots/<name>.png once toasts and modals have faded (so the picture shows the
 * page, not a transition): from the top of the page, centred on an element, or as it stands.
 */
export async function shot(
  page: Page,
  name: string,
  { top = false, centre }: { top?: boolean; centre?: Locator } = {},
) {
  await page.waitForTimeout(2200)
  // Through the prototype: Taro's <ScrollView> element shadows scrollIntoView with its own prop.
  if (centre)
    await centre.evaluate((e) => Element.prototype.scrollIntoView.call(e, { block: 'center' }))
  else if (top) await scrollAllToTop(page)
  if (centre || top) await page.waitForTimeout(300)
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) })
}
