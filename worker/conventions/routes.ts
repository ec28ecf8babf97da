import { z } from '@hono/zod-openapi'
import { contentCheckOf } from '../lib/content-check'
import {
  createRouter,
  errorsOf,
  IdParam,
  jsonBody,
  jsonResponse,
  OkSchema,
  routesTagged,
} from '../lib/router'
import type { AppEnv } from '../lib/env'
import { fileConvention, pledge } from './after-service'
import { getConventionDetail, listConventions } from './detail-service'
import {
  addComment,
  amendConvention,
  createConvention,
  diffVersions,
  listComments,
  listVersions,
  openConsultation,
  reviseConvention,
} from './drafting-service'
import {
  BallotBody,
  BallotReceiptSchema,
  CommentBody,
  CommentSchema,
  ConsultationBody,
  ConventionDetailSchema,
  ConventionSummarySchema,
  CreateConventionBody,
  DiffQuery,
  DiffSchema,
  FilingBody,
  OpenVotingBody,
  PaperBallotBody,
  ReceiptQuery,
  ReviseBody,
  TurnoutSchema,
  VersionSchema,
} from './schemas'
import {
  castBallot,
  closeVoting,
  countedReceipts,
  openVoting,
  recordPaperBallot,
} from './voting-service'
import { turnout } from './turnout'

const { open, signedIn } = routesTagged('微规约 conventions')
const acted = {
  200: jsonResponse(ConventionDetailSchema, '更新后的微规约'),
  ...errorsOf(400, 401, 403, 404, 409),
}

/** How the convention now stands, as this viewer may see it: what every acting route answers. */
function conventionAsSeenBy(vars: AppEnv['Variables'], id: string) {
  return getConventionDetail(vars.db, vars.ballotSecret, vars.user, id)
}

