import { View } from '@tarojs/components'
import Taro, {
  usePullDownRefresh,
  useRouter,
  useShareAppMessage,
  useShareTimeline,
} from '@tarojs/taro'
import { getMeeting } from '@/packages/meetings/api'
import { apiUrl } from '@/api/request'
import { useSession } from '@/auth/session'
import { Badge } from '@/components/badge'
import { Card } from '@/components/card'
import { ShareBar } from '@/components/share-bar'
import { ErrorState, Loading } from '@/components/states'
import { formatDate, formatDateTime } from '@/lib/format'
import { withScene } from '@/lib/scene'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { AgendaList } from '@/packages/meetings/components/agenda-list'
import { OrganiserPanel } from '@/packages/meetings/components/organiser-panel'
import { RegistrationCard } from '@/packages/meetings/components/registration-card'
import { seatsFact, whenText } from '@/packages/meetings/lib/labels'
import '@/packages/meetings/meetings.scss'
import { Photo } from '@/components/photo'
import { Page } from '@/components/page'

// One meeting: when and where, my place (sign up, cancel, check in), the agenda, and after the
// meeting the minutes, photos and resolutions. Organisers get their panel on top.

export default function MeetingDetailPage() {
  // Opened from a shared card (?id=), a door sign's 小程序码 (scene id=…&code=…) or an H5 link.
  const params = withScene(useRouter().params)
  const id = params.id ?? ''
  const { me } = useSession()
  const meeting = useAsync(() => getMeeting(id), `${id}:${me?.user.id ?? ''}`)
  const reload = () => void meeting.reload()
  useRefreshOnShow(reload)
  const shared = meeting.data
  const shareTitle = shared
    ? `${shared.typeLabel}：${shared.title}（${formatDateTime(shared.startsAt)}）`
    : '议事会'
  useShareAppMessage(() => ({
    title: shareTitle,
    path: `/packages/meetings/pages/detail/index?id=${id}`,
  }))
  useShareTimeline(() => ({ title: shareTitle, query: `id=${id}` }))
  usePullDownRefresh(() => {
    void meeting.reload().finally(() => Taro.stopPullDownRefresh())
  })

  const m = meeting.data
  if (!m && meeting.loading) return <Loading />
  if (!m) return <ErrorState error={meeting.error} onRetry={reload} />
  const now = Date.now()
  const photos = m.photos.map((p) => apiUrl(p.url))
  const showMinutes = m.minutes !== null && (m.minutesPublishedAt !== null || m.canManage)

  return (
    <Page>
      <View className="hero mt-hero">
        <View>
          <Badge tone="plain">{m.typeLabel}</Badge>
          {m.status === 'draft' && <Badge tone="plain">草稿</Badge>}
          {m.status === 'cancelled' && <Badge tone="danger">已取消</Badge>}
        </View>
        <View className="hero__title">{m.title}</View>
        <View className="mt-hero__facts">
          <View>{whenText(m, now)}</View>
          <View>{m.place}</View>
          {seatsFact(m) && <View>{seatsFact(m)}</View>}
        </View>
      </View>

      {m.canManage && <OrganiserPanel meeting={m} now={now} onChanged={reload} />}

      <RegistrationCard
        meeting={m}
        now={now}
        me={me}
        initialCode={params.code ?? ''}
        onChanged={reload}
      />

      {m.description !== '' && (
        <Card title="会议说明">
          <View className="mt-minutes">{m.description}</View>
        </Card>
      )}

      <Card title="议程">
        <AgendaList meeting={m} now={now} onChanged={reload} />
      </Card>

      {showMinutes && (
        <Card title={m.minutesPublishedAt ? '会议纪要' : '会议纪要（草稿，居民看不到）'}>
          {m.minutesPublishedAt && (
            <View className="muted">公布于 {formatDate(m.minutesPublishedAt)}</View>
          )}
          <View className="mt-minutes">{m.minutes}</View>
          {photos.length > 0 && (
            <View className="mt-photos">
              {photos.map((url) => (
                <View
                  className="mt-photos__cell"
                  key={url}
                  onClick={() => void Taro.previewImage({ urls: photos, current: url })}
                >
                  <Photo className="mt-photos__img" src={url} mode="aspectFill" alt="会议照片" />
                </View>
              ))}
            </View>
          )}
        </Card>
      )}

      {m.status === 'published' && <ShareBar />}
    </Page>
  )
}
