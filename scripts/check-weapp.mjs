// npm run test:weapp — the WeChat build checked the way WeChat will check it, since nobody
// opens DevTools here (decision 009):
//   1. build miniapp/dist/weapp (skip with --no-build to re-check the last build);
//   2. WeChat's compilers on the whole build: wcc (WXML) and wcsc (WXSS), as DevTools runs them;
//   3. no browser-only globals (window, localStorage…) in source the weapp runs;
//   4. miniprogram-ci's checkCodeQuality: every item must pass, and the main package must stay
//      within its 400 KB budget. Prints the package sizes as WeChat counts them.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { scanSources } from './weapp/browser-globals.mjs'
import { compileAll } from './weapp/compilers.mjs'
import { checkQuality, MAIN_PACKAGE_BUDGET } from './weapp/quality.mjs'
import { checkTemplateAttributes } from './weapp/template-attributes.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const miniapp = path.join(root, 'miniapp')
const dist = path.join(miniapp, 'dist', 'weapp')
const failures = []
const timings = []

async function step(name, fn) {
  const started = Date.now()
  const result = await fn()
  timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)}s`)
  return result
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`

if (!process.argv.includes('--no-build')) {
  const build = await step('build', () =>
    spawnSync('npm', ['run', 'build:weapp'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    }),
  )
  if (build.status !== 0) {
    console.error(`${build.stdout}${build.stderr}`.split('\n').slice(-40).join('\n'))
    console.error('[weapp] the build failed')
    process.exit(1)
  }
}

const compiled = await step('wcc+wcsc', () => compileAll(dist))
for (const [kind, result] of Object.entries(compiled)) {
  console.log(
    `[weapp] ${kind === 'wxml' ? 'wcc' : 'wcsc'}: ${result.files} .${kind} files ${result.ok ? 'compile' : 'FAIL'}`,
  )
  if (!result.ok)
    failures.push(`WeChat's ${kind.toUpperCase()} compiler refused the build:\n${result.message}`)
}

const globals = await step('browser globals', () => scanSources(path.join(miniapp, 'src')))
console.log(
  `[weapp] browser-only globals: ${globals.files} source files, ${globals.found.length} outside H5-only code`,
)
if (globals.found.length > 0) {
  const lines = globals.found.map(
    (hit) => `  miniapp/src/${hit.file}:${hit.line}:${hit.column} ${hit.name}`,
  )
  failures.push(
    `Browser-only globals in code the weapp runs (move them to a *.h5.ts file or under an H5 test):\n${lines.join('\n')}`,
  )
}

const attributes = checkTemplateAttributes(miniapp, dist)
console.log(
  `[weapp] view templates: aria-* carried, ${attributes.length} problem(s) with dropped attributes`,
)
if (attributes.length > 0)
  failures.push(
    `WeChat's view templates (decision 023):\n${attributes.map((p) => `  ${p}`).join('\n')}`,
  )

const quality = await step('checkCodeQuality', () => checkQuality(miniapp))
const { __APP__: main, ...subpackages } = quality.sizes
console.log(`[weapp] main package ${main} bytes (${kb(main)} of ${kb(MAIN_PACKAGE_BUDGET)})`)
for (const [name, bytes] of Object.entries(subpackages))
  console.log(`[weapp]   ${name.padEnd(22)} ${String(bytes).padStart(7)} bytes (${kb(bytes)})`)
if (quality.failed.length > 0)
  failures.push(
    `WeChat's code quality check failed:\n${quality.failed.map((f) => `  ${f}`).join('\n')}`,
  )

console.log(`[weapp] ${timings.join(', ')}`)
if (failures.length > 0) {
  for (const failure of failures) console.error(`\n[weapp] ${failure}`)
  process.exit(1)
}
console.log('[weapp] ok: WeChat would compile and accept this build')
// miniprogram-ci leaves file watchers open; nothing else is pending.
process.exit(0)
