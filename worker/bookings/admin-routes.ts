import { z } from '@hono/zod-openapi'
import { contentCheckOf } from '../lib/content-check'
import { PhotoUploadForm } from '../lib/photo-schemas'
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
  createBlackout,
  createGroup,
  createRoom,
  updateRoom,
  deleteBlackout,
  listBlackouts,
  listGroups,
  overrideNoShow,
  setGroupMember,
  updatePolicy,
  updateRoomRules,
  utilisation,
  waiveNoShow,
} from './centre-admin-service'
import { policyOf } from './repo'
import { listGroupMembers, listNoShows, searchPeople } from './people-service'
import { deleteRoomPhoto, uploadRoomPhoto } from './photos-service'
import { roomForManager } from './rooms-service'
import {
  BlackoutBody,
  BlackoutResultSchema,
  BlackoutSchema,
  CentreGroupSchema,
  GroupBody,
  GroupMemberParams,
  GroupMemberSchema,
  MemberBody,
  NoShowsSchema,
  OverrideBody,
  PeopleQuery,
  PersonSchema,
  PolicyBody,
  ReasonBody,
  RoomAdminSchema,
  RoomBody,
  RoomPhotoParams,
  RoomPhotosSchema,
  RoomRulesBody,
  RoomSummarySchema,
  RoomWithRulesSchema,
  UtilisationQuery,
  UtilisationSchema,
} from './schemas'

// 邻里中心 managers: rules, fairness policy, blackouts, groups, overrides, utilisation.

const { open, signedIn } = routesTagged('邻里中心管理 centre admin')

