import { Input, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import {
  cancelBooking,
  checkInBooking,
  getCentrePolicy,
  type Booking,
  type CentrePolicy,
} from '@/packages/bookings/api'
import { listMyBookings } from '@/packages/bookings/tab-api'
import { useSession } from '@/auth/session'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Segmented } from '@/components/segmented'
import { Empty, ErrorState, Loading } from '@/components/states'
import { showError, showSuccess } from '@/lib/errors'
import { go } from '@/lib/nav'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { splitBookings, STATUS_TONES } from '@/packages/bookings/lib/booking-view'
import { cancelWarning, checkinHint } from '@/packages/bookings/lib/rules-text'
import { bookingWhen } from '@/packages/bookings/lib/time'
import { codeFromScan } from '@/packages/bookings/lib/booking-form'
import { Page } from '@/components/page'
import '@/packages/bookings/bookings.scss'

// My bookings: what is coming up (check in, cancel) and what happened (rejected, released…).

const canScan = process.env.TARO_ENV === 'weapp'

function CheckInForm({
  booking,
  initialCode,
  onDone,
  onCancel,
}: {
  booking: Booking
  initialCode: string
  onDone: (b: Booking) => void
  onCancel: () => void
}) {
  const [code, setCode] = useState(initialCode)
  const [busy, setBusy] = useState(false)

  const send = async (value: string) => {
    const clean = value.replace(/\s/g, '')
    if (!/^\d{4,8}$/.test(clean)) {
      void Taro.showToast({ title: '请输入房间门口的数字签到码', icon: 'none', duration: 2500 })
      return
    }
    setBusy(true)
    try {
      const done = await checkInBooking(booking.id, clean)
      showSuccess('签到成功')
      onDone(done)
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({
        onlyFromCamera: true,
        scanType: ['qrCode', 'barCode'],
      })
      const found = codeFromScan(result)
      if (!found) {
        void Taro.showToast({ title: '没有识别出签到码，请手动输入', icon: 'none', duration: 2500 })
        return
      }
      setCode(found)
      await send(found)
    } catch {
      // The resident closed the camera.
    }
  }

  return (
    <View className="checkin-form">
      <View className="field__label">输入{booking.room.name}门口的签到码</View>
      <Input
        className="input input--code"
        type="number"
        maxlength={8}
        value={code}
        placeholder="签到码"
        onInput={(e) => setCode(e.detail.value)}
      />
      <View className="btn-row checkin-form__actions">
        <Button kind="quiet" onClick={onCancel}>
          取消
        </Button>
        <Button
          busy={busy}
          busyText="正在签到…"
          disabled={!code.trim()}
          onClick={() => void send(code)}
        >
          确认签到
        </Button>
      </View>
      {canScan && (
        <Button kind="secondary" block onClick={() => void scan()}>
          扫描门口的二维码
        </Button>
      )}
    </View>
  )
}

function BookingItem({
  booking,
  policy,
  now,
  scannedCode,
  onChanged,
}: {
  booking: Booking
  policy: CentrePolicy | null
  now: number
  scannedCode: string
  onChanged: () => void
}) {
  const [checkingIn, setCheckingIn] = useState(false)
  const [cancelling, setCancelling] = useState(false)
  const hint = checkinHint(booking, policy, now)

  const cancel = async () => {
    const warning = cancelWarning(booking, policy, Date.now())
    const { confirm } = await Taro.showModal({
      title: warning.late ? '现在取消会计为未签到' : '取消这条预约？',
      content: warning.text,
      confirmText: '确认取消',
      cancelText: '不取消',
      confirmColor: '#9c2525',
    })
    if (!confirm) return
    setCancelling(true)
    try {
      const after = await cancelBooking(booking.id)
      showSuccess(after.lateCancel ? '已取消，计为未签到' : '已取消')
      onChanged()
    } catch (e) {
      showError(e)
    } finally {
      setCancelling(false)
    }
  }

  return (
    <View className="list-item my-booking">
      <View className="list-item__row">
        <View className="list-item__title">{booking.room.name}</View>
        <Badge tone={STATUS_TONES[booking.status]}>{booking.statusLabel}</Badge>
      </View>
      <View className="my-booking__when">{bookingWhen(booking.startsAt, booking.endsAt, now)}</View>
      <View className="list-item__meta">
        {booking.purpose} · {booking.headcount} 人{booking.group ? ` · ${booking.group.name}` : ''}
        {booking.seriesId ? ' · 每周重复' : ''}
      </View>
      {booking.actedBy && <View className="list-item__meta">由 {booking.actedBy} 代办</View>}
      {!booking.isOwner && booking.group && (
        <View className="list-item__meta">
          这是团队“{booking.group.name}”的预约，由负责人预约；到场后团队成员都可以签到。
        </View>
      )}
      {booking.status === 'pending' && (
        <View className="list-item__meta">等待邻里中心审批，审批前时段为您保留。</View>
      )}
      {booking.rejectReason && (
        <View className="list-item__meta reason">未获批准：{booking.rejectReason}</View>
      )}
      {booking.status === 'cancelled' && booking.cancelReason && (
        <View className="list-item__meta">取消原因：{booking.cancelReason}</View>
      )}
      {booking.lateCancel && (
        <View className="list-item__meta reason">开始前不久取消，计为一次未签到。</View>
      )}
      {booking.status === 'released' && (
        <View className="list-item__meta reason">
          没有按时签到，房间已释放给其他人，计为一次未签到。
        </View>
      )}
      {hint && <View className="list-item__meta strong">{hint}</View>}

      {checkingIn ? (
        <CheckInForm
          booking={booking}
          initialCode={scannedCode}
          onCancel={() => setCheckingIn(false)}
          onDone={() => {
            setCheckingIn(false)
            onChanged()
          }}
        />
      ) : (
        (booking.canCheckIn || booking.canCancel) && (
          <View className="list-item__actions">
            {booking.canCheckIn && (
              <Button size="small" onClick={() => setCheckingIn(true)}>
                签到
              </Button>
            )}
            {booking.canCancel && (
              <Button size="small" kind="danger" busy={cancelling} onClick={() => void cancel()}>
                取消预约
              </Button>
            )}
          </View>
        )
      )}
    </View>
  )
}

