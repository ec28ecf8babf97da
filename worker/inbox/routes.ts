import { z } from '@hono/zod-openapi'
import { pageSchema } from '../lib/pagination'
import {
  createRouter,
  errorsOf,
  IdParam,
  jsonBody,
  jsonResponse,
  OkSchema,
  routesTagged,
} from '../lib/router'
import {
  InboxQuery,
  NotificationSchema,
  SubscribeAnswersBody,
  SubscriptionsSchema,
  SubscriptionSwitchBody,
  TopicParam,
} from './schemas'
import { listInbox, markAllRead, markRead, unreadCount } from './service'
import { listSubscriptions, recordAnswers, switchSubscription } from './subscriptions-service'
import { templatesOf } from './wechat-env'

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
  .openapi(
    signedIn('get', '/me/subscriptions', {
      summary: '消息设置：每类微信订阅消息的模板、我的开关和剩余条数',
      responses: { 200: jsonResponse(SubscriptionsSchema, '订阅设置'), ...errorsOf(401) },
    }),
    async (c) => c.json(await listSubscriptions(c.var.db, c.var.user, templatesOf(c.env)), 200),
  )
  .openapi(
    signedIn('post', '/me/subscriptions/answers', {
      summary: '记录 wx.requestSubscribeMessage 的结果（accept 加一条，reject/ban 关闭）',
      request: jsonBody(SubscribeAnswersBody),
      responses: { 200: jsonResponse(SubscriptionsSchema, '订阅设置'), ...errorsOf(400, 401) },
    }),
    async (c) =>
      c.json(
        await recordAnswers(c.var.db, c.var.user, templatesOf(c.env), c.req.valid('json').answers),
        200,
      ),
  )
  .openapi(
    signedIn('put', '/me/subscriptions/{topic}', {
      summary: '打开或关闭一类微信订阅消息',
      request: { params: TopicParam, ...jsonBody(SubscriptionSwitchBody) },
      responses: { 200: jsonResponse(SubscriptionsSchema, '订阅设置'), ...errorsOf(400, 401, 404) },
    }),
    async (c) =>
      c.json(
        await switchSubscription(
          c.var.db,
          c.var.user,
          templatesOf(c.env),
          c.req.valid('param').topic,
          c.req.valid('json').enabled,
        ),
        200,
      ),
  )
