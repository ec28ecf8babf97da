// One typed function per identity route (see the API list in README.md and /api/openapi.json).
import { request } from '@/api/request'
import type {
  CentreRoleGrant,
  CreateResidencyRequestBody,
  DevLoginBody,
  DevUsers,
  InviteCode,
  MyDataExport,
  MyOwnership,
  Ok,
  Owner,
  OwnerProxy,
  OwnershipList,
  OwnershipUnit,
  Page,
  PrivacyNotice,
  RecordProxyBody,
  RecordTitleBody,
  Resident,
  Residency,
  ResidencyRequest,
  ResidencyRequestStatus,
  Role,
  RoleGrant,
  Session,
  StaffHousehold,
  StaffResidencyRequest,
  User,
} from '@/api/types'

const id = encodeURIComponent

// --- auth -----------------------------------------------------------------------------------

export const health = () => request<{ ok: true }>('GET', '/api/health')
export const listDevUsers = () => request<DevUsers>('GET', '/api/auth/dev/users')
export const devLogin = (body: DevLoginBody) => request<Session>('POST', '/api/auth/dev', { body })
export const wechatLogin = (code: string) =>
  request<Session>('POST', '/api/auth/wechat', { body: { code } })

// --- me and privacy -------------------------------------------------------------------------

export const updateNickname = (nickname: string) =>
  request<User>('PATCH', '/api/me', { body: { nickname } })
export const exportMyData = () => request<MyDataExport>('GET', '/api/me/export')
/** Erases personal data and signs out everywhere (PIPL); the account cannot be restored. */
export const deleteMyAccount = () => request<Ok>('DELETE', '/api/me')
export const getPrivacyNotice = () => request<PrivacyNotice>('GET', '/api/privacy/notice')
export const acceptPrivacyNotice = (version: string) =>
  request<User>('POST', '/api/me/consent', { body: { version } })

// --- residency (resident side) --------------------------------------------------------------

export const claimInviteCode = (code: string) =>
  request<Residency>('POST', '/api/residency/claim', { body: { code } })
export const createResidencyRequest = (body: CreateResidencyRequestBody) =>
  request<ResidencyRequest>('POST', '/api/residency/requests', { body })
export const listMyResidencyRequests = () =>
  request<{ items: ResidencyRequest[] }>('GET', '/api/residency/requests/mine')

// --- residency (staff side) -----------------------------------------------------------------

export const listResidencyRequests = (
  communityId: string,
  status: ResidencyRequestStatus = 'pending',
  cursor?: string,
) =>
  request<Page<StaffResidencyRequest>>(
    'GET',
    `/api/communities/${id(communityId)}/residency-requests`,
    {
      query: { status, cursor },
    },
  )
export const approveResidencyRequest = (requestId: string) =>
  request<ResidencyRequest>('POST', `/api/residency-requests/${id(requestId)}/approve`)
export const rejectResidencyRequest = (requestId: string, reason: string) =>
  request<ResidencyRequest>('POST', `/api/residency-requests/${id(requestId)}/reject`, {
    body: { reason },
  })

export const listHouseholds = (communityId: string, buildingId: string) =>
  request<{ items: StaffHousehold[] }>('GET', `/api/communities/${id(communityId)}/households`, {
    query: { buildingId },
  })
export const createInviteCodes = (communityId: string, householdIds: string[]) =>
  request<{ items: InviteCode[] }>('POST', `/api/communities/${id(communityId)}/invite-codes`, {
    body: { householdIds },
  })

export const listResidents = (communityId: string, cursor?: string) =>
  request<Page<Resident>>('GET', `/api/communities/${id(communityId)}/residents`, {
    query: { cursor },
  })
export const revokeResidency = (residencyId: string, reason: string) =>
  request<Ok>('POST', `/api/residencies/${id(residencyId)}/revoke`, { body: { reason } })
export const setRepresentative = (residencyId: string) =>
  request<Residency>('POST', `/api/residencies/${id(residencyId)}/representative`)

// --- roles ------------------------------------------------------------------------------

export const listRoleGrants = (communityId: string) =>
  request<{ items: RoleGrant[] }>('GET', `/api/communities/${id(communityId)}/roles`)
export const grantRole = (communityId: string, userId: string, role: Role) =>
  request<RoleGrant>('POST', `/api/communities/${id(communityId)}/roles`, {
    body: { userId, role },
  })
export const revokeRoleGrant = (grantId: string) =>
  request<Ok>('DELETE', `/api/role-grants/${id(grantId)}`)

/** A centre's managers and former managers (decision 020: the role is granted per centre). */
export const listCentreRoleGrants = (centreId: string) =>
  request<{ items: CentreRoleGrant[] }>('GET', `/api/centres/${id(centreId)}/role-grants`)
export const grantCentreManager = (centreId: string, userId: string) =>
  request<CentreRoleGrant>('POST', `/api/centres/${id(centreId)}/role-grants`, {
    body: { userId, role: 'manager' },
  })
export const revokeCentreRoleGrant = (grantId: string) =>
  request<Ok>('DELETE', `/api/centre-role-grants/${id(grantId)}`)

// --- ownership (房屋产权登记, decision 011) ----------------------------------------------------

/** Staff: a building's units with their titles, owners and 委托 (the view is audited). */
export const listOwnership = (communityId: string, buildingId: string) =>
  request<OwnershipList>('GET', `/api/communities/${id(communityId)}/ownership`, {
    query: { buildingId },
  })
/** Staff: one unit's ownership, for the recording form (the view is audited). */
export const getUnitOwnership = (householdId: string) =>
  request<OwnershipUnit>('GET', `/api/households/${id(householdId)}/ownership`)
/** Staff: record or correct a unit's title from its certificate. */
export const recordTitle = (householdId: string, body: RecordTitleBody) =>
  request<OwnershipUnit>('PUT', `/api/households/${id(householdId)}/ownership`, { body })
/** Staff: owners (or developers) already recorded, by name, to pick for another unit. */
export const findOwners = (communityId: string, q: string, kind?: 'person' | 'developer') =>
  request<{ items: Owner[] }>('GET', `/api/communities/${id(communityId)}/owners`, {
    query: { q, kind },
  })
/** Staff: an owner's written 委托 (replaces the owner's live one). */
export const recordProxy = (ownerId: string, body: RecordProxyBody) =>
  request<OwnerProxy>('POST', `/api/owners/${id(ownerId)}/proxies`, { body })
export const revokeProxy = (proxyId: string) =>
  request<Ok>('POST', `/api/owner-proxies/${id(proxyId)}/revoke`)
/** The signed-in owner's own units and 委托 (no certificate number). */
export const getMyOwnership = () => request<MyOwnership>('GET', '/api/me/ownership')
