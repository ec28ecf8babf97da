import { Picker, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import {
  createBlackout,
  deleteBlackout,
  listBlackouts,
  type Blackout,
  type BlackoutResult,
} from '@/packages/bookings/api'
import { getCentre } from '@/packages/places/api'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ChoiceChips } from '@/components/choice-chips'
import { showError, showSuccess } from '@/lib/errors'
import { bookingWhen, shanghaiDay, timeChoices } from '@/packages/bookings/lib/time'
import { ManagerGate } from '@/packages/bookings/components/manager-gate'
import {
  BLACKOUT_KIND_LABELS,
  newBlackoutDraft,
  toBlackoutBody,
  validateBlackout,
  type BlackoutDraft,
  type BlackoutErrors,
} from '@/packages/bookings/lib/blackout-form'
import { useManagedCentre } from '@/packages/bookings/lib/use-managed-centre'
import { Page } from '@/components/page'
import '@/packages/bookings/bookings.scss'

// Closing rooms or the whole centre for a while: a public-interest event (公益活动) comes before
// residents' bookings. Bookings in the way are listed first and cancelled only on confirmation;
// their owners get the reason in their inbox and in 我的预约.

const TIMES = timeChoices('00:00', '23:30', 30)
type Rooms = { id: string; name: string }[]

function BlackoutItem({ item, onDeleted }: { item: Blackout; onDeleted: () => void }) {
  const remove = async () => {
    const { confirm } = await Taro.showModal({
      title: '删除暂停安排？',
      content: '删除后这段时间重新开放预约（已取消的预约不会恢复）。',
      confirmText: '删除',
      confirmColor: '#9c2525',
    })
    if (!confirm) return
    try {
      await deleteBlackout(item.id)
      showSuccess('已删除')
      onDeleted()
    } catch (e) {
      showError(e)
    }
  }
  return (
    <View className="list-item">
      <View className="list-item__row">
        <View className="list-item__title">{item.roomName ?? '整个邻里中心'}</View>
        <Badge tone={item.kind === 'public_event' ? 'accent' : 'plain'}>
          {BLACKOUT_KIND_LABELS[item.kind]}
        </Badge>
      </View>
      <View className="my-booking__when">
        {bookingWhen(item.startsAt, item.endsAt, Date.now())}
      </View>
      <View className="list-item__meta">{item.reason}</View>
      <View className="list-item__actions">
        <Button size="small" kind="quiet" onClick={() => void remove()}>
          删除
        </Button>
      </View>
    </View>
  )
}

