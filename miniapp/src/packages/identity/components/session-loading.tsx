import { useEffect, useState } from 'react'
import { refreshMe } from '@/packages/identity/actions'
import { ErrorState, Loading } from '@/components/states'

/** Shown while a signed-in person's /api/me is not known yet (first launch, cleared cache). */
export function SessionLoading() {
  const [error, setError] = useState<unknown>(null)
  const load = () => {
    setError(null)
    refreshMe().catch(setError)
  }
  useEffect(load, [])
  return error ? <ErrorState error={error} onRetry={load} /> : <Loading />
}
