import { z } from '@hono/zod-openapi'
import {
  createRouter,
  errorsOf,
  IdParam,
  jsonBody,
  jsonResponse,
  routesTagged,
} from '../lib/router'
import { HouseholdSchema } from './schemas'
import * as acting from './acting-service'
import {
  ActingResidentDetailSchema,
  ActingResidentSchema,
  ActingResidentsQuery,
  ClaimCodeSchema,
  RegisterHouseholdsQuery,
  RegisterOfflineResidentBody,
} from './acting-schemas'

// 代办 (decision 019): who may be acted for and registering a resident without WeChat. The acts
// themselves are the domains' own routes with `?actingFor=` (金点子, 附议, 报名, 预约, 纸质票).

const { signedIn } = routesTagged('代办 acting for a resident')

export const actingRoutes = createRouter()
  .openapi(
    signedIn('get', '/communities/{id}/acting/residents', {
      summary: '（工作人员、楼组长）可以代办的居民：称呼、姓名或门牌号查找',
      request: { params: IdParam, query: ActingResidentsQuery },
      responses: {
        200: jsonResponse(z.object({ items: z.array(ActingResidentSchema) }), '居民'),
        ...errorsOf(400, 401, 403),
      },
    }),
    async (c) =>
      c.json(
        await acting.listActingResidents(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('query'),
        ),
        200,
      ),
  )
  .openapi(
    signedIn('get', '/communities/{id}/acting/households', {
      summary: '（工作人员、楼组长）按门牌号找可以登记居民的住户',
      request: { params: IdParam, query: RegisterHouseholdsQuery },
      responses: {
        200: jsonResponse(z.object({ items: z.array(HouseholdSchema) }), '住户'),
        ...errorsOf(400, 401, 403),
      },
    }),
    async (c) =>
      c.json(
        await acting.householdsForRegistering(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('query').room,
        ),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/communities/{id}/offline-residents', {
      summary: '（工作人员、楼组长）登记没有微信的居民（代办）',
      request: { params: IdParam, ...jsonBody(RegisterOfflineResidentBody) },
      responses: {
        201: jsonResponse(ActingResidentSchema, '已登记'),
        ...errorsOf(400, 401, 403, 409),
      },
    }),
    async (c) =>
      c.json(
        await acting.registerOfflineResident(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        201,
      ),
  )
  .openapi(
    signedIn('get', '/acting/residents/{id}', {
      summary: '（工作人员、楼组长）正在为其代办的居民',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(ActingResidentDetailSchema, '居民'),
        ...errorsOf(401, 403, 404),
      },
    }),
    async (c) =>
      c.json(await acting.actingResident(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/acting/residents/{id}/claim-code', {
      summary: '（工作人员、楼组长）为代办账号生成认领码：居民用自己的微信登录后输入',
      request: { params: IdParam },
      responses: {
        201: jsonResponse(ClaimCodeSchema, '认领码（只显示这一次）'),
        ...errorsOf(401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(await acting.issueClaimCode(c.var.db, c.var.user, c.req.valid('param').id), 201),
  )
