import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { loadLoginChoices, login } from '@/packages/identity/login'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ErrorState, Loading } from '@/components/states'
import { showError, showSuccess } from '@/lib/errors'
import { backOr, replaceWith, routeName } from '@/lib/nav'
import { useAsync } from '@/lib/use-async'
import { Page } from '@/components/page'

export default function LoginPage() {
  const { params } = useRouter()
  const next = routeName(params.next)
  const choices = useAsync(loadLoginChoices, 'login')
  const [busyKey, setBusyKey] = useState<string | null>(null)

  const signIn = async (devUserKey?: string) => {
    setBusyKey(devUserKey ?? 'wechat')
    try {
      const me = await login(devUserKey)
      showSuccess(`欢迎，${me.user.nickname}`)
      if (next) replaceWith(next)
      else backOr('home')
    } catch (e) {
      showError(e)
    } finally {
      setBusyKey(null)
    }
  }

  return (
    <Page>
      <View className="hero">
        <View className="hero__eyebrow">邻里</View>
        <View className="hero__title">登录</View>
        <View className="hero__sub">参与社区事务，从登录开始</View>
      </View>

      {choices.loading && <Loading />}
      {!choices.loading && choices.error != null && (
        <ErrorState error={choices.error} onRetry={() => void choices.reload()} />
      )}

      {choices.data?.kind === 'wechat' && (
        <Card>
          <View className="paragraph">
            登录只使用微信提供的匿名标识，不获取您的手机号和微信昵称。
          </View>
          <Button
            block
            busy={busyKey === 'wechat'}
            busyText="正在登录…"
            onClick={() => void signIn()}
          >
            微信一键登录
          </Button>
        </Card>
      )}

      {choices.data?.kind === 'dev' && (
        <Card title="选择演示用户">
          <View className="notice notice--info">
            开发环境：浏览器中没有微信身份，请选择一位演示居民或工作人员登录。
          </View>
          {choices.data.users.map((u) => (
            <View className="list-item" key={u.key}>
              <View className="list-item__row">
                <View className="list-item__main">
                  <View className="list-item__title">{u.nickname}</View>
                  <View className="list-item__meta">{u.description}</View>
                </View>
                <Button
                  size="small"
                  kind="secondary"
                  disabled={busyKey !== null && busyKey !== u.key}
                  busy={busyKey === u.key}
                  busyText="登录中…"
                  onClick={() => void signIn(u.key)}
                >
                  登录
                </Button>
              </View>
            </View>
          ))}
        </Card>
      )}

      {choices.data?.kind === 'unavailable' && (
        <Card tone="warn" title="无法在浏览器中登录">
          <View className="paragraph">{choices.data.reason}</View>
        </Card>
      )}
    </Page>
  )
}
