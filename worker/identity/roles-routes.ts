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
import * as roles from './roles-service'
import { GrantRoleBody, RoleGrantSchema } from './schemas'

const { signedIn } = routesTagged('角色 roles')

export const rolesRoutes = createRouter()
  .openapi(
    signedIn('get', '/communities/{id}/roles', {
      summary: '（工作人员）本社区的角色分配',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(RoleGrantSchema) }), '角色'),
        ...errorsOf(401, 403),
      },
    }),
    async (c) =>
      c.json(await roles.listRoleGrants(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/communities/{id}/roles', {
      summary: '（管理员）分配角色',
      request: { params: IdParam, ...jsonBody(GrantRoleBody) },
      responses: {
        201: jsonResponse(RoleGrantSchema, '已分配'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await roles.grantRole(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  )
  .openapi(
    signedIn('delete', '/role-grants/{id}', {
      summary: '（管理员）撤销角色',
      request: { params: IdParam },
      responses: { 200: jsonResponse(OkSchema, '已撤销'), ...errorsOf(401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(await roles.revokeRoleGrant(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
