import { Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { cancelSignUp, checkIn, signUp, type MeetingDetail } from '@/packages/meetings/api'
import type { Me } from '@/api/types'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { FieldError } from '@/components/field-error'
import { InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { formatDateTime } from '@/lib/format'
import { go } from '@/lib/nav'
import {
  hasStarted,
  myStateLabel,
  normalizeCheckinCode,
  signUpAction,
  signUpGate,
  SIGNUP_LABELS,
} from '@/packages/meetings/lib/labels'
import { askToSubscribe, useSubscribePrompt } from '@/lib/subscribe'

const isWeapp = process.env.TARO_ENV === 'weapp'

function CheckIn({
  meeting,
  initialCode,
  onDone,
}: {
  meeting: MeetingDetail
  initialCode: string
  onDone: () => void
}) {
  const [code, setCode] = useState(initialCode)
  const [busy, setBusy] = useState(false)
  const [codeProblem, setCodeProblem] = useState<string | null>(null)

  const send = async (value: string) => {
    const normalized = normalizeCheckinCode(value)
    if (!normalized) {
      setCodeProblem('请输入会场门口的签到码')
      showError(new InputError('请输入会场门口的签到码'))
      return
    }
    setCodeProblem(null)
    setBusy(true)
    try {
      await checkIn(meeting.id, normalized)
      showSuccess('签到成功')
      onDone()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      setCode(normalizeCheckinCode(result))
      await send(result)
    } catch {
      // Closing the camera is not an error.
    }
  }

  return (
    <View className="card-action">
      <View className="field__label">到了会场？请签到</View>
      <Input
        className="input input--code"
        type="text"
        maxlength={12}
        value={code}
        placeholder="签到码"
        ariaLabel="签到码"
        onInput={(e) => setCode(e.detail.value)}
      />
      <FieldError text={codeProblem} />
      <View className="field__hint">签到码写在会场门口，也可以问工作人员。</View>
      <Button block busy={busy} className="card-action" onClick={() => void send(code)}>
        签到
      </Button>
      {isWeapp && (
        <Button kind="secondary" block onClick={() => void scan()}>
          扫门口的二维码签到
        </Button>
      )}
    </View>
  )
}

/** My place in the meeting and the one action that fits now: sign up, cancel, or check in. */
export function RegistrationCard({
  meeting: m,
  now,
  me,
  initialCode,
  onChanged,
}: {
  meeting: MeetingDetail
  now: number
  /** The signed-in person (null for a visitor): whether they may sign up here. */
  me: Me | null
  initialCode: string
  onChanged: () => void
}) {
  useSubscribePrompt()
  const [busy, setBusy] = useState(false)
  const mine = myStateLabel(m.my)
  const action = signUpAction(m.signup, m.my)
  const started = hasStarted(m, now)
  const inCheckinWindow = now >= m.checkinOpensAt && now <= m.checkinClosesAt
  const confirmed = m.my?.status === 'confirmed'

  if (m.status === 'draft') return null
  if (m.status === 'cancelled') {
    return (
      <Card tone="warn" title="会议已取消">
        {m.cancelReason && <View className="paragraph">原因：{m.cancelReason}</View>}
      </Card>
    )
  }
  // Whoever may not sign up is told why before tapping anything, not by a 403 afterwards.
  const gate = signUpGate(m, me, now)
  if (gate === 'none') return null
  if (gate === 'login') {
    return (
      <Card tone="accent" title="报名参加">
        <View className="paragraph">登录并认证为本社区居民后可以报名。</View>
        <Button block onClick={() => go('login')}>
          登录
        </Button>
      </Card>
    )
  }
  if (gate === 'verify') {
    return (
      <Card tone="accent" title="认证后才能报名">
        <View className="paragraph">
          会议请本社区的认证居民报名。用居委会发的邀请码，或提交申请由居委会审核。
        </View>
        <Button block onClick={() => go('verify')}>
          去认证
        </Button>
      </Card>
    )
  }
  if (gate === 'pending') {
    return (
      <Card tone="warn" title="认证审核中">
        <View className="paragraph">您的居民认证申请还在审核，通过后就可以报名。</View>
      </Card>
    )
  }
  if (gate === 'staff') {
    return (
      <Card title="报名">
        <View className="paragraph">
          报名的是本社区的认证居民。您以工作人员身份登录，报名名单在“报名和签到名单”里；如果您也住在本社区，认证后就能以居民身份报名。
        </View>
        <Button kind="secondary" block onClick={() => go('verify')}>
          去认证
        </Button>
      </Card>
    )
  }

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await work()
      showSuccess(done)
      onChanged()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  // WeChat's prompt first, from the tap itself: the outcome of the sign-up is then told there too.
  const join = () =>
    void askToSubscribe(['meeting']).then(() =>
      run(async () => {
        const { meeting } = await signUp(m.id)
        const state = myStateLabel(meeting.my)
        if (meeting.my?.status === 'waitlisted') {
          await Taro.showModal({
            title: '已加入候补',
            content: `您现在是${state?.text ?? '候补'}。有人取消时按先后顺序递补，递补成功会在“我的消息”里通知您。`,
            showCancel: false,
            confirmText: '知道了',
          })
        }
      }, '报名成功'),
    )

  const leave = async () => {
    const { confirm } = await Taro.showModal({
      title: m.my?.status === 'waitlisted' ? '退出候补' : '取消报名',
      content:
        m.my?.status === 'waitlisted'
          ? '确定不再候补这场会议吗？'
          : '确定取消报名吗？您的名额会让给候补的居民。',
      confirmText: '确定取消',
      cancelText: '不取消',
    })
    if (confirm) void run(() => cancelSignUp(m.id), '已取消报名')
  }

  const signup = SIGNUP_LABELS[m.signup]
  return (
    <Card tone={mine ? (mine.tone === 'warn' ? 'warn' : 'ok') : 'plain'} title="我的报名">
      {mine ? (
        <View className="paragraph">
          <Badge tone={mine.tone}>{mine.text}</Badge>
          {m.my?.status === 'waitlisted' && ' 有人取消时按先后顺序递补，递补成功会通知您。'}
          {m.my?.status === 'confirmed' &&
            !m.my.checkedIn &&
            ' 请按时到会，到场后凭门口的签到码签到。'}
        </View>
      ) : (
        <View className="paragraph">
          <Badge tone={signup.tone}>{signup.text}</Badge>
          {m.signup === 'not_yet' && ` 报名 ${formatDateTime(m.signupOpensAt)} 开始。`}
          {m.signup === 'invited_only' &&
            ' 这场会议只请受邀的居民参加，您不在邀请名单上。想参加请联系居委会。'}
        </View>
      )}
      {(m.signup === 'open' || m.signup === 'waitlist' || m.signup === 'not_yet') && (
        <View className="muted">报名截止：{formatDateTime(m.signupClosesAt)}</View>
      )}
      {action && (
        <Button block busy={busy} className="card-action" onClick={join}>
          {action}
        </Button>
      )}
      {mine && !started && !m.my?.checkedIn && (
        <Button kind="quiet" block busy={busy} className="card-action" onClick={() => void leave()}>
          {m.my?.status === 'waitlisted' ? '退出候补' : '取消报名'}
        </Button>
      )}
      {confirmed && !m.my?.checkedIn && inCheckinWindow && (
        <CheckIn meeting={m} initialCode={initialCode} onDone={onChanged} />
      )}
      {confirmed && !m.my?.checkedIn && now < m.checkinOpensAt && (
        <View className="muted card-action">签到从 {formatDateTime(m.checkinOpensAt)} 开始。</View>
      )}
    </Card>
  )
}
