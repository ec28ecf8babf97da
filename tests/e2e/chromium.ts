import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

// Debian's chromium, driven by playwright-core (never `npx playwright install`: no internet).
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH)
}

const INSTALL_HINT = 'Install it with `apt-get install -y chromium fonts-noto-cjk`.'

export const MISSING_CHROMIUM_MESSAGE = `[e2e] ${CHROMIUM_PATH} not found: browser tests skipped. ${INSTALL_HINT}`

export const MISSING_CHROMIUM_IN_CI = `[e2e] ${CHROMIUM_PATH} not found, and CI=true requires the browser tests. ${INSTALL_HINT}`

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}
