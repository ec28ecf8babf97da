// Seeds the local D1 used by `npm start` (and the e2e tests) with the demo 街道.
// Usage: tsx scripts/seed-local.ts [--persist-to DIR]
// Skips when the database already holds data, so a second `npm start` keeps everything.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { demoSeedStatements } from '../db/seed/demo'

const persistArgs = (() => {
  const i = process.argv.indexOf('--persist-to')
  return i > 0 && process.argv[i + 1] ? ['--persist-to', process.argv[i + 1]!] : []
})()

function wrangler(args: string[]): string {
  return execFileSync(
    'npx',
    ['wrangler', 'd1', 'execute', 'DB', '--local', ...persistArgs, ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    },
  )
}

const countJson = wrangler(['--json', '--command', 'SELECT COUNT(*) AS n FROM streets'])
const existing = (JSON.parse(countJson) as { results: { n: number }[] }[])[0]?.results[0]?.n ?? 0
if (existing > 0) {
  console.log('[seed] 本地数据库已有数据，跳过演示数据（删除 .wrangler/state 可重新开始）')
} else {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'linli-seed-')), 'seed.sql')
  writeFileSync(file, demoSeedStatements({ history: true }).join('\n'))
  wrangler(['--file', file])
  console.log('[seed] 已写入演示街道：青梧街道（槐树社区、枫桥社区）、青梧邻里中心和演示用户')
}
