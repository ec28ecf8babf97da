import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { acceptPrivacyNotice, getPrivacyNotice } from '@/packages/identity/api'
import { refreshMe } from '@/packages/identity/actions'
import { useSession } from '@/auth/session'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ErrorState, Loading } from '@/components/states'
import { showError, showSuccess } from '@/lib/errors'
import { backOr, go, replaceWith, routeName } from '@/lib/nav'
import { useAsync } from '@/lib/use-async'
import { Page } from '@/components/page'

export default function PrivacyPage() {
  const { params } = useRouter()
  const next = routeName(params.next)
  const state = useSession()
  const notice = useAsync(getPrivacyNotice, 'privacy')
  const [saving, setSaving] = useState(false)

  const accepted = Boolean(
    notice.data && state.me && state.me.user.consentVersion === notice.data.version,
  )

  const accept = async () => {
    if (!notice.data) return
    setSaving(true)
    try {
      await acceptPrivacyNotice(notice.data.version)
      await refreshMe()
      showSuccess('已同意')
      if (next) replaceWith(next)
      else backOr('mine')
    } catch (e) {
      showError(e)
    } finally {
      setSaving(false)
    }
  }

  if (notice.loading && !notice.data) return <Loading />
  if (!notice.data) return <ErrorState error={notice.error} onRetry={() => void notice.reload()} />

  return (
    <Page>
      <View className="page-title">{notice.data.title}</View>
      <View className="muted privacy-version">版本 {notice.data.version}</View>
      <Card>
        {notice.data.paragraphs.map((p, i) => (
          <View className="paragraph" key={i}>
            {p}
          </View>
        ))}
      </Card>

      {state.token && accepted && (
        <Card tone="ok">
          <View className="paragraph">您已同意本版本的隐私政策。</View>
          {next && (
            <Button block onClick={() => replaceWith(next)}>
              继续
            </Button>
          )}
        </Card>
      )}
      {state.token && !accepted && (
        <View className="sticky-actions">
          <Button block busy={saving} busyText="正在保存…" onClick={() => void accept()}>
            我已阅读并同意
          </Button>
          <Button kind="quiet" block onClick={() => backOr('home')}>
            暂不同意
          </Button>
        </View>
      )}
      {!state.token && (
        <Card tone="accent">
          <View className="paragraph">登录后，在认证居民身份之前需要同意本政策。</View>
          <Button block onClick={() => go('login')}>
            登录
          </Button>
        </Card>
      )}
    </Page>
  )
}
