import { z } from '@hono/zod-openapi'
import { contentCheckOf } from '../lib/content-check'
import { photoBody } from '../lib/photo-intake'
import { imageResponse, PhotoUploadForm, SignedPhotoQuery } from '../lib/photo-schemas'
import { requireUser } from '../lib/auth'
import {
  createRouter,
  errorsOf,
  IdParam,
  jsonBody,
  jsonResponse,
  OkSchema,
  routesTagged,
} from '../lib/router'
import { agendaCandidates } from './agenda'
import {
  cancelMeeting,
  createMeeting,
  inviteCandidates,
  inviteResidents,
  listMeetings,
  publishMeeting,
  updateMeeting,
} from './meeting-service'
import {
  deleteMeetingPhoto,
  meetingsOfSuggestion,
  publishResolution,
  rateItem,
  readMeetingPhoto,
  saveMinutes,
  uploadMeetingPhoto,
} from './outcome-service'
import {
  addWalkIn,
  attendance,
  attendanceCsv,
  cancelRegistration,
  checkIn,
  myMeetings,
  requestToSpeak,
  signUp,
} from './registration-service'
import { assertMeetingOrganiserOf } from '../identity/authz'
import { ActingParams } from '../identity/acting-schemas'
import {
  AgendaCandidateSchema,
  AttendanceSchema,
  CodeBody,
  InviteBody,
  ItemParams,
  InviteCandidatesQuery,
  InviteCandidateSchema,
  MeetingBody,
  MeetingDetailSchema,
  MeetingListQuery,
  MeetingListSchema,
  MeetingPageSchema,
  MinutesBody,
  PhotoSchema,
  RatingBody,
  ReasonBody,
  RegistrationResultSchema,
  ResolutionBody,
  SpeakBody,
  SuggestionMeetingSchema,
  WalkInBody,
} from './schemas'
import { visibleMeetingDetail } from './views'

// 议事会 and 三会. Residents: list, read, sign up, cancel, speak, check in, rate. Organisers
// (议事会 members and 居委会 staff of the community): everything else.

const { open, signedIn } = routesTagged('议事会 meetings')
const detail = (
  c: {
    var: {
      db: Parameters<typeof visibleMeetingDetail>[0]
      photoSecret: string
      user: Parameters<typeof visibleMeetingDetail>[2]
    }
  },
  id: string,
) => visibleMeetingDetail(c.var.db, c.var.photoSecret, c.var.user, id)

