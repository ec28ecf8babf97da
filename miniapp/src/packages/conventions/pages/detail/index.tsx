import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import {
  getTurnout,
  listComments,
  pledge,
  type ConventionDetail,
  type Turnout,
} from '@/packages/conventions/api'
import { useSession } from '@/auth/session'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ErrorState, Loading } from '@/components/states'
import { showError, showSuccess } from '@/lib/errors'
import { formatDate, formatDateTime } from '@/lib/format'
import { go } from '@/lib/nav'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { ConventionText } from '@/packages/conventions/components/convention-text'
import { ManagePanel } from '@/packages/conventions/components/manage-panel'
import { ReceiptCheck } from '@/packages/conventions/components/receipt-check'
import { ResultCard } from '@/packages/conventions/components/result-card'
import { Timeline } from '@/packages/conventions/components/timeline'
import { TurnoutMeter } from '@/packages/conventions/components/turnout-meter'
import { STATUS_TONES } from '@/packages/conventions/lib/labels'
import { timeLeftText } from '@/packages/conventions/lib/result-view'
import { openPage, replacePage } from '@/packages/conventions/lib/taro'
import { useConvention } from '@/packages/conventions/lib/use-convention'
import { Page } from '@/components/page'
import '@/packages/conventions/conventions.scss'

function SignInCard({ text }: { text: string }) {
  return (
    <View className="card-action">
      <View className="paragraph">{text}</View>
      <Button block onClick={() => go('login')}>
        登录
      </Button>
    </View>
  )
}

/** Who may take part, said plainly when the viewer cannot. */
function NotInScope({ detail, what }: { detail: ConventionDetail; what: string }) {
  return (
    <View className="notice notice--info card-action">
      本规约适用于{detail.scopeLabel}。只有住在这个范围内的认证居民可以{what}。
    </View>
  )
}

function Consultation({
  detail,
  signedIn,
  now,
}: {
  detail: ConventionDetail
  signedIn: boolean
  now: number
}) {
  const ends = detail.consultationEndsAt
  return (
    <Card tone="accent" title="正在征求意见">
      {ends !== null && (
        <View className="paragraph">
          意见截止：{formatDateTime(ends)}（{timeLeftText(ends, now)}）
        </View>
      )}
      <View className="paragraph">
        议事会根据大家的意见修改条文，每次修改都保留版本，可以对比。
      </View>
      {!signedIn && <SignInCard text="登录并认证为本社区居民后可以提意见。" />}
      {signedIn && !detail.viewer.inScope && <NotInScope detail={detail} what="提意见" />}
    </Card>
  )
}

function Voting({
  detail,
  turnout,
  signedIn,
  now,
}: {
  detail: ConventionDetail
  turnout: Turnout | undefined
  signedIn: boolean
  now: number
}) {
  const voting = detail.voting!
  return (
    <Card tone="warn" title="正在表决">
      <View className="paragraph">{voting.ruleDescription}</View>
      <View className="paragraph strong">
        投票截止：{formatDateTime(voting.closesAt)}（{timeLeftText(voting.closesAt, now)}）
      </View>
      {turnout && <TurnoutMeter turnout={turnout} buildings={false} />}
      {!signedIn && <SignInCard text="登录并认证为本社区居民后可以投票。" />}
      {signedIn && !detail.viewer.canVote && detail.viewer.voteRefusal ? (
        <View className="notice notice--info card-action vote-refusal">
          {detail.viewer.voteRefusal}
        </View>
      ) : (
        signedIn && !detail.viewer.inScope && <NotInScope detail={detail} what="投票" />
      )}
      {detail.viewer.canVote && (
        <View className="card-action">
          {detail.viewer.hasVoted && (
            <View className="paragraph">
              <Badge tone="ok">已投票</Badge> 您{voting.basis === 'households' ? '家' : ''}
              已经投过票。截止前可以更改，以最后一次为准。
            </View>
          )}
          <Button block onClick={() => openPage('vote', { id: detail.id })}>
            {detail.viewer.hasVoted ? '查看或更改我的投票' : '去投票'}
          </Button>
        </View>
      )}
      {!detail.viewer.canVote && (
        <Button
          kind="secondary"
          block
          className="card-action"
          onClick={() => openPage('vote', { id: detail.id })}
        >
          查看参与情况
        </Button>
      )}
    </Card>
  )
}

