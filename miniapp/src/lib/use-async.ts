import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'

export type AsyncState<T> = {
  data: T | undefined
  error: unknown
  loading: boolean
  reload: () => Promise<void>
}

/**
 * Runs `load` on mount and whenever `key` changes; `reload` runs it again. A late answer of an
 * older run never overwrites a newer one.
 */
export function useAsync<T>(load: () => Promise<T>, key: string): AsyncState<T> {
  const [data, setData] = useState<T>()
  const [error, setError] = useState<unknown>(null)
  const [loading, setLoading] = useState(true)
  const run = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const reload = useCallback(async () => {
    const mine = ++run.current
    setLoading(true)
    try {
      const value = await loadRef.current()
      if (mine === run.current) {
        setData(value)
        setError(null)
      }
    } catch (e) {
      if (mine === run.current) setError(e)
    } finally {
      if (mine === run.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    void reload()
  }, [key, reload])

  return { data, error, loading, reload }
}

/** Calls `refresh` whenever the page is shown again (back navigation, tab switch), not the first time. */
export function useRefreshOnShow(refresh: () => void) {
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) refresh()
    shown.current = true
  })
}
