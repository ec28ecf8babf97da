import { chooseCommunity, getMe, logout as apiLogout } from './session-api'
import type { Me, Session } from '@/api/types'
import { session } from '@/auth/session'

/** Fetches /api/me into the session; returns null when signed out. */
export async function refreshMe(): Promise<Me | null> {
  if (!session.getToken()) return null
  const me = await getMe()
  session.setMe(me)
  return me
}

/** Stores a new session and carries over a community chosen before signing in. */
export async function completeLogin(result: Session): Promise<Me> {
  session.signIn(result.token)
  const { browseCommunityId } = session.getState()
  if (browseCommunityId && !result.user.currentCommunityId) {
    try {
      await chooseCommunity(browseCommunityId)
    } catch {
      // The community may have gone away; the resident can choose again.
    }
  }
  const me = await getMe()
  session.setMe(me)
  return me
}

export async function logout(): Promise<void> {
  try {
    await apiLogout()
  } finally {
    // Signed out locally whatever the network says: the token is forgotten either way.
    session.signOut()
  }
}
