import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MeetingSummary } from '@/packages/meetings/api'
import { Badge } from '@/components/badge'
import {
  myStateLabel,
  seatsFact,
  SIGNUP_LABELS,
  whenText,
} from '@/packages/meetings/lib/list-labels'
import { meetingUrl } from '@/packages/meetings/lib/routes'

/**
 * One meeting in a list: type and title, when and where, seats, and the two things a resident
 * looks for — whether they are in, and whether they still can be. Past meetings say whether
 * the minutes are out instead of seats.
 */
export function MeetingRow({
  meeting: m,
  now,
  past = false,
}: {
  meeting: MeetingSummary
  now: number
  past?: boolean
}) {
  const mine = myStateLabel(m.my)
  const signup = SIGNUP_LABELS[m.signup]
  return (
    <View
      className="list-item meeting-row"
      ariaRole="link"
      onClick={() => void Taro.navigateTo({ url: meetingUrl('detail', { id: m.id }) })}
    >
      <View className="list-item__row">
        <View className="list-item__title">
          <Badge tone="plain">{m.typeLabel}</Badge> {m.title}
        </View>
      </View>
      <View className="list-item__meta">{whenText(m, now)}</View>
      <View className="list-item__meta">{m.place}</View>
      {past ? (
        <View className="facts">
          {m.status === 'cancelled' ? (
            <Badge tone="danger">已取消</Badge>
          ) : (
            <Badge tone={m.minutesPublished ? 'ok' : 'plain'}>
              {m.minutesPublished ? '纪要已公布' : '纪要整理中'}
            </Badge>
          )}
          {mine && <Badge tone={mine.tone}>{m.my?.checkedIn ? '我参加了' : mine.text}</Badge>}
        </View>
      ) : (
        <View className="facts">
          {mine && <Badge tone={mine.tone}>{mine.text}</Badge>}
          <Badge tone={signup.tone}>{signup.text}</Badge>
          {seatsFact(m) && <Badge tone="plain">{seatsFact(m)}</Badge>}
        </View>
      )}
    </View>
  )
}