function BlackoutForm({
  centreId,
  rooms,
  onCreated,
}: {
  centreId: string
  rooms: Rooms
  onCreated: () => void
}) {
  const today = shanghaiDay(Date.now())
  const [draft, setDraft] = useState<BlackoutDraft>(() => newBlackoutDraft(today))
  const [errors, setErrors] = useState<BlackoutErrors>({})
  const [preview, setPreview] = useState<BlackoutResult | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (patch: Partial<BlackoutDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setPreview(null)
  }

  const submit = async (confirm: boolean) => {
    const found = validateBlackout(draft, Date.now())
    setErrors(found)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    try {
      const result = await createBlackout(centreId, toBlackoutBody(draft, confirm))
      if (result.created) {
        showSuccess(
          result.affected.length > 0
            ? `已暂停，取消了 ${result.affected.length} 条预约`
            : '已暂停开放',
        )
        setDraft(newBlackoutDraft(today))
        setPreview(null)
        onCreated()
      } else {
        setPreview(result)
      }
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  const datePick = (label: string, value: string, onChange: (v: string) => void) => (
    <View className="form-pair__field">
      <View className="field__label">{label}</View>
      <Picker
        mode="date"
        value={value}
        start={today}
        onChange={(e) => onChange(String(e.detail.value))}
      >
        <View className="input form-pair__value">{value}</View>
      </Picker>
    </View>
  )
  const timePick = (label: string, value: string, onChange: (v: string) => void) => (
    <View className="form-pair__field">
      <View className="field__label">{label}</View>
      <Picker
        mode="selector"
        range={TIMES}
        value={Math.max(0, TIMES.indexOf(value))}
        onChange={(e) => onChange(TIMES[Number(e.detail.value)] ?? value)}
      >
        <View className="input form-pair__value">{value}</View>
      </Picker>
    </View>
  )

  return (
    <Card title="新增暂停开放">
      <View className="field">
        <View className="field__label">类型</View>
        <ChoiceChips
          options={(Object.keys(BLACKOUT_KIND_LABELS) as BlackoutDraft['kind'][]).map((k) => ({
            value: k,
            label: BLACKOUT_KIND_LABELS[k],
          }))}
          value={draft.kind}
          onChange={(v) => v && set({ kind: v })}
        />
        {draft.kind === 'public_event' && (
          <View className="field__hint">
            公益活动优先：这段时间的居民预约会被取消，并告诉他们原因。
          </View>
        )}
      </View>
      <View className="field">
        <View className="field__label">范围</View>
        <ChoiceChips
          options={rooms.map((r) => ({ value: r.id, label: r.name }))}
          noneLabel="整个邻里中心"
          value={draft.roomId}
          onChange={(v) => set({ roomId: v })}
        />
      </View>
      <View className="form-pair">
        {datePick('开始日期', draft.fromDate, (v) =>
          set({ fromDate: v, toDate: v > draft.toDate ? v : draft.toDate }),
        )}
        {datePick('结束日期', draft.toDate, (v) => set({ toDate: v }))}
      </View>
      <ChoiceChips<'part' | 'all'>
        options={[
          { value: 'part', label: '指定时间' },
          { value: 'all', label: '全天' },
        ]}
        value={draft.allDay ? 'all' : 'part'}
        onChange={(v) => v && set({ allDay: v === 'all' })}
      />
      {!draft.allDay && (
        <View className="form-pair">
          {timePick('开始（首日）', draft.start, (v) => set({ start: v }))}
          {timePick('结束（末日）', draft.end, (v) => set({ end: v }))}
        </View>
      )}
      {errors.time && <View className="field__hint reason">{errors.time}</View>}
      <View className="field">
        <View className="field__label">原因（受影响的居民会看到）</View>
        <Textarea
          className="textarea textarea--fit"
          value={draft.reason}
          maxlength={100}
          placeholder="例如：社区义诊，请改约其他时间"
          onInput={(e) => set({ reason: e.detail.value })}
        />
        {errors.reason && <View className="field__hint reason">{errors.reason}</View>}
      </View>

      {preview ? (
        <View className="blackout-preview">
          <View className="notice">
            这段时间有 {preview.affected.length}{' '}
            条预约。确认后它们会被取消，预约人会收到通知和原因：
          </View>
          {preview.affected.map((a) => (
            <View key={a.id} className="list-item">
              <View className="list-item__row">
                <View className="list-item__title">{a.roomName}</View>
                <View className="muted">{a.userNickname}</View>
              </View>
              <View className="list-item__meta">
                {bookingWhen(a.startsAt, a.endsAt, Date.now())} · {a.purpose}
              </View>
            </View>
          ))}
          <View className="btn-row">
            <Button kind="quiet" onClick={() => setPreview(null)}>
              再想想
            </Button>
            <Button kind="danger" busy={busy} onClick={() => void submit(true)}>
              确认暂停并取消 {preview.affected.length} 条预约
            </Button>
          </View>
        </View>
      ) : (
        <Button block busy={busy} busyText="正在检查…" onClick={() => void submit(false)}>
          暂停开放
        </Button>
      )}
    </Card>
  )
}

export default function BlackoutsPage() {
  const { centreId, load } = useManagedCentre(
    '只有这个邻里中心的管理员可以安排暂停开放',
    async (id) => {
      const [centre, list] = await Promise.all([getCentre(id), listBlackouts(id)])
      return { centre, items: list.items }
    },
  )

  return (
    <ManagerGate loading={!load.data} error={load.error} onRetry={() => void load.reload()}>
      {load.data && (
        <Page>
          <View className="page-title">暂停开放</View>
          <BlackoutForm
            centreId={centreId}
            rooms={load.data.centre.rooms}
            onCreated={() => void load.reload()}
          />
          <Card title={`已安排（${load.data.items.length}）`}>
            {load.data.items.length === 0 && (
              <View className="muted">没有即将到来的暂停安排。</View>
            )}
            {load.data.items.map((b) => (
              <BlackoutItem key={b.id} item={b} onDeleted={() => void load.reload()} />
            ))}
          </Card>
        </Page>
      )}
    </ManagerGate>
  )
}
