// Public place data: streets, communities, neighbourhood centres.
import { request } from '@/api/request'
import type { Centre, Community, CommunityList, StreetList } from '@/api/types'

const id = encodeURIComponent

export const listStreets = () => request<StreetList>('GET', '/api/streets')
export const listCommunities = () => request<CommunityList>('GET', '/api/communities')
export const getCommunity = (communityId: string) =>
  request<Community>('GET', `/api/communities/${id(communityId)}`)
export const getCentre = (centreId: string) =>
  request<Centre>('GET', `/api/centres/${id(centreId)}`)
