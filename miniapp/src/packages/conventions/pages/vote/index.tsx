import { View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useState } from 'react'
import {
  castBallot,
  getTurnout,
  type BallotOption,
  type BallotReceipt,
  type ConventionDetail,
} from '@/packages/conventions/api'
import { useSession } from '@/auth/session'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ShareBar } from '@/components/share-bar'
import { ErrorState, Loading } from '@/components/states'
import { InputError } from '@/lib/error-message'
import { showError } from '@/lib/errors'
import { formatDateTime } from '@/lib/format'
import { go } from '@/lib/nav'
import { useAsync } from '@/lib/use-async'
import { TurnoutMeter } from '@/packages/conventions/components/turnout-meter'
import {
  OPTION_NAMES,
  OPTIONS,
  ruleChoice,
  usesArea,
  voterUnit,
} from '@/packages/conventions/lib/labels'
import { formatReceipt, rememberReceipt, storedReceipt } from '@/packages/conventions/lib/receipts'
import { formatAreaText, timeLeftText } from '@/packages/conventions/lib/result-view'
import { backToDetail, confirm, replacePage, taroStorage } from '@/packages/conventions/lib/taro'
import { useConvention } from '@/packages/conventions/lib/use-convention'
import { ballotFor, defaultBallot } from '@/packages/conventions/lib/vote-view'
import { Page } from '@/components/page'
import '@/packages/conventions/conventions.scss'
import { ariaBool, FOCUSABLE } from '@/components/a11y'

const OPTION_HINTS: Record<BallotOption, string> = {
  yes: '同意这份微规约',
  no: '不同意这份微规约',
  abstain: '不表态（计入参与，不计入赞成）',
}

/** The text being voted on: the version fixed when voting opened, article by article. */
function ArticlesVotedOn({ detail }: { detail: ConventionDetail }) {
  const { text } = detail
  return (
    <Card title={`表决的条文（第 ${text.version} 版）`} className="voted-text">
      {text.preamble && <View className="cv-preamble">{text.preamble}</View>}
      {text.articles.map((article, i) => (
        <View className="article" key={i}>
          <View className="article__row">
            <View className="article__no">第{i + 1}条</View>
            <View className="article__text">{article}</View>
          </View>
        </View>
      ))}
    </Card>
  )
}

