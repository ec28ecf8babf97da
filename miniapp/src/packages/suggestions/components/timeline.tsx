import { View } from '@tarojs/components'
import type { TimelineEvent } from '@/packages/suggestions/api'
import { Card } from '@/components/card'
import { formatDateTime } from '@/lib/format'
import { PhotoGrid } from './photo-grid'

/** Every public step: what happened, who did it in which role, when, and why. */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  return (
    <Card title="办理过程">
      {events.map((e) => (
        <View className="timeline__item" key={e.id}>
          <View className="timeline__dot" />
          <View className="timeline__kind">{e.kindLabel}</View>
          <View className="timeline__who">
            {e.actorRole === 'system' ? '系统记录' : e.actorLabel} · {formatDateTime(e.createdAt)}
          </View>
          {e.body && <View className="timeline__body">{e.body}</View>}
          <PhotoGrid photos={e.photos} />
        </View>
      ))}
    </Card>
  )
}
