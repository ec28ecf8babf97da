import { Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { rateSuggestion, type SuggestionDetail } from '@/packages/suggestions/api'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { FieldError } from '@/components/field-error'
import { InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { ratingText } from '@/packages/suggestions/lib/format'
import {
  STAR_WORDS,
  toRatingBody,
  validateRating,
  type RatingDraft,
} from '@/packages/suggestions/lib/rating'
import { ariaBool, FOCUSABLE } from '@/components/a11y'

function Stars({ value, onChange }: { value: number; onChange: (stars: number) => void }) {
  return (
    <View className="stars" ariaRole="radiogroup">
      {[1, 2, 3, 4, 5].map((n) => (
        <View
          key={n}
          className={n <= value ? 'stars__star stars__star--on' : 'stars__star'}
          ariaRole="radio"
          aria-checked={ariaBool(n === value)}
          {...FOCUSABLE}
          ariaLabel={`${n} 星`}
          onClick={() => onChange(n)}
        >
          ★
        </View>
      ))}
    </View>
  )
}

/** 民事民评: the public average, and for the author and supporters after completion, their rating. */
export function RatingCard({
  detail,
  onChanged,
}: {
  detail: SuggestionDetail
  onChanged: () => Promise<void>
}) {
  const mine = detail.viewer.myRating
  const [draft, setDraft] = useState<RatingDraft>({
    stars: mine?.stars ?? 0,
    unresolved: mine?.unresolved ?? false,
    reason: '',
  })
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [editing, setEditing] = useState(!mine)
  const publicRating = ratingText(detail.rating)

  if (!detail.viewer.canRate && !publicRating) return null

  const submit = async () => {
    const found = validateRating(draft)
    setProblem(found)
    if (found) {
      showError(new InputError(found))
      return
    }
    setBusy(true)
    try {
      await rateSuggestion(detail.id, toRatingBody(draft))
      showSuccess(draft.unresolved ? '已反馈，将重新处理' : '谢谢您的评价')
      setEditing(false)
      await onChanged()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card title="居民评价">
      <View className="paragraph">{publicRating ?? '还没有人评价。'}</View>
      {detail.viewer.canRate && mine && !editing && (
        <>
          <View className="paragraph">
            您的评价：{'★'.repeat(mine.stars)}（{STAR_WORDS[mine.stars]}）
            {mine.unresolved ? '，您认为问题未解决' : ''}
          </View>
          <Button kind="secondary" block onClick={() => setEditing(true)}>
            修改评价
          </Button>
        </>
      )}
      {detail.viewer.canRate && editing && (
        <>
          <View className="field__label">事情办好了吗？请打分</View>
          <Stars value={draft.stars} onChange={(stars) => setDraft((d) => ({ ...d, stars }))} />
          <View className="rating-word">{STAR_WORDS[draft.stars] ?? ''}</View>
          <View className="field__label">问题解决了吗？</View>
          <View
            className={!draft.unresolved ? 'choice choice--on' : 'choice'}
            ariaRole="radio"
            aria-checked={ariaBool(!draft.unresolved)}
            {...FOCUSABLE}
            onClick={() => setDraft((d) => ({ ...d, unresolved: false }))}
          >
            <View>已解决</View>
            {!draft.unresolved && <View className="choice__mark">✓ 已选</View>}
          </View>
          <View
            className={draft.unresolved ? 'choice choice--on' : 'choice'}
            ariaRole="radio"
            aria-checked={ariaBool(draft.unresolved)}
            {...FOCUSABLE}
            onClick={() => setDraft((d) => ({ ...d, unresolved: true }))}
          >
            <View>未解决</View>
            {draft.unresolved && <View className="choice__mark">✓ 已选</View>}
          </View>
          {draft.unresolved && (
            <View className="field card-action">
              <View className="field__label">哪里还没解决？（必填）</View>
              <Textarea
                className="textarea textarea--fit"
                value={draft.reason}
                maxlength={300}
                placeholder="例如：新装的灯晚上十点后就不亮了"
                placeholderClass="placeholder"
                onInput={(e) => setDraft((d) => ({ ...d, reason: e.detail.value }))}
              />
              <View className="field__hint">提交后这条建议会重新交给居委会处理。</View>
            </View>
          )}
          <FieldError text={problem} />
          <Button
            block
            className="card-action"
            busy={busy}
            busyText="正在提交…"
            disabled={draft.stars === 0}
            onClick={() => void submit()}
          >
            提交评价
          </Button>
        </>
      )}
    </Card>
  )
}
