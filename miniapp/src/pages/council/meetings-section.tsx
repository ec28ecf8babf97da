import { View } from '@tarojs/components'
import Taro, { useReachBottom } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { listMeetings } from '@/packages/meetings/tab-api'
import type { MeetingListWhen } from '@/packages/meetings/api'
import type { Me } from '@/api/types'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Segmented } from '@/components/segmented'
import { ErrorState, Loading } from '@/components/states'
import { usePagedList } from '@/lib/use-paged-list'
import { MeetingRow } from '@/packages/meetings/components/meeting-row'
import { meetingUrl } from '@/packages/meetings/lib/routes'
import { ListMore } from '@/components/list-more'

// The meetings section of the 议事 tab: coming meetings with sign-up state, past ones with
// their minutes, and for organisers the drafts and "新建会议". Each list comes 20 at a time: the
// next page when the resident scrolls to the bottom of the tab (or taps 加载更多, which a
// keyboard reaches), as on the 金点子 tab.

export function canOrganiseMeetings(me: Me | null, communityId: string): boolean {
  return Boolean(
    me?.roles.some(
      (r) => r.communityId === communityId && ['committee', 'staff', 'admin'].includes(r.role),
    ),
  )
}

const EMPTY: Record<MeetingListWhen, string> = {
  upcoming: '近期没有会议。会议发布后会出现在这里，可以直接报名。',
  past: '还没有开过的会议。',
  drafts: '没有草稿。',
}

export function MeetingsSection({
  communityId,
  me,
  refreshKey,
}: {
  communityId: string
  me: Me | null
  refreshKey: number
}) {
  const organiser = canOrganiseMeetings(me, communityId)
  const [when, setWhen] = useState<MeetingListWhen>('upcoming')
  const list = usePagedList(
    (cursor) => listMeetings(communityId, when, cursor),
    `${communityId}:${when}:${me?.user.id ?? ''}`,
  )
  // Shown again: the first page afresh, keeping the cards on screen until it comes.
  const shownFor = useRef(refreshKey)
  useEffect(() => {
    if (shownFor.current === refreshKey) return
    shownFor.current = refreshKey
    void list.reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new refreshKey reloads
  }, [refreshKey])
  useReachBottom(() => {
    if (list.hasMore && !list.loading) void list.loadMore()
  })
  const now = Date.now()
  const items = list.items
  const options: { value: MeetingListWhen; label: string }[] = [
    { value: 'upcoming', label: '即将召开' },
    { value: 'past', label: '往期' },
    ...(organiser ? [{ value: 'drafts' as const, label: '草稿' }] : []),
  ]

  return (
    <View className="council-section meetings-section">
      <View className="subhead">议事会和三会制度</View>
      <View className="lead">
        听证会听意见，协调会解矛盾，评议会打分数；议事会作决定。报名参加，会后看纪要和决议。
      </View>
      <Segmented options={options} value={when} onChange={setWhen} />
      {list.loading && items.length === 0 && <Loading />}
      {list.error != null && items.length === 0 && (
        <ErrorState error={list.error} onRetry={() => void list.reload()} />
      )}
      {!list.loading && list.error == null && items.length === 0 && (
        <View className="notice notice--info">{EMPTY[when]}</View>
      )}
      {items.length > 0 && (
        <Card>
          {items.map((m) => (
            <MeetingRow key={m.id} meeting={m} now={now} past={when === 'past'} />
          ))}
        </Card>
      )}
      <ListMore list={list} />
      {organiser && (
        <Button
          kind="secondary"
          block
          onClick={() => void Taro.navigateTo({ url: meetingUrl('edit', { communityId }) })}
        >
          新建会议
        </Button>
      )}
    </View>
  )
}
