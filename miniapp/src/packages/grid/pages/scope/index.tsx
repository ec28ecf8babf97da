import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { FOCUSABLE } from '@/components/a11y'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Page } from '@/components/page'
import { Segmented } from '@/components/segmented'
import { Empty, ErrorState, Loading } from '@/components/states'
import { showError, showSuccess } from '@/lib/errors'
import { formatDate, formatDateTime } from '@/lib/format'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { openIdeas } from '@/packages/suggestions/lib/routes'
import { getScope, vouchForRequest, type ScopeKind, type ScopeView } from '@/packages/grid/api'
import { openGrid } from '@/packages/grid/lib/routes'
import { householdsByBuilding, residentsText, turnoutText } from '@/packages/grid/lib/view'
import '@/packages/grid/grid.scss'

type Tab = 'overview' | 'households' | 'requests' | 'ideas' | 'votes'

/**
 * One 楼组 or 网格 as its 楼组长 / 网格员 (or staff) sees it (decision 018): who lives where by
 * nickname, requests to vouch for, the neighbours' 金点子, and each open vote's turnout by
 * building — with the households still to vote only when the vote allowed it when it opened.
 */
export default function ScopePage() {
  const { params } = useRouter()
  const kind: ScopeKind = params.kind === 'grid' ? 'grid' : 'building_group'
  const scopeId = params.id ?? ''
  const [tab, setTab] = useState<Tab>('overview')
  const view = useAsync(() => getScope(kind, scopeId), `${kind}:${scopeId}`)
  useRefreshOnShow(() => void view.reload())
  const data = view.data

  useEffect(() => {
    if (data) void Taro.setNavigationBarTitle({ title: data.scope.name })
  }, [data])

  if (view.loading && !data) return <Loading />
  if (!data) return <ErrorState error={view.error} onRetry={() => void view.reload()} />

  const f = data.figures
  return (
    <Page>
      <View className="hero">
        <View className="hero__eyebrow">
          {data.scope.communityName} · {kind === 'grid' ? '网格' : '楼组'}
        </View>
        <View className="hero__title">{data.scope.name}</View>
        <View className="hero__sub">
          {data.leaders.length > 0
            ? data.leaders.map((l) => `${l.roleName} ${l.nickname}`).join('、')
            : kind === 'grid'
              ? '尚未任命网格员'
              : '尚未任命楼组长'}
        </View>
      </View>

      <View className="grid-figures">
        <Figure value={f.buildings} label="栋楼" />
        <Figure value={f.households} label="户" />
        <Figure value={f.householdsWithResidents} label="户已认证" />
        <Figure value={f.pendingRequests} label="待审核申请" />
      </View>

      <Segmented<Tab>
        value={tab}
        onChange={setTab}
        options={[
          { value: 'overview', label: '概况' },
          { value: 'households', label: '住户' },
          { value: 'requests', label: `申请 ${data.pendingRequests.length}` },
          { value: 'ideas', label: '金点子' },
          { value: 'votes', label: `表决 ${data.votes.length}` },
        ]}
      />

      {tab === 'overview' && <Overview data={data} />}
      {tab === 'households' && <Households data={data} />}
      {tab === 'requests' && <Requests data={data} onChanged={() => void view.reload()} />}
      {tab === 'ideas' && <Ideas data={data} />}
      {tab === 'votes' && <Votes data={data} />}
    </Page>
  )
}

function Figure({ value, label }: { value: number; label: string }) {
  return (
    <View className="grid-figure">
      <View className="grid-figure__value">{value}</View>
      <View className="grid-figure__label">{label}</View>
    </View>
  )
}

function Overview({ data }: { data: ScopeView }) {
  return (
    <>
      {data.groups.length > 0 && (
        <Card title="各楼组">
          {data.groups.map((g) => (
            <View
              key={g.id}
              className="grid-row"
              ariaRole="link"
              {...FOCUSABLE}
              onClick={() => openGrid('scope', { kind: 'building_group', id: g.id })}
            >
              <View>
                <View className="grid-row__name">{g.name}</View>
                <View className="grid-row__meta">
                  {g.leaders.length ? g.leaders.map((l) => l.nickname).join('、') : '未任命楼组长'}{' '}
                  · {g.figures.householdsWithResidents}/{g.figures.households} 户已认证 · 待审核{' '}
                  {g.figures.pendingRequests}
                </View>
              </View>
              <View className="grid-row__arrow">›</View>
            </View>
          ))}
        </Card>
      )}
      <Card title="各楼栋">
        {data.buildings.map((b) => (
          <View key={b.id} className="grid-line">
            <View className="grid-line__name">{b.name}</View>
            <View className="grid-line__meta">
              {b.households} 户 · {b.residents} 位认证居民
              {b.pendingRequests > 0 ? ` · ${b.pendingRequests} 份待审核` : ''}
            </View>
          </View>
        ))}
      </Card>
      {data.votes.map((v) => (
        <Card key={v.id} title={`正在表决：${v.title}`}>
          <View className="paragraph">
            已参与 {turnoutText(v.cast, v.eligible, v.unit)}，{formatDateTime(v.closesAt)} 截止
          </View>
          {v.byBuilding.map((b) => (
            <View key={b.buildingId} className="grid-line">
              <View className="grid-line__name">{b.summary}</View>
            </View>
          ))}
        </Card>
      ))}
    </>
  )
}

