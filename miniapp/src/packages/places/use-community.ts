import { getCommunity } from './api'
import type { Community } from '@/api/types'
import { useSession } from '@/auth/session'
import { currentCommunityId } from '@/auth/session-store'
import { useAsync, type AsyncState } from '@/lib/use-async'

/** The community the app is showing (account choice, else the pre-login choice), loaded. */
export function useCurrentCommunity(): AsyncState<Community | null> & {
  communityId: string | null
} {
  const state = useSession()
  const communityId = currentCommunityId(state)
  const result = useAsync(
    () => (communityId ? getCommunity(communityId) : Promise.resolve(null)),
    communityId ?? '',
  )
  return { ...result, communityId }
}
