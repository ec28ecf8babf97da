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
import {
  createTemplate,
  deleteTemplate,
  dismissFlag,
  listTemplates,
  moderationQueue,
  updateSettings,
} from './admin-service'
import { contentCheckOf } from '../lib/content-check'
import { getSuggestionDetail } from './detail-service'
import { hideComment } from './feedback-service'
import {
  acceptSuggestion,
  answerSuggestion,
  assignPlanner,
  hideSuggestion,
  mergeSuggestion,
  postProgress,
  publishSuggestion,
  unhideSuggestion,
} from './lifecycle-service'
import {
  AnswerBody,
  AssignBody,
  MergeBody,
  ModerationQueueSchema,
  ProgressBody,
  ReasonBody,
  SettingsBody,
  SettingsSchema,
  SuggestionDetailSchema,
  TemplateBody,
  TemplateSchema,
} from './schemas'

// 金点子 for staff, planners and committee: moderation, answers, progress, settings.

const { signedIn } = routesTagged('金点子 处理 suggestions (staff)')
const acted = {
  200: jsonResponse(SuggestionDetailSchema, '更新后的建议'),
  ...errorsOf(400, 401, 403, 404, 409),
}

export const suggestionStaffRoutes = createRouter()
  .openapi(
    signedIn('get', '/communities/{id}/suggestions/moderation', {
      summary: '审核队列：待审核的建议和举报',
      request: { params: IdParam },
      responses: { 200: jsonResponse(ModerationQueueSchema, '审核队列'), ...errorsOf(401, 403) },
    }),
    async (c) =>
      c.json(
        await moderationQueue(c.var.db, c.var.photoSecret, c.var.user, c.req.valid('param').id),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/suggestions/{id}/publish', {
      summary: '审核通过并公开',
      request: { params: IdParam },
      responses: acted,
    }),
    async (c) => {
      await publishSuggestion(c.var.db, c.var.user, c.req.valid('param').id)
      return c.json(
        await getSuggestionDetail(c.var.db, c.var.photoSecret, c.var.user, c.req.valid('param').id),
        200,
      )
    },
  )
  .openapi(
    signedIn('post', '/suggestions/{id}/hide', {
      summary: '隐藏（须说明理由，作者可见）',
      request: { params: IdParam, ...jsonBody(ReasonBody) },
      responses: acted,
    }),
    async (c) => {
      await hideSuggestion(
        c.var.db,
        c.var.user,
        c.req.valid('param').id,
        c.req.valid('json').reason,
      )
      return c.json(
        await getSuggestionDetail(c.var.db, c.var.photoSecret, c.var.user, c.req.valid('param').id),
        200,
      )
    },
  )
  .openapi(
    signedIn('post', '/suggestions/{id}/unhide', {
      summary: '恢复公开',
      request: { params: IdParam },
      responses: acted,
    }),
    async (c) => {
      await unhideSuggestion(c.var.db, c.var.user, c.req.valid('param').id)
      return c.json(
        await getSuggestionDetail(c.var.db, c.var.photoSecret, c.var.user, c.req.valid('param').id),
        200,
      )
    },
  )
  .openapi(
    signedIn('post', '/suggestions/{id}/accept', {
      summary: '受理',
      request: { params: IdParam },
      responses: acted,
    }),
    async (c) => {
      await acceptSuggestion(c.var.db, c.var.user, c.req.valid('param').id)
      return c.json(
        await getSuggestionDetail(c.var.db, c.var.photoSecret, c.var.user, c.req.valid('param').id),
        200,
      )
    },
  )
  .openapi(
    signedIn('post', '/suggestions/{id}/answer', {
      summary: '答复：采纳 / 不采纳（须说明理由）/ 关闭（未实施）',
      request: { params: IdParam, ...jsonBody(AnswerBody) },
      responses: acted,
    }),
    async (c) => {
      await answerSuggestion(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json'))
      return c.json(
        await getSuggestionDetail(c.var.db, c.var.photoSecret, c.var.user, c.req.valid('param').id),
        200,
      )
    },
  )
  .openapi(
    signedIn('post', '/suggestions/{id}/merge', {
      summary: '合并到另一条建议（附议一并转入，不重复计数）',
      request: { params: IdParam, ...jsonBody(MergeBody) },
      responses: acted,
    }),
    async (c) => {
      await mergeSuggestion(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json'))
      return c.json(
        await getSuggestionDetail(c.var.db, c.var.photoSecret, c.var.user, c.req.valid('param').id),
        200,
      )
    },
  )
  .openapi(
    signedIn('post', '/suggestions/{id}/assign', {
      summary: '指派街巷规划师',
      request: { params: IdParam, ...jsonBody(AssignBody) },
      responses: acted,
    }),
    async (c) => {
      await assignPlanner(
        c.var.db,
        c.var.user,
        c.req.valid('param').id,
        c.req.valid('json').plannerUserId,
      )
      return c.json(
        await getSuggestionDetail(c.var.db, c.var.photoSecret, c.var.user, c.req.valid('param').id),
        200,
      )
    },
  )
  .openapi(
    signedIn('post', '/suggestions/{id}/progress', {
      summary: '发布进展（可附照片）',
      request: { params: IdParam, ...jsonBody(ProgressBody) },
      responses: acted,
    }),
    async (c) => {
      await postProgress(
        c.var.db,
        contentCheckOf(c.var.db, c.env),
        c.var.user,
        c.req.valid('param').id,
        c.req.valid('json'),
      )
      return c.json(
        await getSuggestionDetail(c.var.db, c.var.photoSecret, c.var.user, c.req.valid('param').id),
        200,
      )
    },
  )
  .openapi(
    signedIn('post', '/suggestions/{id}/complete', {
      summary: '标记完成（可附完工照片），开启居民评价',
      request: { params: IdParam, ...jsonBody(ProgressBody) },
      responses: acted,
    }),
    async (c) => {
      await postProgress(
        c.var.db,
        contentCheckOf(c.var.db, c.env),
        c.var.user,
        c.req.valid('param').id,
        c.req.valid('json'),
        true,
      )
      return c.json(
        await getSuggestionDetail(c.var.db, c.var.photoSecret, c.var.user, c.req.valid('param').id),
        200,
      )
    },
  )
  .openapi(
    signedIn('post', '/suggestion-comments/{id}/hide', {
      summary: '隐藏评论（须说明理由）',
      request: { params: IdParam, ...jsonBody(ReasonBody) },
      responses: { 200: jsonResponse(OkSchema, '已隐藏'), ...errorsOf(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await hideComment(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json').reason,
        ),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/suggestion-flags/{id}/dismiss', {
      summary: '驳回举报（内容无问题）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(OkSchema, '已处理'), ...errorsOf(401, 403, 404) },
    }),
    async (c) => c.json(await dismissFlag(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('put', '/communities/{id}/suggestion-settings', {
      summary: '设置答复门槛和期限',
      request: { params: IdParam, ...jsonBody(SettingsBody) },
      responses: { 200: jsonResponse(SettingsSchema, '设置'), ...errorsOf(400, 401, 403) },
    }),
    async (c) =>
      c.json(
        await updateSettings(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    signedIn('get', '/communities/{id}/answer-templates', {
      summary: '答复模板',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(TemplateSchema) }), '模板'),
        ...errorsOf(401, 403),
      },
    }),
    async (c) => c.json(await listTemplates(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/communities/{id}/answer-templates', {
      summary: '新建答复模板',
      request: { params: IdParam, ...jsonBody(TemplateBody) },
      responses: { 201: jsonResponse(TemplateSchema, '模板'), ...errorsOf(400, 401, 403) },
    }),
    async (c) =>
      c.json(
        await createTemplate(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  )
  .openapi(
    signedIn('delete', '/answer-templates/{id}', {
      summary: '删除答复模板',
      request: { params: IdParam },
      responses: { 200: jsonResponse(OkSchema, '已删除'), ...errorsOf(401, 403, 404) },
    }),
    async (c) => c.json(await deleteTemplate(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
