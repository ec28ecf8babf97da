import { requireUser } from '../lib/auth'
import {
  createRouter,
  errorsOf,
  IdParam,
  jsonResponse,
  OkSchema,
  routesTagged,
} from '../lib/router'
import { MyDataExportSchema } from '../identity/schemas'
import {
  deleteMyAccount,
  deleteOfflineResident,
  exportMyData,
  exportOfflineResident,
} from './service'

// PIPL: see everything, take a copy, be forgotten. The tag stays identity's (the 我的 page).
const { signedIn } = routesTagged('身份 identity')

export const privacyRoutes = createRouter()
  .openapi(
    signedIn('get', '/me/export', {
      summary: '导出我的全部个人信息',
      responses: { 200: jsonResponse(MyDataExportSchema, '我的数据'), ...errorsOf(401) },
    }),
    async (c) => c.json(await exportMyData(c.var.db, requireUser(c.var.user)), 200),
  )
  .openapi(
    signedIn('delete', '/me', {
      summary: '注销账号：删除个人信息并退出所有设备',
      responses: { 200: jsonResponse(OkSchema, '已注销'), ...errorsOf(401) },
    }),
    async (c) => c.json(await deleteMyAccount(c.var.db, requireUser(c.var.user)), 200),
  )
  .openapi(
    signedIn('get', '/offline-residents/{id}/export', {
      summary: '（工作人员）应没有微信的居民要求，导出她的全部个人信息（代办账号）',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(MyDataExportSchema, '她的数据'),
        ...errorsOf(401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(await exportOfflineResident(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('delete', '/offline-residents/{id}', {
      summary: '（工作人员）应没有微信的居民要求，注销她的账号（代办账号）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(OkSchema, '已注销'), ...errorsOf(401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(await deleteOfflineResident(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
