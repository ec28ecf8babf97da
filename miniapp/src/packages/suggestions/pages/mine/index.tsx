import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { listMySuggestions } from '@/packages/suggestions/tab-api'
import { useSession } from '@/auth/session'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Segmented } from '@/components/segmented'
import { Empty, ErrorState, Loading } from '@/components/states'
import { replaceWith } from '@/lib/nav'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { openIdeas } from '@/packages/suggestions/lib/routes'
import { SuggestionCard } from '@/packages/suggestions/components/suggestion-card'
import { Page } from '@/components/page'
import '@/packages/suggestions/suggestions.scss'

type Tab = 'mine' | 'supported'

export default function MySuggestionsPage() {
  const { token, me } = useSession()
  const [tab, setTab] = useState<Tab>('mine')
  const list = useAsync(
    () => (token ? listMySuggestions(tab) : Promise.resolve({ items: [] })),
    `${tab}:${me?.user.id ?? ''}`,
  )
  useRefreshOnShow(() => void list.reload())
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })

  if (!token) {
    return (
      <Page>
        <Card tone="accent" title="请先登录">
          <View className="paragraph">登录后可以看到您提的和附议的金点子。</View>
          <Button block onClick={() => replaceWith('login')}>
            登录
          </Button>
        </Card>
      </Page>
    )
  }

  const items = list.data?.items ?? []
  const unread = items.filter((i) => i.unread).length
  return (
    <Page>
      <View className="page-title">我的金点子</View>
      <Segmented<Tab>
        options={[
          { value: 'mine', label: '我提的' },
          { value: 'supported', label: '我附议的' },
        ]}
        value={tab}
        onChange={setTab}
      />
      {unread > 0 && (
        <View className="notice notice--info">有 {unread} 条有新进展，标红点的就是。</View>
      )}
      {list.loading && !list.data && <Loading />}
      {!list.data && !list.loading && list.error != null && (
        <ErrorState error={list.error} onRetry={() => void list.reload()} />
      )}
      {list.data && items.length === 0 && (
        <Empty title={tab === 'mine' ? '您还没有提过金点子' : '您还没有附议过金点子'}>
          {tab === 'mine' && <Button onClick={() => openIdeas('submit')}>提金点子</Button>}
        </Empty>
      )}
      {items.map((item) => (
        <SuggestionCard
          key={item.id}
          item={item}
          unread={item.unread}
          supportActedBy={item.supportActedBy}
          onOpen={(id) => openIdeas('detail', { id })}
        />
      ))}
    </Page>
  )
}
