import { Input, View } from '@tarojs/components'
import { Page } from '@/components/page'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { useSession } from '@/auth/session'
import { currentCommunityId } from '@/auth/session-store'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Empty, ErrorState, Loading } from '@/components/states'
import { go } from '@/lib/nav'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { SessionLoading } from '@/packages/identity/components/session-loading'
import { listActingResidents } from '@/packages/acting/api'
import { openActing } from '@/packages/acting/lib/routes'
import '@/packages/acting/acting.scss'

/**
 * 代办 (decision 019): the residents a staff member (all of the community) or a 楼组长 (her
 * buildings) may act for — many without WeChat. Pick one, or register someone new.
 */
export default function ActingHomePage() {
  const { params } = useRouter()
  const state = useSession()
  const communityId = params.communityId || currentCommunityId(state) || ''
  const [q, setQ] = useState('')
  const [query, setQuery] = useState('')
  const residents = useAsync(
    () =>
      communityId
        ? listActingResidents(communityId, query)
        : Promise.resolve({ items: [] as never[] }),
    `${communityId}:${query}`,
  )
  useRefreshOnShow(() => void residents.reload())

  if (state.token && !state.me) return <SessionLoading />
  if (!state.token) {
    return (
      <Page>
        <View className="page-title">代办</View>
        <View className="lead">请先登录。</View>
        <Button block onClick={() => go('login')}>
          登录
        </Button>
      </Page>
    )
  }

  return (
    <Page>
      <View className="page-title">代办</View>
      <View className="lead">
        为没有微信或不方便用手机的居民办事：提金点子、附议、报名会议、预约活动室、登记纸质表决票。记在她名下，和她本人办理一样计算，并注明由您代办。
      </View>

      <Button block onClick={() => openActing('register', { communityId })}>
        登记新居民（没有微信）
      </Button>

      <Card title="选择居民">
        <View className="field">
          <View className="field__label">按称呼、姓名或门牌号查找</View>
          <View className="search-row">
            <Input
              className="input"
              value={q}
              maxlength={20}
              ariaLabel="按称呼、姓名或门牌号查找"
              placeholder="例如：张阿姨、302"
              placeholderClass="placeholder"
              confirmType="search"
              onInput={(e) => setQ(e.detail.value)}
              onConfirm={() => setQuery(q)}
            />
            <Button kind="secondary" onClick={() => setQuery(q)}>
              查找
            </Button>
          </View>
        </View>
        {residents.loading && !residents.data ? (
          <Loading />
        ) : residents.error != null && !residents.data ? (
          <ErrorState error={residents.error} onRetry={() => void residents.reload()} />
        ) : (residents.data?.items ?? []).length === 0 ? (
          <Empty title={query ? '没有找到这位居民' : '还没有可以代办的居民'}>
            没有微信的居民，请先“登记新居民”。
          </Empty>
        ) : (
          (residents.data?.items ?? []).map((r) => (
            <View
              key={r.userId}
              className="resident-row"
              ariaRole="button"
              onClick={() => openActing('resident', { id: r.userId })}
            >
              <View>
                <View className="resident-row__name">
                  {r.nickname}
                  {r.realName ? `（${r.realName}）` : ''}
                </View>
                <View className="resident-row__meta">
                  {r.household.label}
                  {r.offline ? ' · 没有微信' : ''}
                </View>
              </View>
              <View className="resident-row__arrow">›</View>
            </View>
          ))
        )}
      </Card>
    </Page>
  )
}
