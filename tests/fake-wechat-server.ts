import { createServer, type Server } from 'node:http'
import { createFakeWechat, type FakeWechat } from './fake-wechat'

// The fake WeChat (fake-wechat.ts) as a real HTTP server on 127.0.0.1, for the browser tests and
// the benchmark: the local server is started with WECHAT_API_BASE pointing here. A test process
// other than the one that started it reads what was received from GET /__fake/requests.

export type FakeWechatServer = { url: string; fake: FakeWechat; close: () => Promise<void> }

export async function startFakeWechat(
  options: Parameters<typeof createFakeWechat>[0] = {},
): Promise<FakeWechatServer> {
  const fake = createFakeWechat(options)
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = `http://127.0.0.1${req.url}`
    if (req.url === '/__fake/requests') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(fake.requests))
      return
    }
    const answer = await fake.handle(
      new Request(url, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
      }),
    )
    res.writeHead(answer.status, Object.fromEntries(answer.headers))
    res.end(Buffer.from(await answer.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    fake,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** The subscribe-message templates the browser tests and the benchmark configure. */
export const TEST_TEMPLATES = {
  suggestion: {
    id: 'tpl-e2e-suggestion',
    fields: { thing1: 'subject', phrase2: 'status', time3: 'time', thing4: 'note' },
  },
  meeting: {
    id: 'tpl-e2e-meeting',
    fields: { thing1: 'subject', time2: 'time', thing3: 'place', phrase4: 'status' },
  },
  booking: {
    id: 'tpl-e2e-booking',
    fields: { thing1: 'subject', phrase2: 'status', thing3: 'note' },
  },
  residency: { id: 'tpl-e2e-residency', fields: { phrase1: 'status', thing2: 'note' } },
}

/** The `--var`s that point the local server at a fake WeChat and configure the templates. */
export function fakeWechatVars(url: string): string[] {
  return [
    `WECHAT_API_BASE:${url}`,
    'WECHAT_APPID:wx-e2e-appid',
    'WECHAT_SECRET:e2e-app-secret',
    `WECHAT_SUBSCRIBE_TEMPLATES:${JSON.stringify(TEST_TEMPLATES)}`,
  ].flatMap((v) => ['--var', v])
}
