// WeChat subscribe messages under load (issue 12, decision 014): 10,000 messages queued (2,000
// residents with 5 credits each, 5 notices each: the trigger on notifications queues them as the
// notices are inserted), drained by the cron of the local server against the fake WeChat of
// tests/fake-wechat-server.ts on loopback. Reports messages per second and how many times the
// access_token was fetched (one is the design: the token is cached in the database and shared).
// Run: tsx tests/load/bench-wechat.ts (BENCH_MESSAGES to change the count; multiples of 5).
import { createServer } from 'node:net'
import { http } from '../http-client'
import { startLocalServer } from '../local-server'
import { fakeWechatVars, startFakeWechat } from '../fake-wechat-server'
import { chunks, executeSql, q, seededDatabase } from './harness'

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000)
const PER_USER = 5
const USERS = MESSAGES / PER_USER

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function benchData(now: number): string[] {
  const users: string[] = []
  const grants: string[] = []
  const notices: string[] = []
  for (let u = 0; u < USERS; u++) {
    const id = `wxb-${u}`
    users.push(
      `(${q(id)}, ${q(`wx-bench-${u}`)}, ${q(`居民${u}`)}, 'cm-huaishu', '2026-11-01', 0, 0)`,
    )
    grants.push(`(${q(id)}, 'suggestion', 1, ${PER_USER}, 0, ${now})`)
    for (let n = 0; n < PER_USER; n++)
      notices.push(
        `(${q(`wxbn-${u}-${n}`)}, ${q(id)}, 'suggestion.adopted', '金点子答复：采纳', ${q(`“第 ${n} 条建议：青石巷东口的路灯坏了很久”：采纳，月底前装好`)}, ${q(`/packages/suggestions/pages/detail/index?id=sg-${n}`)}, ${now - n}, 'suggestion', ${q(`第 ${n} 条建议：青石巷东口的路灯坏了很久`)})`,
      )
  }
  return [
    ...chunks(
      users,
      'INSERT INTO users (id, openid, nickname, current_community_id, consent_version, consented_at, created_at)',
      300,
    ),
    ...chunks(
      grants,
      'INSERT INTO subscribe_grants (user_id, topic, enabled, credits, long_term, updated_at)',
      300,
    ),
    ...chunks(
      notices,
      'INSERT INTO notifications (id, user_id, kind, title, body, link, created_at, wechat_topic, subject)',
      200,
    ),
  ]
}

async function main() {
  const seedStarted = Date.now()
  const persistTo = seededDatabase()
  executeSql(persistTo, benchData(Date.now()), 40)
  console.log(
    `[bench] ${MESSAGES} messages queued in ${Math.round((Date.now() - seedStarted) / 1000)}s`,
  )

  const wechat = await startFakeWechat()
  const cronPort = await freePort()
  const app = await startLocalServer(
    [
      '--persist-to',
      persistTo,
      '--var',
      'ENVIRONMENT:development',
      '--var',
      'PHOTO_URL_SECRET:bench',
      '--var',
      'BALLOT_SECRET:bench',
      '--var',
      'REQUEST_LOG:off',
      ...fakeWechatVars(wechat.url),
      '--cron-port',
      String(cronPort),
    ],
    await freePort(),
  )
  try {
    const runs: { sent: number; ms: number }[] = []
    const started = Date.now()
    // Each cron run sends at most DRAIN_LIMIT_PER_RUN (900); the next run takes the rest.
    while (wechat.fake.sent().length < MESSAGES && runs.length < 100) {
      const before = wechat.fake.sent().length
      const runStarted = Date.now()
      const outcome = await (
        await http(`http://127.0.0.1:${cronPort}/cdn-cgi/handler/scheduled`)
      ).text()
      if (outcome !== 'ok') throw new Error(`cron run failed: ${outcome}`)
      runs.push({ sent: wechat.fake.sent().length - before, ms: Date.now() - runStarted })
      if (runs.at(-1)!.sent === 0) break
    }
    const seconds = (Date.now() - started) / 1000
    const sent = wechat.fake.sent()
    const pages = new Set(sent.map((m) => `${m.touser} ${m.page}`))
    const busiest = Math.max(...runs.map((r) => r.sent))
    // A run's own rate, for the runs that sent a full batch; the middle one of them.
    const rates = runs
      .filter((r) => r.sent === busiest)
      .map((r) => r.sent / (r.ms / 1000))
      .sort((a, b) => a - b)
    const median = rates[Math.floor(rates.length / 2)] ?? 0
    const lines = [
      `### WeChat subscribe messages — ${MESSAGES.toLocaleString('en')} queued, drained by the cron against a fake WeChat on loopback`,
      '',
      '| figure | value |',
      '|---|---:|',
      `| messages sent | ${sent.length} |`,
      `| sent twice | ${sent.length - pages.size} |`,
      `| cron runs | ${runs.length} |`,
      `| messages per run (at most) | ${busiest} |`,
      `| total time | ${seconds.toFixed(1)} s |`,
      `| messages/s (whole drain, housekeeping included) | ${Math.round(sent.length / seconds)} |`,
      `| messages/s within a full run (median; the first includes the token fetch) | ${Math.round(median)} |`,
      `| run times | ${runs.map((r) => `${(r.ms / 1000).toFixed(1)} s`).join(', ')} |`,
      `| access_token fetches (stable_token) | ${wechat.fake.tokenFetches()} |`,
    ]
    console.log(`\n${lines.join('\n')}\n`)
  } finally {
    app.stop()
    await wechat.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
