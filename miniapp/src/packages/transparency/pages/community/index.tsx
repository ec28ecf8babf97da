import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useMemo } from 'react'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ErrorState, Loading } from '@/components/states'
import { formatDate } from '@/lib/format'
import { useAsync } from '@/lib/use-async'
import { currentCommunityId } from '@/auth/session-store'
import { useSession } from '@/auth/session'
import { ideasUrl } from '@/packages/suggestions/lib/routes'
import { getCommunityFigures, type CommunityFigures } from '../../api'
import { Chart } from '../../components/chart'
import { OpenData } from '../../components/open-data'
import {
  freshnessText,
  monthText,
  percentText,
  rateLine,
  RATE_NAMES,
  receivedBarsOption,
  sliceText,
  trendOption,
  type RateKey,
} from '../../lib/figures'
import { transparencyUrl } from '../../lib/routes'
import { Page } from '@/components/page'
import '../../transparency.scss'

const RATES: RateKey[] = ['response', 'resolution', 'satisfaction']

/** 民事民评 in public: a community's 三率, their trend and breakdowns, the overdue answers. */
export default function CommunityFiguresPage() {
  const { params } = useRouter()
  const session = useSession()
  const communityId = params.communityId || currentCommunityId(session) || ''
  const figures = useAsync(
    () => (communityId ? getCommunityFigures(communityId) : Promise.resolve(null)),
    communityId,
  )
  usePullDownRefresh(() => {
    void figures.reload().finally(() => Taro.stopPullDownRefresh())
  })

  if (!communityId)
    return (
      <Page>
        <Card title="还没有选择社区">
          <View className="paragraph">请先在首页选择一个社区，再来看它的三率。</View>
        </Card>
      </Page>
    )
  if (!figures.data && figures.loading) return <Loading />
  if (!figures.data)
    return <ErrorState error={figures.error} onRetry={() => void figures.reload()} />
  return <Figures f={figures.data} />
}

function Figures({ f }: { f: CommunityFigures }) {
  const trend = useMemo(() => trendOption(f), [f])
  const categories = useMemo(() => receivedBarsOption(f.byCategory), [f])
  const alleys = useMemo(() => receivedBarsOption(f.byAlley), [f])
  const h = f.headline
  return (
    <Page className="tp-page">
      <View className="hero">
        <View className="hero__eyebrow">民事民评 · 公开数据</View>
        <View className="hero__title">{f.community.name}</View>
        <View className="hero__sub">
          {f.community.streetName} · {monthText(f.window.fromMonth)} 至{' '}
          {monthText(f.window.toMonth)}
        </View>
      </View>

      <View className="tp-rates">
        {RATES.map((k) => (
          <View className="tp-rate" key={k} aria-label={rateLine(k, h[k])}>
            <View className="tp-rate__name">{RATE_NAMES[k]}</View>
            <View className="tp-rate__value">{percentText(h[k])}</View>
            <View className="tp-rate__counts">
              {h[k].numerator} / {h[k].denominator}
            </View>
          </View>
        ))}
      </View>
      <Card>
        {RATES.map((k) => (
          <View className="tp-line" key={k}>
            {rateLine(k, h[k])}
          </View>
        ))}
        <View className="tp-line">收到金点子 {h.received} 件</View>
        <View className="tp-line">
          答复用时中位数{' '}
          {h.medianDaysToAnswer.days === null
            ? '暂无'
            : `${h.medianDaysToAnswer.days} 天（${h.medianDaysToAnswer.count} 件）`}
        </View>
        <View className={h.overdueNow > 0 ? 'tp-line tp-line--warn' : 'tp-line'}>
          逾期未答复 {h.overdueNow} 件
        </View>
        <View className="muted tp-note">
          {f.settings.responseThresholdHouseholds} 户附议即须在 {f.settings.answerDeadlineDays}{' '}
          天内答复。{freshnessText(f.computedAt, f.freshnessMinutes)}。
        </View>
      </Card>

      <Card title="近 12 个月走势">
        <Chart chartId="tp-trend" option={trend} height={480} />
        <View className="tp-table">
          {f.monthly.map((m) => (
            <View className="tp-table__row" key={m.month}>
              {sliceText(monthText(m.month), m)}
            </View>
          ))}
        </View>
      </Card>

      <Card title="按类别">
        {f.byCategory.length === 0 ? (
          <View className="muted">近 12 个月还没有金点子。</View>
        ) : (
          <>
            <Chart
              chartId="tp-categories"
              option={categories}
              height={Math.max(200, f.byCategory.length * 64 + 32)}
            />
            <View className="tp-table">
              {f.byCategory.map((c) => (
                <View className="tp-table__row" key={c.key}>
                  {sliceText(c.label, c)}
                </View>
              ))}
            </View>
          </>
        )}
      </Card>

      <Card title="按背街小巷">
        <Chart
          chartId="tp-alleys"
          option={alleys}
          height={Math.max(200, f.byAlley.length * 64 + 32)}
        />
        <View className="tp-table">
          {f.byAlley.map((a) => (
            <View className="tp-table__row" key={a.key}>
              {sliceText(a.label, a)}
            </View>
          ))}
        </View>
      </Card>

      <Card
        title={`逾期未答复（${f.overdue.count}）`}
        tone={f.overdue.count > 0 ? 'warn' : 'plain'}
      >
        {f.overdue.items.length === 0 && <View className="muted">没有逾期未答复的金点子。</View>}
        {f.overdue.items.map((o) => (
          <View
            className="list-item"
            key={o.id}
            onClick={() => void Taro.navigateTo({ url: ideasUrl('detail', { id: o.id }) })}
          >
            <View className="list-item__title">{o.title}</View>
            <View className="list-item__meta">
              {o.categoryLabel}
              {o.alleyName ? ` · ${o.alleyName}` : ''} · {formatDate(o.dueAt)} 到期，已逾期{' '}
              {o.daysOverdue} 天
            </View>
          </View>
        ))}
        {f.overdue.count > f.overdue.items.length && (
          <View className="muted">只列出最早到期的 {f.overdue.items.length} 件。</View>
        )}
      </Card>

      <Card
        title="决议台账"
        extra="查看"
        onExtra={() =>
          void Taro.navigateTo({
            url: transparencyUrl('register', { communityId: f.community.id }),
          })
        }
      >
        <View className="tp-line">
          按期推进 {f.register.on_time} 项 · 已逾期 {f.register.overdue} 项 · 已完成{' '}
          {f.register.done} 项 · 已评价 {f.register.evaluated} 项
        </View>
        <View className="muted">议事会公布的每项决议和现行微规约：责任人、期限、进展。</View>
      </Card>

      <Button
        kind="secondary"
        block
        onClick={() =>
          void Taro.navigateTo({
            url: transparencyUrl('street', {
              streetId: f.community.streetId,
              communityId: f.community.id,
            }),
          })
        }
      >
        {f.community.streetName}各社区对比
      </Button>

      <OpenData communityId={f.community.id} streetId={f.community.streetId} />

      <View className="muted tp-note">
        口径：响应率 = 达到答复门槛、已到期或已答复的金点子中按期答复的比例；解决率 =
        已采纳的金点子中现已完成的比例；满意率 = 居民评价中 4 星及以上且未选“未解决”的比例。
        隐藏、合并和未公开的金点子不计入。
      </View>
    </Page>
  )
}
