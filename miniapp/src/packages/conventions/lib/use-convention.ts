import { useRouter } from '@tarojs/taro'
import { getConvention } from '@/packages/conventions/api'
import { useSession } from '@/auth/session'
import { withScene } from '@/lib/scene'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'

/**
 * The convention named by `?id=` (or by the scene of its 公示's 小程序码), as the signed-in person
 * sees it (viewer flags), reloaded when the page is shown again and when the person signs in or out.
 */
export function useConvention() {
  const id = withScene(useRouter().params).id ?? ''
  const { token } = useSession()
  const state = useAsync(() => getConvention(id), `${id}:${token ?? ''}`)
  useRefreshOnShow(() => void state.reload())
  return { id, ...state }
}
