import { View } from '@tarojs/components'
import type { ConventionDetail } from '@/packages/conventions/api'
import { Card } from '@/components/card'
import { formatDateTime } from '@/lib/format'

/** Every public step, who took it and when (the committee's steps name the member). */
export function Timeline({ events }: { events: ConventionDetail['timeline'] }) {
  return (
    <Card title="办理过程">
      {events.map((e) => (
        <View className="timeline-item" key={e.id}>
          <View className="timeline-item__dot" />
          <View className="timeline-item__title">{e.kindLabel}</View>
          <View className="timeline-item__meta">
            {formatDateTime(e.createdAt)} · {e.actorLabel}
          </View>
          {e.body && <View className="timeline-item__body">{e.body}</View>}
        </View>
      ))}
    </Card>
  )
}
