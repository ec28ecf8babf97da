import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import {
  approveBooking,
  getCentreCalendar,
  rejectBooking,
  type CalendarItem,
} from '@/packages/bookings/api'
import { getCentre } from '@/packages/places/api'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Segmented } from '@/components/segmented'
import { Empty, ErrorState, Loading } from '@/components/states'
import { isApiError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { useManagedCentres } from '@/packages/bookings/lib/use-managed-centre'
import {
  addDays,
  bookingWhen,
  clockRange,
  DAY,
  dayStart,
  dayTitle,
  mondayOf,
  monthDay,
  shanghaiDay,
  weekdayShort,
} from '@/packages/bookings/lib/time'
import { ManageLinks } from '@/packages/bookings/components/manage-links'
import { RejectForm } from '@/packages/bookings/components/reject-form'
import {
  calendarTone,
  dayAgenda,
  weekCellLevel,
  weekDates,
  weekMatrix,
  type RoomRef,
} from '@/packages/bookings/lib/calendar'
import { Page } from '@/components/page'
import '@/packages/bookings/bookings.scss'

// 邻里中心 managers: pending approvals (approve / reject with a reason), a day and a week
// calendar of all rooms with who booked and for what, and the way to everything else (管理).

type View_ = 'pending' | 'day' | 'week' | 'more'

function PendingItem({
  item,
  now,
  onDone,
}: {
  item: CalendarItem
  now: number
  onDone: () => void
}) {
  const [rejecting, setRejecting] = useState(false)
  const [approving, setApproving] = useState(false)

  const approve = async () => {
    const { confirm } = await Taro.showModal({
      title: '批准预约',
      content: `${item.bookedBy} 预约${item.room.name}，${bookingWhen(item.startsAt, item.endsAt, now)}，用途：${item.purpose}。`,
      confirmText: '批准',
      cancelText: '再想想',
    })
    if (!confirm) return
    setApproving(true)
    try {
      await approveBooking(item.id)
      showSuccess('已批准')
      onDone()
    } catch (e) {
      showError(e)
      if (isApiError(e, 'INVALID_STATE')) onDone()
    } finally {
      setApproving(false)
    }
  }

  return (
    <View className="list-item pending-item">
      <View className="list-item__row">
        <View className="list-item__title">{item.room.name}</View>
        <Badge tone="warn">{item.statusLabel}</Badge>
      </View>
      <View className="my-booking__when">{bookingWhen(item.startsAt, item.endsAt, now)}</View>
      <View className="list-item__meta">
        预约人：{item.bookedBy}
        {item.group ? `（${item.group.name}）` : ''} · {item.headcount} 人
      </View>
      <View className="list-item__meta">用途：{item.purpose}</View>
      {rejecting ? (
        <RejectForm
          onCancel={() => setRejecting(false)}
          onSubmit={async (reason) => {
            await rejectBooking(item.id, reason)
            showSuccess('已驳回')
            onDone()
          }}
        />
      ) : (
        <View className="btn-row pending-item__actions">
          <Button busy={approving} onClick={() => void approve()}>
            批准
          </Button>
          <Button kind="danger" onClick={() => setRejecting(true)}>
            驳回
          </Button>
        </View>
      )}
    </View>
  )
}

function DayView({
  items,
  rooms,
  date,
}: {
  items: CalendarItem[]
  rooms: RoomRef[]
  date: string
}) {
  const agenda = dayAgenda(items, rooms, date)
  const busy = agenda.filter((a) => a.items.length > 0)
  const idle = agenda.filter((a) => a.items.length === 0)
  return (
    <View>
      {busy.length === 0 && <Empty title="这一天没有预约" />}
      {busy.map(({ room, items: booked }) => (
        <Card key={room.id} title={`${room.name}（${booked.length}）`} className="agenda-room">
          {booked.map((b) => (
            <View className="agenda-line" key={b.id}>
              <View className="agenda-line__time">
                <View>{clockRange(b.startsAt, b.endsAt)}</View>
                <Badge tone={calendarTone(b.status)}>{b.statusLabel}</Badge>
              </View>
              <View className="agenda-line__body">
                <View className="agenda-line__who">
                  {b.bookedBy}
                  {b.group ? `（${b.group.name}）` : ''}
                </View>
                <View className="list-item__meta">
                  {b.purpose} · {b.headcount} 人
                </View>
              </View>
            </View>
          ))}
        </Card>
      ))}
      {busy.length > 0 && idle.length > 0 && (
        <View className="notice notice--info">
          没有预约：{idle.map((a) => a.room.name).join('、')}
        </View>
      )}
    </View>
  )
}

function WeekView({
  items,
  rooms,
  monday,
  today,
  onDay,
}: {
  items: CalendarItem[]
  rooms: RoomRef[]
  monday: string
  today: string
  onDay: (date: string) => void
}) {
  const rows = weekMatrix(items, rooms, monday)
  const dates = weekDates(monday)
  return (
    <Card>
      <View className="week-grid">
        <View className="week-grid__row week-grid__row--head">
          <View className="week-grid__room" />
          {dates.map((d) => (
            <View
              key={d}
              className={d === today ? 'week-grid__day week-grid__day--today' : 'week-grid__day'}
              onClick={() => onDay(d)}
            >
              <View>{weekdayShort(d)}</View>
              <View>{Number(d.slice(8, 10))}</View>
            </View>
          ))}
        </View>
        {rows.map((row) => (
          <View className="week-grid__row" key={row.room.id}>
            <View className="week-grid__room">{row.room.name}</View>
            {row.cells.map((cell) => (
              <View
                key={cell.date}
                className={`week-grid__cell week-grid__cell--l${weekCellLevel(cell)}${cell.pending > 0 ? ' week-grid__cell--pending' : ''}`}
                ariaLabel={`${row.room.name} ${cell.date} ${cell.count} 个预约`}
                onClick={() => onDay(cell.date)}
              >
                {cell.count > 0 ? cell.count : ''}
              </View>
            ))}
          </View>
        ))}
      </View>
      <View className="muted week-grid__note">
        数字是当天的预约数，颜色越深预约的时间越长；虚线框表示有待审批。点一格看当天详情。
      </View>
    </Card>
  )
}

export default function ManageBookingsPage() {
  const { centreId, centres, managed, choose } = useManagedCentres()
  const now = Date.now()
  const today = shanghaiDay(now)
  const [view, setView] = useState<View_>('pending')
  const [date, setDate] = useState(today)
  const monday = mondayOf(date)

  const centre = useAsync(() => (centreId ? getCentre(centreId) : Promise.resolve(null)), centreId)
  const pending = useAsync(
    () =>
      centreId
        ? getCentreCalendar(centreId, now - DAY, now + 91 * DAY, 'pending')
        : Promise.resolve({ items: [] }),
    `${centreId}:pending`,
  )
  const range =
    view === 'week'
      ? { from: dayStart(monday), to: dayStart(monday) + 7 * DAY }
      : { from: dayStart(date), to: dayStart(date) + DAY }
  const calendar = useAsync(
    () =>
      centreId && (view === 'day' || view === 'week')
        ? getCentreCalendar(centreId, range.from, range.to)
        : Promise.resolve({ items: [] }),
    `${centreId}:${view}:${range.from}`,
  )
  const reload = () => Promise.all([pending.reload(), calendar.reload()])
  useRefreshOnShow(() => void reload())
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  const forbidden =
    isApiError(pending.error, 'FORBIDDEN') ||
    isApiError(pending.error, 'UNAUTHENTICATED') ||
    isApiError(managed.error, 'UNAUTHENTICATED') ||
    // Managing no centre at all: nothing to open.
    (managed.data !== undefined && !centreId)
  if (forbidden) {
    return (
      <Page>
        <Empty title="无权限">只有这个邻里中心的管理员可以审批预约和查看日历。</Empty>
      </Page>
    )
  }
  if (!centreId) return <Loading />

  const rooms: RoomRef[] = centre.data?.rooms.map((r) => ({ id: r.id, name: r.name })) ?? []
  const pendingCount = pending.data?.items.length ?? 0
  const step = view === 'week' ? 7 : 1

  return (
    <Page>
      <View className="page-title">{centre.data?.name ?? '邻里中心'}管理</View>
      {centres.length > 1 && (
        <View className="chips">
          {centres.map((c) => (
            <View
              key={c.id}
              className={c.id === centreId ? 'chip chip--on' : 'chip'}
              ariaRole="button"
              onClick={() => choose(c.id)}
            >
              {c.name}
            </View>
          ))}
        </View>
      )}
      <Segmented<View_>
        options={[
          { value: 'pending', label: pendingCount > 0 ? `待审批 ${pendingCount}` : '待审批' },
          { value: 'day', label: '日' },
          { value: 'week', label: '周' },
          { value: 'more', label: '管理' },
        ]}
        value={view}
        onChange={setView}
      />

      {view === 'pending' && (
        <View>
          {pending.loading && !pending.data && <Loading />}
          {pending.error != null && !pending.data && (
            <ErrorState error={pending.error} onRetry={() => void pending.reload()} />
          )}
          {pending.data && pending.data.items.length === 0 && <Empty title="没有待审批的预约" />}
          {pending.data && pending.data.items.length > 0 && (
            <Card>
              {pending.data.items.map((item) => (
                <PendingItem key={item.id} item={item} now={now} onDone={() => void reload()} />
              ))}
            </Card>
          )}
        </View>
      )}

      {view === 'more' && <ManageLinks centreId={centreId} />}

      {(view === 'day' || view === 'week') && (
        <View>
          <View className="day-nav">
            <View
              className="day-nav__btn"
              ariaRole="button"
              onClick={() => setDate(addDays(date, -step))}
            >
              ‹ {view === 'week' ? '上周' : '前一天'}
            </View>
            <View className="day-nav__title" onClick={() => setDate(today)}>
              {view === 'week'
                ? `${monthDay(monday)}–${monthDay(addDays(monday, 6))}`
                : dayTitle(date, today)}
            </View>
            <View
              className="day-nav__btn"
              ariaRole="button"
              onClick={() => setDate(addDays(date, step))}
            >
              {view === 'week' ? '下周' : '后一天'} ›
            </View>
          </View>
          {calendar.loading && !calendar.data && <Loading />}
          {calendar.error != null && (
            <ErrorState error={calendar.error} onRetry={() => void calendar.reload()} />
          )}
          {calendar.data && view === 'day' && (
            <DayView items={calendar.data.items} rooms={rooms} date={date} />
          )}
          {calendar.data && view === 'week' && (
            <WeekView
              items={calendar.data.items}
              rooms={rooms}
              monday={monday}
              today={today}
              onDay={(d) => {
                setDate(d)
                setView('day')
              }}
            />
          )}
        </View>
      )}
    </Page>
  )
}
