import { z } from '@hono/zod-openapi'
import { cursorQuery, pageSchema } from '../lib/pagination'
import { createRouter, errorsOf, IdParam, jsonResponse, routesTagged } from '../lib/router'
import { AuditEntrySchema } from './schemas'
import { listAudit } from './service'

const { signedIn } = routesTagged('审计 audit')

export const auditRoutes = createRouter().openapi(
  signedIn('get', '/communities/{id}/audit', {
    summary: '（工作人员）本社区的操作记录，新的在前',
    request: { params: IdParam, query: z.object(cursorQuery) },
    responses: {
      200: jsonResponse(pageSchema(AuditEntrySchema), '操作记录'),
      ...errorsOf(401, 403),
    },
  }),
  async (c) =>
    c.json(
      await listAudit(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('query')),
      200,
    ),
)