export const conventionRoutes = createRouter()
  .openapi(
    open('get', '/communities/{id}/conventions', {
      summary: '社区的微规约（草案仅议事会可见）',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(ConventionSummarySchema) }), '微规约'),
        ...errorsOf(404),
      },
    }),
    async (c) => c.json(await listConventions(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/communities/{id}/conventions', {
      summary: '（议事会）起草微规约',
      request: { params: IdParam, ...jsonBody(CreateConventionBody) },
      responses: { 201: jsonResponse(ConventionDetailSchema, '草案'), ...errorsOf(400, 401, 403) },
    }),
    async (c) => {
      const id = await createConvention(
        c.var.db,
        c.var.user,
        c.req.valid('param').id,
        c.req.valid('json'),
        null,
        contentCheckOf(c.var.db, c.env),
      )
      return c.json(await conventionAsSeenBy(c.var, id), 201)
    },
  )
  .openapi(
    open('get', '/conventions/{id}', {
      summary: '微规约详情：条文、表决规则、结果、公示与备案、时间线',
      request: { params: IdParam },
      responses: { 200: jsonResponse(ConventionDetailSchema, '微规约'), ...errorsOf(404) },
    }),
    async (c) => c.json(await conventionAsSeenBy(c.var, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('put', '/conventions/{id}/text', {
      summary: '（议事会）修改条文：保存为新版本',
      request: { params: IdParam, ...jsonBody(ReviseBody) },
      responses: acted,
    }),
    async (c) => {
      await reviseConvention(
        c.var.db,
        contentCheckOf(c.var.db, c.env),
        c.var.user,
        c.req.valid('param').id,
        c.req.valid('json'),
      )
      return c.json(await conventionAsSeenBy(c.var, c.req.valid('param').id), 200)
    },
  )
  .openapi(
    open('get', '/conventions/{id}/versions', {
      summary: '全部版本',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(VersionSchema) }), '版本'),
        ...errorsOf(404),
      },
    }),
    async (c) => c.json(await listVersions(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    open('get', '/conventions/{id}/diff', {
      summary: '逐条比较两个版本',
      request: { params: IdParam, query: DiffQuery },
      responses: { 200: jsonResponse(DiffSchema, '比较'), ...errorsOf(404) },
    }),
    async (c) =>
      c.json(
        await diffVersions(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('query').from,
          c.req.valid('query').to,
        ),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/conventions/{id}/consultation', {
      summary: '（议事会）开始征求意见',
      request: { params: IdParam, ...jsonBody(ConsultationBody) },
      responses: acted,
    }),
    async (c) => {
      await openConsultation(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json'))
      return c.json(await conventionAsSeenBy(c.var, c.req.valid('param').id), 200)
    },
  )
  .openapi(
    open('get', '/conventions/{id}/comments', {
      summary: '征求意见（按条或全文）及议事会回复',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(CommentSchema) }), '意见'),
        ...errorsOf(404),
      },
    }),
    async (c) => c.json(await listComments(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/conventions/{id}/comments', {
      summary: '发表意见（范围内居民）或回复（议事会）',
      request: { params: IdParam, ...jsonBody(CommentBody) },
      responses: { 201: jsonResponse(CommentSchema, '意见'), ...errorsOf(400, 401, 403, 404, 409) },
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
    signedIn('post', '/conventions/{id}/voting', {
      summary: '（议事会）开始表决：确定规则、截止时间，锁定名册',
      request: { params: IdParam, ...jsonBody(OpenVotingBody) },
      responses: acted,
    }),
    async (c) => {
      await openVoting(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json'))
      return c.json(await conventionAsSeenBy(c.var, c.req.valid('param').id), 200)
    },
  )
  .openapi(
    signedIn('post', '/conventions/{id}/ballots', {
      summary:
        '投票（截止前可改，以最后一次为准；民法典表决由业主或登记的受托人投，多套房的业主只投一票），返回回执码',
      request: { params: IdParam, ...jsonBody(BallotBody) },
      responses: {
        200: jsonResponse(BallotReceiptSchema, '回执'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await castBallot(
          c.var.db,
          c.var.ballotSecret,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/conventions/{id}/paper-ballots', {
      summary:
        '（工作人员；actingFor：为居民代办，她的楼组长亦可）登记纸质表决票（纸质票优先于线上票）',
      request: { params: IdParam, ...jsonBody(PaperBallotBody) },
      responses: {
        200: jsonResponse(BallotReceiptSchema, '回执'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await recordPaperBallot(
          c.var.db,
          c.var.ballotSecret,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    open('get', '/conventions/{id}/turnout', {
      summary: '参与情况（表决中公开：人数/户数，按楼栋；不含选项）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(TurnoutSchema, '参与情况'), ...errorsOf(404, 409) },
    }),
    async (c) => c.json(await turnout(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/conventions/{id}/close', {
      summary: '（议事会）截止后关闭表决并计票',
      request: { params: IdParam },
      responses: acted,
    }),
    async (c) => {
      await closeVoting(c.var.db, c.var.user, c.req.valid('param').id)
      return c.json(await conventionAsSeenBy(c.var, c.req.valid('param').id), 200)
    },
  )
  .openapi(
    open('get', '/conventions/{id}/receipts', {
      summary: '表决结束后公布的计票回执及其选项（可按回执码查询）',
      request: { params: IdParam, query: ReceiptQuery },
      responses: {
        200: jsonResponse(z.object({ items: z.array(BallotReceiptSchema) }), '回执'),
        ...errorsOf(404, 409),
      },
    }),
    async (c) =>
      c.json(
        await countedReceipts(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('query').receipt,
        ),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/conventions/{id}/filing', {
      summary: '（议事会）登记备案并生效（公示）',
      request: { params: IdParam, ...jsonBody(FilingBody) },
      responses: acted,
    }),
    async (c) => {
      await fileConvention(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json'))
      return c.json(await conventionAsSeenBy(c.var, c.req.valid('param').id), 200)
    },
  )
  .openapi(
    signedIn('post', '/conventions/{id}/pledges', {
      summary: '我承诺遵守',
      request: { params: IdParam },
      responses: { 200: jsonResponse(OkSchema, '已承诺'), ...errorsOf(401, 403, 404, 409) },
    }),
    async (c) => c.json(await pledge(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/conventions/{id}/amend', {
      summary: '（议事会）以现行版本为基础起草修订版',
      request: { params: IdParam },
      responses: {
        201: jsonResponse(ConventionDetailSchema, '修订草案'),
        ...errorsOf(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const id = await amendConvention(c.var.db, c.var.user, c.req.valid('param').id)
      return c.json(await conventionAsSeenBy(c.var, id), 201)
    },
  )
