import { Input, Picker, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { publishResolution, type AgendaItem } from '@/packages/meetings/api'
import { Button } from '@/components/button'
import { ChoiceChips } from '@/components/choice-chips'
import { FieldError } from '@/components/field-error'
import { InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { MOVE_LABELS } from '@/packages/meetings/lib/labels'
import {
  EMPTY_RESOLUTION,
  MOVES_FOR_SUGGESTION,
  resolutionProblemAt,
  type ResolutionField,
  toResolutionBody,
  type ResolutionDraft,
} from '@/packages/meetings/lib/resolution-form'
import { shanghaiDate } from '@/packages/meetings/lib/time'
import { ariaBool, FOCUSABLE, inputLabel } from '@/components/a11y'

function Count({
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
      <Input
        {...inputLabel(label)}
        className="input"
        type="number"
        maxlength={6}
        value={value}
        onInput={(e) => onChange(e.detail.value)}
      />
    </View>
  )
}

/** 民事民决 for one item: decision, the vote if taken, owner, due date, and the 金点子's next state. */
export function ResolutionForm({
  meetingId,
  item,
  onPublished,
}: {
  meetingId: string
  item: AgendaItem
  onPublished: () => void
}) {
  const [d, setD] = useState<ResolutionDraft>(EMPTY_RESOLUTION)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<{ field: ResolutionField; message: string } | null>(null)
  const problemAt = (field: ResolutionField) => (problem?.field === field ? problem.message : null)
  const set = (change: Partial<ResolutionDraft>) => {
    setD((x) => ({ ...x, ...change }))
    setProblem(null)
  }
  const linked = item.suggestion !== null

  const publish = async () => {
    const found = resolutionProblemAt(d, shanghaiDate(Date.now()))
    setProblem(found)
    if (found) {
      showError(new InputError(found.message))
      return
    }
    setBusy(true)
    try {
      await publishResolution(meetingId, item.id, toResolutionBody(d, linked))
      showSuccess('决议已公布')
      onPublished()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="resolution-form">
      <View className="field">
        <View className="field__label">决议内容</View>
        <Textarea
          className="textarea"
          value={d.decision}
          maxlength={2000}
          placeholder="会议决定怎么办"
          onInput={(e) => set({ decision: e.detail.value })}
        />
        <FieldError text={problemAt('decision')} />
      </View>
      <View
        className="mt-toggle"
        ariaRole="checkbox"
        aria-checked={ariaBool(d.voted)}
        {...FOCUSABLE}
        onClick={() => set({ voted: !d.voted })}
      >
        <View className={d.voted ? 'checkbox checkbox--on' : 'checkbox'}>{d.voted ? '✓' : ''}</View>
        进行了表决
      </View>
      {d.voted && (
        <View className="mt-votes">
          <Count label="赞成" value={d.votesFor} onChange={(votesFor) => set({ votesFor })} />
          <Count
            label="反对"
            value={d.votesAgainst}
            onChange={(votesAgainst) => set({ votesAgainst })}
          />
          <Count
            label="弃权"
            value={d.votesAbstain}
            onChange={(votesAbstain) => set({ votesAbstain })}
          />
        </View>
      )}
      <FieldError text={problemAt('votes')} />
      <View className="field">
        <View className="field__label">责任人</View>
        <Input
          className="input"
          value={d.owner}
          maxlength={60}
          placeholder="例如：居委会 赵书记"
          onInput={(e) => set({ owner: e.detail.value })}
        />
        <FieldError text={problemAt('owner')} />
      </View>
      <View className="field">
        <View className="field__label">完成期限（可不填）</View>
        <Picker
          mode="date"
          value={d.dueDate || shanghaiDate(Date.now())}
          start={shanghaiDate(Date.now())}
          onChange={(e) => set({ dueDate: String(e.detail.value) })}
        >
          <View className="input" ariaRole="button">
            {d.dueDate || '选择日期'}
          </View>
        </Picker>
        {d.dueDate && (
          <View className="mt-link card-action" onClick={() => set({ dueDate: '' })}>
            不设期限
          </View>
        )}
        <FieldError text={problemAt('dueDate')} />
      </View>
      {linked && (
        <View className="field">
          <View className="field__label">
            金点子“{item.suggestion?.title}”（现在：{item.suggestion?.statusLabel}）
          </View>
          <ChoiceChips
            options={MOVES_FOR_SUGGESTION.map((m) => ({ value: m, label: MOVE_LABELS[m] }))}
            value={d.move}
            onChange={(move) => move && set({ move })}
          />
        </View>
      )}
      <Button block busy={busy} onClick={() => void publish()}>
        公布决议
      </Button>
      <View className="field__hint">决议公布后不能修改，居民和关联金点子的页面上都能看到。</View>
    </View>
  )
}
