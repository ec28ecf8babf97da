import type { Context } from 'hono'
import { imageResponse } from '../lib/photo-schemas'
import { photoBody } from '../lib/photo-intake'
import type { AppEnv } from '../lib/env'
import { createRouter, errorsOf, IdParam, routesTagged } from '../lib/router'
import { alleyCode, conventionCode, meetingDoorCode } from './service'

const { open, signedIn } = routesTagged('小程序码 codes')

const context = (c: Context<AppEnv>) => ({
  db: c.var.db,
  photos: c.var.photos,
  wechat: {
    baseUrl: c.env.WECHAT_API_BASE,
    appId: c.env.WECHAT_APPID,
    secret: c.env.WECHAT_SECRET,
  },
})

// A code never changes once made (decision 014): browsers and WeChat may keep it a day.
const PUBLIC_CACHE = 'public, max-age=86400'

export const codeRoutes = createRouter()
  .openapi(
    open('get', '/alleys/{id}/code', {
      summary: '背街小巷海报的小程序码（扫码打开提金点子，已选好这条小巷）',
      request: { params: IdParam },
      responses: { 200: imageResponse, ...errorsOf(404) },
    }),
    async (c) => photoBody(c, await alleyCode(context(c), c.req.valid('param').id), PUBLIC_CACHE),
  )
  .openapi(
    signedIn('get', '/meetings/{id}/door-code', {
      summary: '（议事会成员、工作人员）会议门牌的小程序码：扫码打开会议并带上签到码',
      request: { params: IdParam },
      responses: { 200: imageResponse, ...errorsOf(401, 403, 404) },
    }),
    async (c) =>
      photoBody(
        c,
        await meetingDoorCode(context(c), c.var.user, c.req.valid('param').id),
        'private, max-age=3600',
      ),
  )
  .openapi(
    open('get', '/conventions/{id}/code', {
      summary: '微规约公示的小程序码（扫码打开这份微规约）',
      request: { params: IdParam },
      responses: { 200: imageResponse, ...errorsOf(404) },
    }),
    async (c) =>
      photoBody(
        c,
        await conventionCode(context(c), c.var.user, c.req.valid('param').id),
        PUBLIC_CACHE,
      ),
  )
