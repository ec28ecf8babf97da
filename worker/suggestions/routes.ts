import { z } from '@hono/zod-openapi'
import { requireUser } from '../lib/auth'
import { pageSchema } from '../lib/pagination'
import { photoBody } from '../lib/photo-intake'
import { imageResponse, SignedPhotoQuery } from '../lib/photo-schemas'
import {
  createRouter,
  errorsOf,
  IdParam,
  jsonBody,
  jsonResponse,
  OkSchema,
  routesTagged,
} from '../lib/router'
import { contentCheckOf } from '../lib/content-check'
import { getSettings } from './admin-service'
import { getSuggestionDetail } from './detail-service'
import { addComment, flagContent, listComments, rateSuggestion } from './feedback-service'
import { listMySuggestions, listSuggestions } from './list-service'
import { readPhoto, uploadPhoto } from './photos-service'
import {
  CommentSchema,
  CreateCommentBody,
  CreateSuggestionBody,
  FlagBody,
  ListQuery,
  MySuggestionSchema,
  MySuggestionsQuery,
  PhotoSchema,
  PhotoUploadForm,
  RatingBody,
  SettingsSchema,
  SimilarQuery,
  SuggestionDetailSchema,
  SuggestionSummarySchema,
  SupportResultSchema,
} from './schemas'
import { createSuggestion, findSimilar } from './submit-service'
import { supportSuggestion, withdrawSupport } from './support-service'
import { ActingParams } from '../identity/acting-schemas'

// 金点子 for residents (and anyone browsing). Staff actions are in staff-routes.ts.

const { open, signedIn } = routesTagged('金点子 suggestions')

