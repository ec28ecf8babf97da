import { useCallback, useEffect, useRef, useState } from 'react'
import type { Page } from '@/api/types'

/**
 * A cursor-paged list: the first page on mount and whenever `key` changes, `loadMore` appends
 * the next one (at most one request at a time). A late answer for an older key is dropped.
 * The one paged-list idiom of the app (the 金点子 tab, the staff lists, …).
 */
export function usePagedList<T>(
  load: (cursor?: string) => Promise<Page<T>>,
  key: string,
  enabled = true,
) {
  const [items, setItems] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(enabled)
  const [error, setError] = useState<unknown>(null)
  const loadRef = useRef(load)
  loadRef.current = load
  const run = useRef(0)
  const busy = useRef(false)

  const fetchPage = useCallback(async (after: string | undefined, append: boolean) => {
    const mine = ++run.current
    busy.current = true
    setLoading(true)
    try {
      const page = await loadRef.current(after)
      if (mine !== run.current) return
      setItems((old) => (append ? [...old, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setError(null)
    } catch (e) {
      if (mine === run.current) setError(e)
    } finally {
      if (mine === run.current) {
        busy.current = false
        setLoading(false)
      }
    }
  }, [])

  useEffect(() => {
    if (!enabled) return
    setItems([])
    setCursor(null)
    void fetchPage(undefined, false)
  }, [key, enabled, fetchPage])

  return {
    items,
    loading,
    error,
    hasMore: cursor !== null,
    reload: () => fetchPage(undefined, false),
    loadMore: () => (cursor && !busy.current ? fetchPage(cursor, true) : Promise.resolve()),
    /** Drops items that left this list (a request approved, a residency revoked) without reloading. */
    removeWhere: (leaves: (item: T) => boolean) =>
      setItems((old) => old.filter((item) => !leaves(item))),
  }
}
