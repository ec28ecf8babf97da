import { createRouter, errorsOf, IdParam, jsonResponse, routesTagged } from '../lib/router'
import { CentreSchema, CommunityListSchema, CommunitySchema, StreetListSchema } from './schemas'
import * as places from './service'

const { open } = routesTagged('地点 places')

export const placesRoutes = createRouter()
  .openapi(
    open('get', '/streets', {
      summary: '街道及其社区',
      responses: { 200: jsonResponse(StreetListSchema, '街道列表') },
    }),
    async (c) => c.json(await places.listStreets(c.var.db), 200),
  )
  .openapi(
    open('get', '/communities', {
      summary: '所有社区',
      responses: { 200: jsonResponse(CommunityListSchema, '社区列表') },
    }),
    async (c) => c.json(await places.listCommunities(c.var.db), 200),
  )
  .openapi(
    open('get', '/communities/{id}', {
      summary: '社区：小区、楼栋、单元、背街小巷、邻里中心',
      request: { params: IdParam },
      responses: { 200: jsonResponse(CommunitySchema, '社区'), ...errorsOf(404) },
    }),
    async (c) => c.json(await places.getCommunity(c.var.db, c.req.valid('param').id), 200),
  )
  .openapi(
    open('get', '/centres/{id}', {
      summary: '邻里中心及其房间',
      request: { params: IdParam },
      responses: { 200: jsonResponse(CentreSchema, '邻里中心'), ...errorsOf(404) },
    }),
    async (c) => c.json(await places.getCentre(c.var.db, c.req.valid('param').id), 200),
  )
