// Draws the tab-bar icons (81×81 PNG, as WeChat recommends) from inline SVG with the system
// Chromium. Run once after changing a shape or colour: node miniapp/scripts/draw-tab-icons.mjs
// The icons ship in the main package, which WeChat caps: each is one colour over transparency,
// so a 16-entry palette PNG looks the same as Chromium's RGBA at a third of the bytes.
import { chromium } from 'playwright-core'
import console from 'node:console'
import { writeFile } from 'node:fs/promises'
import sharp from 'sharp'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tab')
const COLORS = { '': '#5C5149', '-active': '#A3421C' }

// 48×48 line drawings, stroke 3.4, round joins.
const SHAPES = {
  home: '<path d="M7 22 24 8l17 14"/><path d="M12 19v20h24V19"/><path d="M20 39V28h8v11"/>',
  ideas:
    '<path d="M24 6c-7.2 0-13 5.6-13 12.6 0 4.4 2.3 7.6 5 10 1.6 1.4 2.5 3.1 2.5 5.1V36h11v-2.3c0-2 .9-3.7 2.5-5.1 2.7-2.4 5-5.6 5-10C37 11.6 31.2 6 24 6Z"/><path d="M19 41h10"/><path d="M24 18v8M20 22h8"/>',
  council: '<path d="M6 12h24v15H15l-6 5v-5H6Z"/><path d="M34 18h8v14h-3v5l-6-5H21v-1"/>',
  booking:
    '<rect x="7" y="10" width="34" height="31" rx="4"/><path d="M7 19h34M16 6v8M32 6v8"/><path d="M15 27h4M22 27h4M29 27h4M15 33h4M22 33h4"/>',
  mine: '<circle cx="24" cy="16" r="8"/><path d="M9 41c1.5-8 7.6-12 15-12s13.5 4 15 12"/>',
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
const page = await browser.newPage({ viewport: { width: 81, height: 81 }, deviceScaleFactor: 1 })
for (const [name, shape] of Object.entries(SHAPES)) {
  for (const [suffix, color] of Object.entries(COLORS)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 48 48" fill="none" stroke="${color}" stroke-width="${suffix ? 3.8 : 3.2}" stroke-linecap="round" stroke-linejoin="round">${shape}</svg>`
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg}</body></html>`,
    )
    const rgba = await page.screenshot({
      omitBackground: true,
      clip: { x: 0, y: 0, width: 81, height: 81 },
    })
    const png = await sharp(rgba)
      .png({ palette: true, colours: 16, effort: 10, compressionLevel: 9 })
      .toBuffer()
    await writeFile(path.join(out, `${name}${suffix}.png`), png)
  }
}
await browser.close()
console.log(`tab icons written to ${out}`)