export const bookingAdminRoutes = createRouter()
  .openapi(
    signedIn('post', '/centres/{id}/rooms', {
      summary: '新增房间（设好预约规则后开放预约）',
      request: { params: IdParam, ...jsonBody(RoomBody) },
      responses: { 201: jsonResponse(RoomSummarySchema, '房间'), ...errorsOf(400, 401, 403) },
    }),
    async (c) =>
      c.json(
        await createRoom(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  )
  .openapi(
    signedIn('put', '/rooms/{id}', {
      summary: '修改房间名称、容纳人数、设施',
      request: { params: IdParam, ...jsonBody(RoomBody) },
      responses: { 200: jsonResponse(RoomSummarySchema, '房间'), ...errorsOf(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await updateRoom(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    signedIn('put', '/rooms/{id}/rules', {
      summary: '房间预约规则：开放时间、时段、时长、提前量、审批、谁可预约、签到码',
      request: { params: IdParam, ...jsonBody(RoomRulesBody) },
      responses: {
        200: jsonResponse(RoomWithRulesSchema, '房间'),
        ...errorsOf(400, 401, 403, 404),
      },
    }),
    async (c) =>
      c.json(
        (await updateRoomRules(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json'),
        )) as Record<string, unknown>,
        200,
      ),
  )
  .openapi(
    open('get', '/centres/{id}/policy', {
      summary: '配额、取消截止、签到窗口、未签到规则',
      request: { params: IdParam },
      responses: { 200: jsonResponse(PolicyBody, '规则') },
    }),
    async (c) => c.json(await policyOf(c.var.db, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('put', '/centres/{id}/policy', {
      summary: '修改配额与未签到规则',
      request: { params: IdParam, ...jsonBody(PolicyBody) },
      responses: { 200: jsonResponse(PolicyBody, '规则'), ...errorsOf(400, 401, 403) },
    }),
    async (c) =>
      c.json(
        await updatePolicy(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    open('get', '/centres/{id}/blackouts', {
      summary: '暂停开放安排（公开）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(z.object({ items: z.array(BlackoutSchema) }), '暂停开放') },
    }),
    async (c) => c.json(await listBlackouts(c.var.db, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/centres/{id}/blackouts', {
      summary:
        '新增暂停开放：有预约受影响时先列出（created=false），confirm=true 才取消这些预约并通知原因',
      request: { params: IdParam, ...jsonBody(BlackoutBody) },
      responses: { 200: jsonResponse(BlackoutResultSchema, '结果'), ...errorsOf(400, 401, 403) },
    }),
    async (c) =>
      c.json(
        await createBlackout(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    signedIn('delete', '/blackouts/{id}', {
      summary: '删除暂停开放安排',
      request: { params: IdParam },
      responses: { 200: jsonResponse(OkSchema, '已删除'), ...errorsOf(401, 403, 404) },
    }),
    async (c) => c.json(await deleteBlackout(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    open('get', '/centres/{id}/groups', {
      summary: '登记的三自组织（自治 / 志愿 / 自乐）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(z.object({ items: z.array(CentreGroupSchema) }), '团队') },
    }),
    async (c) => c.json(await listGroups(c.var.db, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/centres/{id}/groups', {
      summary: '登记团队（指定负责人）',
      request: { params: IdParam, ...jsonBody(GroupBody) },
      responses: { 201: jsonResponse(CentreGroupSchema, '团队'), ...errorsOf(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await createGroup(
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
    signedIn('post', '/groups/{id}/members', {
      summary: '添加团队成员',
      request: { params: IdParam, ...jsonBody(MemberBody) },
      responses: { 200: jsonResponse(OkSchema, '已添加'), ...errorsOf(401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await setGroupMember(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json').userId,
          true,
        ),
        200,
      ),
  )
  .openapi(
    signedIn('delete', '/groups/{id}/members/{userId}', {
      summary: '移除团队成员',
      request: { params: GroupMemberParams },
      responses: { 200: jsonResponse(OkSchema, '已移除'), ...errorsOf(401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await setGroupMember(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('param').userId,
          false,
        ),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/centres/{id}/no-show-overrides', {
      summary: '解除某位居民的未签到限制（记入审计）',
      request: { params: IdParam, ...jsonBody(OverrideBody) },
      responses: {
        200: jsonResponse(z.object({ ok: z.literal(true), until: z.number() }), '已解除'),
        ...errorsOf(400, 401, 403),
      },
    }),
    async (c) =>
      c.json(
        await overrideNoShow(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/bookings/{id}/waive', {
      summary: '豁免一次未签到（含截止后取消）',
      request: { params: IdParam, ...jsonBody(ReasonBody) },
      responses: { 200: jsonResponse(OkSchema, '已豁免'), ...errorsOf(401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await waiveNoShow(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json').reason,
        ),
        200,
      ),
  )
  .openapi(
    signedIn('get', '/centres/{id}/utilisation', {
      summary: '利用率：按房间、按星期×小时（开放分钟、预约分钟、签到分钟）',
      request: { params: IdParam, query: UtilisationQuery },
      responses: { 200: jsonResponse(UtilisationSchema, '利用率'), ...errorsOf(400, 401, 403) },
    }),
    async (c) =>
      c.json(
        await utilisation(
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
    signedIn('get', '/rooms/{id}/rules', {
      summary: '（管理员）房间的全部规则与签到码（门牌用）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(RoomAdminSchema, '房间'), ...errorsOf(401, 403, 404) },
    }),
    async (c) => c.json(await roomForManager(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/rooms/{id}/photos', {
      summary:
        '上传房间照片（multipart：file；JPEG/PNG/WebP，≤5MB，按内容识别，去除位置信息；每间最多 6 张）',
      request: {
        params: IdParam,
        body: { required: true, content: { 'multipart/form-data': { schema: PhotoUploadForm } } },
      },
      responses: { 201: jsonResponse(RoomPhotosSchema, '照片'), ...errorsOf(400, 401, 403, 404) },
    }),
    async (c) => {
      const form = await c.req.parseBody()
      return c.json(
        await uploadRoomPhoto(c.var.db, c.var.photos, c.var.user, c.req.param('id'), form.file),
        201,
      )
    },
  )
  .openapi(
    signedIn('delete', '/rooms/{id}/photos/{photoId}', {
      summary: '删除房间照片',
      request: { params: RoomPhotoParams },
      responses: { 200: jsonResponse(RoomPhotosSchema, '照片'), ...errorsOf(401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await deleteRoomPhoto(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('param').photoId,
        ),
        200,
      ),
  )
  .openapi(
    signedIn('get', '/centres/{id}/people', {
      summary: '（管理员）按昵称查找本中心服务社区的认证居民（指定负责人、成员）',
      request: { params: IdParam, query: PeopleQuery },
      responses: {
        200: jsonResponse(z.object({ items: z.array(PersonSchema) }), '居民'),
        ...errorsOf(400, 401, 403),
      },
    }),
    async (c) =>
      c.json(
        await searchPeople(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('query').q),
        200,
      ),
  )
  .openapi(
    signedIn('get', '/groups/{id}/members', {
      summary: '团队成员（管理员、团队负责人）',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(GroupMemberSchema) }), '成员'),
        ...errorsOf(401, 403, 404),
      },
    }),
    async (c) => c.json(await listGroupMembers(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('get', '/centres/{id}/no-shows', {
      summary: '（管理员）近 60 天的未签到记录与当前被暂停预约的居民',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(NoShowsSchema, '未签到'),
        ...errorsOf(401, 403),
      },
    }),
    async (c) => c.json(await listNoShows(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
