import { createRoute } from '@hono/zod-openapi'
import { requireUser } from '../lib/auth'
import { bearerSecurity, createRouter, errorsOf, jsonResponse, OkSchema } from '../lib/router'
import { MyDataExportSchema } from '../identity/schemas'
import { deleteMyAccount, exportMyData } from './service'

// PIPL: see everything, take a copy, be forgotten. The tag stays identity's (the 我的 page).
const tags = ['身份 identity']

export const privacyRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/me/export',
      tags,
      summary: '导出我的全部个人信息',
      security: bearerSecurity,
      responses: { 200: jsonResponse(MyDataExportSchema, '我的数据'), ...errorsOf(401) },
    }),
    async (c) => c.json(await exportMyData(c.var.db, requireUser(c.var.user)), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/me',
      tags,
      summary: '注销账号：删除个人信息并退出所有设备',
      security: bearerSecurity,
      responses: { 200: jsonResponse(OkSchema, '已注销'), ...errorsOf(401) },
    }),
    async (c) => c.json(await deleteMyAccount(c.var.db, requireUser(c.var.user)), 200),
  )
