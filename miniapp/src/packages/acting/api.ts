// One typed function per 代办 route (worker/identity/acting-routes.ts) and the acts done for a
// resident through the domains' own routes (…/for/{residentId}); shapes are the worker's zod
// schemas, imported as types only (decision 003).
import type { z } from 'zod'
import type * as s from '@worker/identity/acting-schemas'
import { request } from '@/api/request'
import type { Household } from '@/api/types'

export type ActingResident = z.infer<typeof s.ActingResidentSchema>
export type ActingResidentDetail = z.infer<typeof s.ActingResidentDetailSchema>
export type RegisterOfflineResidentBody = z.input<typeof s.RegisterOfflineResidentBody>
export type ClaimCode = z.infer<typeof s.ClaimCodeSchema>

const id = encodeURIComponent
const community = (communityId: string) => `/api/communities/${id(communityId)}`

export const listActingResidents = (communityId: string, q: string) =>
  request<{ items: ActingResident[] }>('GET', `${community(communityId)}/acting/residents`, {
    query: q.trim() ? { q: q.trim() } : {},
  })

export const findHouseholdsToRegister = (communityId: string, room: string) =>
  request<{ items: Household[] }>('GET', `${community(communityId)}/acting/households`, {
    query: { room },
  })

export const registerOfflineResident = (communityId: string, body: RegisterOfflineResidentBody) =>
  request<ActingResident>('POST', `${community(communityId)}/offline-residents`, { body })

export const getActingResident = (residentId: string) =>
  request<ActingResidentDetail>('GET', `/api/acting/residents/${id(residentId)}`)

export const issueClaimCode = (residentId: string) =>
  request<ClaimCode>('POST', `/api/acting/residents/${id(residentId)}/claim-code`)
