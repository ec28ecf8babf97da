import { Input, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { addWalkIn, getAttendance, getMeeting, type Attendance } from '@/packages/meetings/api'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Segmented } from '@/components/segmented'
import { ErrorState, Loading } from '@/components/states'
import { FieldError } from '@/components/field-error'
import { InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { clock } from '@/packages/meetings/lib/time'
import { exportAttendanceCsv } from '@/packages/meetings/lib/csv-export'
import {
  csvFileName,
  registrationFilter,
  type RegistrationFilter,
} from '@/packages/meetings/lib/attendance'
import { useAsync } from '@/lib/use-async'
import { Page } from '@/components/page'
import '@/packages/meetings/meetings.scss'
import { inputLabel } from '@/components/a11y'

// For the 居委会 worker at the door: who signed up, who is waiting, who has checked in; people
// who come without signing up are added as walk-ins; speak requests in order; CSV for the file.

type Registration = Attendance['registrations'][number]

function Counts({ counts }: { counts: Attendance['counts'] }) {
  const cells = [
    { n: counts.confirmed, label: '已报名' },
    { n: counts.checkedIn, label: '已签到' },
    { n: counts.waitlisted, label: '候补' },
    { n: counts.walkIns, label: '现场登记' },
  ]
  return (
    <View className="mt-count-row">
      {cells.map((c) => (
        <View className="mt-count-row__cell" key={c.label}>
          <View className="mt-count-row__n">{c.n}</View>
          <View className="mt-count-row__label">{c.label}</View>
        </View>
      ))}
    </View>
  )
}

function RegistrationRow({ r }: { r: Registration }) {
  return (
    <View className="list-item">
      <View className="list-item__row">
        <View className="list-item__title">
          {r.realName ?? r.nickname}
          {r.realName && <View className="muted">{r.nickname}</View>}
        </View>
        {r.checkedInAt !== null ? (
          <Badge tone="ok">已签到 {clock(r.checkedInAt)}</Badge>
        ) : r.status === 'waitlisted' ? (
          <Badge tone="warn">候补</Badge>
        ) : r.status === 'cancelled' ? (
          <Badge tone="plain">已取消</Badge>
        ) : (
          <Badge tone="plain">未签到</Badge>
        )}
      </View>
      <View className="list-item__meta">
        第 {r.seq} 位报名{r.building ? ` · ${r.building}` : ''}
        {r.promotedAt !== null ? ' · 候补递补' : ''}
      </View>
    </View>
  )
}

function WalkInForm({ meetingId, onAdded }: { meetingId: string; onAdded: () => void }) {
  const [name, setName] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [nameProblem, setNameProblem] = useState<string | null>(null)
  const add = async () => {
    if (!name.trim()) {
      setNameProblem('请填写姓名')
      showError(new InputError('请填写姓名'))
      return
    }
    setNameProblem(null)
    setBusy(true)
    try {
      await addWalkIn(meetingId, { name: name.trim(), note: note.trim() })
      setName('')
      setNote('')
      showSuccess('已登记')
      onAdded()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View>
      <View className="field">
        <View className="field__label">姓名</View>
        <Input
          className="input"
          value={name}
          maxlength={30}
          placeholder="例如：刘阿婆"
          onInput={(e) => setName(e.detail.value)}
        />
        <FieldError text={nameProblem} />
      </View>
      <View className="field">
        <View className="field__label">备注（楼号、单位等，可不填）</View>
        <Input
          {...inputLabel('备注')}
          className="input"
          value={note}
          maxlength={60}
          onInput={(e) => setNote(e.detail.value)}
        />
      </View>
      <Button block busy={busy} onClick={() => void add()}>
        登记现场参会
      </Button>
    </View>
  )
}

export default function AttendancePage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const meeting = useAsync(() => getMeeting(id), id)
  const list = useAsync(() => getAttendance(id), id)
  const [filter, setFilter] = useState<RegistrationFilter>('confirmed')
  const [exporting, setExporting] = useState(false)
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })

  const a = list.data
  if (!a && list.loading) return <Loading />
  if (!a) return <ErrorState error={list.error} onRetry={() => void list.reload()} />
  const shown = registrationFilter(a.registrations, filter)

  const exportCsv = async () => {
    setExporting(true)
    try {
      await exportAttendanceCsv(
        id,
        csvFileName(meeting.data?.title ?? '会议', meeting.data?.startsAt ?? Date.now()),
      )
    } catch (e) {
      showError(e)
    } finally {
      setExporting(false)
    }
  }

  return (
    <Page>
      <View className="page-title">{meeting.data?.title ?? '报名和签到名单'}</View>
      <Counts counts={a.counts} />

      <Card title="报名名单">
        <Segmented
          options={[
            { value: 'confirmed', label: '已报名' },
            { value: 'waitlisted', label: '候补' },
            { value: 'all', label: '全部' },
          ]}
          value={filter}
          onChange={setFilter}
        />
        {shown.length === 0 && <View className="muted">没有人。</View>}
        {shown.map((r) => (
          <RegistrationRow key={r.seq} r={r} />
        ))}
      </Card>

      <Card title={`现场登记（${a.walkIns.length}）`}>
        {a.walkIns.map((w) => (
          <View className="list-item" key={w.id}>
            <View className="list-item__title">{w.name}</View>
            <View className="list-item__meta">
              {[w.note, `${clock(w.createdAt)} 登记`].filter(Boolean).join(' · ')}
            </View>
          </View>
        ))}
        <View className="card-action">
          <WalkInForm meetingId={id} onAdded={() => void list.reload()} />
        </View>
      </Card>

      <Card className="mt-speak" title={`发言申请（${a.speakRequests.length}）`}>
        {a.speakRequests.length === 0 && <View className="muted">还没有人申请发言。</View>}
        {a.speakRequests.map((s, i) => (
          <View className="list-item" key={`${s.itemId}-${i}`}>
            <View className="list-item__title">
              {i + 1}. {s.nickname}：{s.topic}
            </View>
            <View className="list-item__meta">议题：{s.itemTitle}</View>
          </View>
        ))}
      </Card>

      {a.invited.length > 0 && (
        <Card title={`受邀居民（${a.invited.length}）`}>
          <View className="facts">
            {a.invited.map((p) => (
              <Badge key={p.userId} tone="plain">
                {p.nickname}
              </Badge>
            ))}
          </View>
        </Card>
      )}

      <Button kind="secondary" block busy={exporting} onClick={() => void exportCsv()}>
        {process.env.TARO_ENV === 'h5'
          ? '下载签到表（CSV，可用 Excel 打开）'
          : '把签到表发到聊天（CSV）'}
      </Button>
    </Page>
  )
}
