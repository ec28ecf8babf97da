import { createMiddleware } from 'hono/factory'
import type { AppEnv } from './env'
import { newId } from './ids'

// One JSON log line per request with a request id that is also returned to the client,
// so a resident's screenshot of an error can be matched to the log. Never logs bodies.
export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const requestId = c.req.header('x-request-id')?.slice(0, 64) || newId(12)
  c.set('requestId', requestId)
  const started = Date.now()
  await next()
  c.header('x-request-id', requestId)
  if (c.env.REQUEST_LOG === 'off') return
  console.log(
    JSON.stringify({
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Date.now() - started,
      // Ballot requests are logged without the user: a log line with who and when, next to the
      // order of ballot rows, would weaken ballot secrecy (docs/ballot-secrecy.md).
      userId: c.req.path.endsWith('/ballots') ? null : (c.get('user')?.id ?? null),
    }),
  )
})