function InForce({ detail, onChanged }: { detail: ConventionDetail; onChanged: () => void }) {
  const [busy, setBusy] = useState(false)
  const onPledge = async () => {
    setBusy(true)
    try {
      await pledge(detail.id)
      showSuccess('感谢您的承诺')
      onChanged()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  const filing = detail.filing
  return (
    <Card tone="ok" title="已生效">
      {filing && (
        <View className="paragraph">
          {formatDate(filing.inForceAt)}起生效。已向{filing.authority}备案（备案号 {filing.number}，
          {filing.date}）。
        </View>
      )}
      <View className="paragraph">已有 {detail.pledges.total} 位居民承诺遵守。</View>
      {detail.viewer.pledged && (
        <View className="paragraph">
          <Badge tone="ok">您已承诺遵守</Badge>
        </View>
      )}
      {detail.viewer.canPledge && (
        <Button block busy={busy} onClick={() => void onPledge()}>
          我承诺遵守
        </Button>
      )}
      <Button kind="secondary" block onClick={() => openPage('poster', { id: detail.id })}>
        查看公示
      </Button>
    </Card>
  )
}

export default function ConventionDetailPage() {
  const convention = useConvention()
  const { token } = useSession()
  const comments = useAsync(() => listComments(convention.id), `${convention.id}:${token ?? ''}`)
  const detail = convention.data
  // The live meter while voting runs; reloaded with the page (ballots do not change the detail).
  const voting = detail?.status === 'voting'
  const turnout = useAsync(
    () => (voting ? getTurnout(convention.id) : Promise.resolve(undefined)),
    `${convention.id}:${voting}`,
  )
  useRefreshOnShow(() => void turnout.reload())
  usePullDownRefresh(() => {
    void Promise.allSettled([convention.reload(), comments.reload(), turnout.reload()]).finally(
      () => Taro.stopPullDownRefresh(),
    )
  })
  const now = Date.now()

  if (!detail && convention.loading) return <Loading />
  if (!detail)
    return <ErrorState error={convention.error} onRetry={() => void convention.reload()} />

  const signedIn = Boolean(token)
  const reloadAll = () => {
    void convention.reload()
    void comments.reload()
  }

  return (
    <Page>
      <View className="hero cv-hero">
        <View className="cv-hero__facts">
          <Badge tone={STATUS_TONES[detail.status]}>{detail.statusLabel}</Badge>
          <View>适用范围：{detail.scopeLabel}</View>
        </View>
        <View className="hero__title">{detail.title}</View>
        <View className="hero__sub">
          第 {detail.text.version} 版 · 更新于 {formatDate(detail.updatedAt)}
        </View>
      </View>

      {detail.amends && (
        <View
          className="notice notice--info"
          onClick={() => replacePage('detail', { id: detail.amends!.id })}
        >
          这是《{detail.amends.title}》的修订版。<View className="cv-link">查看现行版本</View>
        </View>
      )}
      {detail.supersededBy && (
        <View
          className="notice"
          onClick={() => replacePage('detail', { id: detail.supersededBy!.id })}
        >
          本规约已被修订版取代。<View className="cv-link">查看《{detail.supersededBy.title}》</View>
        </View>
      )}

      {detail.status === 'consultation' && (
        <Consultation detail={detail} signedIn={signedIn} now={now} />
      )}
      {detail.status === 'voting' && detail.voting && (
        <Voting detail={detail} turnout={turnout.data} signedIn={signedIn} now={now} />
      )}
      {detail.status === 'in_force' && <InForce detail={detail} onChanged={reloadAll} />}
      {detail.status === 'closed' && detail.passed && !detail.filing && (
        <View className="notice">表决已通过，议事会登记备案后正式生效并公示。</View>
      )}
      {detail.result && (
        <ResultCard
          result={detail.result}
          basis={detail.voting?.basis}
          counting={detail.voting?.counting}
          compact={detail.status === 'in_force'}
        />
      )}
      {detail.result && <ReceiptCheck conventionId={detail.id} />}

      <ManagePanel detail={detail} now={now} onChanged={reloadAll} />

      <ConventionText
        detail={detail}
        comments={comments.data?.items ?? []}
        onCommentsChanged={() => void comments.reload()}
      />

      <Card>
        <View className="tap-row" onClick={() => openPage('versions', { id: detail.id })}>
          <View>
            {detail.currentVersion > 1
              ? `修改历史与对比（共 ${detail.currentVersion} 版）`
              : '版本记录'}
          </View>
          <View className="tap-row__arrow">›</View>
        </View>
        {detail.status === 'in_force' && (
          <View className="tap-row" onClick={() => openPage('poster', { id: detail.id })}>
            <View>公示与承诺</View>
            <View className="tap-row__arrow">›</View>
          </View>
        )}
      </Card>

      <Timeline events={detail.timeline} />
    </Page>
  )
}
