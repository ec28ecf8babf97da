import { Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { cancelMeeting, publishMeeting, type MeetingDetail } from '@/packages/meetings/api'
import { BottomSheet } from '@/components/bottom-sheet'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { FieldError } from '@/components/field-error'
import { InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { hasEnded, hasStarted } from '@/packages/meetings/lib/labels'
import { meetingUrl, type MeetingPage } from '@/packages/meetings/lib/routes'

const open = (page: MeetingPage, id: string) =>
  void Taro.navigateTo({ url: meetingUrl(page, { id }) })

/**
 * What an organiser (议事会 member, 居委会 staff) can do with the meeting now, in the order
 * the work comes: edit and publish a draft; invite; at the door; after the meeting.
 */
export function OrganiserPanel({
  meeting: m,
  now,
  onChanged,
}: {
  meeting: MeetingDetail
  now: number
  onChanged: () => void
}) {
  const [publishing, setPublishing] = useState(false)
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [reasonProblem, setReasonProblem] = useState<string | null>(null)
  const started = hasStarted(m, now)
  const live = m.status !== 'cancelled'

  const publish = async () => {
    const { confirm } = await Taro.showModal({
      title: '发布会议',
      content:
        m.audience === 'invited'
          ? '发布后受邀居民可以报名，并会收到通知。'
          : '发布后本社区认证居民都能看到并报名。',
      confirmText: '发布',
      cancelText: '再看看',
    })
    if (!confirm) return
    setPublishing(true)
    try {
      await publishMeeting(m.id)
      showSuccess('已发布')
      onChanged()
    } catch (e) {
      showError(e)
    } finally {
      setPublishing(false)
    }
  }

  const cancel = async () => {
    if (reason.trim().length < 2) {
      setReasonProblem('请写明取消的原因（至少 2 个字）')
      showError(new InputError('请写明取消的原因（至少 2 个字）'))
      return
    }
    setReasonProblem(null)
    setBusy(true)
    try {
      await cancelMeeting(m.id, reason.trim())
      setCancelling(false)
      showSuccess('会议已取消')
      onChanged()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card tone="accent" title="组织会议">
      {m.status === 'draft' && (
        <View className="paragraph">
          这是草稿，只有议事会成员和居委会能看到。发布后居民才能报名。
        </View>
      )}
      {m.checkinCode && live && (
        <View className="paragraph">
          签到码：<View className="strong">{m.checkinCode}</View>
        </View>
      )}
      {m.audience === 'invited' && m.invitedCount !== null && (
        <View className="paragraph">已邀请 {m.invitedCount} 位居民。</View>
      )}
      <View className="list-item__actions">
        {m.status === 'draft' && (
          <Button busy={publishing} onClick={() => void publish()}>
            发布会议
          </Button>
        )}
        {live && !started && (
          <Button kind="secondary" onClick={() => open('edit', m.id)}>
            修改会议
          </Button>
        )}
        {live && !started && m.audience === 'invited' && (
          <Button kind="secondary" onClick={() => open('invite', m.id)}>
            邀请居民
          </Button>
        )}
        {m.status === 'published' && (
          <Button kind="secondary" onClick={() => open('door', m.id)}>
            门口签到码
          </Button>
        )}
        {m.status === 'published' && (
          <Button kind="secondary" onClick={() => open('attendance', m.id)}>
            报名和签到名单
          </Button>
        )}
        {m.status === 'published' && started && (
          <Button onClick={() => open('minutes', m.id)}>纪要与决议</Button>
        )}
        {live && !hasEnded(m, now) && (
          <Button kind="danger" onClick={() => setCancelling(true)}>
            取消会议
          </Button>
        )}
      </View>

      {cancelling && (
        <BottomSheet title="取消会议" onClose={() => setCancelling(false)}>
          <View className="paragraph">取消后会释放预约的房间，已报名的居民都会收到通知。</View>
          <View className="field">
            <View className="field__label">取消原因（居民会看到）</View>
            <Textarea
              className="textarea"
              value={reason}
              maxlength={200}
              placeholder="例如：因天气原因改期，另行通知"
              onInput={(e) => setReason(e.detail.value)}
            />
            <FieldError text={reasonProblem} />
          </View>
          <Button kind="danger" block busy={busy} onClick={() => void cancel()}>
            确认取消会议
          </Button>
        </BottomSheet>
      )}
    </Card>
  )
}
