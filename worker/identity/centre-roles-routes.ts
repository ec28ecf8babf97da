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
import * as centreRoles from './centre-roles-service'
import { CentreRoleGrantSchema, GrantCentreRoleBody } from './schemas'

const { signedIn } = routesTagged('角色 roles')

// 邻里中心管理员 per centre (decision 020).
export const centreRolesRoutes = createRouter()
  .openapi(
    signedIn('get', '/centres/{id}/role-grants', {
      summary: '（所服务社区的工作人员）邻里中心的管理员和以前的管理员',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(CentreRoleGrantSchema) }), '任命'),
        ...errorsOf(401, 403, 404),
      },
    }),
    async (c) =>
      c.json(
        await centreRoles.listCentreRoleGrants(c.var.db, c.var.user, c.req.valid('param').id),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/centres/{id}/role-grants', {
      summary: '（所服务社区的管理员）任命邻里中心管理员',
      request: { params: IdParam, ...jsonBody(GrantCentreRoleBody) },
      responses: {
        201: jsonResponse(CentreRoleGrantSchema, '已任命'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await centreRoles.grantCentreRole(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        201,
      ),
  )
  .openapi(
    signedIn('delete', '/centre-role-grants/{id}', {
      summary: '（所服务社区的管理员）撤销邻里中心管理员',
      request: { params: IdParam },
      responses: { 200: jsonResponse(OkSchema, '已撤销'), ...errorsOf(401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await centreRoles.revokeCentreRoleGrant(c.var.db, c.var.user, c.req.valid('param').id),
        200,
      ),
  )
