import { Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '@/components/button'
import { FieldError } from '@/components/field-error'
import { InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import {
  getConvention,
  recordPaperBallot,
  type BallotOption,
  type ConventionSummary,
} from '@/packages/conventions/api'
import { OPTION_NAMES, OPTIONS } from '@/packages/conventions/lib/labels'
import { validatePaperRef } from '@/packages/conventions/lib/forms'
import { formatReceipt } from '@/packages/conventions/lib/receipts'

/**
 * Her signed paper ballot, recorded by staff or her 楼组长 (decision 019): the household (or, when
 * the vote counts people, she herself) is hers, so nobody picks it; paper takes precedence over an
 * online ballot of her household, and the API says so if one paper is already in.
 */
export function PaperBallotForm({
  convention,
  residentId,
  householdId,
  name,
}: {
  convention: ConventionSummary
  residentId: string
  householdId: string
  name: string
}) {
  const [option, setOption] = useState<BallotOption | null>(null)
  const [paperRef, setPaperRef] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [receipt, setReceipt] = useState<string | null>(null)

  const submit = async () => {
    const ref = validatePaperRef(paperRef)
    const found = !option ? '请选择纸质票上的选择' : ref.ok ? null : ref.error
    setProblem(found)
    if (found || !option || !ref.ok) return showError(new InputError(found ?? ''))
    const { confirm } = await Taro.showModal({
      title: '登记纸质票',
      content: `${name}：“${OPTION_NAMES[option]}”，纸质票编号 ${ref.value}。纸质票优先于她家的线上投票，登记后不能更改。`,
      confirmText: '登记',
    })
    if (!confirm) return
    setBusy(true)
    try {
      const detail = await getConvention(convention.id)
      const perPerson = detail.voting?.rule === 'simple'
      const result = await recordPaperBallot(convention.id, {
        option,
        paperRef: ref.value,
        actingFor: residentId,
        ...(perPerson ? { userId: residentId } : { householdId }),
      })
      setReceipt(result.receipt)
      showSuccess('已登记')
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  if (receipt)
    return (
      <View className="act-row__body">
        <View className="act-row__title">{convention.title}</View>
        <View className="muted">已登记她的纸质票，回执码（请写在纸质票上交还她）：</View>
        <View className="claim-code">{formatReceipt(receipt)}</View>
      </View>
    )

  return (
    <View className="paper-form">
      <View className="act-row__title">{convention.title}</View>
      <View className="chips" ariaRole="radiogroup" ariaLabel="纸质票上的选择">
        {OPTIONS.map((o) => (
          <View
            key={o}
            className={option === o ? 'chip chip--on' : 'chip'}
            ariaRole="radio"
            aria-checked={option === o}
            onClick={() => setOption(o)}
          >
            {OPTION_NAMES[o]}
          </View>
        ))}
      </View>
      <View className="field">
        <View className="field__label">纸质票编号</View>
        <Input
          className={problem ? 'input input--invalid' : 'input'}
          value={paperRef}
          maxlength={40}
          ariaLabel="纸质票编号"
          placeholder="纸质票右上角的编号"
          placeholderClass="placeholder"
          onInput={(e) => setPaperRef(e.detail.value)}
        />
        <FieldError text={problem} />
      </View>
      <Button block busy={busy} busyText="正在登记…" onClick={() => void submit()}>
        登记她的纸质票
      </Button>
    </View>
  )
}
