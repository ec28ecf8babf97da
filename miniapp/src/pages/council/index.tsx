import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { refreshMe } from '../../auth/actions'
import { useSession } from '../../auth/session'
import { Button } from '../../components/button'
import { Card } from '../../components/card'
import { go } from '../../lib/nav'
import { useRefreshOnShow } from '../../lib/use-async'
import { useCurrentCommunity } from '../../lib/use-community'
import { ConventionsSection } from './conventions-section'

// The 议事 tab, in sections: 微规约 first (what residents can act on now), then the 三会.
// Meetings (sign-up, minutes, resolutions) come with the meetings domain as their own section.

const MEETINGS = [
  { name: '听证会', text: '涉及居民切身利益的事情，在做决定之前先开听证会，听取居民的意见和建议。' },
  { name: '协调会', text: '居民之间、居民和单位之间有矛盾时，由居委会牵头，请各方坐下来协商解决。' },
  { name: '评议会', text: '事情办完以后，请居民对社区的工作和办理结果打分评议，办得好不好由居民说了算。' },
]

export default function CouncilPage() {
  const { me } = useSession()
  const community = useCurrentCommunity()
  // Bumped to reload the sections when the tab is shown again.
  const [round, setRound] = useState(0)
  const refresh = () => {
    setRound((n) => n + 1)
    void refreshMe().catch(() => undefined)
  }
  useRefreshOnShow(refresh)
  usePullDownRefresh(() => {
    refresh()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })

  return (
    <View className='page'>
      <View className='page-title'>议事</View>
      <View className='lead'>社区的事大家商量着办：民事民议、民事民决、民事民评。</View>

      {community.communityId ? (
        <ConventionsSection communityId={community.communityId} me={me} refreshKey={round} />
      ) : (
        <Card title='请先选择社区'>
          <View className='paragraph'>选择社区后，这里会列出本社区正在征求意见、正在表决和已经生效的微规约。</View>
          <Button block onClick={() => go('community')}>
            选择社区
          </Button>
        </Card>
      )}

      <View className='subhead'>三会制度</View>
      <Card>
        {MEETINGS.map((m) => (
          <View className='list-item' key={m.name}>
            <View className='list-item__title'>{m.name}</View>
            <View className='list-item__meta'>{m.text}</View>
          </View>
        ))}
      </Card>

      <Card title='居民议事会'>
        <View className='paragraph'>
          议事会由居民代表组成，讨论社区里的公共事务：金点子的采纳、微规约的起草、背街小巷的改造方案。会议的决定和落实情况向全体居民公开。
        </View>
      </Card>

      <View className='notice notice--info'>议事会的报名、签到和会议决议公示将在后续版本开放。</View>
    </View>
  )
}
