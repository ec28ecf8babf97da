import { useRouter } from '@tarojs/taro'
import { ApiError } from '@/api/http'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { useCurrentCommunity } from '@/packages/places/use-community'
import { listManagedCentres } from '@/packages/bookings/tab-api'

/**
 * What a centre manager's page shows: the centre (`?centre=`, else the current community's first)
 * and the page's data, loaded only for that centre's managers. The read routes are public, so the
 * managed list is what tells a manager from everyone else; others see `forbidden`.
 */
export function useManagedCentre<T>(forbidden: string, loadPage: (centreId: string) => Promise<T>) {
  const { params } = useRouter()
  const community = useCurrentCommunity()
  const centreId = params.centre || community.data?.centres[0]?.id || ''
  const load = useAsync(async () => {
    if (!centreId) return null
    const [managed, data] = await Promise.all([listManagedCentres(), loadPage(centreId)])
    if (!managed.items.some((c) => c.id === centreId))
      throw new ApiError('FORBIDDEN', 403, forbidden)
    return data
  }, centreId)
  useRefreshOnShow(() => void load.reload())
  return { centreId, load }
}
