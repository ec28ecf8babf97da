import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { inject } from 'vitest'
import { http } from '../http-client'

// Shared by the browser journeys: calls to the e2e server's API (to set up what a journey
// needs) and the three ways a journey reads and taps the phone-sized page.

const baseUrl = inject('baseUrl')

export type Json = Record<string, any>

/** Where the journeys save their screenshots (committed, linked from the docs). */
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots')

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
}
