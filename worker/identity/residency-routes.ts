import { z } from '@hono/zod-openapi'
import {
  createRouter,
  errorsOf,
  IdParam,
  jsonBody,
  jsonResponse,
  OkSchema,
  routesTagged,
} from '../lib/router'
import { cursorQuery, pageSchema } from '../lib/pagination'
import { requireUser } from '../lib/auth'
import * as residency from './residency-service'
import {
  ClaimInviteBody,
  CreateInviteCodesBody,
  CreateResidencyRequestBody,
  HouseholdsQuery,
  InviteCodeSchema,
  RejectBody,
  RequestStatusQuery,
  ResidencyRequestSchema,
  ResidencySchema,
  ResidentSchema,
  StaffHouseholdSchema,
  StaffResidencyRequestSchema,
} from './schemas'

const { signedIn } = routesTagged('居民认证 residency')

export const residencyRoutes = createRouter()
  .openapi(
    signedIn('post', '/residency/claim', {
      summary: '用居委会发放的邀请码认证住户',
      request: jsonBody(ClaimInviteBody),
      responses: { 200: jsonResponse(ResidencySchema, '已认证'), ...errorsOf(400, 401, 403, 409) },
    }),
    async (c) =>
      c.json(await residency.claimInviteCode(c.var.db, c.var.user, c.req.valid('json').code), 200),
  )
  .openapi(
    signedIn('post', '/residency/requests', {
      summary: '申请居民认证（居委会审核）',
      request: jsonBody(CreateResidencyRequestBody),
      responses: {
        201: jsonResponse(ResidencyRequestSchema, '已提交'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await residency.createResidencyRequest(c.var.db, c.var.user, c.req.valid('json')),
        201,
      ),
  )
  .openapi(
    signedIn('get', '/residency/requests/mine', {
      summary: '我的认证申请',
      responses: {
        200: jsonResponse(z.object({ items: z.array(ResidencyRequestSchema) }), '申请'),
        ...errorsOf(401),
      },
    }),
    async (c) =>
      c.json({ items: await residency.requestsOfUser(c.var.db, requireUser(c.var.user).id) }, 200),
  )
  .openapi(
    signedIn('get', '/communities/{id}/residency-requests', {
      summary: '（工作人员）本社区的认证申请',
      request: { params: IdParam, query: RequestStatusQuery },
      responses: {
        200: jsonResponse(pageSchema(StaffResidencyRequestSchema), '申请'),
        ...errorsOf(401, 403),
      },
    }),
    async (c) =>
      c.json(
        await residency.listRequestsForStaff(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('query'),
        ),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/residency-requests/{id}/approve', {
      summary: '（工作人员）通过认证申请',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(ResidencyRequestSchema, '已通过'),
        ...errorsOf(401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await residency.approveResidencyRequest(c.var.db, c.var.user, c.req.valid('param').id),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/residency-requests/{id}/reject', {
      summary: '（工作人员）驳回认证申请，须说明理由',
      request: { params: IdParam, ...jsonBody(RejectBody) },
      responses: {
        200: jsonResponse(ResidencyRequestSchema, '已驳回'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await residency.rejectResidencyRequest(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json').reason,
        ),
        200,
      ),
  )
  .openapi(
    signedIn('get', '/communities/{id}/households', {
      summary: '（工作人员）一栋楼的住户、居民和邀请码状态',
      request: { params: IdParam, query: HouseholdsQuery },
      responses: {
        200: jsonResponse(z.object({ items: z.array(StaffHouseholdSchema) }), '住户'),
        ...errorsOf(401, 403, 404),
      },
    }),
    async (c) =>
      c.json(
        await residency.listHouseholdsForStaff(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('query').buildingId,
        ),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/communities/{id}/invite-codes', {
      summary: '（工作人员）为住户生成一次性邀请码（只显示一次）',
      request: { params: IdParam, ...jsonBody(CreateInviteCodesBody) },
      responses: {
        201: jsonResponse(z.object({ items: z.array(InviteCodeSchema) }), '邀请码'),
        ...errorsOf(400, 401, 403),
      },
    }),
    async (c) =>
      c.json(
        await residency.issueInviteCodes(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json').householdIds,
        ),
        201,
      ),
  )
  .openapi(
    signedIn('get', '/communities/{id}/residents', {
      summary: '（工作人员）本社区的认证居民',
      request: { params: IdParam, query: z.object(cursorQuery) },
      responses: { 200: jsonResponse(pageSchema(ResidentSchema), '居民'), ...errorsOf(401, 403) },
    }),
    async (c) =>
      c.json(
        await residency.listResidentsForStaff(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('query'),
        ),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/residencies/{id}/revoke', {
      summary: '（工作人员）撤销居民认证，须说明理由',
      request: { params: IdParam, ...jsonBody(RejectBody) },
      responses: { 200: jsonResponse(OkSchema, '已撤销'), ...errorsOf(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await residency.revokeResidency(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json').reason,
        ),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/residencies/{id}/representative', {
      summary: '（工作人员）设为户代表（取代原户代表）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(ResidencySchema, '户代表'), ...errorsOf(401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(await residency.setRepresentative(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
