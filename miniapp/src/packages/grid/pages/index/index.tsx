import { View } from '@tarojs/components'
import { useSession } from '@/auth/session'
import { FOCUSABLE } from '@/components/a11y'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Page } from '@/components/page'
import { Empty, ErrorState, Loading } from '@/components/states'
import { go } from '@/lib/nav'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { SessionLoading } from '@/packages/identity/components/session-loading'
import { openActing } from '@/packages/acting/lib/routes'
import { getMyGrid } from '@/packages/grid/api'
import { openGrid } from '@/packages/grid/lib/routes'
import '@/packages/grid/grid.scss'

/** 我的 → 我负责的楼组: the 楼组 and 网格 staff named me to look after (decision 018). */
export default function MyGridPage() {
  const state = useSession()
  const mine = useAsync(
    () => (state.token ? getMyGrid() : Promise.resolve({ items: [] })),
    state.token ?? '',
  )
  useRefreshOnShow(() => void mine.reload())

  if (state.token && !state.me) return <SessionLoading />
  if (!state.token) {
    return (
      <Page>
        <View className="page-title">我负责的楼组</View>
        <View className="lead">请先登录。</View>
        <Button block onClick={() => go('login')}>
          登录
        </Button>
      </Page>
    )
  }
  const items = mine.data?.items ?? []
  return (
    <Page>
      <View className="page-title">我负责的楼组</View>
      <View className="lead">
        社区任命您照看这些楼栋：看看谁家已经认证、谁在等待审核，邻居们提了哪些金点子，正在表决的事项各楼还差几户。
      </View>
      {mine.loading && !mine.data ? (
        <Loading />
      ) : mine.error != null && !mine.data ? (
        <ErrorState error={mine.error} onRetry={() => void mine.reload()} />
      ) : items.length === 0 ? (
        <Empty title="您目前没有负责的楼组或网格">
          楼组长和网格员由社区工作人员任命。如有疑问，请联系居委会。
        </Empty>
      ) : (
        <Card title="选择楼组或网格">
          {items.map((s) => (
            <View
              key={`${s.kind}-${s.id}`}
              className="grid-row"
              ariaRole="link"
              {...FOCUSABLE}
              onClick={() => openGrid('scope', { kind: s.kind, id: s.id })}
            >
              <View>
                <View className="grid-row__name">{s.name}</View>
                <View className="grid-row__meta">
                  {s.communityName} · <Badge tone="plain">{s.roleName}</Badge>
                </View>
              </View>
              <View className="grid-row__arrow">›</View>
            </View>
          ))}
        </Card>
      )}
      {items.length > 0 && (
        <Card title="代办">
          <View className="paragraph">
            楼里有老人没有微信？您可以替她登记，并代她提金点子、报名会议、登记纸质表决票。
          </View>
          <Button
            kind="secondary"
            block
            onClick={() => openActing('index', { communityId: items[0]!.communityId })}
          >
            为居民代办
          </Button>
        </Card>
      )}
    </Page>
  )
}
