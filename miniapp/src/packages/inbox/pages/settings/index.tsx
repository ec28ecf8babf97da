import { View } from '@tarojs/components'
import { useState } from 'react'
import { useSession } from '@/auth/session'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Empty, ErrorState, Loading } from '@/components/states'
import { showError } from '@/lib/errors'
import { go } from '@/lib/nav'
import {
  listSubscriptions,
  promptFor,
  switchSubscription,
  type Subscription,
} from '@/lib/subscribe'
import { useAsync } from '@/lib/use-async'
import { Page } from '@/components/page'

// 消息设置 (decision 014): every notice stays in 我的消息; here a resident chooses which of them
// WeChat also brings to her as a 服务通知. Turning one on is WeChat's own prompt (weapp only);
// each "允许" of a one-time template is one more message, which is why the count is shown.

const isWeapp = process.env.TARO_ENV === 'weapp'

function stateOf(s: Subscription): { text: string; tone: 'ok' | 'warn' | 'plain' } {
  if (!s.enabled) return { text: '未开启', tone: 'plain' }
  if (s.longTerm) return { text: '已开启', tone: 'ok' }
  if (s.credits > 0) return { text: `还可提醒 ${s.credits} 次`, tone: 'ok' }
  return { text: '提醒次数已用完', tone: 'warn' }
}

export default function MessageSettingsPage() {
  const signedIn = Boolean(useSession().token)
  const list = useAsync(
    () => (signedIn ? listSubscriptions() : Promise.resolve({ items: [] })),
    String(signedIn),
  )
  const [items, setItems] = useState<Subscription[] | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const shown = items ?? list.data?.items ?? []

  if (!signedIn)
    return (
      <Page>
        <Empty title="登录后设置消息提醒">
          <Button block onClick={() => go('login', { next: 'mine' })}>
            去登录
          </Button>
        </Empty>
      </Page>
    )
  if (!list.data && list.loading) return <Loading />
  if (!list.data) return <ErrorState error={list.error} onRetry={() => void list.reload()} />

  // The tap itself opens WeChat's prompt: nothing may be awaited before promptFor().
  const turnOn = (s: Subscription) => {
    setBusy(s.topic)
    void promptFor([s.templateId])
      .then((updated) => {
        if (updated) setItems(updated)
      })
      .finally(() => setBusy(null))
  }
  const turnOff = async (s: Subscription) => {
    setBusy(s.topic)
    try {
      setItems((await switchSubscription(s.topic, false)).items)
    } catch (e) {
      showError(e)
    } finally {
      setBusy(null)
    }
  }

  return (
    <Page>
      <View className="page-title">消息设置</View>
      <View className="paragraph muted">
        所有消息都会留在「我的消息」里。开启后，微信还会用「服务通知」提醒您。
        {isWeapp
          ? '每点一次「允许」，可以提醒您一次。'
          : '网页版不能开启微信提醒，请在微信里打开“邻里”小程序设置。'}
      </View>
      {shown.length === 0 ? (
        <Empty title="暂未开通微信提醒">
          <View>本社区的消息都在「我的消息」里。</View>
        </Empty>
      ) : (
        <Card>
          {shown.map((s) => {
            const state = stateOf(s)
            const canAsk = isWeapp && (!s.enabled || (!s.longTerm && s.credits < 50))
            return (
              <View className="list-item" key={s.topic}>
                <View className="list-item__row">
                  <View className="list-item__title">{s.name}</View>
                  <Badge tone={state.tone}>{state.text}</Badge>
                </View>
                <View className="list-item__meta">{s.covers}</View>
                <View className="list-item__row">
                  {canAsk && (
                    <Button size="small" busy={busy === s.topic} onClick={() => turnOn(s)}>
                      {s.enabled ? '再要一次提醒' : '开启'}
                    </Button>
                  )}
                  {s.enabled && (
                    <Button
                      size="small"
                      kind="secondary"
                      busy={busy === s.topic}
                      onClick={() => void turnOff(s)}
                    >
                      关闭
                    </Button>
                  )}
                </View>
              </View>
            )
          })}
        </Card>
      )}
    </Page>
  )
}
