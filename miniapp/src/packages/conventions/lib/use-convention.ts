import { useRouter } from '@tarojs/taro'
import { getConvention } from '@/packages/conventions/api'
import { useSession } from '@/auth/session'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'

/**
 * The convention named by `?id=`, as the signed-in person sees it (viewer flags), reloaded when
 * the page is shown again and when the person signs in or out.
 */
export function useConvention() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const { token } = useSession()
  const state = useAsync(() => getConvention(id), `${id}:${token ?? ''}`)
  useRefreshOnShow(() => void state.reload())
  return { id, ...state }
}
