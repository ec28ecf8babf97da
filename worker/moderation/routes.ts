import { z } from '@hono/zod-openapi'
import {
  createRouter,
  errorsOf,
  IdParam,
  jsonBody,
  jsonResponse,
  routesTagged,
} from '../lib/router'
import { answerPushCheck, receivePush } from './checks-service'
import { approveHold, holdQueue, rejectHold } from './queue-service'
import {
  ContentWordsSchema,
  HoldQueueSchema,
  RejectHoldBody,
  RemoveWordBody,
  SetWordBody,
} from './schemas'
import { listWords, removeWord, setWord } from './words-service'

// Content safety (decision 013): the street's word list and the queue of held content for
// staff, and the endpoint where WeChat pushes its photo verdicts.

const { open, signedIn } = routesTagged('内容安全 moderation')

const Decided = z.object({ id: z.string(), status: z.string(), statusLabel: z.string() })

const PushQuery = z.object({
  signature: z.string().max(100).optional(),
  timestamp: z.string().max(20).optional(),
  nonce: z.string().max(100).optional(),
  echostr: z.string().max(200).optional(),
})

/** The token WeChat signs its pushes with (mp.weixin.qq.com → 开发设置 → 消息推送). */
const pushToken = (env: { WECHAT_PUSH_TOKEN?: string }) => env.WECHAT_PUSH_TOKEN

export const moderationRoutes = createRouter()
  .openapi(
    signedIn('get', '/communities/{id}/content-words', {
      summary: '（工作人员）本街道的敏感词库和当前的检查方式',
      request: { params: IdParam },
      responses: { 200: jsonResponse(ContentWordsSchema, '词库'), ...errorsOf(401, 403, 404) },
    }),
    async (c) => c.json(await listWords(c.var.db, c.env, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/communities/{id}/content-words', {
      summary: '（工作人员）添加敏感词，或改为“拒绝”/“人工审核”（记入操作记录）',
      request: { params: IdParam, ...jsonBody(SetWordBody) },
      responses: {
        200: jsonResponse(ContentWordsSchema, '更新后的词库'),
        ...errorsOf(400, 401, 403, 404),
      },
    }),
    async (c) =>
      c.json(
        await setWord(c.var.db, c.env, c.var.user, c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/communities/{id}/content-words/remove', {
      summary: '（工作人员）从词库移除一个词（默认词则对本街道停用；记入操作记录）',
      request: { params: IdParam, ...jsonBody(RemoveWordBody) },
      responses: {
        200: jsonResponse(ContentWordsSchema, '更新后的词库'),
        ...errorsOf(400, 401, 403, 404),
      },
    }),
    async (c) =>
      c.json(
        await removeWord(c.var.db, c.env, c.var.user, c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    signedIn('get', '/communities/{id}/content-holds', {
      summary: '（工作人员）机器审核扣下的内容：待人工审核、微信判定违规、久未回复的照片',
      request: { params: IdParam },
      responses: { 200: jsonResponse(HoldQueueSchema, '审核队列'), ...errorsOf(401, 403) },
    }),
    async (c) =>
      c.json(
        await holdQueue(c.var.db, c.env, c.var.photoSecret, c.var.user, c.req.valid('param').id),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/content-holds/{id}/approve', {
      summary: '（工作人员）人工审核通过：内容向所有人展示（记入操作记录）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Decided, '处理结果'), ...errorsOf(401, 403, 404, 409) },
    }),
    async (c) => c.json(await approveHold(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/content-holds/{id}/reject', {
      summary: '（工作人员）驳回：内容只有作者可见，并通知作者理由（记入操作记录）',
      request: { params: IdParam, ...jsonBody(RejectHoldBody) },
      responses: { 200: jsonResponse(Decided, '处理结果'), ...errorsOf(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await rejectHold(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json').reason),
        200,
      ),
  )
  .openapi(
    open('get', '/wechat/push', {
      summary: '微信消息推送的服务器地址校验（签名正确时原样返回 echostr）',
      request: { query: PushQuery },
      responses: {
        200: { content: { 'text/plain': { schema: z.string() } }, description: 'echostr' },
        ...errorsOf(403),
      },
    }),
    async (c) => {
      const echo = await answerPushCheck(pushToken(c.env), c.req.valid('query'))
      if (echo === null) return c.json({ error: { code: 'FORBIDDEN', message: '签名无效' } }, 403)
      return c.text(echo, 200)
    },
  )
  .openapi(
    open('post', '/wechat/push', {
      summary: '微信消息推送：照片内容安全检查（mediaCheckAsync）的结果，须带微信签名',
      request: { query: PushQuery },
      responses: {
        200: { content: { 'text/plain': { schema: z.string() } }, description: 'success' },
        ...errorsOf(403),
      },
    }),
    async (c) => {
      let body: unknown = null
      try {
        body = await c.req.json()
      } catch {
        body = null
      }
      const accepted = await receivePush(
        c.var.db,
        { token: pushToken(c.env), appId: c.env.WECHAT_APPID },
        c.req.valid('query'),
        body,
      )
      if (!accepted) return c.json({ error: { code: 'FORBIDDEN', message: '签名无效' } }, 403)
      return c.text('success', 200)
    },
  )
