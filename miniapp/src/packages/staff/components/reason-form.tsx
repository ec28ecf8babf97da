import { Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '@/components/button'
import { FieldError } from '@/components/field-error'
import { InputError } from '@/lib/error-message'
import { showError } from '@/lib/errors'

type Props = {
  label: string
  placeholder: string
  confirmText: string
  onSubmit: (reason: string) => Promise<void>
  onCancel: () => void
}

/** An inline "why" box: the action cannot be confirmed without a reason. */
export function ReasonForm({ label, placeholder, confirmText, onSubmit, onCancel }: Props) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const submit = async () => {
    if (!reason.trim()) {
      setProblem(`请填写${label}`)
      showError(new InputError(`请填写${label}`))
      return
    }
    setProblem(null)
    setBusy(true)
    try {
      await onSubmit(reason.trim())
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="reason-form">
      <View className="field__label">{label}（必填）</View>
      <Textarea
        className="textarea"
        value={reason}
        maxlength={200}
        placeholder={placeholder}
        onInput={(e) => setReason(e.detail.value)}
      />
      <FieldError text={problem} />
      <View className="btn-row reason-form__actions">
        <Button kind="quiet" onClick={onCancel}>
          取消
        </Button>
        <Button kind="danger" busy={busy} disabled={!reason.trim()} onClick={() => void submit()}>
          {confirmText}
        </Button>
      </View>
    </View>
  )
}
