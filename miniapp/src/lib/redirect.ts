import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { withQuery } from './nav'

/**
 * For an old page address that must keep working (a door sign printed with its QR code, a
 * notice already in someone's inbox, a shared link): opens `path` in its place, same query.
 */
export function useRedirect(path: string): void {
  const { params } = useRouter()
  useEffect(() => {
    const query = Object.fromEntries(
      Object.entries(params).filter(([key]) => !key.startsWith('$') && key !== 'stamp'),
    )
    void Taro.redirectTo({ url: withQuery(path, query) })
    // Once, on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
}