function Households({ data }: { data: ScopeView }) {
  return (
    <>
      <View className="muted grid-note">
        只显示居民的昵称和门牌；工作人员代为登记的居民显示姓名。查看记录会写入操作记录。
      </View>
      {householdsByBuilding(data).map(({ building, households }) => (
        <Card key={building.id} title={`${building.name}（${households.length} 户）`}>
          {households.map((h) => (
            <View key={h.id} className="grid-line">
              <View className="grid-line__name">
                {h.unit}单元 {h.room}室
              </View>
              <View className={h.residents.length ? 'grid-line__meta' : 'grid-line__meta muted'}>
                {residentsText(h)}
              </View>
            </View>
          ))}
        </Card>
      ))}
    </>
  )
}

function Requests({ data, onChanged }: { data: ScopeView; onChanged: () => void }) {
  const [busy, setBusy] = useState<string | null>(null)
  if (data.pendingRequests.length === 0)
    return <Empty title="没有待审核的认证申请">有邻居申请认证时，会出现在这里。</Empty>
  const vouch = async (id: string, who: string) => {
    const { confirm } = await Taro.showModal({
      title: '为邻居作证',
      content: `您认识${who}，并确认对方住在申请的这一户吗？作证会告诉工作人员，仍由工作人员审核。`,
      confirmText: '我认识',
      cancelText: '取消',
    })
    if (!confirm) return
    setBusy(id)
    try {
      await vouchForRequest(id)
      showSuccess('已作证')
      onChanged()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(null)
    }
  }
  return (
    <Card title="待审核的认证申请">
      <View className="paragraph muted">
        您认识申请人、确认她住在这一户，可以“作证”；工作人员审核时会看到。
      </View>
      {data.pendingRequests.map((r) => (
        <View key={r.id} className="grid-request">
          <View className="grid-line__name">{r.nickname}</View>
          <View className="grid-line__meta">
            {r.label} · {formatDate(r.createdAt)} 提交
            {r.vouches > 0 ? ` · ${r.vouches} 人已作证` : ''}
          </View>
          {r.vouchedByMe ? (
            <Badge tone="ok">您已作证</Badge>
          ) : data.isLeader ? (
            <Button
              kind="secondary"
              size="small"
              busy={busy === r.id}
              label={`我认识，作证：${r.nickname}`}
              onClick={() => void vouch(r.id, r.nickname)}
            >
              我认识，作证
            </Button>
          ) : null}
        </View>
      ))}
    </Card>
  )
}

function Ideas({ data }: { data: ScopeView }) {
  if (data.suggestions.length === 0)
    return <Empty title="这些楼栋还没有公开的金点子">邻居提出的金点子公开后会出现在这里。</Empty>
  const names = new Map(data.buildings.map((b) => [b.id, b.name]))
  return (
    <Card title="邻居们的金点子">
      {data.suggestions.map((s) => (
        <View
          key={s.id}
          className="grid-row"
          ariaRole="link"
          {...FOCUSABLE}
          onClick={() => openIdeas('detail', { id: s.id })}
        >
          <View>
            <View className="grid-row__name">{s.title}</View>
            <View className="grid-row__meta">
              {names.get(s.buildingId)} · {s.authorLabel} · {s.categoryLabel} · {s.statusLabel} ·{' '}
              {s.supportHouseholdCount} 户附议
            </View>
          </View>
          <View className="grid-row__arrow">›</View>
        </View>
      ))}
    </Card>
  )
}

function Votes({ data }: { data: ScopeView }) {
  if (data.votes.length === 0)
    return (
      <Empty title="这些楼栋目前没有正在进行的表决">开始表决后，这里会显示各楼还差几户。</Empty>
    )
  return (
    <>
      {data.votes.map((v) => (
        <Card key={v.id} title={v.title}>
          <View className="paragraph">
            已参与 {turnoutText(v.cast, v.eligible, v.unit)}，{formatDateTime(v.closesAt)} 截止
          </View>
          {v.byBuilding.map((b) => (
            <View key={b.buildingId} className="grid-line">
              <View className="grid-line__name">{b.summary}</View>
              <View className="grid-line__meta">{turnoutText(b.cast, b.eligible, v.unit)}</View>
            </View>
          ))}
          {v.notVoted === null ? (
            <View className="paragraph muted grid-note">
              这次表决开始时没有开启“楼组长提醒”，所以不显示哪些户还没有投票。投票是无记名的，谁都看不到投了什么。
            </View>
          ) : (
            <>
              <View className="grid-subtitle">还没有投票的户（{v.notVoted.length}）</View>
              <View className="paragraph muted grid-note">
                这次表决开始时开启了“楼组长提醒”，投票页已告知居民。只显示谁家还没投，看不到投了什么。
              </View>
              {v.notVoted.length === 0 ? (
                <View className="paragraph">全部已参与，谢谢您！</View>
              ) : (
                v.notVoted.map((h) => (
                  <View key={h.householdId} className="grid-line">
                    <View className="grid-line__name">{h.label}</View>
                    {h.voters > 1 && (
                      <View className="grid-line__meta">{h.voters} 人还没有投票</View>
                    )}
                  </View>
                ))
              )}
            </>
          )}
        </Card>
      ))}
    </>
  )
}
