import { Input, View } from '@tarojs/components'
import { useState } from 'react'
import { listReceipts, type BallotReceipt } from '@/packages/conventions/api'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { errorMessage, isApiError } from '@/lib/error-message'
import { formatDateTime } from '@/lib/format'
import { OPTION_NAMES } from '@/packages/conventions/lib/labels'
import { formatReceipt, normalizeReceipt, storedReceipt } from '@/packages/conventions/lib/receipts'
import { taroStorage } from '@/packages/conventions/lib/taro'

type Outcome =
  | { kind: 'found'; item: BallotReceipt }
  | { kind: 'missing'; code: string }
  | { kind: 'error'; message: string }

/** After closing: "was my ballot counted, as I cast it?" against the published receipts. */
export function ReceiptCheck({ conventionId }: { conventionId: string }) {
  const mine = storedReceipt(taroStorage, conventionId)
  const [code, setCode] = useState(mine ? formatReceipt(mine.receipt) : '')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const check = async () => {
    const normalized = normalizeReceipt(code)
    if (!normalized) return
    setBusy(true)
    try {
      const { items } = await listReceipts(conventionId, normalized)
      const item = items[0]
      setOutcome(item ? { kind: 'found', item } : { kind: 'missing', code: normalized })
    } catch (e) {
      setOutcome(
        isApiError(e, 'NOT_FOUND')
          ? { kind: 'missing', code: normalized }
          : { kind: 'error', message: errorMessage(e) },
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card title="核对我的回执">
      {mine ? (
        <View className="paragraph">
          本机保存了您 {formatDateTime(mine.at)} 投票时的回执码，点“核对”查看它是否计入了结果。
        </View>
      ) : (
        <View className="paragraph">
          投票时拿到的回执码可以在这里核对：计入结果的每张票都公布了回执码和选项，但不公布是谁投的。
        </View>
      )}
      <View className="field">
        <Input
          className="input input--code"
          value={code}
          maxlength={12}
          placeholder="回执码"
          onInput={(e) => setCode(e.detail.value.toUpperCase())}
        />
      </View>
      <Button
        block
        busy={busy}
        busyText="正在核对…"
        disabled={!normalizeReceipt(code)}
        onClick={() => void check()}
      >
        核对
      </Button>
      {outcome?.kind === 'found' && (
        <View className="notice notice--info card-action">
          回执 {formatReceipt(outcome.item.receipt)} 已计入结果，记录的选项是“
          {OPTION_NAMES[outcome.item.option]}”
          {outcome.item.source === 'paper'
            ? '（纸质票）'
            : outcome.item.source === 'proxy'
              ? '（委托代投）'
              : ''}
          。如与您所投不符，请联系居委会。
        </View>
      )}
      {outcome?.kind === 'missing' && (
        <View className="notice card-action">
          没有找到回执 {formatReceipt(outcome.code)}
          。可能是之后又改过票（以最后一次的回执为准），同户家人后来重新投了票，或本户以纸质票为准。如有疑问，请联系居委会。
        </View>
      )}
      {outcome?.kind === 'error' && <View className="notice card-action">{outcome.message}</View>}
    </Card>
  )
}
