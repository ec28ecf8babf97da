import {
  createRouter,
  errorsOf,
  IdParam,
  jsonBody,
  jsonResponse,
  OkSchema,
  routesTagged,
} from '../lib/router'
import { grantGridRole, revokeGridRole } from '../identity/grid-roles-service'
import { vouchForRequest } from '../identity/grid-residents'
import {
  createBuildingGroup,
  createGrid,
  updateBuildingGroup,
  updateGrid,
} from '../places/grids-service'
import * as grid from './service'
import {
  CandidatesQuery,
  CandidatesSchema,
  CommunityGridsSchema,
  CreateBuildingGroupBody,
  CreateGridBody,
  GrantGridRoleBody,
  GridRoleGrantSchema,
  MyGridSchema,
  ScopeViewSchema,
  UpdateBuildingGroupBody,
  UpdateGridBody,
  VouchSchema,
} from './schemas'

// 网格 and 楼组 (decision 018): staff draw them and name who looks after them; 楼组长 and 网格员
// see their buildings and vouch for neighbours' requests.

const { signedIn } = routesTagged('网格 grid')

export const gridRoutes = createRouter()
  .openapi(
    signedIn('get', '/me/grid', {
      summary: '我负责的网格和楼组',
      responses: { 200: jsonResponse(MyGridSchema, '网格和楼组'), ...errorsOf(401) },
    }),
    async (c) => c.json(await grid.myGrid(c.var.db, c.var.user), 200),
  )
  .openapi(
    signedIn('get', '/communities/{id}/grids', {
      summary: '（工作人员）本社区的网格和楼组，并排比较',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(CommunityGridsSchema, '网格和楼组'),
        ...errorsOf(401, 403, 404),
      },
    }),
    async (c) =>
      c.json(await grid.communityGrids(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('post', '/communities/{id}/grids', {
      summary: '（工作人员）新建网格',
      request: { params: IdParam, ...jsonBody(CreateGridBody) },
      responses: {
        201: jsonResponse(CommunityGridsSchema, '本社区的网格和楼组'),
        ...errorsOf(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const id = c.req.valid('param').id
      await createGrid(c.var.db, c.var.user, id, c.req.valid('json'))
      return c.json(await grid.communityGrids(c.var.db, c.var.user, id), 201)
    },
  )
  .openapi(
    signedIn('patch', '/grids/{id}', {
      summary: '（工作人员）修改网格的名称或小区',
      request: { params: IdParam, ...jsonBody(UpdateGridBody) },
      responses: {
        200: jsonResponse(CommunityGridsSchema, '本社区的网格和楼组'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const communityId = await updateGrid(
        c.var.db,
        c.var.user,
        c.req.valid('param').id,
        c.req.valid('json'),
      )
      return c.json(await grid.communityGrids(c.var.db, c.var.user, communityId), 200)
    },
  )
  .openapi(
    signedIn('post', '/communities/{id}/building-groups', {
      summary: '（工作人员）新建楼组',
      request: { params: IdParam, ...jsonBody(CreateBuildingGroupBody) },
      responses: {
        201: jsonResponse(CommunityGridsSchema, '本社区的网格和楼组'),
        ...errorsOf(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const id = c.req.valid('param').id
      await createBuildingGroup(c.var.db, c.var.user, id, c.req.valid('json'))
      return c.json(await grid.communityGrids(c.var.db, c.var.user, id), 201)
    },
  )
  .openapi(
    signedIn('patch', '/building-groups/{id}', {
      summary: '（工作人员）修改楼组的名称或楼栋',
      request: { params: IdParam, ...jsonBody(UpdateBuildingGroupBody) },
      responses: {
        200: jsonResponse(CommunityGridsSchema, '本社区的网格和楼组'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const communityId = await updateBuildingGroup(
        c.var.db,
        c.var.user,
        c.req.valid('param').id,
        c.req.valid('json'),
      )
      return c.json(await grid.communityGrids(c.var.db, c.var.user, communityId), 200)
    },
  )
  .openapi(
    signedIn('get', '/communities/{id}/grid-candidates', {
      summary: '（工作人员）可以任命为网格员或楼组长的人（按昵称或门牌查找）',
      request: { params: IdParam, query: CandidatesQuery },
      responses: { 200: jsonResponse(CandidatesSchema, '候选人'), ...errorsOf(401, 403) },
    }),
    async (c) =>
      c.json(
        await grid.candidates(
          c.var.db,
          c.var.user,
          c.req.valid('param').id,
          c.req.valid('query').q,
        ),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/communities/{id}/grid-roles', {
      summary: '（工作人员）任命网格员或楼组长',
      request: { params: IdParam, ...jsonBody(GrantGridRoleBody) },
      responses: {
        201: jsonResponse(GridRoleGrantSchema, '已任命'),
        ...errorsOf(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await grantGridRole(c.var.db, c.var.user, c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  )
  .openapi(
    signedIn('delete', '/grid-role-grants/{id}', {
      summary: '（工作人员）撤销网格员或楼组长',
      request: { params: IdParam },
      responses: { 200: jsonResponse(OkSchema, '已撤销'), ...errorsOf(401, 403, 404, 409) },
    }),
    async (c) => c.json(await revokeGridRole(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
  .openapi(
    signedIn('get', '/building-groups/{id}', {
      summary: '楼组：住户、待审核的认证申请、金点子、表决参与（楼组长、网格员、工作人员）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(ScopeViewSchema, '楼组'), ...errorsOf(401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await grid.buildingGroupView(
          c.var.db,
          c.var.ballotSecret,
          c.var.user,
          c.req.valid('param').id,
        ),
        200,
      ),
  )
  .openapi(
    signedIn('get', '/grids/{id}', {
      summary: '网格：各楼组汇总、住户、认证申请、金点子、表决参与（网格员、工作人员）',
      request: { params: IdParam },
      responses: { 200: jsonResponse(ScopeViewSchema, '网格'), ...errorsOf(401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await grid.gridView(c.var.db, c.var.ballotSecret, c.var.user, c.req.valid('param').id),
        200,
      ),
  )
  .openapi(
    signedIn('post', '/residency-requests/{id}/vouch', {
      summary: '（楼组长、网格员）为本楼栋居民的认证申请作证（仍由工作人员审核）',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(VouchSchema, '已作证'),
        ...errorsOf(401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await vouchForRequest(c.var.db, c.var.user, c.req.valid('param').id), 200),
  )
