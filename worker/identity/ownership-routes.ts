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
import * as ownership from './ownership-service'
import {
  MyOwnershipSchema,
  OwnerProxySchema,
  OwnerSchema,
  OwnershipListSchema,
  OwnershipQuery,
  OwnershipUnitSchema,
  OwnersQuery,
  RecordProxyBody,
  RecordTitleBody,
} from './schemas'

// 房屋产权登记 (decision 011): staff record who owns each unit, from the certificate, and owners'
// written 委托; the owner sees her own. Every staff route is audited in the service.
const { signedIn } = routesTagged('业主 ownership')

export const ownershipRoutes = createRouter()
  .openapi(
    signedIn('get', '/communities/{id}/ownership', {
      summary:
        '（工作人员）一栋楼各户的产权登记：面积、业主、不动产权证号、开发商未售、委托（查看记入操作日志）',
      request: { params: IdParam, query: OwnershipQuery },
      responses: { 200: jsonResponse(OwnershipListSchema, '各户产权'), ...errorsOf(401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await ownership.listOwnership(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('query'),
        ),
        200,
      ),
  )
  .openapi(
    signedIn('get', '/communities/{id}/owners', {
      summary: '（工作人员）按姓名查找已登记的业主或开发商（为另一套房选用同一业主）',
      request: { params: IdParam, query: OwnersQuery },
      responses: {
        200: jsonResponse(z.object({ items: z.array(OwnerSchema) }), '业主'),
        ...errorsOf(401, 403),
      },
    }),
    async (c) =>
      c.json(
        await ownership.searchOwners(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('query'),
        ),
        200,
      ),
  )
  .openapi(
    signedIn('get', '/households/{id}/ownership', {
      summary: '（工作人员）一户的产权登记与委托（查看记入操作日志）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(OwnershipUnitSchema, '产权'), ...errorsOf(401, 403, 404) },
    }),
    async (c) =>
      c.json(await ownership.getUnitOwnership(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('put', '/households/{id}/ownership', {
      summary:
        '（工作人员）按不动产权证登记或更正一户的产权：登记面积、证号、业主（可多位共有人），或标记开发商未售/未交付',
      request: { params: IdParam, ...jsonBody(RecordTitleBody) },
      responses: {
        200: jsonResponse(OwnershipUnitSchema, '已登记'),
        ...errorsOf(400, 401, 403, 404),
      },
    }),
    async (c) =>
      c.json(
        await ownership.recordTitle(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/owners/{id}/proxies', {
      summary: '（工作人员）登记业主的书面委托：受托人可代业主在民法典表决中投票（取代原委托）',
      request: { params: IdParam, ...jsonBody(RecordProxyBody) },
      responses: {
        201: jsonResponse(OwnerProxySchema, '已登记委托'),
        ...errorsOf(400, 401, 403, 404),
      },
    }),
    async (c) =>
      c.json(
        await ownership.recordProxy(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        201,
      ),
  )
  .openapi(
    signedIn('post', '/owner-proxies/{id}/revoke', {
      summary: '（工作人员）撤销委托',
      request: { params: IdParam },
      responses: { 200: jsonResponse(OkSchema, '已撤销'), ...errorsOf(401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(await ownership.revokeProxy(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('get', '/me/ownership', {
      summary: '我的房产登记：我名下的房屋和面积、我给出和受托的委托（不含证号）',
      responses: { 200: jsonResponse(MyOwnershipSchema, '我的房产'), ...errorsOf(401) },
    }),
    async (c) => c.json(await ownership.myOwnership(c.var.db, c.var.user), 200),
  )
