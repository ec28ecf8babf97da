import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import {
  castBallot,
  getTurnout,
  type BallotOption,
  type BallotReceipt,
} from '@/packages/conventions/api'
import { useSession } from '@/auth/session'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ErrorState, Loading } from '@/components/states'
import { InputError } from '@/lib/error-message'
import { showError } from '@/lib/errors'
import { formatDateTime } from '@/lib/format'
import { go } from '@/lib/nav'
import { useAsync } from '@/lib/use-async'
import { TurnoutMeter } from '@/packages/conventions/components/turnout-meter'
import { OPTION_NAMES, OPTIONS, ruleChoice, usesArea } from '@/packages/conventions/lib/labels'
import { formatReceipt, rememberReceipt, storedReceipt } from '@/packages/conventions/lib/receipts'
import { formatAreaText, timeLeftText } from '@/packages/conventions/lib/result-view'
import { backToDetail, confirm, replacePage, taroStorage } from '@/packages/conventions/lib/taro'
import { useConvention } from '@/packages/conventions/lib/use-convention'
import '@/packages/conventions/conventions.scss'

const OPTION_HINTS: Record<BallotOption, string> = {
  yes: '同意这份微规约',
  no: '不同意这份微规约',
  abstain: '不表态（计入参与人数，不计入赞成）',
}

export default function VotePage() {
  const convention = useConvention()
  const { token } = useSession()
  const turnout = useAsync(
    () =>
      convention.id
        ? getTurnout(convention.id)
        : Promise.reject(new InputError('缺少微规约，请从议事页进入')),
    convention.id,
  )
  const [choice, setChoice] = useState<BallotOption | null>(null)
  const [busy, setBusy] = useState(false)
  const [receipt, setReceipt] = useState<BallotReceipt | null>(null)
  const detail = convention.data

  if (!detail && convention.loading) return <Loading />
  if (!detail)
    return <ErrorState error={convention.error} onRetry={() => void convention.reload()} />

  const voting = detail.voting
  if (detail.status !== 'voting' || !voting) {
    return (
      <View className="page">
        <Card tone="warn" title={detail.result ? '表决已结束' : '还没有开始表决'}>
          <View className="paragraph">
            《{detail.title}》当前状态：{detail.statusLabel}。
          </View>
          <Button block onClick={() => replacePage('detail', { id: detail.id })}>
            {detail.result ? '查看表决结果' : '查看微规约'}
          </Button>
        </Card>
      </View>
    )
  }

  const rule = ruleChoice(voting.rule)
  const saved = storedReceipt(taroStorage, detail.id)

  const submit = async () => {
    if (!choice) return
    const changing = detail.viewer.hasVoted || receipt !== null
    const ok = await confirm(
      changing ? '确认更改投票' : '确认投票',
      `您选择“${OPTION_NAMES[choice]}”。${changing ? '更改后以这一次为准。' : ''}截止前还可以更改。`,
      '确认投票',
    )
    if (!ok) return
    setBusy(true)
    try {
      const result = await castBallot(detail.id, choice)
      rememberReceipt(taroStorage, detail.id, {
        receipt: result.receipt,
        at: Date.now(),
        source: result.source,
      })
      setReceipt(result)
      setChoice(null)
      // The receipt card is at the top of the page: bring it into view.
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
      void turnout.reload()
      void convention.reload()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="page">
      <View className="page-title">{detail.title}</View>

      {receipt && (
        <Card tone="ok" title="投票成功">
          <View className="receipt">
            <View className="receipt__label">
              您投了“{OPTION_NAMES[receipt.option]}”。您的回执码：
            </View>
            <View className="receipt__code">{formatReceipt(receipt.receipt)}</View>
            <View className="receipt__label">
              回执码已保存在本机。表决结束后，可以用它核对您的票是否计入结果；别人看不到您投了什么。
            </View>
          </View>
          <Button
            kind="secondary"
            block
            className="card-action"
            onClick={() => backToDetail(detail.id)}
          >
            返回微规约
          </Button>
        </Card>
      )}

      <Card title={`表决规则：${rule.name}`}>
        <View className="paragraph">{voting.ruleDescription}</View>
        <View className="paragraph strong">
          投票截止：{formatDateTime(voting.closesAt)}（{timeLeftText(voting.closesAt, Date.now())}）
        </View>
        <View className="paragraph">
          本次共 {voting.roll.voters} {rule.unit}有表决权
          {usesArea(voting.rule) ? `，专有面积合计 ${formatAreaText(voting.roll.areaM2)}` : ''}
          。名册在表决开始时确定。
        </View>
      </Card>

      <Card title="参与情况">
        {turnout.loading && !turnout.data && <Loading />}
        {turnout.data && <TurnoutMeter turnout={turnout.data} />}
        <View className="muted card-action">表决结束前只公布参与人数，不公布各选项票数。</View>
      </Card>

      {!token && (
        <Card tone="accent" title="登录后投票">
          <Button block onClick={() => go('login')}>
            登录
          </Button>
        </Card>
      )}

      {token && !detail.viewer.canVote && (
        <View className="notice notice--info">
          本规约适用于{detail.scopeLabel}，只有这个范围内的认证居民可以投票。
        </View>
      )}

      {detail.viewer.canVote && !receipt && (
        <Card title={detail.viewer.hasVoted ? '更改我的投票' : '我的投票'}>
          {detail.viewer.hasVoted && (
            <View className="paragraph">
              <Badge tone="ok">已投票</Badge> 您{voting.rule === 'simple' ? '' : '家'}
              已经投过票，可以更改，以最后一次为准。
              {saved ? ` 上次回执码：${formatReceipt(saved.receipt)}` : ''}
            </View>
          )}
          {OPTIONS.map((o) => (
            <View
              key={o}
              className={choice === o ? 'choice ballot-choice choice--on' : 'choice ballot-choice'}
              ariaRole="radio"
              onClick={() => setChoice(o)}
            >
              <View>
                <View>{OPTION_NAMES[o]}</View>
                <View className="ballot-choice__hint">{OPTION_HINTS[o]}</View>
              </View>
              <View className="choice__mark">{choice === o ? '✓ 已选' : ''}</View>
            </View>
          ))}
          <Button
            block
            className="card-action"
            busy={busy}
            busyText="正在投票…"
            disabled={!choice}
            onClick={() => void submit()}
          >
            {choice ? `投“${OPTION_NAMES[choice]}”票` : '请先选择'}
          </Button>
          <View className="muted card-action">
            投票是无记名的：任何人（包括工作人员）都看不到您投了什么。
          </View>
        </Card>
      )}
    </View>
  )
}
