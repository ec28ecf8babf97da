import { View } from '@tarojs/components'
import { nextStep, type SessionState } from '@/auth/session-store'
import { go } from '@/lib/nav'
import { Button } from './button'
import { Card } from './card'

/** The one thing the resident should do next: log in, choose a community, or verify residency. */
export function NextStepCard({ state }: { state: SessionState }) {
  const step = nextStep(state)
  const community = state.me?.currentCommunity

  if (step === 'login') {
    return (
      <Card tone="accent" title="登录后参与社区事务">
        <View className="paragraph">
          登录并认证为本社区居民后，可以提出金点子、参与表决、报名议事会和预约邻里中心。
        </View>
        <Button block onClick={() => go('login')}>
          登录
        </Button>
      </Card>
    )
  }
  if (step === 'choose_community') {
    return (
      <Card tone="accent" title="请选择您所在的社区">
        <View className="paragraph">选好社区后，首页会显示本社区的背街小巷和邻里中心。</View>
        <Button block onClick={() => go('community')}>
          选择社区
        </Button>
      </Card>
    )
  }
  if (step === 'verify') {
    return (
      <Card tone="accent" title="认证居民身份">
        <View className="paragraph">
          认证为{community?.name ?? '本社区'}
          居民后，才能附议、表决、报名和预约。用居委会发的邀请码，或提交申请由居委会审核。
        </View>
        <Button block onClick={() => go('verify')}>
          去认证
        </Button>
      </Card>
    )
  }
  if (step === 'pending_review') {
    return (
      <Card tone="warn" title="认证申请审核中">
        <View className="paragraph">
          居委会工作人员会尽快审核您的申请，结果会显示在“我的”页面。
        </View>
        <Button kind="secondary" block onClick={() => go('mine')}>
          查看申请
        </Button>
      </Card>
    )
  }
  const residency = state.me?.residencies.find(
    (r) => r.communityId === state.me?.user.currentCommunityId,
  )
  return (
    <Card tone="ok" title={`您是${residency?.communityName ?? ''}认证居民`}>
      <View className="paragraph">{residency?.household.label}</View>
    </Card>
  )
}
