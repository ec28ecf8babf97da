import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import type { AxeResults, Result } from 'axe-core'

// axe-core (WCAG 2.1 A and AA) on the page a journey shows. Plain functions with no vitest in
// them, so a script can survey pages too; helpers.ts#assertAccessible is what journeys call.

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/** The rule sets of WCAG 2.1 A and AA (2.0's rules are tagged wcag2a / wcag2aa only). */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** The impacts that fail a journey: what stops a screen reader or a low-vision reader outright. */
export const FAILING_IMPACTS = new Set(['serious', 'critical'])

/** Every WCAG 2.1 A/AA violation axe finds on what the page shows now (hidden pages skipped). */
export async function axeViolations(page: Page): Promise<Result[]> {
  // Taro's toasts and dialogs fade in and out (0.1 s of opacity): half-transparent, every colour
  // reads as too faint. Waiting until one is fully shown is not enough, as a toast can start
  // fading out while axe is still measuring (CI saw 2.4:1 that way), so while a journey is
  // checked they appear and vanish at once: each is either fully shown or gone.
  await page.evaluate(() => {
    if (document.getElementById('axe-no-fade')) return
    const style = document.createElement('style')
    style.id = 'axe-no-fade'
    style.textContent =
      '.taro__toast, .taro__toast *, .taro__modal, .taro__modal * { transition: none !important; animation: none !important }'
    document.head.append(style)
  })
  // Injected once per document: Taro's H5 routes by hash, so one injection serves a whole visit.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const results = (await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run(
        document,
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
      ),
    WCAG_21_AA,
  )) as AxeResults
  return results.violations
}

/** One line per rule and up to four offending elements under it, for a failing test's message. */
export function describeViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 4)
        .map((n) => {
          const why = (n.failureSummary ?? '').split('\n').slice(1, 2).join('').trim()
          return `    ${n.target.join(' ')}  ${n.html.slice(0, 120)}${why ? `\n      ${why}` : ''}`
        })
        .join('\n')
      const more = v.nodes.length > 4 ? `\n    … and ${v.nodes.length - 4} more` : ''
      return `  [${v.impact}] ${v.id} ×${v.nodes.length}: ${v.help}\n${nodes}${more}`
    })
    .join('\n')
}
