import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ConventionStatus, ConventionSummary } from '@/packages/conventions/api'
import { listConventions } from '@/packages/conventions/tab-api'
import type { Me } from '@/api/types'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ErrorState, Loading } from '@/components/states'
import { formatDate, formatDateTime } from '@/lib/format'
import { useAsync } from '@/lib/use-async'
import { conventionPath } from '@/packages/conventions/lib/routes'

// The 微规约 section of the 议事 tab: what is open for comment, being voted on, and in force.

type Group = {
  key: string
  title: string
  statuses: ConventionStatus[]
  tone: 'accent' | 'ok' | 'warn' | 'danger' | 'plain'
}

const GROUPS: Group[] = [
  { key: 'voting', title: '正在表决', statuses: ['voting'], tone: 'warn' },
  { key: 'consultation', title: '征求意见中', statuses: ['consultation'], tone: 'accent' },
  { key: 'closed', title: '表决结束', statuses: ['closed'], tone: 'plain' },
  { key: 'in_force', title: '已生效', statuses: ['in_force'], tone: 'ok' },
  { key: 'draft', title: '草案（仅议事会可见）', statuses: ['draft'], tone: 'plain' },
  { key: 'superseded', title: '已被取代的旧规约', statuses: ['superseded'], tone: 'plain' },
]

function when(c: ConventionSummary): string {
  if (c.status === 'voting' && c.votingClosesAt)
    return `投票截止 ${formatDateTime(c.votingClosesAt)}`
  if (c.status === 'consultation' && c.consultationEndsAt)
    return `意见截止 ${formatDateTime(c.consultationEndsAt)}`
  if (c.status === 'closed') return c.passed ? '表决通过，待备案生效' : '表决未通过'
  return `更新于 ${formatDate(c.updatedAt)}`
}

export function canDraftConventions(me: Me | null, communityId: string): boolean {
  return Boolean(
    me?.roles.some(
      (r) => r.communityId === communityId && (r.role === 'committee' || r.role === 'admin'),
    ),
  )
}

/** `refreshKey` changes when the tab is shown again: the list reloads, keeping what it shows meanwhile. */
export function ConventionsSection({
  communityId,
  me,
  refreshKey,
}: {
  communityId: string
  me: Me | null
  refreshKey: number
}) {
  const list = useAsync(
    () => listConventions(communityId),
    `${communityId}:${me?.user.id ?? ''}:${refreshKey}`,
  )
  const open = (id: string) => void Taro.navigateTo({ url: conventionPath('detail', { id }) })
  const items = list.data?.items ?? []
  const canDraft = canDraftConventions(me, communityId)

  return (
    <View className="council-section">
      <View className="subhead">微规约</View>
      <View className="lead">
        大家的事大家定：议事会起草，居民逐条提意见，再投票表决，通过后备案公示。
      </View>

      {list.loading && !list.data && <Loading />}
      {list.error != null && !list.data && (
        <ErrorState error={list.error} onRetry={() => void list.reload()} />
      )}
      {list.data && items.length === 0 && (
        <View className="notice notice--info">本社区还没有微规约。</View>
      )}

      {GROUPS.map((g) => {
        const inGroup = items.filter((c) => g.statuses.includes(c.status))
        if (inGroup.length === 0) return null
        return (
          <Card key={g.key} title={g.title}>
            {inGroup.map((c) => (
              <View className="list-item" key={c.id} ariaRole="link" onClick={() => open(c.id)}>
                <View className="list-item__row">
                  <View className="list-item__title">{c.title}</View>
                  <Badge tone={g.tone}>{c.statusLabel}</Badge>
                </View>
                <View className="list-item__meta">
                  {c.scopeLabel} · {when(c)}
                </View>
              </View>
            ))}
          </Card>
        )
      })}

      {canDraft && (
        <Button
          kind="secondary"
          block
          onClick={() => void Taro.navigateTo({ url: conventionPath('edit', { communityId }) })}
        >
          起草微规约
        </Button>
      )}
    </View>
  )
}
