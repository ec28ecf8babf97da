import { useCallback, useEffect, useRef, useState } from 'react'
import type { Page } from '../../../api/types'

/** A cursor-paged list: first page on mount / key change, `loadMore` appends the next one. */
export function usePagedList<T extends object>(load: (cursor?: string) => Promise<Page<T>>, key: string, enabled = true) {
  const [items, setItems] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(enabled)
  const [error, setError] = useState<unknown>(null)
  const loadRef = useRef(load)
  loadRef.current = load
  const run = useRef(0)

  const fetchPage = useCallback(async (after: string | undefined, append: boolean) => {
    const mine = ++run.current
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
      if (mine === run.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    if (!enabled) return
    setItems([])
    void fetchPage(undefined, false)
  }, [key, enabled, fetchPage])

  const idOf = (item: T) => ('id' in item ? (item as { id: string }).id : (item as { residencyId?: string }).residencyId)

  return {
    items,
    loading,
    error,
    hasMore: cursor !== null,
    reload: () => fetchPage(undefined, false),
    loadMore: () => (cursor ? fetchPage(cursor, true) : Promise.resolve()),
    /** Drops an item that left this list (approved, rejected, revoked). */
    remove: (id: string) => setItems((old) => old.filter((item) => idOf(item) !== id)),
    replace: (id: string, next: T) => setItems((old) => old.map((item) => (idOf(item) === id ? next : item))),
  }
}
