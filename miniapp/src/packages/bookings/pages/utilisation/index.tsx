import { View } from '@tarojs/components'
import { useState } from 'react'
import { ApiError } from '@/api/http'
import { getUtilisation } from '@/packages/bookings/api'
import { Card } from '@/components/card'
import { Segmented } from '@/components/segmented'
import { useAsync } from '@/lib/use-async'
import { useManagedCentres } from '@/packages/bookings/lib/use-managed-centre'
import { addDays, shanghaiDay } from '@/packages/bookings/lib/time'
import { ManagerGate } from '@/packages/bookings/components/manager-gate'
import { WEEKDAY_NAMES } from '@/packages/bookings/lib/room-form'
import { heatmap, percent, totals } from '@/packages/bookings/lib/utilisation'
import { Page } from '@/components/page'
import '@/packages/bookings/bookings.scss'

// How much the rooms are used: per room, the share of open hours booked and checked in; and a
// weekday × hour map over all rooms, to see when the centre is full and when it stands empty.

type Range = 'last7' | 'last30' | 'next7'
const RANGES: { value: Range; label: string }[] = [
  { value: 'last7', label: '近 7 天' },
  { value: 'last30', label: '近 30 天' },
  { value: 'next7', label: '未来 7 天' },
]

function dates(range: Range, today: string): { from: string; to: string } {
  if (range === 'next7') return { from: today, to: addDays(today, 6) }
  return { from: addDays(today, range === 'last7' ? -7 : -30), to: addDays(today, -1) }
}

export default function UtilisationPage() {
  const { centreId, managed } = useManagedCentres()
  const [range, setRange] = useState<Range>('last30')
  const { from, to } = dates(range, shanghaiDay(Date.now()))
  const data = useAsync(
    () => (centreId ? getUtilisation(centreId, from, to) : Promise.resolve(undefined)),
    `${centreId}:${from}:${to}`,
  )
  const u = data.data
  const sum = u ? totals(u) : null
  // Managing no centre at all: the same 无权限 as a refused call.
  const error =
    managed.data !== undefined && !centreId
      ? new ApiError('FORBIDDEN', 403, '只有邻里中心的管理员可以查看利用率')
      : (managed.error ?? data.error)

  return (
    <ManagerGate
      loading={!u && (data.loading || !centreId)}
      error={error}
      onRetry={() => void Promise.all([managed.reload(), data.reload()])}
    >
      <Page>
        <View className="page-title">利用率</View>
        <Segmented options={RANGES} value={range} onChange={setRange} />
        {u && sum && (
          <View>
            <View className="muted util-range">
              {from} 至 {to} · 开放共 {sum.openHours} 小时 · 预约 {sum.booked} · 签到{' '}
              {sum.checkedIn}
            </View>
            <Card title="各房间">
              <View className="util-table">
                <View className="util-table__row util-table__row--head">
                  <View className="util-table__room">房间</View>
                  <View className="util-table__num">开放</View>
                  <View className="util-table__num">预约</View>
                  <View className="util-table__num">签到</View>
                </View>
                {u.rooms.map((r) => (
                  <View key={r.roomId} className="util-table__row">
                    <View className="util-table__room">{r.roomName}</View>
                    <View className="util-table__num">{Math.round(r.openMinutes / 60)} 时</View>
                    <View className="util-table__num strong">
                      {percent(r.bookedMinutes, r.openMinutes)}
                    </View>
                    <View className="util-table__num">
                      {percent(r.checkedInMinutes, r.openMinutes)}
                    </View>
                  </View>
                ))}
              </View>
              <View className="field__hint">
                预约 = 已预约的时长 ÷ 开放时长；签到 = 实际签到使用的时长 ÷ 开放时长。
              </View>
            </Card>
            <Card title="按星期和时段（全部房间的预约比例）">
              <View className="heatmap">
                <View className="heatmap__row">
                  <View className="heatmap__hour" />
                  {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                    <View key={d} className="heatmap__head">
                      {WEEKDAY_NAMES[String(d)]!.slice(1)}
                    </View>
                  ))}
                </View>
                {heatmap(u).map((row) => (
                  <View key={row.hour} className="heatmap__row">
                    <View className="heatmap__hour">{String(row.hour).padStart(2, '0')}时</View>
                    {row.cells.map((c) => (
                      <View
                        key={c.weekday}
                        className={`heatmap__cell heatmap__cell--l${c.level < 0 ? 'x' : c.level}`}
                        ariaLabel={`${WEEKDAY_NAMES[String(c.weekday)]} ${row.hour} 时 ${c.text}`}
                      >
                        {c.level > 0 ? c.text : ''}
                      </View>
                    ))}
                  </View>
                ))}
              </View>
              <View className="field__hint">颜色越深，这个时段被预约得越满；灰色表示不开放。</View>
            </Card>
          </View>
        )}
      </Page>
    </ManagerGate>
  )
}
