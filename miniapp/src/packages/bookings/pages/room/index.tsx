import { Input, ScrollView, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import {
  createBooking,
  createBookingFor,
  getRoomDay,
  listMyGroups,
  type BookableRoom,
  type Booking,
  type ManagedCentre,
  type MyGroup,
  type Slot,
} from '@/packages/bookings/api'
import { listManagedCentres, listMyBookings } from '@/packages/bookings/tab-api'
import { apiUrl } from '@/api/request'
import { useSession } from '@/auth/session'
import { nextStep } from '@/auth/session-store'
import { Badge } from '@/components/badge'
import { BottomSheet } from '@/components/bottom-sheet'
import { Button } from '@/components/button'
import { DateStrip } from '@/components/date-strip'
import { ErrorState, Loading } from '@/components/states'
import { Stepper } from '@/components/stepper'
import { errorMessage, showError } from '@/lib/errors'
import { InputError, isApiError } from '@/lib/error-message'
import { go } from '@/lib/nav'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { roomBadges } from '@/packages/bookings/lib/booking-view'
import { isStaffViewer, roomRulesText } from '@/packages/bookings/lib/rules-text'
import { openBooking } from '@/packages/bookings/lib/routes'
import {
  bookingWhen,
  dateStrip,
  dayTitle,
  durationText,
  shanghaiDay,
} from '@/packages/bookings/lib/time'
import {
  EMPTY_DRAFT,
  toCreateBody,
  validateDraft,
  type BookingDraft,
  type DraftErrors,
} from '@/packages/bookings/lib/booking-form'
import {
  checkOccurrence,
  MAX_REPEAT_WEEKS,
  repeatDates,
  summariseRefusedSeries,
  summariseResult,
  weeksWithinHorizon,
  type ResultSummary,
} from '@/packages/bookings/lib/repeat'
import {
  buildSlotGrid,
  CELL_LABELS,
  LEGEND,
  lengthChoices,
  selectionFor,
  selectionLength,
  selectionProblem,
  selectionTimes,
  tapSlot,
  type CellKind,
  type Selection,
} from '@/packages/bookings/lib/slot-grid'
import '@/packages/bookings/bookings.scss'
import { askToSubscribe, useSubscribePrompt } from '@/lib/subscribe'
import { Photo } from '@/components/photo'
import { Page } from '@/components/page'

// One room, one day: the slots as a big grid; tap a start and an end (or pick a length), then
// fill in the booking sheet. Group leaders may book for their group, weekly up to 12 weeks.

type Times = { startsAt: number; endsAt: number }

function Legend() {
  return (
    <View className="slot-legend">
      {LEGEND.map((kind: CellKind) => (
        <View className="slot-legend__item" key={kind}>
          <View className={`slot-legend__swatch slot--${kind}`} />
          {CELL_LABELS[kind]}
        </View>
      ))}
    </View>
  )
}

function RoomHeader({ room }: { room: BookableRoom }) {
  const urls = room.photos.map((p) => apiUrl(p.url))
  return (
    <View className="card">
      <View className="card__title">{room.name}</View>
      {urls.length > 0 && (
        <ScrollView scrollX className="room-photos">
          {urls.map((url) => (
            <Photo
              key={url}
              alt="房间照片"
              className="room-photos__item"
              src={url}
              mode="aspectFill"
              onClick={() => void Taro.previewImage({ urls, current: url })}
            />
          ))}
        </ScrollView>
      )}
      <View className="facts">
        <Badge tone="plain">可容纳 {room.capacity} 人</Badge>
        {roomBadges(room).map((b) => (
          <Badge key={b.text} tone={b.tone}>
            {b.text}
          </Badge>
        ))}
      </View>
      {room.facilities.length > 0 && (
        <View className="list-item__meta">设施：{room.facilities.join('、')}</View>
      )}
      <View className="list-item__meta">{roomRulesText(room)}</View>
    </View>
  )
}

function RepeatPreview({
  roomId,
  times,
  weeks,
  firstDaySlots,
}: {
  roomId: string
  times: Times
  weeks: number
  firstDaySlots: Slot[]
}) {
  const planned = repeatDates(times.startsAt, times.endsAt, weeks)
  const checks = useAsync(
    () =>
      Promise.all(
        planned.map(async (o, i) =>
          checkOccurrence(
            o,
            i === 0 ? firstDaySlots : (await getRoomDay(roomId, shanghaiDay(o.startsAt))).slots,
          ),
        ),
      ),
    `${roomId}:${times.startsAt}:${times.endsAt}:${weeks}`,
  )
  const now = Date.now()
  if (checks.loading && !checks.data) return <View className="muted">正在查看每周的空闲情况…</View>
  if (!checks.data) return null
  const conflicts = checks.data.filter((c) => !c.free).length
  return (
    <View className="repeat-preview">
      <View className="field__hint">
        {conflicts === 0
          ? `这 ${planned.length} 次目前都空闲：`
          : `其中 ${conflicts} 次目前不空闲：`}
      </View>
      {checks.data.map((c) => (
        <View
          key={c.startsAt}
          className={
            c.free ? 'repeat-preview__line' : 'repeat-preview__line repeat-preview__line--off'
          }
        >
          <View>{bookingWhen(c.startsAt, c.endsAt, now)}</View>
          <View className="repeat-preview__note">{c.free ? '空闲' : c.reason}</View>
        </View>
      ))}
    </View>
  )
}

function ResultView({ summary, onDone }: { summary: ResultSummary; onDone: () => void }) {
  return (
    <View className="booking-result">
      <View className={`notice booking-result__title booking-result__title--${summary.tone}`}>
        {summary.title}
      </View>
      {summary.booked.length > 0 && (
        <View>
          <View className="subhead">已预约（{summary.booked.length}）</View>
          {summary.booked.map((l) => (
            <View className="result-line" key={l.when}>
              <View className="result-line__when">{l.when}</View>
              <View className="result-line__note result-line__note--ok">{l.note}</View>
            </View>
          ))}
        </View>
      )}
      {summary.notBooked.length > 0 && (
        <View>
          <View className="subhead">未预约（{summary.notBooked.length}）</View>
          {summary.notBooked.map((l) => (
            <View className="result-line" key={l.when}>
              <View className="result-line__when">{l.when}</View>
              <View className="result-line__note reason">{l.note}</View>
            </View>
          ))}
        </View>
      )}
      {summary.message && <View className="paragraph reason">{summary.message}</View>}
      <View className="btn-row sheet-actions">
        <Button kind="secondary" onClick={() => openBooking('mine')}>
          我的预约
        </Button>
        <Button onClick={onDone}>完成</Button>
      </View>
    </View>
  )
}

type SheetProps = {
  room: BookableRoom
  times: Times
  slots: Slot[]
  leaderOf: MyGroup[]
  onBooked: () => void
  onClose: () => void
  /** 代办 (decision 019): booking for this resident (`?for=&name=`), by staff or her 楼组长. */
  acting: Acting | null
}

type Acting = { residentId: string; name: string }

function BookingSheet({ room, times, slots, leaderOf, onBooked, onClose, acting }: SheetProps) {
  useSubscribePrompt()
  const [draft, setDraft] = useState<BookingDraft>(() => ({
    ...EMPTY_DRAFT,
    groupId: room.whoMayBook === 'groups' ? (leaderOf[0]?.id ?? null) : null,
  }))
  const [errors, setErrors] = useState<DraftErrors>({})
  const [busy, setBusy] = useState(false)
  const [summary, setSummary] = useState<ResultSummary | null>(null)
  const now = Date.now()
  const weeks = draft.repeatWeeks
  const inHorizon = weeksWithinHorizon(times.startsAt, now, room.horizonDays)
  const update = (patch: Partial<BookingDraft>) => setDraft((d) => ({ ...d, ...patch }))

  const submit = async () => {
    const found = validateDraft(draft, room.capacity)
    setErrors(found)
    if (found.purpose || found.headcount) return
    const body = toCreateBody(room.id, times, draft)
    // WeChat's prompt must come from the tap itself: before the first await.
    // Nobody is asked to subscribe for her: the notices go to her inbox (she reads them later).
    const asked = acting ? Promise.resolve() : askToSubscribe(['booking'])
    setBusy(true)
    try {
      await asked
      const result = acting
        ? await createBookingFor(acting.residentId, body)
        : await createBooking(body)
      setSummary(summariseResult(result, Date.now()))
      onBooked()
    } catch (e) {
      if (isApiError(e, 'CONFLICT') && body.repeatWeeks && body.repeatWeeks > 1) {
        setSummary(
          summariseRefusedSeries(
            repeatDates(times.startsAt, times.endsAt, body.repeatWeeks),
            errorMessage(e),
            Date.now(),
          ),
        )
        onBooked()
      } else if (isApiError(e, 'CONFLICT')) {
        // Someone was quicker: show the fresh grid.
        showError(e)
        onBooked()
        onClose()
      } else {
        showError(e)
      }
    } finally {
      setBusy(false)
    }
  }

  if (summary) {
    return (
      <BottomSheet
        title={summary.tone === 'danger' ? '没有预约成功' : '预约结果'}
        onClose={onClose}
      >
        <ResultView summary={summary} onDone={onClose} />
      </BottomSheet>
    )
  }

  const group = leaderOf.find((g) => g.id === draft.groupId) ?? null
  return (
    <BottomSheet title={`预约${room.name}`} onClose={onClose}>
      <View className="sheet-when">
        <View className="sheet-when__time">{bookingWhen(times.startsAt, times.endsAt, now)}</View>
        <View className="muted">共 {durationText((times.endsAt - times.startsAt) / 60_000)}</View>
      </View>
      {room.needsApproval && (
        <View className="notice">
          这个房间需要邻里中心审批。提交后显示为“待审批”，审批前时段为您保留。
        </View>
      )}

      <View className="field">
        <View className="field__label">用途</View>
        <Textarea
          className="textarea textarea--fit"
          fixed
          value={draft.purpose}
          maxlength={100}
          placeholder="例如：书法练习、楼组议事、亲子读书会"
          onInput={(e) => update({ purpose: e.detail.value })}
        />
        {errors.purpose && <View className="field__hint reason">{errors.purpose}</View>}
      </View>

      <View className="field">
        <View className="field__label">人数（最多 {room.capacity} 人）</View>
        <Input
          className="input sheet-headcount"
          type="number"
          maxlength={3}
          value={draft.headcount}
          placeholder={`1–${room.capacity}`}
          onInput={(e) => update({ headcount: e.detail.value })}
        />
        {errors.headcount && <View className="field__hint reason">{errors.headcount}</View>}
      </View>

      {leaderOf.length > 0 && (
        <View className="field">
          <View className="field__label">以谁的名义</View>
          {room.whoMayBook !== 'groups' && (
            <View
              className={draft.groupId === null ? 'choice choice--on' : 'choice'}
              onClick={() => update({ groupId: null, repeatWeeks: 1 })}
            >
              为自己预约
              {draft.groupId === null && <View className="choice__mark">已选</View>}
            </View>
          )}
          {leaderOf.map((g) => (
            <View
              key={g.id}
              className={draft.groupId === g.id ? 'choice choice--on' : 'choice'}
              onClick={() => update({ groupId: g.id })}
            >
              为团队预约：{g.name}
              {draft.groupId === g.id && <View className="choice__mark">已选</View>}
            </View>
          ))}
        </View>
      )}

      {group && (
        <View className="field">
          <View className="field__label">每周重复</View>
          <Stepper
            value={weeks}
            min={1}
            max={MAX_REPEAT_WEEKS}
            unit="周"
            onChange={(n) => update({ repeatWeeks: n })}
          />
          <View className="field__hint">
            {weeks === 1
              ? '只预约这一次（最多可按周重复 12 周）。'
              : `每周同一时间，共 ${weeks} 次。`}
          </View>
          {weeks > inHorizon && (
            <View className="notice">
              这个房间只能预约 {room.horizonDays} 天以内的时段：从这一天起只有前 {inHorizon}{' '}
              周可以预约，之后的日期会列为未预约
              {draft.onConflict === 'all_or_nothing' ? '；选“全部成功才预约”会整组不预约。' : '。'}
            </View>
          )}
          {weeks > 1 && (
            <View>
              <View
                className={draft.onConflict === 'all_or_nothing' ? 'choice choice--on' : 'choice'}
                onClick={() => update({ onConflict: 'all_or_nothing' })}
              >
                全部成功才预约
                {draft.onConflict === 'all_or_nothing' && (
                  <View className="choice__mark">已选</View>
                )}
              </View>
              <View
                className={draft.onConflict === 'skip' ? 'choice choice--on' : 'choice'}
                onClick={() => update({ onConflict: 'skip' })}
              >
                跳过冲突日期
                {draft.onConflict === 'skip' && <View className="choice__mark">已选</View>}
              </View>
              <View className="field__hint">
                {draft.onConflict === 'all_or_nothing'
                  ? '有任何一周约不上，就一次也不预约。'
                  : '约得上的日期照常预约，约不上的会逐一列出原因。'}
              </View>
              <RepeatPreview roomId={room.id} times={times} weeks={weeks} firstDaySlots={slots} />
            </View>
          )}
        </View>
      )}

      <View className="sheet-actions">
        <Button block busy={busy} busyText="正在提交…" onClick={() => void submit()}>
          {room.needsApproval ? '提交预约申请' : weeks > 1 ? `确认预约 ${weeks} 次` : '确认预约'}
        </Button>
      </View>
    </BottomSheet>
  )
}

export default function RoomDayPage() {
  const { params } = useRouter()
  const roomId = params.id ?? ''
  const acting: Acting | null = params.for
    ? { residentId: params.for, name: decodeURIComponent(params.name ?? '居民') }
    : null
  const session = useSession()
  const signedIn = Boolean(session.token)
  const step = nextStep(session)
  const now = Date.now()
  const today = shanghaiDay(now)
  const [date, setDate] = useState(params.date && params.date >= today ? params.date : today)
  const [selection, setSelection] = useState<Selection | null>(null)
  // The times the open sheet books; kept apart from the selection, which clears once booked.
  const [sheet, setSheet] = useState<Times | null>(null)

  const day = useAsync(() => getRoomDay(roomId, date), `${roomId}:${date}`)
  const mine = useAsync(
    () => (signedIn ? listMyBookings() : Promise.resolve({ items: [] as Booking[] })),
    `${signedIn}`,
  )
  const groups = useAsync(
    () => (signedIn ? listMyGroups() : Promise.resolve({ items: [] as MyGroup[] })),
    `${signedIn}`,
  )
  // A centre's managers book like its staff (their grant is per centre, not in me.roles).
  const managed = useAsync(
    () => (signedIn ? listManagedCentres() : Promise.resolve({ items: [] as ManagedCentre[] })),
    `${signedIn}`,
  )
  useRefreshOnShow(() => {
    void day.reload()
    void mine.reload()
  })

  // A time carried over from "这个时间，哪间都行" is chosen once the day's slots are known.
  const carried = useRef(Boolean(params.start && params.end))
  useEffect(() => {
    if (!carried.current || !day.data || day.data.date !== date) return
    carried.current = false
    const chosen = selectionFor(day.data.slots, Number(params.start), Number(params.end))
    if (chosen) setSelection(chosen)
    else void Taro.showToast({ title: '这个时间刚被约走了，请另选', icon: 'none', duration: 2500 })
  }, [day.data, date, params.start, params.end])

  useEffect(() => {
    if (day.data) void Taro.setNavigationBarTitle({ title: day.data.room.name })
  }, [day.data])

  if (!roomId) return <ErrorState error={new InputError('没有指定房间，请从预约页选择房间')} />
  if (day.loading && !day.data) return <Loading />
  if (day.error != null && !day.data)
    return <ErrorState error={day.error} onRetry={() => void day.reload()} />
  if (!day.data) return null

  const { room, slots } = day.data
  const current = day.data.date === date
  // Acting for a resident, the helper's own groups are not hers to book for.
  const leaderOf = acting
    ? []
    : (groups.data?.items ?? []).filter((g) => g.isLeader && g.centreId === room.centreId)
  const groupsOnly = room.whoMayBook === 'groups' && leaderOf.length === 0
  // The API lets verified residents and the centre's staff book resident rooms.
  const needsVerification =
    !acting &&
    signedIn &&
    step !== 'done' &&
    room.whoMayBook === 'residents' &&
    !isStaffViewer(
      session.me?.roles,
      (managed.data?.items ?? []).some((c) => c.id === room.centreId),
    )
  const grid = buildSlotGrid(
    slots,
    selection,
    mine.data?.items.filter((b) => b.room.id === room.id) ?? [],
  )
  const times = selection ? selectionTimes(slots, selection) : null
  const problem = selectionProblem(selection, room.minSlots, room.slotMinutes)
  const lengths = selection
    ? lengthChoices(slots, selection.start, room.minSlots, room.maxSlots)
    : []
  const strip = dateStrip(now, room.horizonDays).map((d) => ({
    value: d.date,
    top: d.top,
    bottom: d.bottom,
  }))

  const tap = (index: number) => {
    const result = tapSlot(slots, selection, index, room.maxSlots, room.slotMinutes)
    setSelection(result.selection)
    if (result.message) void Taro.showToast({ title: result.message, icon: 'none', duration: 2200 })
  }

  const book = () => {
    if (!signedIn) {
      go('login')
      return
    }
    if (needsVerification) {
      go(step === 'choose_community' ? 'community' : 'verify')
      return
    }
    if (!problem && times) setSheet(times)
  }

  return (
    <Page className={selection ? 'page--with-bar' : undefined}>
      {acting && (
        <View className="acting-banner" ariaRole="status">
          正在为 {acting.name} 代办：预约记在她名下，计入她的每周额度
        </View>
      )}
      <RoomHeader room={room} />
      <DateStrip
        items={strip}
        value={date}
        onChange={(d) => {
          setDate(d)
          setSelection(null)
        }}
      />
      <View className="day-title">{dayTitle(date, today)}</View>

      {room.needsApproval && (
        <View className="notice notice--info">
          这个房间的预约需要邻里中心审批，提交后显示为“待审批”。
        </View>
      )}
      {groupsOnly && (
        <View className="notice">
          这个房间只接受登记团队（三自组织）预约，由团队负责人以团队名义预约。
        </View>
      )}
      {room.whoMayBook === 'staff' && (
        <View className="notice">这个房间只供邻里中心工作人员预约。</View>
      )}
      {needsVerification && (
        <View className="notice">
          {step === 'pending_review'
            ? '您的居民认证还在审核中，通过后即可预约。'
            : '认证为本社区居民后才能预约。'}
          {step !== 'pending_review' && (
            <View
              className="inline-link"
              onClick={() => go(step === 'choose_community' ? 'community' : 'verify')}
            >
              {step === 'choose_community' ? '选择社区' : '去认证'}
            </View>
          )}
        </View>
      )}
      {grid.closures.map((c) => (
        <View className="notice" key={`${c.range}${c.reason}`}>
          {c.range} 暂停开放{c.reason ? `：${c.reason}` : ''}
        </View>
      ))}

      {!current && <Loading />}
      {current && slots.length === 0 && <View className="state">这一天不开放。</View>}
      {current && slots.length > 0 && (
        <View>
          <View className="muted slot-hint">
            {grid.freeCount > 0
              ? selection
                ? '再点一个时段作为结束，或在下方选时长；点开始时段可取消。'
                : '点一个“可预约”的时段作为开始。'
              : '这一天没有可预约的时段了，换一天看看。'}
          </View>
          {grid.sections.map((section) => (
            <View key={section.title} className="slot-section">
              <View className="slot-section__title">{section.title}</View>
              <View className="slot-grid">
                {section.cells.map((cell) => (
                  <View
                    key={cell.index}
                    className={`slot slot--${cell.kind}`}
                    ariaRole="button"
                    ariaLabel={`${cell.time} ${cell.label}`}
                    onClick={() => tap(cell.index)}
                  >
                    <View className="slot__time">{cell.time}</View>
                    <View className="slot__label">{cell.label}</View>
                  </View>
                ))}
              </View>
            </View>
          ))}
          <Legend />
        </View>
      )}

      {selection && times && (
        <View className="book-bar">
          <View className="book-bar__when">
            已选 {bookingWhen(times.startsAt, times.endsAt, now)}
          </View>
          {lengths.length > 1 && (
            <View className="book-bar__lengths">
              {lengths.map((n) => (
                <View
                  key={n}
                  className={
                    n === selectionLength(selection)
                      ? 'chip chip--on book-bar__chip'
                      : 'chip book-bar__chip'
                  }
                  onClick={() =>
                    setSelection({ start: selection.start, end: selection.start + n - 1 })
                  }
                >
                  {durationText(n * room.slotMinutes)}
                </View>
              ))}
            </View>
          )}
          {problem && <View className="field__hint reason">{problem}</View>}
          <Button
            block
            disabled={
              Boolean(problem) || groupsOnly || (needsVerification && step === 'pending_review')
            }
            onClick={book}
          >
            {!signedIn
              ? '登录后预约'
              : groupsOnly
                ? '仅限团队负责人预约'
                : needsVerification
                  ? step === 'pending_review'
                    ? '认证审核中'
                    : '先认证居民身份'
                  : `预约 ${durationText((times.endsAt - times.startsAt) / 60_000)}`}
          </Button>
        </View>
      )}

      {sheet && (
        <BookingSheet
          room={room}
          times={sheet}
          slots={slots}
          leaderOf={leaderOf}
          acting={acting}
          onBooked={() => {
            setSelection(null)
            void day.reload()
            void mine.reload()
          }}
          onClose={() => setSheet(null)}
        />
      )}
    </Page>
  )
}
