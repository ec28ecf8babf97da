import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { refreshMe } from '@/packages/identity/actions'
import { useSession } from '@/auth/session'
import { nextStep, worksInCurrentCommunity } from '@/auth/session-store'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { NextStepCard } from '@/components/next-step-card'
import { ErrorState, Loading } from '@/components/states'
import { go } from '@/lib/nav'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { useCurrentCommunity } from '@/packages/places/use-community'
import { syncUnreadBadge } from '@/packages/inbox/unread-badge'
import { getHome, ToDoCard } from './to-dos'
import { Page } from '@/components/page'
import { FOCUSABLE } from '@/components/a11y'

export default function HomePage() {
  const state = useSession()
  const community = useCurrentCommunity()

  const signedIn = Boolean(state.token)
  // What needs me (issue 12): one request, for a signed-in person only.
  const home = useAsync(
    () => (signedIn ? getHome(community.communityId) : Promise.resolve(null)),
    `${signedIn}${community.communityId}`,
  )

  const refresh = async () => {
    await Promise.allSettled([refreshMe(), community.reload(), home.reload()])
  }
  useRefreshOnShow(() => void refresh())
  // The first tab a resident sees: show 我的消息's unread count on the 我的 tab from here too.
  useDidShow(() => void syncUnreadBadge(Boolean(state.me)))
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh())
  })

  const data = community.data
  const step = nextStep(state)

  return (
    <Page>
      <View className="hero">
        <View className="hero__eyebrow">邻里 · 民事民议 民事民决 民事民评</View>
        {data ? (
          <>
            <View className="hero__title">{data.name}</View>
            <View className="hero__sub">{data.streetName}</View>
            <View
              className="hero__link"
              ariaRole="link"
              {...FOCUSABLE}
              onClick={() => go('community')}
            >
              切换社区
            </View>
            <View
              className="hero__link"
              ariaRole="link"
              {...FOCUSABLE}
              onClick={() => go('figures')}
            >
              社区三率
            </View>
          </>
        ) : (
          <View className="hero__title">欢迎来到邻里</View>
        )}
      </View>

      {home.data && <ToDoCard home={home.data} />}

      {step === 'verify' && worksInCurrentCommunity(state) ? (
        <Card tone="ok" title="本社区工作人员">
          <Button block onClick={() => go('staffHome')}>
            进入工作台
          </Button>
        </Card>
      ) : (
        <NextStepCard state={state} />
      )}

      {/* Signed in without a community, the card above already asks for one. */}
      {!community.communityId && step !== 'choose_community' && (
        <Card title="先看看您的社区">
          <View className="paragraph">不登录也可以浏览社区的背街小巷和邻里中心。</View>
          <Button kind="secondary" block onClick={() => go('community')}>
            选择社区
          </Button>
        </Card>
      )}

      {community.communityId && !data && community.loading && <Loading />}
      {community.communityId && !data && !community.loading && community.error != null && (
        <ErrorState error={community.error} onRetry={() => void community.reload()} />
      )}
    </Page>
  )
}
