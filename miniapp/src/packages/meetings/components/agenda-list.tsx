import { Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import {
  rateItem,
  requestToSpeak,
  type AgendaItem,
  type MeetingDetail,
} from '@/packages/meetings/api'
import { BottomSheet } from '@/components/bottom-sheet'
import { Button } from '@/components/button'
import { FieldError } from '@/components/field-error'
import { InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { conventionPath } from '@/packages/conventions/lib/routes'
import { hasStarted } from '@/packages/meetings/lib/labels'
import { ResolutionView } from './resolution-view'
import { Stars } from './stars'

const IDEA_PAGE = '/packages/suggestions/pages/detail/index'

function LinkedLine({ item }: { item: AgendaItem }) {
  if (item.suggestion) {
    const s = item.suggestion
    return (
      <View className="mt-item__text">
        关联金点子：
        <View
          className="mt-link"
          ariaRole="link"
          onClick={() =>
            void Taro.navigateTo({ url: `${IDEA_PAGE}?id=${encodeURIComponent(s.id)}` })
          }
        >
          {s.title}（{s.statusLabel}）
        </View>
      </View>
    )
  }
  if (item.convention) {
    const c = item.convention
    return (
      <View className="mt-item__text">
        关联微规约：
        <View
          className="mt-link"
          ariaRole="link"
          onClick={() => void Taro.navigateTo({ url: conventionPath('detail', { id: c.id }) })}
        >
          {c.title}（{c.statusLabel}）
        </View>
      </View>
    )
  }
  return null
}

/**
 * The agenda as residents see it: each item with what it is linked to, speak requests before
 * the meeting, the resolution after it, and for a 评议会 the stars of those present.
 */
export function AgendaList({
  meeting,
  now,
  onChanged,
}: {
  meeting: MeetingDetail
  now: number
  onChanged: () => void
}) {
  const [speakingOn, setSpeakingOn] = useState<AgendaItem | null>(null)
  const [topic, setTopic] = useState('')
  const [busy, setBusy] = useState(false)
  const [topicProblem, setTopicProblem] = useState<string | null>(null)
  const started = hasStarted(meeting, now)
  const registered = meeting.my !== null && meeting.my.status !== 'cancelled'
  const canSpeak = meeting.status === 'published' && !started && registered
  const rating = meeting.type === 'evaluation' && meeting.status === 'published' && started
  const canRate = rating && Boolean(meeting.my?.checkedIn)
  // Someone signed up but not yet checked in would otherwise find no stars and not know why.
  const rateAfterCheckin = rating && meeting.my?.status === 'confirmed' && !meeting.my.checkedIn

  const sendSpeak = async () => {
    if (!speakingOn) return
    if (topic.trim().length < 2) {
      setTopicProblem('请写明发言主题（至少 2 个字）')
      showError(new InputError('请写明发言主题（至少 2 个字）'))
      return
    }
    setTopicProblem(null)
    setBusy(true)
    try {
      await requestToSpeak(meeting.id, speakingOn.id, topic.trim())
      setSpeakingOn(null)
      setTopic('')
      showSuccess('已申请发言')
      onChanged()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  const rate = async (item: AgendaItem, stars: number) => {
    try {
      await rateItem(meeting.id, item.id, stars)
      showSuccess(`已评 ${stars} 星`)
      onChanged()
    } catch (e) {
      showError(e)
    }
  }

  return (
    <View>
      {meeting.agenda.map((item, i) => (
        <View className="mt-item" key={item.id}>
          <View className="mt-item__title">
            {i + 1}. {item.title}
          </View>
          {item.description !== '' && <View className="mt-item__text">{item.description}</View>}
          <LinkedLine item={item} />
          {item.speakRequestCount > 0 && (
            <View className="mt-item__text">{item.speakRequestCount} 人申请发言</View>
          )}
          {item.mySpeakTopic !== null && (
            <View className="mt-item__text">我申请发言：{item.mySpeakTopic}</View>
          )}
          {canSpeak && item.mySpeakTopic === null && (
            <Button
              kind="secondary"
              size="small"
              className="card-action"
              onClick={() => setSpeakingOn(item)}
            >
              申请发言
            </Button>
          )}
          {item.resolution && (
            <ResolutionView
              resolution={item.resolution}
              linkedSuggestion={item.suggestion !== null}
            />
          )}
          {meeting.type === 'evaluation' && item.rating.count > 0 && (
            <View className="mt-item__text">
              居民评分：{item.rating.average?.toFixed(1)} 星（{item.rating.count} 人）
            </View>
          )}
          {rateAfterCheckin && (
            <View className="mt-item__text">到场签到后，就可以为这项工作打分。</View>
          )}
          {canRate && (
            <View>
              <View className="mt-item__text">
                {item.rating.mine
                  ? `我的评分：${item.rating.mine} 星（${item.suggestion ? '与金点子页的评价是同一个，' : ''}可以改）`
                  : '请为这项工作打分：'}
              </View>
              <Stars value={item.rating.mine ?? 0} onRate={(n) => void rate(item, n)} />
            </View>
          )}
        </View>
      ))}

      {speakingOn && (
        <BottomSheet title="申请发言" onClose={() => setSpeakingOn(null)}>
          <View className="paragraph">议题：{speakingOn.title}</View>
          <View className="field">
            <View className="field__label">我想说的是</View>
            <Textarea
              className="textarea"
              value={topic}
              maxlength={100}
              placeholder="例如：希望晚上 9 点后不要施工"
              onInput={(e) => setTopic(e.detail.value)}
            />
            <FieldError text={topicProblem} />
            <View className="field__hint">主持人会按申请顺序请您发言。</View>
          </View>
          <Button block busy={busy} onClick={() => void sendSpeak()}>
            提交申请
          </Button>
        </BottomSheet>
      )}
    </View>
  )
}
