import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  createRouter,
  errorsOf,
  IdParam,
  jsonBody,
  jsonResponse,
  routesTagged,
} from '../lib/router'
import type { AppEnv } from '../lib/env'
import { now } from '../lib/time'
import { communityBrief, figuresOf, streetFiguresOf } from './figures-service'
import {
  communityFiguresCsv,
  communityFiguresJson,
  openSuggestions,
  openSuggestionsCsv,
  streetFiguresCsv,
  streetFiguresJson,
} from './open-data'
import { registerOf } from './register'
import { follow, markDone, myFollows, unfollow } from './register-service'
import {
  CommunityFiguresSchema,
  DoneBody,
  FollowingSchema,
  OpenCommunityFiguresSchema,
  OpenStreetFiguresSchema,
  OpenSuggestionsSchema,
  RegisterEntryParams,
  RegisterEntrySchema,
  RegisterListSchema,
  StreetFiguresSchema,
} from './schemas'

// 民事民评 in public: the 三率 page of a community, the street view, the resolutions register
// and open data. Every GET here is public and carries no personal data
// (tests/worker/transparency-privacy.test.ts reads each of them for it).

const { open, signedIn } = routesTagged('公开数据 transparency')

const csvResponse = {
  200: {
    description: 'CSV（UTF-8 带 BOM；首行为许可说明，以 # 开头）',
    content: { 'text/csv': { schema: z.string() } },
  },
  ...errorsOf(404),
}

function csv(c: Context<AppEnv>, file: { body: string; filename: string }, ascii: string) {
  return c.body(file.body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    'cache-control': 'no-cache',
  })
}

const FollowStateSchema = z.object({ following: z.boolean(), followers: z.number().int() })

export const transparencyRoutes = createRouter()
  .openapi(
    open('get', '/communities/{id}/figures', {
      summary:
        '社区三率（公开）：响应率、解决率、满意率及其件数，近 12 个月走势，按类别、按小巷，逾期未答复；最多 5 分钟前计算',
      request: { params: IdParam },
      responses: { 200: jsonResponse(CommunityFiguresSchema, '社区的公开数据'), ...errorsOf(404) },
    }),
    async (c) => c.json(await figuresOf(c.var.db, c.req.valid('param').id), 200),
  )
  .openapi(
    open('get', '/streets/{id}/figures', {
      summary: '街道各社区三率对比（公开）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(StreetFiguresSchema, '街道的公开数据'), ...errorsOf(404) },
    }),
    async (c) => c.json(await streetFiguresOf(c.var.db, c.req.valid('param').id), 200),
  )
  .openapi(
    open('get', '/communities/{id}/register', {
      summary: '决议台账（公开）：已公布的会议决议和现行微规约，责任人、期限、进展',
      request: { params: IdParam },
      responses: { 200: jsonResponse(RegisterListSchema, '决议台账'), ...errorsOf(404) },
    }),
    async (c) => {
      const id = c.req.valid('param').id
      const community = await communityBrief(c.var.db, id)
      return c.json({ community, ...(await registerOf(c.var.db, id, now())) }, 200)
    },
  )
  .openapi(
    signedIn('post', '/register/{kind}/{id}/follow', {
      summary: '关注台账中的一项（逾期、完成、有评价时收到消息）',
      request: { params: RegisterEntryParams },
      responses: { 200: jsonResponse(FollowStateSchema, '关注状态'), ...errorsOf(401, 404) },
    }),
    async (c) => {
      const { kind, id } = c.req.valid('param')
      return c.json(await follow(c.var.db, c.var.user, kind, id), 200)
    },
  )
  .openapi(
    signedIn('delete', '/register/{kind}/{id}/follow', {
      summary: '取消关注',
      request: { params: RegisterEntryParams },
      responses: { 200: jsonResponse(FollowStateSchema, '关注状态'), ...errorsOf(401, 404) },
    }),
    async (c) => {
      const { kind, id } = c.req.valid('param')
      return c.json(await unfollow(c.var.db, c.var.user, kind, id), 200)
    },
  )
  .openapi(
    signedIn('get', '/me/register-follows', {
      summary: '我关注的台账事项',
      responses: { 200: jsonResponse(FollowingSchema, '关注列表'), ...errorsOf(401) },
    }),
    async (c) => c.json(await myFollows(c.var.db, c.var.user), 200),
  )
  .openapi(
    signedIn('post', '/register/resolution/{id}/done', {
      summary: '（议事会）标记未关联金点子的决议已完成，写明完成情况；关注的居民收到消息',
      request: { params: IdParam, ...jsonBody(DoneBody) },
      responses: {
        200: jsonResponse(RegisterEntrySchema, '更新后的台账事项'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      return c.json(await markDone(c.var.db, c.var.user, id, c.req.valid('json').note), 200)
    },
  )
  .openapi(
    open('get', '/open-data/communities/{id}/figures.json', {
      summary: '开放数据：社区三率 JSON（含许可）',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(OpenCommunityFiguresSchema, '社区三率'),
        ...errorsOf(404),
      },
    }),
    async (c) => c.json(await communityFiguresJson(c.var.db, c.req.valid('param').id), 200),
  )
  .openapi(
    open('get', '/open-data/communities/{id}/figures.csv', {
      summary: '开放数据：社区三率 CSV（近 12 个月、逐月、按类别、按小巷）',
      request: { params: IdParam },
      responses: csvResponse,
    }),
    async (c) =>
      csv(c, await communityFiguresCsv(c.var.db, c.req.valid('param').id), 'figures.csv'),
  )
  .openapi(
    open('get', '/open-data/communities/{id}/suggestions.json', {
      summary: '开放数据：社区已公开的金点子 JSON（不含作者、住户；只含公开照片）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(OpenSuggestionsSchema, '金点子'), ...errorsOf(404) },
    }),
    async (c) =>
      c.json(
        await openSuggestions(c.var.db, c.req.valid('param').id, new URL(c.req.url).origin),
        200,
      ),
  )
  .openapi(
    open('get', '/open-data/communities/{id}/suggestions.csv', {
      summary: '开放数据：社区已公开的金点子 CSV',
      request: { params: IdParam },
      responses: csvResponse,
    }),
    async (c) =>
      csv(
        c,
        await openSuggestionsCsv(c.var.db, c.req.valid('param').id, new URL(c.req.url).origin),
        'suggestions.csv',
      ),
  )
  .openapi(
    open('get', '/open-data/streets/{id}/figures.json', {
      summary: '开放数据：街道各社区三率 JSON',
      request: { params: IdParam },
      responses: { 200: jsonResponse(OpenStreetFiguresSchema, '街道三率'), ...errorsOf(404) },
    }),
    async (c) => c.json(await streetFiguresJson(c.var.db, c.req.valid('param').id), 200),
  )
  .openapi(
    open('get', '/open-data/streets/{id}/figures.csv', {
      summary: '开放数据：街道各社区三率 CSV',
      request: { params: IdParam },
      responses: csvResponse,
    }),
    async (c) => csv(c, await streetFiguresCsv(c.var.db, c.req.valid('param').id), 'figures.csv'),
  )
