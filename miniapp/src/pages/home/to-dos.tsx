import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Home } from '@worker/home/schemas'
import { request } from '@/api/request'
import { Card } from '@/components/card'
import { toDoRows } from './to-do-rows'

// 首页 "待我处理" (issue 12): one request (GET /api/me/home) and one list. The home is a tab page
// in the main package (400 KB for everything, decision 009), so this is deliberately plain: rows
// of text that open the page where the thing is done (to-do-rows.ts), no component of its own.

export const getHome = (communityId: string | null) =>
  request<Home>('GET', '/api/me/home', { query: { communityId: communityId ?? undefined } })

export function ToDoCard({ home }: { home: Home }) {
  const rows = toDoRows(home, Date.now())
  return (
    <Card title="待我处理">
      {rows.length === 0 && <View className="muted">暂时没有需要您处理的事。</View>}
      {rows.map((r) => (
        <View
          className="list-item"
          key={r.key}
          ariaRole="link"
          onClick={() => r.url && void Taro.navigateTo({ url: r.url })}
        >
          <View className="list-item__title">{r.title}</View>
          <View className="list-item__meta">{r.meta}</View>
        </View>
      ))}
    </Card>
  )
}
