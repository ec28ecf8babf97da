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
import { useRefreshOnShow } from '@/lib/use-async'
import { useCurrentCommunity } from '@/packages/places/use-community'
import { syncUnreadBadge } from '@/packages/inbox/unread-badge'

export default function HomePage() {
  const state = useSession()
  const community = useCurrentCommunity()

  const refresh = async () => {
    await Promise.allSettled([refreshMe(), community.reload()])
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
    <View className="page">
      <View className="hero">
        <View className="hero__eyebrow">邻里 · 民事民议 民事民决 民事民评</View>
        {data ? (
          <>
            <View className="hero__title">{data.name}</View>
            <View className="hero__sub">{data.streetName}</View>
            <View className="hero__link" onClick={() => go('community')}>
              切换社区
            </View>
            <View className="hero__link" onClick={() => go('figures')}>
              社区三率
            </View>
          </>
        ) : (
          <View className="hero__title">欢迎来到邻里</View>
        )}
      </View>

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

      {data && (
        <>
          <Card title="背街小巷" extra="金点子" onExtra={() => go('ideas')}>
            {data.alleys.length === 0 && <View className="muted">本社区还没有登记背街小巷。</View>}
            {data.alleys.map((alley) => (
              <View className="list-item" key={alley.id}>
                <View className="list-item__title">{alley.name}</View>
                <View className="list-item__meta">{alley.description}</View>
              </View>
            ))}
          </Card>

          <Card title="邻里中心" extra="去预约" onExtra={() => go('booking')}>
            {data.centres.length === 0 && <View className="muted">本社区暂未关联邻里中心。</View>}
            {data.centres.map((centre) => (
              <View className="list-item" key={centre.id} onClick={() => go('booking')}>
                <View className="list-item__title">{centre.name}</View>
                <View className="list-item__meta">地址：{centre.address}</View>
              </View>
            ))}
          </Card>
        </>
      )}
    </View>
  )
}
