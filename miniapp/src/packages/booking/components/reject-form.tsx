import { Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '../../../components/button'
import { showError } from '../../../lib/errors'

/** The reason box of a rejection: it cannot be sent empty, and the resident will read it. */
export function RejectForm({ onSubmit, onCancel }: { onSubmit: (reason: string) => Promise<void>; onCancel: () => void }) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    const text = reason.trim()
    if (!text) {
      void Taro.showToast({ title: '请填写驳回理由', icon: 'none', duration: 2500 })
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
    <View className='reject-form'>
      <View className='field__label'>驳回理由（必填，预约人会看到）</View>
      <Textarea
        className='textarea textarea--fit'
        value={reason}
        maxlength={200}
        placeholder='例如：当天下午厅内布置展览，请改约其他房间'
        onInput={(e) => setReason(e.detail.value)}
      />
      <View className='btn-row reject-form__actions'>
        <Button kind='quiet' onClick={onCancel}>
          取消
        </Button>
        <Button kind='danger' busy={busy} disabled={!reason.trim()} onClick={() => void submit()}>
          确认驳回
        </Button>
      </View>
    </View>
  )
}
