import { View } from '@tarojs/components'
import { getCentre } from '../../api/places'
import type { Centre } from '../../api/types'
import { Badge } from '../../components/badge'
import { Button } from '../../components/button'
import { Card } from '../../components/card'
import { Empty, ErrorState, Loading } from '../../components/states'
import { go } from '../../lib/nav'
import { useAsync, useRefreshOnShow } from '../../lib/use-async'
import { useCurrentCommunity } from '../../lib/use-community'

function CentreCard({ centre }: { centre: Centre }) {
  return (
    <Card title={centre.name}>
      <View className='list-item__meta'>地址：{centre.address}</View>
      {centre.openingNote && <View className='list-item__meta'>开放时间：{centre.openingNote}</View>}
      <View className='subhead'>
        活动室（{centre.rooms.length} 间）
      </View>
      {centre.rooms.map((room) => (
        <View className='list-item' key={room.id}>
          <View className='list-item__row'>
            <View className='list-item__title'>{room.name}</View>
            <Badge tone='plain'>可容纳 {room.capacity} 人</Badge>
          </View>
          {room.facilities.length > 0 && <View className='list-item__meta'>设施：{room.facilities.join('、')}</View>}
        </View>
      ))}
    </Card>
  )
}

export default function BookingPage() {
  const community = useCurrentCommunity()
  const centreIds = community.data?.centres.map((c) => c.id) ?? []
  const centres = useAsync(() => Promise.all(centreIds.map((id) => getCentre(id))), centreIds.join(','))
  useRefreshOnShow(() => void community.reload())

  return (
    <View className='page'>
      <View className='page-title'>邻里中心</View>
      <View className='lead'>邻里中心的活动室向居民和社区自治团队开放。</View>
      <View className='notice'>在线预约活动室的功能将在后续版本开放，目前请到邻里中心服务台预约。</View>

      {!community.communityId && (
        <Card title='请先选择社区'>
          <Button block onClick={() => go('community')}>
            选择社区
          </Button>
        </Card>
      )}
      {community.communityId && community.error != null && !community.data && (
        <ErrorState error={community.error} onRetry={() => void community.reload()} />
      )}
      {community.data && community.data.centres.length === 0 && <Empty title='本社区暂未关联邻里中心' />}
      {(community.loading || centres.loading) && !centres.data && community.communityId && <Loading />}
      {centres.error != null && <ErrorState error={centres.error} onRetry={() => void centres.reload()} />}
      {centres.data?.map((centre) => <CentreCard key={centre.id} centre={centre} />)}
    </View>
  )
}
