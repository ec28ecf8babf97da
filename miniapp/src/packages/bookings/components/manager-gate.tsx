import type { ReactNode } from 'react'
import { Empty, ErrorState, Loading } from '@/components/states'
import { isApiError } from '@/lib/error-message'
import { Page } from '@/components/page'

/**
 * The common top of a manager page: what the API refused (not a manager: one clear sentence),
 * loading, or an error with retry; otherwise the page itself.
 */
export function ManagerGate({
  loading,
  error,
  onRetry,
  children,
}: {
  loading: boolean
  error: unknown
  onRetry: () => void
  children: ReactNode
}) {
  if (isApiError(error, 'FORBIDDEN') || isApiError(error, 'UNAUTHENTICATED')) {
    return (
      <Page>
        <Empty title="无权限">只有这个邻里中心的管理员可以使用这个页面。</Empty>
      </Page>
    )
  }
  if (error != null) return <ErrorState error={error} onRetry={onRetry} />
  if (loading) return <Loading />
  return <>{children}</>
}