/**
 * The ballot first (a resident opens this page to vote: at 375×667 the choices are on the first
 * screen), then the articles being voted on, how the vote is counted, and the turnout.
 */
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
  const [voter, setVoter] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [receipt, setReceipt] = useState<BallotReceipt | null>(null)
  const detail = convention.data
  // A vote travels from neighbour to neighbour: the card says what and until when.
  useShareAppMessage(() => ({
    title: detail?.voting
      ? `请为《${detail.title}》投票（${timeLeftText(detail.voting.closesAt, Date.now())}）`
      : `微规约：${detail?.title ?? ''}`,
    path: `/packages/conventions/pages/vote/index?id=${convention.id}`,
  }))

  if (!detail && convention.loading) return <Loading />
  if (!detail)
    return <ErrorState error={convention.error} onRetry={() => void convention.reload()} />

  const voting = detail.voting
  if (detail.status !== 'voting' || !voting) {
    return (
      <Page>
        <Card tone="warn" title={detail.result ? '表决已结束' : '还没有开始表决'}>
          <View className="paragraph">
            《{detail.title}》当前状态：{detail.statusLabel}。
          </View>
          <Button block onClick={() => replacePage('detail', { id: detail.id })}>
            {detail.result ? '查看表决结果' : '查看微规约'}
          </Button>
        </Card>
      </Page>
    )
  }

  const rule = ruleChoice(voting.rule)
  const unit = voterUnit(voting.rule, voting.basis)
  const ballots = detail.viewer.ballots
  const current = ballotFor(ballots, voter ?? defaultBallot(ballots)?.voter ?? null)
  const owners = voting.basis === 'owners'
  const saved = storedReceipt(taroStorage, detail.id)

  const submit = async () => {
    if (!choice || !current) return
    const changing = current.hasVoted || (receipt !== null && receipt.source === current.source)
    const who = current.source === 'proxy' ? `（${current.label}）` : ''
    const ok = await confirm(
      changing ? '确认更改投票' : '确认投票',
      `您${who}选择“${OPTION_NAMES[choice]}”。${changing ? '更改后以这一次为准。' : ''}截止前还可以更改。`,
      '确认投票',
    )
    if (!ok) return
    setBusy(true)
    try {
      const result = await castBallot(
        detail.id,
        choice,
        ballots.length > 1 ? current.voter : undefined,
      )
      // The receipt of a ballot cast by proxy belongs to the owner: it is shown, not kept here.
      if (result.source !== 'proxy')
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
    <Page>
      <View className="page-title">{detail.title}</View>
      <View className="vote-facts">
        <Badge tone="warn">{rule.name}</Badge>
        <View className="vote-facts__text">
          表决第 {voting.version} 版（共 {detail.text.articles.length} 条，条文见下方）· 截止{' '}
          {formatDateTime(voting.closesAt)}（{timeLeftText(voting.closesAt, Date.now())}）
        </View>
      </View>

      {receipt && (
        <Card tone="ok" title="投票成功">
          <View className="receipt">
            <View className="receipt__label">
              {receipt.source === 'proxy' ? '您代业主' : '您'}投了“{OPTION_NAMES[receipt.option]}
              ”。回执码：
            </View>
            <View className="receipt__code">{formatReceipt(receipt.receipt)}</View>
            <View className="receipt__label">
              {receipt.source === 'proxy'
                ? '请把回执码交给委托您的业主：表决结束后，业主可以用它核对这张票是否计入结果。'
                : '回执码已保存在本机。表决结束后，可以用它核对您的票是否计入结果；别人看不到您投了什么。'}
            </View>
          </View>
          <Button
            kind="secondary"
            block
            className="card-action"
            onClick={() => (ballots.length > 1 ? setReceipt(null) : backToDetail(detail.id))}
          >
            {ballots.length > 1 ? '继续投另一票' : '返回微规约'}
          </Button>
        </Card>
      )}

      {!token && (
        <Card tone="accent" title="登录后投票">
          <Button block onClick={() => go('login')}>
            登录
          </Button>
        </Card>
      )}

      {token && !detail.viewer.canVote && (
        <View className="notice notice--info vote-refusal">
          {detail.viewer.voteRefusal ??
            `本规约适用于${detail.scopeLabel}，只有这个范围内有表决权的人可以投票。`}
        </View>
      )}

      {detail.viewer.canVote && current && !receipt && (
        <Card
          title={current.hasVoted ? '更改我的投票' : '我的投票'}
          className="ballot page__primary"
        >
          {ballots.length > 1 && (
            <View className="field">
              <View className="field__hint">您可以投 {ballots.length} 票，先选这一票为谁投：</View>
              <View className="chips">
                {ballots.map((b) => (
                  <View
                    key={b.voter}
                    className={b.voter === current.voter ? 'chip chip--on' : 'chip'}
                    ariaRole="radio"
                    aria-checked={ariaBool(b.voter === current.voter)}
                    {...FOCUSABLE}
                    onClick={() => setVoter(b.voter)}
                  >
                    {b.label}
                    {b.hasVoted ? ' ✓' : ''}
                  </View>
                ))}
              </View>
            </View>
          )}
          {owners && (
            <View className="muted ballot__who">
              {current.source === 'proxy' ? current.label : '以业主身份'}：
              {current.units.join('、')}
              {current.areaM2 ? `，专有面积 ${formatAreaText(current.areaM2)}` : ''}
              {current.units.length > 1 ? `；${current.units.length} 套只投 1 票、计 1 人` : ''}
            </View>
          )}
          {current.hasVoted && (
            <View className="paragraph">
              <Badge tone="ok">已投票</Badge> 这一票已经投过，可以更改，以最后一次为准。
              {saved && current.source === 'online'
                ? ` 上次回执码：${formatReceipt(saved.receipt)}`
                : ''}
            </View>
          )}
          {OPTIONS.map((o) => (
            <View
              key={o}
              className={choice === o ? 'choice ballot-choice choice--on' : 'choice ballot-choice'}
              ariaRole="radio"
              aria-checked={ariaBool(choice === o)}
              {...FOCUSABLE}
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

      <ArticlesVotedOn detail={detail} />

      <Card title={`怎么计票：${rule.name}`}>
        <View className="paragraph">{voting.ruleDescription}</View>
        {voting.counting.map((line, i) => (
          <View className="paragraph counting-line" key={i}>
            {line}
          </View>
        ))}
        <View className="paragraph">{voting.leadersNote}</View>
        <View className="paragraph">
          本次共 {voting.roll.voters} {unit}有表决权
          {usesArea(voting.rule) ? `，专有面积合计 ${formatAreaText(voting.roll.areaM2)}` : ''}
          。名册在表决开始时确定。
        </View>
      </Card>

      <Card title="参与情况">
        {turnout.loading && !turnout.data && <Loading />}
        {turnout.data && <TurnoutMeter turnout={turnout.data} />}
        <View className="muted card-action">表决结束前只公布参与人数，不公布各选项票数。</View>
      </Card>

      <ShareBar label="转发给邻居，提醒投票" />
    </Page>
  )
}
