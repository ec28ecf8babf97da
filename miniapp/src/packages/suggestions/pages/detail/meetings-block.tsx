import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { listSuggestionMeetings } from '@/packages/meetings/api'
import { Badge } from '@/components/badge'
import { Card } from '@/components/card'
import { formatDate } from '@/lib/format'
import { useAsync } from '@/lib/use-async'
import { dueDateText, MOVE_LABELS, votesText } from '@/packages/meetings/lib/labels'
import { meetingUrl } from '@/packages/meetings/lib/routes'

/**
 * 议事会: the meetings that discussed this 金点子 and what each decided (民事民决) — one case
 * file from the idea to its resolution. Nothing is shown while there is none.
 */
export function MeetingsBlock({
  suggestionId,
  refreshKey,
}: {
  suggestionId: string
  refreshKey: string
}) {
  const list = useAsync(() => listSuggestionMeetings(suggestionId), `${suggestionId}:${refreshKey}`)
  const items = list.data?.items ?? []
  if (items.length === 0) return null
  return (
    <Card title="议事会" className="suggestion-meetings">
      <View>
        {items.map((m) => {
          const r = m.resolution
          const votes = r ? votesText(r) : null
          const due = r ? dueDateText(r.dueDate) : null
          return (
            <View
              className="list-item"
              key={`${m.meetingId}:${m.itemTitle}`}
              ariaRole="link"
              onClick={() =>
                void Taro.navigateTo({ url: meetingUrl('detail', { id: m.meetingId }) })
              }
            >
              <View className="list-item__title">
                <Badge tone="plain">{m.typeLabel}</Badge> {m.meetingTitle}
              </View>
              <View className="list-item__meta">
                {formatDate(m.startsAt)} · 议题：{m.itemTitle}
                {m.status === 'cancelled' && '（会议已取消）'}
              </View>
              {r ? (
                <View className="paragraph card-action">
                  <View className="strong">决议：{r.decision}</View>
                  {votes && <View className="muted">表决：{votes}</View>}
                  <View className="muted">
                    责任人：{r.owner}
                    {due ? ` · 完成期限：${due}` : ''}
                  </View>
                  {r.suggestionMove !== 'none' && (
                    <View className="muted">本建议：{MOVE_LABELS[r.suggestionMove]}</View>
                  )}
                </View>
              ) : (
                <View className="list-item__meta">
                  {m.status === 'cancelled' ? '' : '决议尚未公布'}
                </View>
              )}
            </View>
          )
        })}
      </View>
    </Card>
  )
}
