import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ApiError } from '@/api/http'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { listManagedCentres } from '@/packages/bookings/tab-api'

/**
 * The centres I manage (each granted to me per centre, decision 020) and the one a manager page
 * works on: `?centre=`, else the one chosen on the page, else the first I manage. Being a
 * manager of a centre is a grant, not where I live: the current community plays no part.
 */
export function useManagedCentres() {
  const { params } = useRouter()
  const [chosen, choose] = useState<string | undefined>(params.centre)
  const managed = useAsync(() => listManagedCentres(), 'managed-centres')
  const centres = managed.data?.items ?? []
  const centreId = chosen || centres[0]?.id || ''
  return { centreId, centres, managed, choose }
}

/**
 * What a centre manager's page shows: the centre (see useManagedCentres) and the page's data,
 * loaded only for that centre's managers. The read routes are public, so the managed list is
 * what tells a manager from everyone else; others see `forbidden`.
 */
export function useManagedCentre<T>(forbidden: string, loadPage: (centreId: string) => Promise<T>) {
  const { centreId, centres, managed, choose } = useManagedCentres()
  const known = managed.data !== undefined
  const page = useAsync(async () => {
    if (!known) return undefined
    if (!centres.some((c) => c.id === centreId)) throw new ApiError('FORBIDDEN', 403, forbidden)
    return loadPage(centreId)
  }, `${centreId}:${known}`)
  const load = {
    data: page.data,
    error: managed.error ?? page.error,
    loading: managed.loading || page.loading,
    reload: async () => {
      await managed.reload()
      await page.reload()
    },
  }
  useRefreshOnShow(() => void load.reload())
  return { centreId, centres, choose, load }
}
