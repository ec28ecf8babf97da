// What actions.ts calls on every start (it ships in the main package, which WeChat caps:
// decision 009), apart from the rest of identity's routes in ./api.ts.
import { request } from '@/api/request'
import type { Me, Ok, User } from '@/api/types'

export const logout = () => request<Ok>('POST', '/api/auth/logout')
export const getMe = () => request<Me>('GET', '/api/me')
export const chooseCommunity = (communityId: string) =>
  request<User>('PUT', '/api/me/community', { body: { communityId } })
