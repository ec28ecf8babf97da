import { z } from '@hono/zod-openapi'
import { contentCheckOf } from '../lib/content-check'
import { photoBody } from '../lib/photo-intake'
import { imageResponse } from '../lib/photo-schemas'
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
import { anyRoom, roomDay } from './availability-service'
import { cancelBooking, checkIn, createBooking, myBookings } from './booking-service'
import { ActingResidentParam } from '../identity/acting-schemas'
import { centreCalendar, decideBooking } from './manage-service'
import { managedCentres, myGroups } from './people-service'
import { readRoomPhoto } from './photos-service'
import { listCentreRooms } from './rooms-service'
import {
  AnyRoomQuery,
  BookingResultSchema,
  BookingSchema,
  CalendarQuery,
  CalendarSchema,
  CentreRoomSchema,
  CentreRoomsQuery,
  CheckinBody,
  CreateBookingBody,
  DayQuery,
  ManagedCentreSchema,
  MyGroupSchema,
  ReasonBody,
  RoomDaySchema,
  RoomInfoSchema,
  RoomPhotoParams,
} from './schemas'

const { open, signedIn } = routesTagged('邻里中心预约 bookings')

export const bookingRoutes = createRouter()
  .openapi(
    open('get', '/centres/{id}/rooms', {
      summary: '邻里中心可预约的房间及规则；带 date 时附当天空闲概况（按查看者可预约的范围）',
      request: { params: IdParam, query: CentreRoomsQuery },
      responses: {
        200: jsonResponse(z.object({ items: z.array(CentreRoomSchema) }), '房间'),
        ...errorsOf(400, 404),
      },
    }),
    async (c) =>
      c.json(
        await listCentreRooms(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('query').date,
        ),
        200,
      ),
  )
  .openapi(
    open('get', '/rooms/{id}/photos/{photoId}', {
      summary: '房间照片（公开）',
      request: { params: RoomPhotoParams },
      responses: { 200: imageResponse, ...errorsOf(404) },
    }),
    async (c) =>
      photoBody(
        c,
        await readRoomPhoto(
          c.var.db,
          c.var.photos,
          c.req.valid('param').id,
          c.req.valid('param').photoId,
        ),
        'public, max-age=3600',
      ),
  )
  .openapi(
    signedIn('get', '/me/groups', {
      summary: '我负责或参加的团队（三自组织）',
      responses: {
        200: jsonResponse(z.object({ items: z.array(MyGroupSchema) }), '团队'),
        ...errorsOf(401),
      },
    }),
    async (c) => c.json(await myGroups(c.var.db, c.var.user), 200),
  )
  .openapi(
    signedIn('get', '/me/managed-centres', {
      summary: '我管理的邻里中心（及待审批数）',
      responses: {
        200: jsonResponse(z.object({ items: z.array(ManagedCentreSchema) }), '邻里中心'),
        ...errorsOf(401),
      },
    }),
    async (c) => c.json(await managedCentres(c.var.db, c.var.user), 200),
  )
  .openapi(
    open('get', '/rooms/{id}/day', {
      summary: '房间某一天的时段（上海时间；他人预约只显示“已预约”）',
      request: { params: IdParam, query: DayQuery },
      responses: { 200: jsonResponse(RoomDaySchema, '时段'), ...errorsOf(400, 404) },
    }),
    async (c) =>
      c.json(
        await roomDay(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('query').date),
        200,
      ),
  )
  .openapi(
    open('get', '/centres/{id}/free-rooms', {
      summary: '“这个时间，哪间都行”：该时段整段空闲的房间',
      request: { params: IdParam, query: AnyRoomQuery },
      responses: {
        200: jsonResponse(
          z.object({ startsAt: z.number(), endsAt: z.number(), rooms: z.array(RoomInfoSchema) }),
          '空闲房间',
        ),
        ...errorsOf(400, 404),
      },
    }),
    async (c) =>
      c.json(
        await anyRoom(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('query')),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/bookings', {
      summary: '预约（可为团队；团队负责人可按周重复，最多 12 周）',
      request: jsonBody(CreateBookingBody),
      responses: {
        201: jsonResponse(BookingResultSchema, '预约结果'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await createBooking(
          c.var.db,
          contentCheckOf(c.var.db, c.env),
          c.var.user,
          c.req.valid('json'),
        ),
        201,
      ),
  )
  .openapi(
    signedIn('post', '/bookings/for/{residentId}', {
      summary: '（工作人员、楼组长）为居民代办预约：计入她本人的每周额度和签到记录',
      request: { params: ActingResidentParam, ...jsonBody(CreateBookingBody) },
      responses: {
        201: jsonResponse(BookingResultSchema, '预约结果'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await createBooking(
          c.var.db,
          contentCheckOf(c.var.db, c.env),
          c.var.user,
          c.req.valid('json'),
          { actingFor: c.req.valid('param').residentId },
        ),
        201,
      ),
  )
  .openapi(
    signedIn('get', '/me/bookings', {
      summary: '我的预约',
      responses: {
        200: jsonResponse(z.object({ items: z.array(BookingSchema) }), '预约'),
        ...errorsOf(401),
      },
    }),
    async (c) => c.json(await myBookings(c.var.db, c.var.user), 200),
  )
  .openapi(
    signedIn('post', '/bookings/{id}/cancel', {
      summary: '取消（截止时间后取消计为未签到，可由工作人员豁免）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(BookingSchema, '已取消'), ...errorsOf(401, 403, 404, 409) },
    }),
    async (c) => c.json(await cancelBooking(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/bookings/{id}/check-in', {
      summary: '用房间门口的签到码签到',
      request: { params: IdParam, ...jsonBody(CheckinBody) },
      responses: {
        200: jsonResponse(BookingSchema, '已签到'),
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
    signedIn('get', '/centres/{id}/calendar', {
      summary: '（邻里中心管理员）日历与待审批',
      request: { params: IdParam, query: CalendarQuery },
      responses: { 200: jsonResponse(CalendarSchema, '日历'), ...errorsOf(401, 403) },
    }),
    async (c) => {
      const q = c.req.valid('query')
      return c.json(
        await centreCalendar(c.var.db, c.var.user, c.req.valid('param').id, q.from, q.to, q.status),
        200,
      )
    },
  )
  .openapi(
    signedIn('post', '/bookings/{id}/approve', {
      summary: '（邻里中心管理员）批准',
      request: { params: IdParam },
      responses: { 200: jsonResponse(OkSchema, '已批准'), ...errorsOf(401, 403, 404, 409) },
    }),
    async (c) => {
      requireUser(c.var.user)
      await decideBooking(c.var.db, c.var.user, c.req.valid('param').id, { approve: true })
      return c.json({ ok: true as const }, 200)
    },
  )
  .openapi(
    signedIn('post', '/bookings/{id}/reject', {
      summary: '（邻里中心管理员）驳回，须说明理由',
      request: { params: IdParam, ...jsonBody(ReasonBody) },
      responses: { 200: jsonResponse(OkSchema, '已驳回'), ...errorsOf(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      await decideBooking(c.var.db, c.var.user, c.req.valid('param').id, {
        approve: false,
        reason: c.req.valid('json').reason,
      })
      return c.json({ ok: true as const }, 200)
    },
  )
