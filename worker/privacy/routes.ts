import { requireUser } from '../lib/auth'
import { createRouter, errorsOf, jsonResponse, OkSchema, routesTagged } from '../lib/router'
import { MyDataExportSchema } from '../identity/schemas'
import { deleteMyAccount, exportMyData } from './service'

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
