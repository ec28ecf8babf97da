// One typed function per public-figures route (worker/transparency/routes.ts). Shapes are the
// worker's zod schemas, imported as types only (decision 003).
import type { z } from 'zod'
import type * as schemas from '@worker/transparency/schemas'
import { apiUrl, request } from '@/api/request'

export type Rate = z.infer<typeof schemas.RateSchema>
export type FigureSet = z.infer<typeof schemas.FigureSetSchema>
export type CommunityFigures = z.infer<typeof schemas.CommunityFiguresSchema>
export type StreetFigures = z.infer<typeof schemas.StreetFiguresSchema>
export type RegisterEntry = z.infer<typeof schemas.RegisterEntrySchema>
export type RegisterList = z.infer<typeof schemas.RegisterListSchema>
export type RegisterKind = z.infer<typeof schemas.RegisterKindSchema>
export type RegisterStatus = z.infer<typeof schemas.RegisterStatusSchema>
export type Following = z.infer<typeof schemas.FollowingSchema>

const id = encodeURIComponent

export const getCommunityFigures = (communityId: string) =>
  request<CommunityFigures>('GET', `/api/communities/${id(communityId)}/figures`)

export const getStreetFigures = (streetId: string) =>
  request<StreetFigures>('GET', `/api/streets/${id(streetId)}/figures`)

export const getRegister = (communityId: string) =>
  request<RegisterList>('GET', `/api/communities/${id(communityId)}/register`)

export const myRegisterFollows = () => request<Following>('GET', '/api/me/register-follows')

const followPath = (kind: RegisterKind, entryId: string) =>
  `/api/register/${kind}/${id(entryId)}/follow`

export const followEntry = (kind: RegisterKind, entryId: string) =>
  request<{ following: boolean; followers: number }>('POST', followPath(kind, entryId))

export const unfollowEntry = (kind: RegisterKind, entryId: string) =>
  request<{ following: boolean; followers: number }>('DELETE', followPath(kind, entryId))

export const markResolutionDone = (itemId: string, note: string) =>
  request<RegisterEntry>('POST', `/api/register/resolution/${id(itemId)}/done`, {
    body: { note },
  })

/** The open-data files of a community and of its street, as absolute URLs. */
export function openDataLinks(communityId: string, streetId: string) {
  const c = `/api/open-data/communities/${id(communityId)}`
  return [
    { label: '三率 CSV', url: apiUrl(`${c}/figures.csv`) },
    { label: '三率 JSON', url: apiUrl(`${c}/figures.json`) },
    { label: '金点子 CSV', url: apiUrl(`${c}/suggestions.csv`) },
    { label: '金点子 JSON', url: apiUrl(`${c}/suggestions.json`) },
    { label: '街道对比 CSV', url: apiUrl(`/api/open-data/streets/${id(streetId)}/figures.csv`) },
  ]
}
