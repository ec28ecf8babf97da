import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { Card } from '@/components/card'
import { ChoiceChips } from '@/components/choice-chips'
import { ErrorState, Loading } from '@/components/states'
import { useSession } from '@/auth/session'
import { useAsync } from '@/lib/use-async'
import { getStreetFigures } from '../../api'
import { Chart } from '../../components/chart'
import {
  freshnessText,
  monthText,
  percentText,
  rankOf,
  sortCommunities,
  sortValue,
  STREET_SORTS,
  streetBarsOption,
  streetRowText,
  type StreetSort,
} from '../../lib/figures'
import { transparencyUrl } from '../../lib/routes'
import { Page } from '@/components/page'
import '../../transparency.scss'

const SORT_OPTIONS = Object.entries(STREET_SORTS).map(([value, label]) => ({
  value: value as StreetSort,
  label,
}))

/** The street's communities side by side on the same figures, sortable; staff see their rank. */
export default function StreetFiguresPage() {
  const { params } = useRouter()
  const streetId = params.streetId ?? ''
  const street = useAsync(() => getStreetFigures(streetId), streetId)
  const [sort, setSort] = useState<StreetSort>('satisfaction')
  const { me } = useSession()
  usePullDownRefresh(() => {
    void street.reload().finally(() => Taro.stopPullDownRefresh())
  })
  const rows = useMemo(
    () => (street.data ? sortCommunities(street.data.communities, sort) : []),
    [street.data, sort],
  )
  const option = useMemo(() => streetBarsOption(rows, sort), [rows, sort])

  if (!street.data && street.loading) return <Loading />
  if (!street.data) return <ErrorState error={street.error} onRetry={() => void street.reload()} />
  const s = street.data
  // A community's 居委会, 议事会 and admins see where their community stands.
  const mine = [...new Set((me?.roles ?? []).map((r) => r.communityId))]
    .map((id) => s.communities.find((c) => c.id === id))
    .filter((c) => c !== undefined)

  return (
    <Page className="tp-page">
      <View className="hero">
        <View className="hero__eyebrow">民事民评 · 街道对比</View>
        <View className="hero__title">{s.street.name}</View>
        <View className="hero__sub">
          {s.street.district} · {s.communities.length} 个社区 · {monthText(s.window.fromMonth)} 至{' '}
          {monthText(s.window.toMonth)}
        </View>
      </View>

      {mine.map((c) => {
        const rank = rankOf(s.communities, c.id, sort)
        return (
          <Card key={c.id} tone="accent">
            <View className="tp-line">
              {rank === null
                ? `${c.name}的${STREET_SORTS[sort]}暂无数据，不参与排名。`
                : `${c.name}按${STREET_SORTS[sort]}在 ${s.communities.length} 个社区中排第 ${rank} 名。`}
            </View>
          </Card>
        )
      })}

      <Card title="排序">
        <ChoiceChips options={SORT_OPTIONS} value={sort} onChange={(v) => v && setSort(v)} />
      </Card>

      <Card title={STREET_SORTS[sort]}>
        <Chart chartId="tp-street" option={option} height={Math.max(200, rows.length * 64 + 32)} />
        <View className="tp-table">
          {rows.map((c, i) => {
            const v = sortValue(c, sort)
            return (
              <View
                className="tp-table__row tp-table__row--link"
                key={c.id}
                onClick={() =>
                  void Taro.navigateTo({ url: transparencyUrl('community', { communityId: c.id }) })
                }
              >
                <View className="list-item__title">
                  {i + 1}. {c.name}：
                  {sort === 'received' || sort === 'overdue'
                    ? `${v} 件`
                    : percentText(c.headline[sort])}
                </View>
                <View className="list-item__meta">{streetRowText(c)}</View>
              </View>
            )
          })}
        </View>
      </Card>
      <View className="muted tp-note">{freshnessText(s.computedAt, s.freshnessMinutes)}。</View>
    </Page>
  )
}
