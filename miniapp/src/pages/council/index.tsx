import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { refreshMe } from '@/packages/identity/actions'
import { useSession } from '@/auth/session'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { go } from '@/lib/nav'
import { useRefreshOnShow } from '@/lib/use-async'
import { useCurrentCommunity } from '@/packages/places/use-community'
import { syncUnreadBadge } from '@/packages/inbox/unread-badge'
import { ConventionsSection } from './conventions-section'
import { MeetingsSection } from './meetings-section'
import { Page } from '@/components/page'

// The 议事 tab, in sections: meetings (sign up now, minutes and resolutions after), then 微规约.

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
  useDidShow(() => void syncUnreadBadge(Boolean(me)))
  usePullDownRefresh(() => {
    refresh()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })

  return (
    <Page className="page--no-anchor">
      <View className="page-title">议事</View>
      <View className="lead">社区的事大家商量着办：民事民议、民事民决、民事民评。</View>

      {community.communityId ? (
        <View>
          <MeetingsSection communityId={community.communityId} me={me} refreshKey={round} />
          <ConventionsSection communityId={community.communityId} me={me} refreshKey={round} />
        </View>
      ) : (
        <Card title="请先选择社区">
          <View className="paragraph">选择社区后，这里会列出本社区的议事会、三会和微规约。</View>
          <Button block onClick={() => go('community')}>
            选择社区
          </Button>
        </Card>
      )}

      <Card title="居民议事会">
        <View className="paragraph">
          议事会由居民代表组成，讨论社区里的公共事务：金点子的采纳、微规约的起草、背街小巷的改造方案。每个议题的决议写明责任人和期限，向全体居民公开。
        </View>
      </Card>
    </Page>
  )
}
