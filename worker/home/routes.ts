import { createRouter, errorsOf, jsonResponse, routesTagged } from '../lib/router'
import { HomeQuery, HomeSchema } from './schemas'
import { homeOf } from './service'

const { signedIn } = routesTagged('首页 home')

export const homeRoutes = createRouter().openapi(
  signedIn('get', '/me/home', {
    summary: '首页“待我处理”：未投的表决、近几天的会议和预约、我的金点子新消息；工作人员的待办数',
    request: { query: HomeQuery },
    responses: { 200: jsonResponse(HomeSchema, '首页'), ...errorsOf(401) },
  }),
  async (c) =>
    c.json(
      await homeOf(c.var.db, c.var.ballotSecret, c.var.user, c.req.valid('query').communityId),
      200,
    ),
)
