import { createServer, type Server } from 'node:http'
import { createFakeSecurity, type FakeSecurity } from './fake-wechat-security'

// The fake of WeChat's content security (fake-wechat-security.ts) as a real HTTP server on
// 127.0.0.1, for the browser test and the benchmark: a local server started with
// WECHAT_API_BASE pointing here and WECHAT_CONTENT_CHECK=on checks every text and photo with it.

export type FakeSecurityServer = { url: string; fake: FakeSecurity; close: () => Promise<void> }

export async function startFakeSecurity(
  options: Parameters<typeof createFakeSecurity>[0] = {},
): Promise<FakeSecurityServer> {
  const fake = createFakeSecurity(options)
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const answer = await fake.handle(
      new Request(`http://127.0.0.1${req.url}`, {
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

/** The token the local server checks WeChat's pushes with, when started by contentCheckVars(). */
export const FAKE_PUSH_TOKEN = 'fake-push-token'

/** The `--var`s that turn WeChat's content checks on against this fake. */
export function contentCheckVars(url: string): string[] {
  return [
    `WECHAT_API_BASE:${url}`,
    'WECHAT_APPID:wx-security-appid',
    'WECHAT_SECRET:security-app-secret',
    'WECHAT_CONTENT_CHECK:on',
    `WECHAT_PUSH_TOKEN:${FAKE_PUSH_TOKEN}`,
  ].flatMap((v) => ['--var', v])
}
