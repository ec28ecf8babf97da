import { View } from '@tarojs/components'
import { useState } from 'react'
import { chooseCommunity } from '@/packages/identity/session-api'
import { listStreets } from '@/packages/places/api'
import { refreshMe } from '@/packages/identity/actions'
import { session, useSession } from '@/auth/session'
import { currentCommunityId } from '@/auth/session-store'
import { Card } from '@/components/card'
import { ErrorState, Loading } from '@/components/states'
import { showError, showSuccess } from '@/lib/errors'
import { backOr } from '@/lib/nav'
import { useAsync } from '@/lib/use-async'
import { Page } from '@/components/page'

export default function CommunityPage() {
  const state = useSession()
  const selected = currentCommunityId(state)
  const streets = useAsync(listStreets, 'streets')
  const [saving, setSaving] = useState<string | null>(null)

  const choose = async (communityId: string, name: string) => {
    if (saving) return
    setSaving(communityId)
    try {
      if (state.token) {
        await chooseCommunity(communityId)
        await refreshMe()
      } else {
        session.setBrowseCommunity(communityId)
      }
      showSuccess(`已选择${name}`)
      setTimeout(() => backOr('home'), 600)
    } catch (e) {
      showError(e)
    } finally {
      setSaving(null)
    }
  }

  return (
    <Page>
      <View className="page-title">选择您所在的社区</View>
      <View className="lead">按街道列出。选好后，首页会显示这个社区的背街小巷和邻里中心。</View>

      {streets.loading && !streets.data && <Loading />}
      {streets.error != null && !streets.data && (
        <ErrorState error={streets.error} onRetry={() => void streets.reload()} />
      )}

      {streets.data?.items.map((street) => (
        <Card key={street.id} title={street.name}>
          <View className="muted">{street.district}</View>
          {street.communities.map((c) => (
            <View
              key={c.id}
              className={c.id === selected ? 'choice choice--on' : 'choice'}
              ariaRole="button"
              onClick={() => void choose(c.id, c.name)}
            >
              <View>{c.name}</View>
              <View className="choice__mark">
                {saving === c.id ? '保存中…' : c.id === selected ? '✓ 当前社区' : '选择'}
              </View>
            </View>
          ))}
        </Card>
      ))}
    </Page>
  )
}
