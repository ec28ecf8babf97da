import { Textarea, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type { AnswerTemplate } from '@/packages/suggestions/api'
import { Button } from '@/components/button'
import { FieldError } from '@/components/field-error'
import { InputError } from '@/lib/error-message'
import { showError } from '@/lib/errors'

type Props = {
  label: string
  placeholder: string
  confirmText: string
  /** Runs the action; a thrown error is shown and the text stays for another try. */
  onSubmit: (text: string) => Promise<void>
  onCancel: () => void
  /** Reusable answers: tapping one puts its text in the box. */
  templates?: AnswerTemplate[]
  tone?: 'plain' | 'danger'
  maxLength?: number
  initial?: string
  children?: ReactNode
}

/** An inline text box for an action that needs words (a reason, an answer, a progress note). */
export function TextForm({
  label,
  placeholder,
  confirmText,
  onSubmit,
  onCancel,
  templates = [],
  tone = 'plain',
  maxLength = 1000,
  initial = '',
  children,
}: Props) {
  const [text, setText] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const submit = async () => {
    if (!text.trim()) {
      setProblem(`请填写${label}`)
      showError(new InputError(`请填写${label}`))
      return
    }
    setProblem(null)
    setBusy(true)
    try {
      await onSubmit(text.trim())
    } catch (e) {
      // A check of the caller's (photos not uploaded yet) belongs next to the form too.
      if (e instanceof InputError) setProblem(e.message)
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className={tone === 'danger' ? 'inline-form inline-form--danger' : 'inline-form'}>
      {children}
      <View className="field__label">{label}（必填）</View>
      {templates.length > 0 && (
        <View className="chips">
          {templates.map((t) => (
            <View key={t.id} className="chip" ariaRole="button" onClick={() => setText(t.body)}>
              {t.title}
            </View>
          ))}
        </View>
      )}
      <Textarea
        className="textarea textarea--fit textarea--tall"
        value={text}
        maxlength={maxLength}
        placeholder={placeholder}
        placeholderClass="placeholder"
        onInput={(e) => setText(e.detail.value)}
      />
      <FieldError text={problem} />
      <View className="btn-row">
        <Button kind="quiet" onClick={onCancel}>
          取消
        </Button>
        <Button
          kind={tone === 'danger' ? 'danger' : 'primary'}
          busy={busy}
          disabled={!text.trim()}
          onClick={() => void submit()}
        >
          {confirmText}
        </Button>
      </View>
    </View>
  )
}
