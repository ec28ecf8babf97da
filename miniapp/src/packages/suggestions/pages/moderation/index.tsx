import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import {
  dismissFlag,
  hideComment,
  hideSuggestion,
  publishSuggestion,
  type ModerationFlag,
  type ModerationQueue,
} from '@/packages/suggestions/api'
import { getModerationQueue, photoSrc } from '@/packages/suggestions/tab-api'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Segmented } from '@/components/segmented'
import { Empty, ErrorState, Loading } from '@/components/states'
import { isApiError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { formatDateTime } from '@/lib/format'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { placeText } from '@/packages/suggestions/lib/format'
import { openIdeas } from '@/packages/suggestions/lib/routes'
import {
  NoPermission,
  StaffPageGate,
  useStaffCommunity,
} from '@/packages/suggestions/components/staff-page-gate'
import { AuthorIdentity } from '@/packages/suggestions/components/author-identity'
import { TextForm } from '@/packages/suggestions/components/text-form'
import '@/packages/suggestions/suggestions.scss'
import { Photo } from '@/components/photo'
import { Page } from '@/components/page'

type Tab = 'submissions' | 'flags'

function Submission({
  item,
  onDone,
}: {
  item: ModerationQueue['submissions'][number]
  onDone: () => Promise<void>
}) {
  const [hiding, setHiding] = useState(false)
  const [busy, setBusy] = useState(false)
  const publish = async () => {
    setBusy(true)
    try {
      await publishSuggestion(item.id)
      showSuccess('已公开')
      await onDone()
    } catch (e) {
      showError(e)
      await onDone()
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card>
      <View className="idea-card__badges">
        <Badge tone="plain">{item.categoryLabel}</Badge>
        {item.alley && <Badge tone="plain">{item.alley.name}</Badge>}
      </View>
      <View className="card__title" onClick={() => openIdeas('detail', { id: item.id })}>
        {item.title}
      </View>
      <View className="paragraph">{item.excerpt}</View>
      {item.coverPhotoUrl && (
        <Photo
          className="idea-card__cover"
          src={photoSrc(item.coverPhotoUrl)}
          mode="aspectFill"
          alt={`照片：${item.title}`}
        />
      )}
      <View className="muted">
        {[placeText(item.alley, ''), item.authorLabel, formatDateTime(item.createdAt)]
          .filter(Boolean)
          .join(' · ')}
      </View>
      <AuthorIdentity identity={item.authorIdentity} />
      {/* The machine check's hold, beside the submission: publishing it approves the hold. */}
      {item.contentCheck && (
        <View className="notice">
          机器审核：{item.contentCheck.reason}
          {item.contentCheck.matchedWords.length > 0 &&
            `（命中：${item.contentCheck.matchedWords.map((w) => `「${w}」`).join('')}）`}
          。公开即视为人工审核通过。
        </View>
      )}
      {!hiding && (
        <View className="btn-row card-action">
          <Button busy={busy} onClick={() => void publish()}>
            公开
          </Button>
          <Button kind="danger" onClick={() => setHiding(true)}>
            隐藏
          </Button>
          <Button kind="secondary" onClick={() => openIdeas('detail', { id: item.id })}>
            详情
          </Button>
        </View>
      )}
      {hiding && (
        <TextForm
          label="隐藏理由"
          placeholder="作者会看到这条理由，例如：含有他人电话号码，请删去后重新提交"
          confirmText="确认隐藏"
          tone="danger"
          maxLength={300}
          onCancel={() => setHiding(false)}
          onSubmit={async (reason) => {
            await hideSuggestion(item.id, reason)
            showSuccess('已隐藏')
            await onDone()
          }}
        />
      )}
    </Card>
  )
}

function Flag({ flag, onDone }: { flag: ModerationFlag; onDone: () => Promise<void> }) {
  const [hiding, setHiding] = useState(false)
  const [busy, setBusy] = useState(false)
  const dismiss = async () => {
    setBusy(true)
    try {
      await dismissFlag(flag.id)
      showSuccess('已处理')
      await onDone()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card>
      <View className="muted">
        {flag.commentId ? '被举报的评论' : '被举报的建议'} · {formatDateTime(flag.createdAt)}
      </View>
      <View className="card__title" onClick={() => openIdeas('detail', { id: flag.suggestionId })}>
        {flag.suggestionTitle}
      </View>
      {flag.commentBody && <View className="paragraph">评论：“{flag.commentBody}”</View>}
      <View className="paragraph reason">举报理由：{flag.reason}</View>
      {!hiding && (
        <View className="btn-row">
          <Button kind="danger" onClick={() => setHiding(true)}>
            隐藏内容
          </Button>
          <Button kind="secondary" busy={busy} onClick={() => void dismiss()}>
            内容没问题
          </Button>
        </View>
      )}
      {hiding && (
        <TextForm
          label="隐藏理由"
          placeholder="作者会看到这条理由"
          confirmText="确认隐藏"
          tone="danger"
          maxLength={300}
          onCancel={() => setHiding(false)}
          onSubmit={async (reason) => {
            if (flag.commentId) await hideComment(flag.commentId, reason)
            else await hideSuggestion(flag.suggestionId, reason)
            showSuccess('已隐藏')
            await onDone()
          }}
        />
      )}
    </Card>
  )
}

function Queue({ communityId, communityName }: { communityId: string; communityName: string }) {
  const [tab, setTab] = useState<Tab>('submissions')
  const queue = useAsync(() => getModerationQueue(communityId), communityId)
  useRefreshOnShow(() => void queue.reload())
  usePullDownRefresh(() => {
    void queue.reload().finally(() => Taro.stopPullDownRefresh())
  })
  if (isApiError(queue.error, 'FORBIDDEN')) return <NoPermission />
  const data = queue.data
  return (
    <Page>
      <View className="page-title">审核与举报</View>
      <View className="lead">
        {communityName} ·
        先看内容是否合适：合适就公开；含隐私、辱骂等内容就隐藏并写明理由，作者能看到。
      </View>
      <View
        className="notice notice--info"
        ariaRole="link"
        onClick={() =>
          void Taro.navigateTo({
            url: `/packages/moderation/pages/queue/index?communityId=${encodeURIComponent(communityId)}`,
          })
        }
      >
        机器审核扣下的评论、照片和昵称在“内容审核”里处理 ›
      </View>
      <Segmented<Tab>
        options={[
          { value: 'submissions', label: `待审核${data ? `（${data.submissions.length}）` : ''}` },
          { value: 'flags', label: `举报${data ? `（${data.flags.length}）` : ''}` },
        ]}
        value={tab}
        onChange={setTab}
      />
      {queue.loading && !data && <Loading />}
      {!data && !queue.loading && queue.error != null && (
        <ErrorState error={queue.error} onRetry={() => void queue.reload()} />
      )}
      {data && tab === 'submissions' && data.submissions.length === 0 && (
        <Empty title="没有待审核的金点子" />
      )}
      {data && tab === 'flags' && data.flags.length === 0 && <Empty title="没有待处理的举报" />}
      {data &&
        tab === 'submissions' &&
        data.submissions.map((s) => <Submission key={s.id} item={s} onDone={queue.reload} />)}
      {data &&
        tab === 'flags' &&
        data.flags.map((f) => <Flag key={f.id} flag={f} onDone={queue.reload} />)}
    </Page>
  )
}

export default function ModerationPage() {
  const staff = useStaffCommunity()
  return (
    <StaffPageGate status={staff.status}>
      {staff.status === 'ok' && (
        <Queue communityId={staff.communityId} communityName={staff.communityName} />
      )}
    </StaffPageGate>
  )
}
