import { z } from '@hono/zod-openapi'
import { pageSchema } from '../lib/pagination'
import {
  createRouter,
  errorsOf,
  IdParam,
  jsonResponse,
  OkSchema,
  routesTagged,
} from '../lib/router'
import { InboxQuery, NotificationSchema } from './schemas'
import { listInbox, markAllRead, markRead, unreadCount } from './service'

const { signedIn } = routesTagged('消息 inbox')

export const inboxRoutes = createRouter()
  .openapi(
    signedIn('get', '/me/inbox', {
      summary: '我的消息，新的在前（unread=1 只看未读）',
      request: { query: InboxQuery },
      responses: { 200: jsonResponse(pageSchema(NotificationSchema), '消息'), ...errorsOf(401) },
    }),
    async (c) => c.json(await listInbox(c.var.db, c.var.user, c.req.valid('query')), 200),
  )
  .openapi(
    signedIn('get', '/me/inbox/unread-count', {
      summary: '未读消息数（“我的”标签上的数字）',
      responses: {
        200: jsonResponse(z.object({ unread: z.number() }), '未读数'),
        ...errorsOf(401),
      },
    }),
    async (c) => c.json(await unreadCount(c.var.db, c.var.user), 200),
  )
  .openapi(
    signedIn('post', '/me/inbox/{id}/read', {
      summary: '标记一条消息已读',
      request: { params: IdParam },
      responses: { 200: jsonResponse(OkSchema, '已读'), ...errorsOf(401, 404) },
    }),
    async (c) => c.json(await markRead(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/me/inbox/read-all', {
      summary: '全部标记已读',
      responses: { 200: jsonResponse(OkSchema, '已读'), ...errorsOf(401) },
    }),
    async (c) => c.json(await markAllRead(c.var.db, c.var.user), 200),
  )