export default function MyBookingsPage() {
  const { params } = useRouter()
  // Opened from the QR code of a door sign (door-sign.ts#checkinUrl): the code is filled in.
  const scannedCode = params.code && /^\d{4,8}$/.test(params.code) ? params.code : ''
  const session = useSession()
  const signedIn = Boolean(session.token)
  const [tab, setTab] = useState<'upcoming' | 'past'>('upcoming')
  const list = useAsync(async () => {
    if (!signedIn) return null
    const { items } = await listMyBookings()
    const centres = [...new Set(items.map((b) => b.centreId))]
    const policies = await Promise.all(
      centres.map((c) =>
        getCentrePolicy(c).then(
          (p) => [c, p] as const,
          () => [c, null] as const,
        ),
      ),
    )
    return { items, policies: new Map<string, CentrePolicy | null>(policies) }
  }, `${signedIn}`)
  useRefreshOnShow(() => void list.reload())
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })

  if (!signedIn) {
    return (
      <Page>
        <Empty title="登录后查看我的预约">
          <Button onClick={() => go('login')}>登录</Button>
        </Empty>
      </Page>
    )
  }
  if (list.loading && !list.data) return <Loading />
  if (list.error != null && !list.data)
    return <ErrorState error={list.error} onRetry={() => void list.reload()} />
  if (!list.data) return null

  const now = Date.now()
  const { upcoming, changed, past } = splitBookings(list.data.items, now)
  const shown = tab === 'upcoming' ? upcoming : past
  const item = (b: Booking) => (
    <BookingItem
      key={b.id}
      booking={b}
      policy={list.data?.policies.get(b.centreId) ?? null}
      now={now}
      scannedCode={scannedCode}
      onChanged={() => void list.reload()}
    />
  )

  return (
    <Page>
      <View className="page-title">我的预约</View>
      {scannedCode && (
        <View className="notice notice--info">
          已读取门牌上的签到码，在要签到的预约上点“签到”即可。
        </View>
      )}
      <Segmented<'upcoming' | 'past'>
        options={[
          { value: 'upcoming', label: `即将开始（${upcoming.length}）` },
          { value: 'past', label: '已结束 / 已取消' },
        ]}
        value={tab}
        onChange={setTab}
      />
      {tab === 'upcoming' && changed.length > 0 && (
        <Card tone="warn" title="未获批准或被取消">
          {changed.map(item)}
        </Card>
      )}
      {shown.length === 0 ? (
        <Empty title={tab === 'upcoming' ? '没有即将开始的预约' : '近 30 天没有记录'}>
          {tab === 'upcoming' && <Button onClick={() => go('booking')}>去预约</Button>}
        </Empty>
      ) : (
        <Card>{shown.map(item)}</Card>
      )}
      {tab === 'upcoming' && upcoming.length > 0 && (
        <View className="notice notice--info">
          到场后请在签到时间内用房间门口的签到码签到；未签到的预约会被释放，并计为一次未签到。
        </View>
      )}
    </Page>
  )
}
