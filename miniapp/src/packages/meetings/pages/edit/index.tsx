import { Input, Picker, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { listCentreRooms } from '@/packages/bookings/tab-api'
import { listConventions } from '@/packages/conventions/tab-api'
import {
  createMeeting,
  getMeeting,
  listAgendaCandidates,
  updateMeeting,
  type MeetingType,
} from '@/packages/meetings/api'
import { getCommunity } from '@/packages/places/api'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ChoiceChips } from '@/components/choice-chips'
import { DateStrip } from '@/components/date-strip'
import { Segmented } from '@/components/segmented'
import { ErrorState, Loading } from '@/components/states'
import { FieldError, scrollToFieldError } from '@/components/field-error'
import { errorMessage, InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { useAsync } from '@/lib/use-async'
import { AgendaEditor } from '@/packages/meetings/components/agenda-editor'
import { TYPE_HINTS, TYPE_LABELS } from '@/packages/meetings/lib/labels'
import {
  closesBeforeChoices,
  draftFromMeeting,
  draftProblemAt,
  type MeetingField,
  emptyDraft,
  toMeetingBody,
  type MeetingDraft,
} from '@/packages/meetings/lib/meeting-form'
import { meetingUrl } from '@/packages/meetings/lib/routes'
import { addDays, dayLabel, atShanghai, shanghaiDate } from '@/packages/meetings/lib/time'
import { Page } from '@/components/page'
import '@/packages/meetings/meetings.scss'
import { inputLabel } from '@/components/a11y'

// Create (…?communityId=) or edit (…?id=) a meeting. A room of the community's 邻里中心 is booked
// with the meeting; when the room is taken the API's message is shown and nothing typed is lost.

const TYPES = (Object.keys(TYPE_LABELS) as MeetingType[]).map((t) => ({
  value: t,
  label: TYPE_LABELS[t],
}))
const DAYS_AHEAD = 60

function dateItems(now: number) {
  const today = shanghaiDate(now)
  return Array.from({ length: DAYS_AHEAD }, (_, i) => {
    const date = addDays(today, i)
    const [day = date, week = ''] = dayLabel(atShanghai(date, '12:00')).split(' ')
    return { value: date, top: i === 0 ? '今天' : i === 1 ? '明天' : week, bottom: day }
  })
}

function TimeField({
  label,
  value,
  onChange,
}: {
  label: string
  value: string
  onChange: (v: string) => void
}) {
  return (
    <View className="field">
      <View className="field__label">{label}</View>
      <Picker mode="time" value={value} onChange={(e) => onChange(String(e.detail.value))}>
        <View className="input" ariaRole="button">
          {value}
        </View>
      </Picker>
    </View>
  )
}

export default function MeetingEditPage() {
  const { params } = useRouter()
  const meetingId = params.id ?? ''
  const now = useMemo(() => Date.now(), [])
  const existing = useAsync(
    () => (meetingId ? getMeeting(meetingId) : Promise.resolve(null)),
    meetingId,
  )
  const communityId = existing.data?.communityId ?? params.communityId ?? ''
  const community = useAsync(
    () => (communityId ? getCommunity(communityId) : Promise.resolve(null)),
    communityId,
  )
  const centreId = community.data?.centres[0]?.id ?? ''
  const rooms = useAsync(
    () => (centreId ? listCentreRooms(centreId).then((r) => r.items) : Promise.resolve([])),
    centreId,
  )
  const candidates = useAsync(
    () =>
      communityId ? listAgendaCandidates(communityId).then((r) => r.items) : Promise.resolve([]),
    communityId,
  )
  const conventions = useAsync(
    () => (communityId ? listConventions(communityId).then((r) => r.items) : Promise.resolve([])),
    communityId,
  )

  const [draft, setDraft] = useState<MeetingDraft>(() => emptyDraft(now))
  const [problem, setProblem] = useState<{ field: MeetingField | 'form'; message: string } | null>(
    null,
  )
  const problemAt = (field: MeetingField) => (problem?.field === field ? problem.message : null)
  const [saving, setSaving] = useState(false)
  useEffect(() => {
    if (existing.data) setDraft(draftFromMeeting(existing.data))
  }, [existing.data])
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: meetingId ? '修改会议' : '新建会议' })
  }, [meetingId])

  const set = (change: Partial<MeetingDraft>) => {
    setDraft((d) => ({ ...d, ...change }))
    setProblem(null)
  }
  const room = rooms.data?.find((r) => r.id === draft.roomId) ?? null

  if (meetingId && !existing.data) {
    return existing.loading ? (
      <Loading />
    ) : (
      <ErrorState error={existing.error} onRetry={() => void existing.reload()} />
    )
  }

  const save = async () => {
    const p = draftProblemAt(draft, Date.now(), room?.capacity ?? null)
    if (p) {
      setProblem(p)
      showError(new InputError(p.message))
      scrollToFieldError()
      return
    }
    setSaving(true)
    try {
      const body = toMeetingBody(draft, Date.now())
      if (meetingId) {
        await updateMeeting(meetingId, body)
        showSuccess('已保存')
        void Taro.navigateBack()
      } else {
        const created = await createMeeting(communityId, body)
        showSuccess('草稿已保存')
        void Taro.redirectTo({ url: meetingUrl('detail', { id: created.id }) })
      }
    } catch (e) {
      // Nothing in the form is lost: the message says what to change (e.g. the room is taken).
      setProblem({ field: 'form', message: errorMessage(e) })
      showError(e)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Page>
      <View className="page-title">{meetingId ? '修改会议' : '新建会议'}</View>
      {meetingId && existing.data?.status === 'published' && (
        <View className="notice notice--info">
          会议已发布：改了时间或地点，已报名的居民会收到通知。
        </View>
      )}

      <Card title="会议类型">
        {existing.data?.status === 'published' ? (
          // Residents signed up for this kind of meeting: the API refuses a change of type.
          <View className="paragraph">{TYPE_LABELS[draft.type]}（已发布，不能更改类型）</View>
        ) : (
          <ChoiceChips options={TYPES} value={draft.type} onChange={(t) => t && set({ type: t })} />
        )}
        <View className="muted">{TYPE_HINTS[draft.type]}</View>
      </Card>

      <Card title="名称和说明">
        <View className="field">
          <View className="field__label">会议名称</View>
          <Input
            className="input"
            value={draft.title}
            maxlength={60}
            placeholder="例如：槐荫路停车改造听证会"
            onInput={(e) => set({ title: e.detail.value })}
          />
          <FieldError text={problemAt('title')} />
        </View>
        <View className="field">
          <View className="field__label">会议说明（可不填）</View>
          <Textarea
            className="textarea"
            value={draft.description}
            maxlength={2000}
            placeholder="开会要商量什么、请谁来"
            onInput={(e) => set({ description: e.detail.value })}
          />
        </View>
      </Card>

      <Card title="时间">
        <DateStrip items={dateItems(now)} value={draft.date} onChange={(date) => set({ date })} />
        <View className="mt-votes">
          <TimeField label="开始" value={draft.start} onChange={(start) => set({ start })} />
          <TimeField label="结束" value={draft.end} onChange={(end) => set({ end })} />
        </View>
        <FieldError text={problemAt('time')} />
      </Card>

      <Card title="地点">
        <Segmented
          options={[
            { value: 'room', label: '邻里中心房间' },
            { value: 'address', label: '其他地点' },
          ]}
          value={draft.place}
          onChange={(place) => set({ place })}
        />
        {draft.place === 'room' && (
          <View>
            {rooms.loading && !rooms.data && <Loading text="正在加载房间…" />}
            {rooms.data && rooms.data.length === 0 && (
              <View className="muted">本社区的邻里中心还没有房间，请填写其他地点。</View>
            )}
            <ChoiceChips
              options={(rooms.data ?? []).map((r) => ({
                value: r.id,
                label: `${r.name}（${r.capacity}人）`,
              }))}
              value={draft.roomId}
              onChange={(roomId) => set({ roomId })}
            />
            <View className="field__hint">
              保存会议时会同时预约这个房间；房间被占用时会提示您换时间或换房间。
            </View>
          </View>
        )}
        {draft.place === 'address' && (
          <Input
            className="input"
            value={draft.address}
            maxlength={100}
            placeholder="例如：槐树社区居委会二楼会议室"
            onInput={(e) => set({ address: e.detail.value })}
          />
        )}
        <FieldError text={problemAt('place')} />
      </Card>

      <Card title="报名">
        <View className="field">
          <View className="field__label">名额（人）</View>
          <Input
            {...inputLabel('名额（人）')}
            className="input"
            type="number"
            value={draft.capacity}
            maxlength={4}
            onInput={(e) => set({ capacity: e.detail.value })}
          />
          {room && (
            <View className="field__hint">
              {room.name}最多容纳 {room.capacity} 人。满了以后居民可以候补。
            </View>
          )}
          <FieldError text={problemAt('capacity')} />
        </View>
        <View className="field">
          <View className="field__label">报名截止</View>
          <ChoiceChips
            options={closesBeforeChoices(draft.closesBeforeMinutes).map((c) => ({
              value: String(c.minutes),
              label: c.label,
            }))}
            value={String(draft.closesBeforeMinutes)}
            onChange={(v) => v !== null && set({ closesBeforeMinutes: Number(v) })}
          />
          <View className="field__hint">
            {draft.signupOpensAt === null ? '发布后即可报名。' : '报名开始时间不变。'}
          </View>
          <FieldError text={problemAt('signup')} />
        </View>
        <View className="field__label">谁可以报名</View>
        <Segmented
          options={[
            { value: 'residents', label: '本社区认证居民' },
            { value: 'invited', label: '仅限受邀居民' },
          ]}
          value={draft.audience}
          onChange={(audience) => set({ audience })}
        />
      </Card>

      <Card title="议程">
        <AgendaEditor
          agenda={draft.agenda}
          onChange={(agenda) => set({ agenda })}
          candidates={candidates.data ?? []}
          conventions={conventions.data ?? []}
        />
        <FieldError text={problemAt('agenda')} />
      </Card>

      {problem?.field === 'form' && <View className="notice form-problem">{problem.message}</View>}
      <Button block busy={saving} busyText="正在保存…" onClick={() => void save()}>
        {meetingId ? '保存修改' : '保存草稿'}
      </Button>
      {!meetingId && (
        <View className="muted card-action">保存后是草稿，检查无误再发布，居民才能看到。</View>
      )}
    </Page>
  )
}