export const suggestionRoutes = createRouter()
  .openapi(
    open('get', '/communities/{id}/suggestions', {
      summary: '社区的金点子：排序、筛选、中文搜索、分页',
      request: { params: IdParam, query: ListQuery },
      responses: {
        200: jsonResponse(pageSchema(SuggestionSummarySchema), '金点子'),
        ...errorsOf(400, 404),
      },
    }),
    async (c) =>
      c.json(
        await listSuggestions(
          c.var.db,
          c.var.photoSecret,
          c.req.valid('param').id,
          c.req.valid('query'),
        ),
        200,
      ),
  )
  .openapi(
    open('get', '/communities/{id}/suggestions/similar', {
      summary: '输入时查找相似的进行中建议',
      request: { params: IdParam, query: SimilarQuery },
      responses: {
        200: jsonResponse(z.object({ items: z.array(SuggestionSummarySchema) }), '相似建议'),
      },
    }),
    async (c) =>
      c.json(
        await findSimilar(
          c.var.db,
          c.var.photoSecret,
          c.req.valid('param').id,
          c.req.valid('query'),
        ),
        200,
      ),
  )
  .openapi(
    open('get', '/communities/{id}/suggestion-settings', {
      summary: '答复门槛（户）和答复期限（天）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(SettingsSchema, '设置') },
    }),
    async (c) => c.json(await getSettings(c.var.db, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/communities/{id}/suggestions', {
      summary: '提交金点子（认证居民）',
      request: { params: IdParam, ...jsonBody(CreateSuggestionBody) },
      responses: {
        201: jsonResponse(SuggestionDetailSchema, '已提交，等待审核'),
        ...errorsOf(400, 401, 403),
      },
    }),
    async (c) =>
      c.json(
        await createSuggestion(
          c.var.db,
          contentCheckOf(c.var.db, c.env),
          c.var.photoSecret,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        201,
      ),
  )
  .openapi(
    signedIn('post', '/communities/{id}/suggestions/for/{residentId}', {
      summary: '（工作人员、楼组长）为居民代办：提交金点子，与她本人提交的一样计算',
      request: { params: ActingParams, ...jsonBody(CreateSuggestionBody) },
      responses: {
        201: jsonResponse(SuggestionDetailSchema, '已提交，等待审核'),
        ...errorsOf(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id, residentId } = c.req.valid('param')
      return c.json(
        await createSuggestion(
          c.var.db,
          contentCheckOf(c.var.db, c.env),
          c.var.photoSecret,
          c.var.user,
          id,
          c.req.valid('json'),
          { actingFor: residentId },
        ),
        201,
      )
    },
  )
  .openapi(
    signedIn('get', '/me/suggestions', {
      summary: '我的金点子：我提的 / 我附议的，含未读更新',
      request: { query: MySuggestionsQuery },
      responses: {
        200: jsonResponse(z.object({ items: z.array(MySuggestionSchema) }), '我的金点子'),
        ...errorsOf(401),
      },
    }),
    async (c) =>
      c.json(
        await listMySuggestions(c.var.db, c.var.photoSecret, c.var.user, c.req.valid('query').tab),
        200,
      ),
  )
  .openapi(
    open('get', '/suggestions/{id}', {
      summary: '建议详情：时间线、照片、附议、评价',
      request: { params: IdParam },
      responses: { 200: jsonResponse(SuggestionDetailSchema, '建议'), ...errorsOf(404) },
    }),
    async (c) =>
      c.json(
        await getSuggestionDetail(c.var.db, c.var.photoSecret, c.var.user, c.req.valid('param').id),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/suggestions/{id}/support', {
      summary: '附议（每位认证居民一次）',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(SupportResultSchema, '附议结果'),
        ...errorsOf(401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(await supportSuggestion(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/suggestions/{id}/support/for/{residentId}', {
      summary: '（工作人员、楼组长）为居民代办附议（每位居民一次，按户计数不变）',
      request: { params: ActingParams },
      responses: {
        200: jsonResponse(SupportResultSchema, '附议结果'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id, residentId } = c.req.valid('param')
      return c.json(
        await supportSuggestion(c.var.db, c.var.user, id, { actingFor: residentId }),
        200,
      )
    },
  )
  .openapi(
    signedIn('delete', '/suggestions/{id}/support', {
      summary: '撤回附议',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(SupportResultSchema, '附议结果'),
        ...errorsOf(401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await withdrawSupport(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    open('get', '/suggestions/{id}/comments', {
      summary: '评论（一层回复）',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(CommentSchema) }), '评论'),
        ...errorsOf(404),
      },
    }),
    async (c) => c.json(await listComments(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/suggestions/{id}/comments', {
      summary: '发表评论或回复',
      request: { params: IdParam, ...jsonBody(CreateCommentBody) },
      responses: { 201: jsonResponse(CommentSchema, '评论'), ...errorsOf(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await addComment(
          c.var.db,
          contentCheckOf(c.var.db, c.env),
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        201,
      ),
  )
  .openapi(
    signedIn('post', '/suggestions/{id}/ratings', {
      summary: '民事民评：1–5 星，可选“未解决”（重新处理）',
      request: { params: IdParam, ...jsonBody(RatingBody) },
      responses: {
        200: jsonResponse(z.object({ stars: z.number(), unresolved: z.boolean() }), '我的评价'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await rateSuggestion(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/suggestions/{id}/flags', {
      summary: '举报建议或评论',
      request: { params: IdParam, ...jsonBody(FlagBody) },
      responses: { 201: jsonResponse(OkSchema, '已举报'), ...errorsOf(400, 401, 404, 409) },
    }),
    async (c) =>
      c.json(
        await flagContent(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  )
  .openapi(
    signedIn('post', '/suggestion-photos', {
      summary:
        '上传一张照片（multipart：file、communityId；JPEG/PNG/WebP，≤5MB，按内容识别，去除位置信息）',
      request: {
        body: { required: true, content: { 'multipart/form-data': { schema: PhotoUploadForm } } },
      },
      responses: { 201: jsonResponse(PhotoSchema, '照片'), ...errorsOf(400, 401, 403) },
    }),
    async (c) => {
      const form = await c.req.parseBody()
      requireUser(c.var.user)
      return c.json(
        await uploadPhoto(
          c.var.db,
          contentCheckOf(c.var.db, c.env),
          c.var.photos,
          c.var.photoSecret,
          c.var.user,
          { communityId: form.communityId, file: form.file, origin: new URL(c.req.url).origin },
        ),
        201,
      )
    },
  )
  .openapi(
    open('get', '/suggestion-photos/{id}', {
      summary: '照片（公开建议的照片，或带签名的链接）',
      request: { params: IdParam, query: SignedPhotoQuery },
      responses: { 200: imageResponse, ...errorsOf(404) },
    }),
    async (c) => {
      const photo = await readPhoto(
        c.var.db,
        c.var.photos,
        c.var.photoSecret,
        c.var.user,
        c.req.valid('param').id,
        c.req.valid('query'),
      )
      return photoBody(c, photo, photo.cacheControl)
    },
  )
