import { View } from '@tarojs/components'
import { Button } from '../../components/button'
import { Card } from '../../components/card'
import { ErrorState, Loading } from '../../components/states'
import { go } from '../../lib/nav'
import { useRefreshOnShow } from '../../lib/use-async'
import { useCurrentCommunity } from '../../lib/use-community'

export default function IdeasPage() {
  const community = useCurrentCommunity()
  useRefreshOnShow(() => void community.reload())
  const data = community.data

  return (
    <View className='page'>
      <View className='page-title'>金点子</View>
      <View className='lead'>背街小巷怎么管、怎么改，居民最有发言权。好想法在这里征集，由居委会和议事会答复。</View>

      <View className='notice'>提交金点子的功能将在下一个版本开放。届时认证居民可以为下面的背街小巷提出建议，也可以附议邻居的建议。</View>

      {!community.communityId && (
        <Card title='请先选择社区'>
          <View className='paragraph'>选择社区后，这里会列出本社区征集金点子的背街小巷。</View>
          <Button block onClick={() => go('community')}>
            选择社区
          </Button>
        </Card>
      )}
      {community.communityId && !data && community.loading && <Loading />}
      {community.communityId && !data && !community.loading && community.error != null && (
        <ErrorState error={community.error} onRetry={() => void community.reload()} />
      )}

      {data && (
        <Card title={`${data.name}的背街小巷`}>
          {data.alleys.length === 0 && <View className='muted'>本社区还没有登记背街小巷。</View>}
          {data.alleys.map((alley) => (
            <View className='list-item' key={alley.id}>
              <View className='list-item__title'>{alley.name}</View>
              <View className='list-item__meta'>{alley.description}</View>
            </View>
          ))}
        </Card>
      )}
    </View>
  )
}
