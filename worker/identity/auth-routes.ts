import { createMiddleware } from 'hono/factory'
import { z } from '@hono/zod-openapi'
import { contentCheckOf } from '../lib/content-check'
import type { AppEnv } from '../lib/env'
import { requireUser } from '../lib/auth'
import { AppError } from '../lib/errors'
import {
  createRouter,
  errorsOf,
  jsonBody,
  jsonResponse,
  OkSchema,
  routesTagged,
} from '../lib/router'
import * as auth from './auth-service'
import { getMe, listDevUsers } from './me-service'
import { PRIVACY_NOTICE } from './privacy'
import {
  ChooseCommunityBody,
  ConsentBody,
  DevLoginBody,
  DevUsersSchema,
  MeSchema,
  PrivacyNoticeSchema,
  SessionSchema,
  UpdateProfileBody,
  UserSchema,
  WechatLoginBody,
} from './schemas'

const { open, signedIn } = routesTagged('身份 identity')

/** Outside development the dev login answers exactly like a route that does not exist. */
const developmentOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.env.ENVIRONMENT !== 'development') throw new AppError('NOT_FOUND', '接口不存在')
  await next()
})

export const authRoutes = createRouter()
  .openapi(
    open('post', '/auth/wechat', {
      summary: '微信登录：用 wx.login 的 code 换取会话',
      request: jsonBody(WechatLoginBody),
      responses: { 200: jsonResponse(SessionSchema, '会话'), ...errorsOf(400, 429) },
    }),
    async (c) => c.json(await auth.loginWithWechat(c.var.db, c.env, c.req.valid('json').code), 200),
  )
  .openapi(
    open('get', '/auth/dev/users', {
      hide: true,
      middleware: [developmentOnly],
      responses: { 200: jsonResponse(DevUsersSchema, '演示用户') },
    }),
    async (c) => c.json(await listDevUsers(c.var.db), 200),
  )
  .openapi(
    open('post', '/auth/dev', {
      hide: true,
      middleware: [developmentOnly],
      request: jsonBody(DevLoginBody),
      responses: { 200: jsonResponse(SessionSchema, '会话'), ...errorsOf(404) },
    }),
    async (c) => c.json(await auth.loginAsDevUser(c.var.db, c.req.valid('json')), 200),
  )
  .openapi(
    signedIn('post', '/auth/logout', {
      summary: '退出登录（吊销当前会话）',
      responses: { 200: jsonResponse(OkSchema, '已退出'), ...errorsOf(401) },
    }),
    async (c) => {
      await auth.logout(c.var.db, requireUser(c.var.user))
      return c.json({ ok: true as const }, 200)
    },
  )
  .openapi(
    signedIn('get', '/me', {
      summary: '我：用户、当前社区、认证住户、角色、认证申请',
      responses: { 200: jsonResponse(MeSchema, '我'), ...errorsOf(401) },
    }),
    async (c) => c.json(await getMe(c.var.db, requireUser(c.var.user)), 200),
  )
  .openapi(
    signedIn('patch', '/me', {
      summary: '修改昵称',
      request: jsonBody(UpdateProfileBody),
      responses: {
        200: jsonResponse(
          UserSchema.extend({ nicknameReview: z.string().nullable() }),
          '用户（新昵称审核中时 nicknameReview 说明）',
        ),
        ...errorsOf(400, 401),
      },
    }),
    async (c) =>
      c.json(
        await auth.updateProfile(
          c.var.db,
          contentCheckOf(c.var.db, c.env),
          requireUser(c.var.user),
          c.req.valid('json').nickname,
        ),
        200,
      ),
  )
  .openapi(
    open('get', '/privacy/notice', {
      summary: '隐私政策',
      responses: { 200: jsonResponse(PrivacyNoticeSchema, '隐私政策') },
    }),
    (c) => c.json({ ...PRIVACY_NOTICE, paragraphs: [...PRIVACY_NOTICE.paragraphs] }, 200),
  )
  .openapi(
    signedIn('post', '/me/consent', {
      summary: '同意隐私政策（记录版本和时间）',
      request: jsonBody(ConsentBody),
      responses: { 200: jsonResponse(UserSchema, '用户'), ...errorsOf(400, 401) },
    }),
    async (c) =>
      c.json(
        await auth.recordConsent(c.var.db, requireUser(c.var.user), c.req.valid('json').version),
        200,
      ),
  )
  .openapi(
    signedIn('put', '/me/community', {
      summary: '选择当前社区',
      request: jsonBody(ChooseCommunityBody),
      responses: { 200: jsonResponse(UserSchema, '用户'), ...errorsOf(401, 404) },
    }),
    async (c) =>
      c.json(
        await auth.chooseCommunity(
          c.var.db,
          requireUser(c.var.user),
          c.req.valid('json').communityId,
        ),
        200,
      ),
  )
