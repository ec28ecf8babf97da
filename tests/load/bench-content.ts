// Content safety under load (issue 13, decision 013): what the check adds to a write. The same
// 金点子 comment POST (autocannon, 10 connections, 100 residents in turn so the 60 writes/min
// limit never answers) on three local servers: the shipped list only; a street list of 2,000
// words; the list then WeChat's msgSecCheck against the fake of tests/fake-wechat-security-server.ts
// on loopback (and once more with the fake answering after 50 ms, about what WeChat takes).
// Also the matcher alone in this process (normalise + Aho–Corasick) on a 500-character comment,
// and the SQL round trips of one write (x-sql-round-trips).
// Run: tsx tests/load/bench-content.ts (BENCH_SECONDS to change the duration).
import { createServer } from 'node:net'
import { performance } from 'node:perf_hooks'
import { http } from '../http-client'
import { startLocalServer, type LocalServer } from '../local-server'
import { contentCheckVars, startFakeSecurity } from '../fake-wechat-security-server'
import { compileWords } from '../../worker/lib/content-words'
import {
  chunks,
  executeSql,
  measure,
  printTable,
  q,
  residentStatements,
  residentTokens,
  seededDatabase,
  type Figure,
} from './harness'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const RESIDENTS = 100
const STREET_WORDS = 2_000

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

/** Words no comment contains, two to six characters, as a street's list would grow. */
const streetWord = (i: number) => `禁${String.fromCharCode(0x4e00 + ((i * 7919) % 20000))}词${i}`

const COMMENT = (i: number) =>
  `第${i}条：青石巷东口的路灯坏了很久，晚上老人出门很不方便，希望尽快修好。`.repeat(1)

function serverArgs(persistTo: string, extra: string[] = []): string[] {
  return [
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
    ...extra,
  ]
}

async function commentFigure(
  name: string,
  app: LocalServer,
  tokens: string[],
  suggestionId: string,
): Promise<Figure & { trips: string | null }> {
  const url = `${app.baseUrl}/api/suggestions/${suggestionId}/comments`
  const probe = await http(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body: COMMENT(0) }),
  })
  await probe.arrayBuffer()
  let n = 0
  const figure = await measure(
    {
      name,
      url,
      method: 'POST',
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            n++
            return {
              ...request,
              headers: {
                authorization: `Bearer ${tokens[n % tokens.length]}`,
                'content-type': 'application/json',
              },
              body: JSON.stringify({ body: COMMENT(n) }),
            }
          },
        },
      ],
    },
    SECONDS,
  )
  return { ...figure, trips: probe.headers.get('x-sql-round-trips') }
}

function matcherFigures(): string {
  const text = COMMENT(1).repeat(8).slice(0, 500)
  const lines = ['| list | compile ms | one 500-character comment µs |', '|---|---:|---:|']
  for (const size of [0, 200, STREET_WORDS]) {
    const words = Array.from({ length: size }, (_, i) => ({
      word: streetWord(i),
      kind: 'block' as const,
    }))
    const started = performance.now()
    const matcher = compileWords(words)
    const compiled = performance.now() - started
    for (let i = 0; i < 50; i++) matcher.find(text)
    const runs = 1000
    const t = performance.now()
    for (let i = 0; i < runs; i++) matcher.find(text)
    const per = ((performance.now() - t) / runs) * 1000
    lines.push(`| defaults + ${size} words | ${compiled.toFixed(1)} | ${per.toFixed(0)} |`)
  }
  const table = lines.join('\n')
  console.log(`\n### The matcher alone (Node, this process)\n\n${table}\n`)
  return table
}

async function main() {
  matcherFigures()
  const persistTo = seededDatabase()
  executeSql(
    persistTo,
    residentStatements('cb', RESIDENTS, () => 'hh-wutong-1-1-101'),
    40,
  )
  const figures: (Figure & { trips: string | null })[] = []
  const runs: {
    name: string
    extra: (wechatUrl: string) => string[]
    words: boolean
    delayMs?: number
  }[] = [
    { name: 'comment, shipped list only', extra: () => [], words: false },
    { name: `comment, street list of ${STREET_WORDS} words`, extra: () => [], words: true },
    {
      name: 'comment, list + WeChat (fake, answers at once)',
      extra: contentCheckVars,
      words: true,
    },
    {
      name: 'comment, list + WeChat (fake, answers in 50 ms)',
      extra: contentCheckVars,
      words: true,
      delayMs: 50,
    },
  ]
  let wordsIn = false
  for (const run of runs) {
    if (run.words && !wordsIn) {
      // The street's list from here on (the first run had the shipped list only).
      executeSql(
        persistTo,
        [
          ...chunks(
            Array.from(
              { length: STREET_WORDS },
              (_, i) => `(${q(`cw-${i}`)}, 'st-qingwu', ${q(streetWord(i))}, 'block', NULL, 0)`,
            ),
            'INSERT INTO content_words (id, street_id, word, kind, added_by, created_at)',
            200,
          ),
          `INSERT INTO content_word_lists (street_id, version, updated_at) VALUES ('st-qingwu', 1, 0);`,
        ],
        40,
      )
      wordsIn = true
    }
    const wechat = await startFakeSecurity({ delayMs: run.delayMs })
    const app = await startLocalServer(
      serverArgs(persistTo, run.extra(wechat.url)),
      await freePort(),
    )
    try {
      const tokens = await residentTokens(`${app.baseUrl}/api`, 'cb', RESIDENTS)
      const list = (await (
        await http(`${app.baseUrl}/api/communities/cm-huaishu/suggestions?limit=1`)
      ).json()) as { items: { id: string }[] }
      figures.push(await commentFigure(run.name, app, tokens, list.items[0]!.id))
    } finally {
      app.stop()
      await wechat.close()
    }
  }
  printTable('金点子 comment writes through the content check', figures)
  console.log(figures.map((f) => `${f.name}: ${f.trips ?? '?'} SQL round trips`).join('\n'))
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
