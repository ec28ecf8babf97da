import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import {
  supportSuggestion,
  withdrawSupport,
  type SuggestionDetail,
} from '@/packages/suggestions/api'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { showError, showSuccess } from '@/lib/errors'
import { go } from '@/lib/nav'
import { deadlineState } from '@/packages/suggestions/lib/format'
import { supportButton } from '@/packages/suggestions/lib/support'
import { askToSubscribe, useSubscribePrompt } from '@/lib/subscribe'

/** 附议: counts per person and household, the response threshold, and the one button. */
export function SupportCard({
  detail,
  signedIn,
  onChanged,
}: {
  detail: SuggestionDetail
  signedIn: boolean
  onChanged: () => Promise<void>
}) {
  useSubscribePrompt()
  const [busy, setBusy] = useState(false)
  const button = supportButton(detail, signedIn)
  const deadline = deadlineState(detail, Date.now())

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await action()
      showSuccess(done)
      await onChanged()
    } catch (e) {
      showError(e)
      await onChanged()
    } finally {
      setBusy(false)
    }
  }

  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回附议',
      content: '确定撤回您对这条建议的附议吗？',
      confirmText: '撤回',
      cancelText: '不撤回',
    })
    if (confirm) await run(() => withdrawSupport(detail.id), '已撤回')
  }

  return (
    <Card title="附议">
      <View className="support-box">
        <Text className="support-box__num">{detail.supportCount}</Text>
        <Text className="support-box__unit">人</Text>
        <Text className="support-box__num">{detail.supportHouseholdCount}</Text>
        <Text className="support-box__unit">户</Text>
      </View>
      {deadline && <View className={`deadline deadline--${deadline.kind}`}>{deadline.text}</View>}

      {button === 'support' && (
        <Button
          block
          busy={busy}
          busyText="正在附议…"
          onClick={() =>
            void askToSubscribe(['suggestion']).then(() =>
              run(() => supportSuggestion(detail.id), '附议成功'),
            )
          }
        >
          附议（我也关心）
        </Button>
      )}
      {button === 'withdraw' && (
        <Button kind="secondary" block busy={busy} onClick={() => void withdraw()}>
          ✓ 已附议 · 撤回
        </Button>
      )}
      {detail.viewer.supportActedBy && (
        <View className="muted">由 {detail.viewer.supportActedBy} 代办附议</View>
      )}
      {button === 'author' && <View className="muted">这是您提的建议，您的附议已计入。</View>}
      {button === 'login' && (
        <Button kind="secondary" block onClick={() => go('login')}>
          登录后附议
        </Button>
      )}
      {button === 'verify' && (
        <>
          <View className="muted field">认证为本社区居民后才能附议。</View>
          <Button kind="secondary" block onClick={() => go('verify')}>
            去认证
          </Button>
        </>
      )}
      {button === 'closed' && (
        <View className="muted">
          {detail.viewer.supported ? '您已附议。' : ''}这条建议目前不在征集附议阶段。
        </View>
      )}
    </Card>
  )
}
