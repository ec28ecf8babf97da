import { View } from '@tarojs/components'
import { Button } from './button'

/**
 * The foot of a paged list (lib/use-paged-list): 加载更多 while there is more — a button, so a
 * keyboard and a screen reader reach the next page as a finger scrolling to the bottom does —
 * then a quiet line saying the list is complete.
 */
export function ListMore({
  list,
}: {
  list: { hasMore: boolean; loading: boolean; items: unknown[]; loadMore: () => Promise<void> }
}) {
  if (list.hasMore)
    return (
      <Button
        kind="secondary"
        block
        busy={list.loading}
        busyText="正在加载…"
        onClick={() => void list.loadMore()}
      >
        加载更多
      </Button>
    )
  return list.items.length > 0 ? <View className="list-end">没有更多了</View> : null
}
