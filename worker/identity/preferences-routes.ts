import { createRouter, errorsOf, jsonBody, jsonResponse, routesTagged } from '../lib/router'
import { getPreferences, setPreferences } from './preferences-service'
import { PreferencesSchema } from './preferences-schemas'

const { signedIn } = routesTagged('身份 identity')

export const preferencesRoutes = createRouter()
  .openapi(
    signedIn('get', '/me/preferences', {
      summary: '我的偏好：是否长辈模式（跟随账号，换手机也保留）',
      responses: { 200: jsonResponse(PreferencesSchema, '偏好'), ...errorsOf(401) },
    }),
    async (c) => c.json(await getPreferences(c.var.db, c.var.user), 200),
  )
  .openapi(
    signedIn('put', '/me/preferences', {
      summary: '修改我的偏好（长辈模式）',
      request: jsonBody(PreferencesSchema),
      responses: { 200: jsonResponse(PreferencesSchema, '偏好'), ...errorsOf(400, 401) },
    }),
    async (c) => c.json(await setPreferences(c.var.db, c.var.user, c.req.valid('json')), 200),
  )
