import { Input, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import {
  createRoom,
  getRoomAdmin,
  updateRoom,
  updateRoomRules,
  type RoomAdmin,
  type RoomPhoto,
} from '@/packages/bookings/api'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ChoiceChips } from '@/components/choice-chips'
import { showError, showSuccess } from '@/lib/errors'
import { useAsync } from '@/lib/use-async'
import { ManagerGate } from '@/packages/bookings/components/manager-gate'
import { OpeningHoursEditor } from '@/packages/bookings/components/opening-hours-editor'
import { RoomPhotosEditor } from '@/packages/bookings/components/room-photos-editor'
import {
  draftOf,
  newRoomDraft,
  randomCheckinCode,
  SLOT_CHOICES,
  toRoomInput,
  toRules,
  validateRoom,
  WHO_LABELS,
  type RoomDraft,
  type RoomErrors,
} from '@/packages/bookings/lib/room-form'
import { Page } from '@/components/page'
import '@/packages/bookings/bookings.scss'
import { inputLabel } from '@/components/a11y'

// One room for its managers: name, capacity, facilities and every booking rule, then photos.
// A new room is created and given its rules in one save; it is bookable from then on.

function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string
  hint?: string
  error?: string
  children: React.ReactNode
}) {
  return (
    <View className="field">
      <View className="field__label">{label}</View>
      {children}
      {hint && !error && <View className="field__hint">{hint}</View>}
      {error && <View className="field__hint reason">{error}</View>}
    </View>
  )
}

function RoomForm({ room, centreId }: { room: RoomAdmin | null; centreId: string }) {
  const [draft, setDraft] = useState<RoomDraft>(() =>
    room ? draftOf(room, randomCheckinCode()) : newRoomDraft(randomCheckinCode()),
  )
  const [errors, setErrors] = useState<RoomErrors>({})
  const [busy, setBusy] = useState(false)
  const [roomId, setRoomId] = useState(room?.id ?? null)
  const [photos, setPhotos] = useState<RoomPhoto[]>(room?.photos ?? [])
  const set = (patch: Partial<RoomDraft>) => setDraft((d) => ({ ...d, ...patch }))
  const text = (
    label: string,
    key: keyof RoomDraft,
    type: 'text' | 'number' = 'number',
    maxlength = 6,
  ) => (
    <Input
      {...inputLabel(label)}
      className="input"
      type={type}
      maxlength={maxlength}
      value={String(draft[key])}
      onInput={(e) => set({ [key]: e.detail.value } as Partial<RoomDraft>)}
    />
  )

  const save = async () => {
    const found = validateRoom(draft)
    setErrors(found)
    if (Object.keys(found).length > 0) {
      void Taro.showToast({ title: Object.values(found)[0]!, icon: 'none', duration: 3000 })
      return
    }
    setBusy(true)
    try {
      // A new room is created once; if its rules are refused, the next save only updates it.
      const id = roomId ?? (await createRoom(centreId, toRoomInput(draft))).id
      if (roomId) await updateRoom(id, toRoomInput(draft))
      setRoomId(id)
      await updateRoomRules(id, toRules(draft))
      showSuccess('已保存')
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page>
      <Card title="基本信息">
        <Field label="房间名称" error={errors.name}>
          {text('房间名称', 'name', 'text', 20)}
        </Field>
        <Field label="容纳人数" error={errors.capacity}>
          {text('容纳人数', 'capacity', 'number', 3)}
        </Field>
        <Field
          label="设施"
          hint="用顿号或逗号分开，例如：投影仪、音响、白板"
          error={errors.facilities}
        >
          {text('设施', 'facilities', 'text', 200)}
        </Field>
      </Card>

      <Card title="开放时间">
        <View className="field__hint">
          每天可以有几个开放时段（例如上午、下午分开）；没有时段的日子不开放。
        </View>
        <OpeningHoursEditor
          value={draft.openingHours}
          onChange={(openingHours) => set({ openingHours })}
        />
        {errors.openingHours && <View className="field__hint reason">{errors.openingHours}</View>}
      </Card>

      <Card title="预约规则">
        <Field label="每个时段">
          <ChoiceChips<string>
            options={SLOT_CHOICES.map((m) => ({ value: String(m), label: `${m} 分钟` }))}
            value={String(draft.slotMinutes)}
            onChange={(v) => v && set({ slotMinutes: Number(v) })}
          />
        </Field>
        <Field label="最短预约（分钟）" error={errors.minMinutes}>
          {text('最短预约（分钟）', 'minMinutes')}
        </Field>
        <Field label="最长预约（分钟）" error={errors.maxMinutes}>
          {text('最长预约（分钟）', 'maxMinutes')}
        </Field>
        <Field label="最多提前几天预约" error={errors.horizonDays}>
          {text('最多提前几天预约', 'horizonDays', 'number', 2)}
        </Field>
        <Field label="至少提前多少分钟预约" hint="0 表示随时可约" error={errors.minNoticeMinutes}>
          {text('至少提前多少分钟预约', 'minNoticeMinutes', 'number', 5)}
        </Field>
        <Field label="需要审批">
          <ChoiceChips<'yes' | 'no'>
            options={[
              { value: 'no', label: '不需要，约上即确认' },
              { value: 'yes', label: '需要管理员审批' },
            ]}
            value={draft.needsApproval ? 'yes' : 'no'}
            onChange={(v) => v && set({ needsApproval: v === 'yes' })}
          />
        </Field>
        <Field label="谁可以预约">
          <ChoiceChips<RoomDraft['whoMayBook']>
            options={(Object.keys(WHO_LABELS) as RoomDraft['whoMayBook'][]).map((w) => ({
              value: w,
              label: WHO_LABELS[w],
            }))}
            value={draft.whoMayBook}
            onChange={(v) => v && set({ whoMayBook: v })}
          />
        </Field>
        <Field
          label="签到码"
          hint="印在房间门牌上，到场的居民输入或扫码签到；改了要重新打印门牌"
          error={errors.checkinCode}
        >
          {text('签到码', 'checkinCode', 'number', 8)}
        </Field>
      </Card>

      <Button block busy={busy} busyText="正在保存…" onClick={() => void save()}>
        {roomId ? '保存' : '创建房间'}
      </Button>

      {roomId && (
        <Card title="照片" className="room-edit__photos">
          <RoomPhotosEditor roomId={roomId} photos={photos} onChange={setPhotos} />
        </Card>
      )}
    </Page>
  )
}

export default function RoomEditPage() {
  const { params } = useRouter()
  const roomId = params.id ?? ''
  const room = useAsync(() => (roomId ? getRoomAdmin(roomId) : Promise.resolve(null)), roomId)
  const centreId = params.centre || room.data?.centreId || ''
  return (
    <ManagerGate
      loading={room.loading && room.data === undefined}
      error={room.error}
      onRetry={() => void room.reload()}
    >
      {room.data !== undefined && <RoomForm room={room.data} centreId={centreId} />}
    </ManagerGate>
  )
}
