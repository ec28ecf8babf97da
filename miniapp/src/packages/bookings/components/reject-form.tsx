import { Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '@/components/button'
import { showError } from '@/lib/errors'

type Props = {
  onSubmit: (reason: string) => Promise<void>
  onCancel: () => void
  /** Defaults are for rejecting a booking; waiving a no-show or lifting a freeze pass their own words. */
  label?: string
  placeholder?: string
  submitText?: string
  danger?: boolean
}

/** A required reason (someone will read it), then the action: reject, waive, override. */
export function RejectForm({
  onSubmit,
  onCancel,
  label = '驳回理由（必填，预约人会看到）',
  placeholder = '例如：当天下午厅内布置展览，请改约其他房间',
  submitText = '确认驳回',
  danger = true,
}: Props) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    const text = reason.trim()
    if (!text) {
      void Taro.showToast({ title: '请填写理由', icon: 'none', duration: 2500 })
      return
    }
    setBusy(true)
    try {
      await onSubmit(text)
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="reject-form">
      <View className="field__label">{label}</View>
      <Textarea
        className="textarea textarea--fit"
        value={reason}
        maxlength={200}
        placeholder={placeholder}
        onInput={(e) => setReason(e.detail.value)}
      />
      <View className="btn-row reject-form__actions">
        <Button kind="quiet" onClick={onCancel}>
          取消
        </Button>
        <Button
          kind={danger ? 'danger' : 'primary'}
          busy={busy}
          disabled={!reason.trim()}
          onClick={() => void submit()}
        >
          {submitText}
        </Button>
      </View>
    </View>
  )
}
