import { Input, Picker, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import type {
  BookableRoom,
  Booking,
  CentreRoom,
  FreeRooms,
  ManagedCentre,
} from '@/packages/bookings/api'
import {
  findFreeRooms,
  listCentreRooms,
  listManagedCentres,
  listMyBookings,
} from '@/packages/bookings/tab-api'
import { getCentre } from '@/packages/places/api'
import { apiUrl } from '@/api/request'
import { useSession } from '@/auth/session'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { DateStrip } from '@/components/date-strip'
import { Segmented } from '@/components/segmented'
import { Empty, ErrorState, Loading } from '@/components/states'
import { showError } from '@/lib/errors'
import { go } from '@/lib/nav'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { useCurrentCommunity } from '@/packages/places/use-community'
import { roomBadges, splitBookings, STATUS_TONES } from '@/packages/bookings/lib/booking-view'
import { openBooking } from '@/packages/bookings/lib/routes'
import {
  atTime,
  bookingWhen,
  clock,
  dateStrip,
  dayTitle,
  shanghaiDay,
  suggestedSearch,
  timeChoices,
} from '@/packages/bookings/lib/time'
import './index.scss'
import { Photo } from '@/components/photo'
import { Page } from '@/components/page'

// The 预约 tab: my coming bookings, the centre's rooms for a chosen day, and "这个时间，哪间都行".

const DEFAULT_HORIZON = 14
const TIMES = timeChoices('07:00', '22:00')

function RoomCard({ room, date, centreId }: { room: CentreRoom; date: string; centreId: string }) {
  const day = room.day
  let availability: string
  if (!day || day.openSlots === 0) availability = '当天不开放'
  else if (day.freeSlots === 0)
    availability =
      day.closures.length > 0 ? `暂停开放：${day.closures[0]!.reason}` : '这一天没有可预约的时段'
  else availability = `${day.freeSlots} 个时段可预约，最早 ${clock(day.firstFree!)}`

  return (
    <View
      className="card room-card"
      hoverClass="room-card--hover"
      ariaRole="button"
      onClick={() => openBooking('room', { id: room.id, date, centre: centreId })}
    >
      <View className="room-card__head">
        <View className="room-card__name">{room.name}</View>
        <View className="room-card__go">看时段 ›</View>
      </View>
      {room.photos[0] && (
        <Photo
          className="room-card__photo"
          src={apiUrl(room.photos[0].url)}
          mode="aspectFill"
          alt={`${room.name}的照片`}
        />
      )}
      <View className="facts">
        <Badge tone="plain">{room.capacity} 人</Badge>
        {roomBadges(room).map((b) => (
          <Badge key={b.text} tone={b.tone}>
            {b.text}
          </Badge>
        ))}
      </View>
      {room.facilities.length > 0 && (
        <View className="list-item__meta">设施：{room.facilities.join('、')}</View>
      )}
      <View
        className={
          day && day.freeSlots > 0 ? 'room-card__free' : 'room-card__free room-card__free--none'
        }
      >
        {availability}
      </View>
    </View>
  )
}

function MyBookingsCard({ items, now }: { items: Booking[]; now: number }) {
  const { upcoming, changed } = splitBookings(items, now)
  return (
    <Card title="我的预约" extra="全部 ›" onExtra={() => openBooking('mine')}>
      {changed.length > 0 && (
        <View className="notice" onClick={() => openBooking('mine')}>
          有 {changed.length} 条预约未获批准或被邻里中心取消，点这里查看原因。
        </View>
      )}
      {upcoming.length === 0 && <View className="muted">暂时没有即将开始的预约。</View>}
      {upcoming.slice(0, 3).map((b) => (
        <View className="list-item" key={b.id} onClick={() => openBooking('mine')}>
          <View className="list-item__row">
            <View className="list-item__title">{b.room.name}</View>
            <Badge tone={STATUS_TONES[b.status]}>{b.statusLabel}</Badge>
          </View>
          <View className="list-item__meta">{bookingWhen(b.startsAt, b.endsAt, now)}</View>
          {b.canCheckIn && <View className="list-item__meta strong">现在可以签到</View>}
        </View>
      ))}
      {upcoming.length > 3 && (
        <View className="muted">还有 {upcoming.length - 3} 条，点“全部”查看。</View>
      )}
    </Card>
  )
}

function AnyRoomSearch({ centreId, date }: { centreId: string; date: string }) {
  const [result, setResult] = useState<FreeRooms | null>(null)
  const [start, setStart] = useState(() => suggestedSearch(date, Date.now()).start)
  const [end, setEnd] = useState(() => suggestedSearch(date, Date.now()).end)
  const [touched, setTouched] = useState(false)
  // A new day gets a new suggestion until the resident picks times themselves.
  const [suggestedFor, setSuggestedFor] = useState(date)
  if (suggestedFor !== date) {
    setSuggestedFor(date)
    setResult(null)
    if (!touched) {
      const next = suggestedSearch(date, Date.now())
      setStart(next.start)
      setEnd(next.end)
    }
  }
  const [headcount, setHeadcount] = useState('')
  const [busy, setBusy] = useState(false)

  const search = async () => {
    if (atTime(date, end) <= atTime(date, start)) {
      void Taro.showToast({ title: '结束时间应晚于开始时间', icon: 'none', duration: 2500 })
      return
    }
    setBusy(true)
    try {
      const n = Number(headcount)
      // The API offers only rooms this viewer may book (staff rooms to staff, group rooms to leaders).
      setResult(
        await findFreeRooms(centreId, {
          date,
          start,
          end,
          headcount: Number.isInteger(n) && n > 0 ? n : 1,
        }),
      )
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  const pick = (label: string, value: string, onChange: (v: string) => void) => (
    <View className="any-room__field">
      <View className="field__label">{label}</View>
      <Picker
        mode="selector"
        range={TIMES}
        value={Math.max(0, TIMES.indexOf(value))}
        onChange={(e) => {
          onChange(TIMES[Number(e.detail.value)] ?? value)
          setTouched(true)
          setResult(null)
        }}
      >
        <View className="input any-room__value">{value}</View>
      </Picker>
    </View>
  )

  return (
    <Card title="这个时间，哪间都行">
      <View className="muted any-room__lead">
        {dayTitle(date, shanghaiDay(Date.now()))}，选好时间和人数，列出整段空闲的房间。
      </View>
      <View className="any-room__row">
        {pick('开始', start, setStart)}
        {pick('结束', end, setEnd)}
      </View>
      <View className="field">
        <View className="field__label">人数</View>
        <Input
          className="input"
          type="number"
          value={headcount}
          maxlength={3}
          placeholder="例如 8"
          onInput={(e) => {
            setHeadcount(e.detail.value)
            setResult(null)
          }}
        />
      </View>
      <Button block busy={busy} busyText="正在查找…" onClick={() => void search()}>
        查找空闲房间
      </Button>
      {result && (
        <View className="any-room__result">
          <View className="subhead">
            {result.rooms.length > 0
              ? `${clock(result.startsAt)}–${clock(result.endsAt)} 有 ${result.rooms.length} 间空闲`
              : '这个时间没有整段空闲的房间'}
          </View>
          {result.rooms.length === 0 && (
            <View className="muted">换个时间试试，或到“按房间”里看每间房的空闲时段。</View>
          )}
          {result.rooms.map((room: BookableRoom) => (
            <View className="list-item" key={room.id}>
              <View className="list-item__row">
                <View className="list-item__main">
                  <View className="list-item__title">{room.name}</View>
                  <View className="facts">
                    <Badge tone="plain">{room.capacity} 人</Badge>
                    {roomBadges(room).map((b) => (
                      <Badge key={b.text} tone={b.tone}>
                        {b.text}
                      </Badge>
                    ))}
                  </View>
                </View>
                <Button
                  size="small"
                  onClick={() =>
                    openBooking('room', {
                      id: room.id,
                      date,
                      centre: centreId,
                      start: String(result.startsAt),
                      end: String(result.endsAt),
                    })
                  }
                >
                  预约
                </Button>
              </View>
            </View>
          ))}
        </View>
      )}
    </Card>
  )
}

/** The centres I manage (granted per centre, wherever I live), each with its way in. */
function ManagerCard({ centres }: { centres: ManagedCentre[] }) {
  const pending = centres.reduce((n, c) => n + c.pendingCount, 0)
  const named = centres.length > 1
  return (
    <Card tone="accent" title="邻里中心管理">
      <View className="paragraph">
        {pending > 0 ? `有 ${pending} 条预约等待您审批。` : '没有待审批的预约。'}
        日历、房间与规则、暂停开放、团队、利用率都在这里。
      </View>
      {centres.map((c) => (
        <Button
          key={c.id}
          block
          className={named ? 'card-action' : undefined}
          onClick={() => openBooking('manage', { centre: c.id })}
        >
          {named ? `${c.name}：` : ''}
          {c.pendingCount > 0 ? `去审批（${c.pendingCount}）` : '打开管理日历'}
        </Button>
      ))}
    </Card>
  )
}

export default function BookingPage() {
  const session = useSession()
  const signedIn = Boolean(session.token)
  const community = useCurrentCommunity()
  const centreIds = community.data?.centres.map((c) => c.id) ?? []
  const [chosenCentre, setChosenCentre] = useState<string | null>(null)
  const centreId =
    chosenCentre && centreIds.includes(chosenCentre) ? chosenCentre : (centreIds[0] ?? null)
  const now = Date.now()
  const today = shanghaiDay(now)
  const [chosenDate, setDate] = useState(today)
  // The page may stay open past midnight: a day that has gone falls back to today.
  const date = chosenDate < today ? today : chosenDate
  const [mode, setMode] = useState<'rooms' | 'time'>('rooms')

  const centre = useAsync(
    () => (centreId ? getCentre(centreId) : Promise.resolve(null)),
    centreId ?? '',
  )
  // One call for every room and its day (also says which rooms this viewer may book).
  const rooms = useAsync(
    () => (centreId ? listCentreRooms(centreId, date).then((r) => r.items) : Promise.resolve([])),
    `${centreId ?? ''}:${date}:${signedIn}`,
  )
  const mine = useAsync(
    () => (signedIn ? listMyBookings() : Promise.resolve({ items: [] })),
    `${signedIn}`,
  )
  // Centres I manage (an empty list for residents): the manager entry with its pending counts.
  const managed = useAsync(
    () => (signedIn ? listManagedCentres() : Promise.resolve({ items: [] })),
    `${signedIn}`,
  )

  const refresh = () => {
    void community.reload()
    void rooms.reload()
    void mine.reload()
    void managed.reload()
  }
  useRefreshOnShow(refresh)
  usePullDownRefresh(() => {
    refresh()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })

  const horizon = Math.max(DEFAULT_HORIZON, ...(rooms.data ?? []).map((r) => r.horizonDays))
  const strip = dateStrip(now, horizon).map((d) => ({
    value: d.date,
    top: d.top,
    bottom: d.bottom,
  }))

  return (
    <Page>
      <View className="page-title">邻里中心</View>
      <View className="lead">活动室向居民和社区团队开放，选好日子和房间，点空闲时段就能预约。</View>

      {!community.communityId && (
        <Card title="请先选择社区">
          <View className="paragraph">
            选择社区后，这里会显示为本社区服务的邻里中心和它的活动室。
          </View>
          <Button block onClick={() => go('community')}>
            选择社区
          </Button>
        </Card>
      )}
      {community.communityId && community.error != null && !community.data && (
        <ErrorState error={community.error} onRetry={() => void community.reload()} />
      )}
      {community.data && community.data.centres.length === 0 && (
        <Empty title="本社区暂未关联邻里中心" />
      )}

      {signedIn && mine.data && <MyBookingsCard items={mine.data.items} now={now} />}
      {managed.data && managed.data.items.length > 0 && (
        <ManagerCard centres={managed.data.items} />
      )}

      {community.data && community.data.centres.length > 1 && (
        <View className="chips">
          {community.data.centres.map((c) => (
            <View
              key={c.id}
              className={c.id === centreId ? 'chip chip--on' : 'chip'}
              onClick={() => setChosenCentre(c.id)}
            >
              {c.name}
            </View>
          ))}
        </View>
      )}

      {centre.loading && !centre.data && centreId && <Loading />}
      {centre.error != null && (
        <ErrorState error={centre.error} onRetry={() => void centre.reload()} />
      )}
      {centre.data && (
        <View>
          <View className="centre-head">
            <View className="centre-head__name">{centre.data.name}</View>
            <View className="muted">
              {centre.data.address}
              {centre.data.openingNote ? ` · ${centre.data.openingNote}` : ''}
            </View>
          </View>
          {!signedIn && (
            <View className="notice notice--info">
              可以先看看空闲时段；预约前请
              <View className="inline-link" onClick={() => go('login')}>
                登录
              </View>
              并认证为居民。
            </View>
          )}

          <DateStrip items={strip} value={date} onChange={setDate} />
          <Segmented<'rooms' | 'time'>
            options={[
              { value: 'rooms', label: '按房间' },
              { value: 'time', label: '哪间都行' },
            ]}
            value={mode}
            onChange={setMode}
          />

          {mode === 'rooms' && (
            <View>
              {rooms.loading && !rooms.data && <Loading />}
              {rooms.error != null && (
                <ErrorState error={rooms.error} onRetry={() => void rooms.reload()} />
              )}
              {rooms.data?.map((r) => (
                <RoomCard key={r.id} room={r} date={date} centreId={centre.data?.id ?? ''} />
              ))}
              {rooms.data && rooms.data.length === 0 && (
                <Empty title="这个邻里中心还没有登记活动室" />
              )}
            </View>
          )}
          {mode === 'time' && <AnyRoomSearch centreId={centre.data.id} date={date} />}
        </View>
      )}
    </Page>
  )
}
