import { OpenAPIHono } from '@hono/zod-openapi'
import { HTTPException } from 'hono/http-exception'
import type { Context } from 'hono'
import type { AppEnv } from './lib/env'
import { auditRoutes } from './audit/routes'
import { authRoutes } from './identity/auth-routes'
import { residencyRoutes } from './identity/residency-routes'
import { rolesRoutes } from './identity/roles-routes'
import { centreRolesRoutes } from './identity/centre-roles-routes'
import { ownershipRoutes } from './identity/ownership-routes'
import { actingRoutes } from './identity/acting-routes'
import { preferencesRoutes } from './identity/preferences-routes'
import { placesRoutes } from './places/routes'
import { suggestionRoutes } from './suggestions/routes'
import { conventionRoutes } from './conventions/routes'
import { bookingRoutes } from './bookings/routes'
import { bookingAdminRoutes } from './bookings/admin-routes'
import { suggestionStaffRoutes } from './suggestions/staff-routes'
import { inboxRoutes } from './inbox/routes'
import { meetingRoutes } from './meetings/routes'
import { privacyRoutes } from './privacy/routes'
import { transparencyRoutes } from './transparency/routes'
import { homeRoutes } from './home/routes'
import { codeRoutes } from './codes/routes'
import { moderationRoutes } from './moderation/routes'
import { gridRoutes } from './grid/routes'
import { answerAgain, SessionGuessMissed, sessionMiddleware } from './lib/auth'
import { dbMiddleware } from './lib/db'
import { photoStoreMiddleware } from './lib/photo-store'
import { AppError, errorBody } from './lib/errors'
import { writeRateLimit } from './lib/rate-limit'
import { requestLog } from './lib/request-log'
import { createRouter } from './lib/router'
import { runHousekeeping } from './jobs'

const api = createRouter()
api.use(requestLog, dbMiddleware, photoStoreMiddleware, sessionMiddleware, writeRateLimit)

// Development only (npm start, the browser tests): run the cron's housekeeping now, e.g. to see
// the public figures recomputed without waiting 5 minutes. Miniflare's own trigger
// (/cdn-cgi/handler/scheduled) reaches the H5 assets' router, not this worker, so it cannot.
// Elsewhere it answers like a route that does not exist; it is not in the OpenAPI document.
api.post('/dev/housekeeping', async (c) => {
  if (c.env.ENVIRONMENT !== 'development') throw new AppError('NOT_FOUND', '接口不存在')
  await runHousekeeping(c.var.db, c.env)
  return c.json({ ok: true as const }, 200)
})

export const apiRoutes = api
  .get('/health', (c) => c.json({ ok: true as const }))
  .route('/', authRoutes)
  .route('/', privacyRoutes)
  .route('/', placesRoutes)
  .route('/', residencyRoutes)
  .route('/', rolesRoutes)
  .route('/', centreRolesRoutes)
  .route('/', ownershipRoutes)
  .route('/', actingRoutes)
  .route('/', preferencesRoutes)
  .route('/', auditRoutes)
  .route('/', suggestionRoutes)
  .route('/', suggestionStaffRoutes)
  .route('/', conventionRoutes)
  .route('/', bookingRoutes)
  .route('/', bookingAdminRoutes)
  .route('/', inboxRoutes)
  .route('/', meetingRoutes)
  .route('/', transparencyRoutes)
  .route('/', homeRoutes)
  .route('/', codeRoutes)
  .route('/', moderationRoutes)
  .route('/', gridRoutes)

// Errors thrown by the platform (bad JSON, wrong content type) in the residents' language.
const HTTP_MESSAGES: Record<number, string> = {
  400: '请求内容不是有效的 JSON',
  415: '请求内容的格式不受支持，请以 JSON 提交',
}

export const app = new OpenAPIHono<AppEnv>()
app.route('/api', api)
app.openAPIRegistry.registerComponent('securitySchemes', 'Bearer', {
  type: 'http',
  scheme: 'bearer',
})
app.doc31('/api/openapi.json', {
  openapi: '3.1.0',
  info: {
    title: '邻里 Linli API',
    version: '0.1.0',
    description:
      '社区居民参与：金点子、微规约、议事会、邻里中心预约。错误统一为 {"error":{"code","message","issues"?}}。',
  },
})
app
  .notFound((c) => c.json(errorBody(new AppError('NOT_FOUND', '接口不存在')), 404))
  .onError((error, c) => {
    // A read answered under a session that has ended or changed: answered again, read afresh.
    if (error instanceof SessionGuessMissed)
      return app.fetch(answerAgain(c.req.raw), c.env, executionContextOf(c))
    if (error instanceof AppError) return c.json(errorBody(error), error.status)
    if (error instanceof HTTPException && HTTP_MESSAGES[error.status]) {
      return c.json(
        errorBody(
          new AppError('VALIDATION_FAILED', HTTP_MESSAGES[error.status]!, undefined, error.status),
        ),
        error.status,
      )
    }
    // Unexpected: logged with the request id, never shown (no stack, no SQL) to the client.
    console.error(
      JSON.stringify({
        requestId: c.get('requestId'),
        error: String(error),
        stack: (error as Error).stack,
      }),
    )
    return c.json(errorBody(new AppError('INTERNAL', '系统出了点问题，请稍后再试')), 500)
  })

/** The request's execution context; Node's server has none (Hono's getter throws there). */
function executionContextOf(c: Context<AppEnv>): ExecutionContext | undefined {
  try {
    return c.executionCtx
  } catch {
    return undefined
  }
}

/** The API's routes and types, for the mini-program's typed client (hono/client). */
export type AppType = typeof apiRoutes
