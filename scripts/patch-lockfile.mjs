// Keeps `npm ci` working. @tarojs/binding@4.2.1 lists optional platform packages that were
// never published (only linux-x64-gnu exists on the registry); npm 11 leaves them out of
// package-lock.json, and `npm ci` then refuses the lockfile as "out of sync". This adds them
// back as optional, platform-restricted entries (never fetched on other platforms).
// Run after any `npm install …` that rewrites the lockfile; `npm run check:lockfile` verifies.
import { readFileSync, writeFileSync } from 'node:fs'

const file = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(file, 'utf8'))
const binding = lock.packages['node_modules/@tarojs/binding']
const platforms = {
  'darwin-arm64': ['darwin', 'arm64'],
  'darwin-x64': ['darwin', 'x64'],
  'linux-arm64-gnu': ['linux', 'arm64'],
  'linux-x64-gnu': ['linux', 'x64'],
  'win32-x64-msvc': ['win32', 'x64'],
}
const missing = Object.keys(binding?.optionalDependencies ?? {}).filter(
  (name) => !lock.packages[`node_modules/${name}`],
)

if (process.argv.includes('--check')) {
  if (missing.length > 0) {
    console.error(
      `package-lock.json lacks ${missing.join(', ')}: npm ci will fail. Run: node scripts/patch-lockfile.mjs`,
    )
    process.exit(1)
  }
  console.log('package-lock.json: Taro platform bindings present')
} else {
  for (const name of missing) {
    const [os, cpu] = platforms[name.replace('@tarojs/binding-', '')] ?? []
    lock.packages[`node_modules/${name}`] = {
      version: binding.optionalDependencies[name],
      optional: true,
      ...(os ? { os: [os], cpu: [cpu] } : {}),
    }
  }
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`)
  console.log(missing.length ? `added ${missing.join(', ')}` : 'nothing to add')
}
