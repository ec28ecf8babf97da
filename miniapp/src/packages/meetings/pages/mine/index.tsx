import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { listMyMeetings } from '@/packages/meetings/api'
import { Card } from '@/components/card'
import { Empty, ErrorState, Loading } from '@/components/states'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { MeetingRow } from '@/packages/meetings/components/meeting-row'
import { Page } from '@/components/page'
import '@/packages/meetings/meetings.scss'

// 我的会议: the meetings I signed up to (or wait for), coming ones first, then past ones.

export default function MyMeetingsPage() {
  const list = useAsync(() => listMyMeetings(), 'mine')
  useRefreshOnShow(() => void list.reload())
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  if (!list.data && list.loading) return <Loading />
  if (!list.data) return <ErrorState error={list.error} onRetry={() => void list.reload()} />
  const now = Date.now()
  const coming = list.data.items
    .filter((m) => m.endsAt > now)
    .sort((a, b) => a.startsAt - b.startsAt)
  const past = list.data.items
    .filter((m) => m.endsAt <= now)
    .sort((a, b) => b.startsAt - a.startsAt)

  return (
    <Page>
      <View className="page-title">我的会议</View>
      {list.data.items.length === 0 && (
        <Empty title="还没有报名会议">
          <View>在“议事”里可以看到社区即将召开的会议并报名。</View>
        </Empty>
      )}
      {coming.length > 0 && (
        <Card title="即将召开">
          {coming.map((m) => (
            <MeetingRow key={m.id} meeting={m} now={now} />
          ))}
        </Card>
      )}
      {past.length > 0 && (
        <Card title="往期">
          {past.map((m) => (
            <MeetingRow key={m.id} meeting={m} now={now} past />
          ))}
        </Card>
      )}
    </Page>
  )
}