export const meetingRoutes = createRouter()
  .openapi(
    open('get', '/communities/{id}/meetings', {
      summary: '本社区的会议：即将召开、往期，或（议事会成员）草稿',
      request: { params: IdParam, query: MeetingListQuery },
      responses: { 200: jsonResponse(MeetingPageSchema, '会议'), ...errorsOf(400, 401, 403) },
    }),
    async (c) =>
      c.json(
        await listMeetings(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('query')),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/communities/{id}/meetings', {
      summary: '（议事会）新建会议草稿；选了邻里中心房间即同时预约该房间',
      request: { params: IdParam, ...jsonBody(MeetingBody) },
      responses: {
        201: jsonResponse(MeetingDetailSchema, '会议'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await detail(
          c,
          await createMeeting(
            c.var.db,
            contentCheckOf(c.var.db, c.env),
            c.var.user,
            c.req.valid('param').id,
            c.req.valid('json'),
          ),
        ),
        201,
      ),
  )
  .openapi(
    signedIn('get', '/communities/{id}/meetings/agenda-candidates', {
      summary: '（议事会）附议达到答复门槛、尚未列入议程的金点子，供下次会议选用',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(AgendaCandidateSchema) }), '候选议题'),
        ...errorsOf(401, 403),
      },
    }),
    async (c) => {
      const communityId = c.req.valid('param').id
      await assertMeetingOrganiserOf(c.var.db, c.var.user, communityId)
      return c.json({ items: await agendaCandidates(c.var.db, communityId) }, 200)
    },
  )
  .openapi(
    open('get', '/meetings/{id}', {
      summary: '会议详情：议程、名额、我的报名、纪要和决议',
      request: { params: IdParam },
      responses: { 200: jsonResponse(MeetingDetailSchema, '会议'), ...errorsOf(404) },
    }),
    async (c) => c.json(await detail(c, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('put', '/meetings/{id}', {
      summary: '（议事会）修改会议；改了时间地点会通知已报名的居民',
      request: { params: IdParam, ...jsonBody(MeetingBody) },
      responses: {
        200: jsonResponse(MeetingDetailSchema, '会议'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await detail(
          c,
          await updateMeeting(
            c.var.db,
            contentCheckOf(c.var.db, c.env),
            c.var.user,
            c.req.valid('param').id,
            c.req.valid('json'),
          ),
        ),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/meetings/{id}/publish', {
      summary: '（议事会）发布会议，开放报名',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(MeetingDetailSchema, '会议'),
        ...errorsOf(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await publishMeeting(c.var.db, c.var.user, id)
      return c.json(await detail(c, id), 200)
    },
  )
  .openapi(
    signedIn('post', '/meetings/{id}/cancel', {
      summary: '（议事会）取消会议（须写明原因），释放房间并通知报名居民',
      request: { params: IdParam, ...jsonBody(ReasonBody) },
      responses: {
        200: jsonResponse(MeetingDetailSchema, '会议'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await cancelMeeting(c.var.db, c.var.user, id, c.req.valid('json').reason)
      return c.json(await detail(c, id), 200)
    },
  )
  .openapi(
    signedIn('post', '/meetings/{id}/invitations', {
      summary: '（议事会）邀请居民（仅限受邀居民报名的会议）',
      request: { params: IdParam, ...jsonBody(InviteBody) },
      responses: {
        200: jsonResponse(z.object({ invitedCount: z.number() }), '已邀请人数'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await inviteResidents(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json').userIds,
        ),
        200,
      ),
  )
  .openapi(
    signedIn('get', '/meetings/{id}/invitees', {
      summary: '（议事会）可邀请的本社区认证居民：按昵称或楼栋查找，只显示昵称和楼栋',
      request: { params: IdParam, query: InviteCandidatesQuery },
      responses: {
        200: jsonResponse(z.object({ items: z.array(InviteCandidateSchema) }), '居民'),
        ...errorsOf(401, 403, 404),
      },
    }),
    async (c) =>
      c.json(
        await inviteCandidates(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('query').q,
        ),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/meetings/{id}/registration', {
      summary: '报名；名额已满时进入候补，按先后顺序递补',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(RegistrationResultSchema, '我的报名'),
        ...errorsOf(401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await signUp(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/meetings/{id}/registration/for/{residentId}', {
      summary: '（工作人员、楼组长）为居民代办报名：与她本人报名一样占名额、排候补',
      request: { params: ActingParams },
      responses: {
        200: jsonResponse(RegistrationResultSchema, '她的报名'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id, residentId } = c.req.valid('param')
      return c.json(await signUp(c.var.db, c.var.user, id, { actingFor: residentId }), 200)
    },
  )
  .openapi(
    signedIn('delete', '/meetings/{id}/registration', {
      summary: '取消报名；空出的名额由候补第一位递补',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(RegistrationResultSchema, '我的报名'),
        ...errorsOf(401, 404, 409),
      },
    }),
    async (c) =>
      c.json(await cancelRegistration(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/meetings/{id}/checkin', {
      summary: '凭会场签到码签到（会前 1 小时至会议结束）',
      request: { params: IdParam, ...jsonBody(CodeBody) },
      responses: {
        200: jsonResponse(RegistrationResultSchema, '我的报名'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await checkIn(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json').code),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/meetings/{id}/items/{itemId}/speak', {
      summary: '申请就某个议题发言（写明发言主题）',
      request: { params: ItemParams, ...jsonBody(SpeakBody) },
      responses: { 200: jsonResponse(OkSchema, '已申请'), ...errorsOf(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid('param')
      return c.json(
        await requestToSpeak(
          c.var.db,
          contentCheckOf(c.var.db, c.env),
          c.var.user,
          id,
          itemId,
          c.req.valid('json').topic,
        ),
        200,
      )
    },
  )
  .openapi(
    signedIn('post', '/meetings/{id}/items/{itemId}/rating', {
      summary: '（评议会）到场居民为议题打分 1–5，计入关联金点子的民事民评',
      request: { params: ItemParams, ...jsonBody(RatingBody) },
      responses: { 200: jsonResponse(OkSchema, '已评分'), ...errorsOf(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid('param')
      return c.json(
        await rateItem(c.var.db, c.var.user, id, itemId, c.req.valid('json').stars),
        200,
      )
    },
  )
  .openapi(
    signedIn('post', '/meetings/{id}/items/{itemId}/resolution', {
      summary:
        '（议事会）公布议题决议（民事民决）：决定、表决票数、责任人、期限；可同时改变关联金点子的状态',
      request: { params: ItemParams, ...jsonBody(ResolutionBody) },
      responses: { 200: jsonResponse(OkSchema, '已公布'), ...errorsOf(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid('param')
      return c.json(
        await publishResolution(c.var.db, c.var.user, id, itemId, c.req.valid('json')),
        200,
      )
    },
  )
  .openapi(
    signedIn('get', '/meetings/{id}/attendance', {
      summary: '（议事会）报名、候补、签到、现场登记和发言申请名单（查看记入操作日志）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(AttendanceSchema, '名单'), ...errorsOf(401, 403, 404) },
    }),
    async (c) => {
      const { meeting: _meeting, ...list } = await attendance(
        c.var.db,
        c.var.user,
        c.req.valid('param').id,
      )
      return c.json(list, 200)
    },
  )
  .openapi(
    signedIn('get', '/meetings/{id}/attendance.csv', {
      summary: '（议事会）签到表 CSV（UTF-8 带 BOM，Excel 可直接打开）',
      request: { params: IdParam },
      responses: {
        200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
        ...errorsOf(401, 403, 404),
      },
    }),
    async (c) => {
      const csv = await attendanceCsv(c.var.db, c.var.user, c.req.valid('param').id)
      return c.body(csv.body, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="attendance.csv"; filename*=UTF-8''${encodeURIComponent(csv.filename)}`,
        'cache-control': 'private, no-store',
      })
    },
  )
  .openapi(
    signedIn('post', '/meetings/{id}/walk-ins', {
      summary: '（议事会）登记现场参会人员',
      request: { params: IdParam, ...jsonBody(WalkInBody) },
      responses: { 200: jsonResponse(OkSchema, '已登记'), ...errorsOf(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await addWalkIn(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    signedIn('put', '/meetings/{id}/minutes', {
      summary: '（议事会）保存会议纪要；publish=true 公布并通知参会居民',
      request: { params: IdParam, ...jsonBody(MinutesBody) },
      responses: { 200: jsonResponse(OkSchema, '已保存'), ...errorsOf(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await saveMinutes(
          c.var.db,
          contentCheckOf(c.var.db, c.env),
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/meetings/{id}/photos', {
      summary: '（议事会）上传会议照片（multipart：file；JPEG/PNG/WebP，≤5MB，去除位置信息）',
      request: {
        params: IdParam,
        body: { required: true, content: { 'multipart/form-data': { schema: PhotoUploadForm } } },
      },
      responses: { 201: jsonResponse(PhotoSchema, '照片'), ...errorsOf(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const form = await c.req.parseBody()
      requireUser(c.var.user)
      return c.json(
        await uploadMeetingPhoto(
          c.var.db,
          c.var.photos,
          c.var.photoSecret,
          c.var.user,
          c.req.valid('param').id,
          form.file,
        ),
        201,
      )
    },
  )
  .openapi(
    open('get', '/meeting-photos/{id}', {
      summary: '会议照片（纪要公布后公开，之前凭签名链接）',
      request: { params: IdParam, query: SignedPhotoQuery },
      responses: { 200: imageResponse, ...errorsOf(404) },
    }),
    async (c) => {
      const photo = await readMeetingPhoto(
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
  .openapi(
    signedIn('delete', '/meeting-photos/{id}', {
      summary: '（议事会）删除一张会议照片',
      request: { params: IdParam },
      responses: { 200: jsonResponse(OkSchema, '已删除'), ...errorsOf(401, 403, 404) },
    }),
    async (c) =>
      c.json(await deleteMeetingPhoto(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('get', '/me/meetings', {
      summary: '我报名的会议',
      responses: { 200: jsonResponse(MeetingListSchema, '会议'), ...errorsOf(401) },
    }),
    async (c) => c.json(await myMeetings(c.var.db, c.var.user), 200),
  )
  .openapi(
    open('get', '/suggestions/{id}/meetings', {
      summary: '讨论过这条金点子的会议及其决议（一案到底）',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(SuggestionMeetingSchema) }), '会议与决议'),
        ...errorsOf(404),
      },
    }),
    async (c) =>
      c.json(await meetingsOfSuggestion(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
