// One typed function per grid route (worker/grid/routes.ts, decision 018); shapes are the
// worker's zod schemas, imported as types only (decision 003).
import type { z } from 'zod'
import type * as s from '@worker/grid/schemas'
import { request } from '@/api/request'

export type ScopeView = z.infer<typeof s.ScopeViewSchema>
export type ScopeKind = ScopeView['scope']['kind']
export type MyGrid = z.infer<typeof s.MyGridSchema>
export type CommunityGrids = z.infer<typeof s.CommunityGridsSchema>
export type GridCandidate = z.infer<typeof s.CandidatesSchema>['items'][number]
export type GridRoleGrant = z.infer<typeof s.GridRoleGrantSchema>
export type GrantGridRoleBody = z.input<typeof s.GrantGridRoleBody>

const id = encodeURIComponent
const community = (communityId: string) => `/api/communities/${id(communityId)}`

export const getMyGrid = () => request<MyGrid>('GET', '/api/me/grid')

export const getScope = (kind: ScopeKind, scopeId: string) =>
  request<ScopeView>(
    'GET',
    kind === 'grid' ? `/api/grids/${id(scopeId)}` : `/api/building-groups/${id(scopeId)}`,
  )

export const vouchForRequest = (requestId: string) =>
  request<{ ok: true; roleName: string }>('POST', `/api/residency-requests/${id(requestId)}/vouch`)

// --- staff ------------------------------------------------------------------------------------

export const getCommunityGrids = (communityId: string) =>
  request<CommunityGrids>('GET', `${community(communityId)}/grids`)

export const createGrid = (communityId: string, body: { name: string; compoundIds: string[] }) =>
  request<CommunityGrids>('POST', `${community(communityId)}/grids`, { body })

export const updateGrid = (gridId: string, body: { name?: string; compoundIds?: string[] }) =>
  request<CommunityGrids>('PATCH', `/api/grids/${id(gridId)}`, { body })

export const createBuildingGroup = (
  communityId: string,
  body: { name: string; buildingIds: string[] },
) => request<CommunityGrids>('POST', `${community(communityId)}/building-groups`, { body })

export const updateBuildingGroup = (
  groupId: string,
  body: { name?: string; buildingIds?: string[] },
) => request<CommunityGrids>('PATCH', `/api/building-groups/${id(groupId)}`, { body })

export const findCandidates = (communityId: string, q: string) =>
  request<{ items: GridCandidate[] }>('GET', `${community(communityId)}/grid-candidates`, {
    query: q.trim() ? { q: q.trim() } : {},
  })

export const grantGridRole = (communityId: string, body: GrantGridRoleBody) =>
  request<GridRoleGrant>('POST', `${community(communityId)}/grid-roles`, { body })

export const revokeGridRole = (grantId: string) =>
  request<{ ok: true }>('DELETE', `/api/grid-role-grants/${id(grantId)}`)
