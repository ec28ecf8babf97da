import { View } from '@tarojs/components'
import Taro, {
  usePullDownRefresh,
  useRouter,
  useShareAppMessage,
  useShareTimeline,
} from '@tarojs/taro'
import { useState } from 'react'
import {
  flagContent,
  getSuggestion,
  listComments,
  type SuggestionDetail,
} from '@/packages/suggestions/api'
import { useSession } from '@/auth/session'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ErrorState, Loading } from '@/components/states'
import { isApiError } from '@/lib/error-message'
import { showSuccess } from '@/lib/errors'
import { formatDateTime } from '@/lib/format'
import { backOr } from '@/lib/nav'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { placeText } from '@/packages/suggestions/lib/format'
import { STATUS_TONES } from '@/packages/suggestions/lib/labels'
import { redirectIdeas } from '@/packages/suggestions/lib/routes'
import { Comments } from '@/packages/suggestions/components/comments'
import { PhotoGrid } from '@/packages/suggestions/components/photo-grid'
import { RatingCard } from '@/packages/suggestions/components/rating-card'
import { AuthorIdentity } from '@/packages/suggestions/components/author-identity'
import { StaffPanel } from '@/packages/suggestions/components/staff-panel'
import { SupportCard } from '@/packages/suggestions/components/support-card'
import { TextForm } from '@/packages/suggestions/components/text-form'
import { Timeline } from '@/packages/suggestions/components/timeline'
import { MeetingsBlock } from './meetings-block'
import '@/packages/suggestions/suggestions.scss'
import { ShareBar } from '@/components/share-bar'
import { photoSrc } from '@/packages/suggestions/tab-api'
import { Page } from '@/components/page'

function StateNotice({ detail, justCreated }: { detail: SuggestionDetail; justCreated: boolean }) {
  if (detail.hidden) {
    return (
      <View className="notice">
        这条建议已被隐藏，其他居民看不到。
        {detail.hiddenReason ? `原因：${detail.hiddenReason}` : ''}
      </View>
    )
  }
  if (detail.status === 'submitted') {
    return (
      <Card tone={justCreated ? 'ok' : 'warn'} title={justCreated ? '提交成功' : '等待审核'}>
        <View className="paragraph">
          居委会审核通过后，这条建议会向全社区公开，邻居们就可以附议了。现在只有您和居委会能看到。
        </View>
      </Card>
    )
  }
  if (detail.status === 'merged' && detail.mergedInto) {
    const target = detail.mergedInto
    return (
      <Card tone="warn" title="已合并">
        <View className="paragraph">
          这条建议与“{target.title}”说的是同一件事，已合并办理，附议一并转入。
        </View>
        <Button kind="secondary" block onClick={() => redirectIdeas('detail', { id: target.id })}>
          查看合并后的建议
        </Button>
      </Card>
    )
  }
  if (detail.status === 'closed_unfixed') {
    return (
      <View className="notice">居委会已关闭这条建议，问题没有实施解决。原因见下方“办理过程”。</View>
    )
  }
  return null
}

function Where({ detail }: { detail: SuggestionDetail }) {
  const place = placeText(detail.alley, detail.landmark)
  const location = detail.location
  if (!place && !location) return null
  return (
    <View className="paragraph">
      <View className="strong">地点：{place || '已在地图上标出'}</View>
      {location && process.env.TARO_ENV === 'weapp' && (
        <Button
          kind="secondary"
          size="small"
          className="card-action"
          onClick={() =>
            void Taro.openLocation({
              latitude: location.lat,
              longitude: location.lng,
              name: detail.title,
              scale: 17,
            })
          }
        >
          在地图上查看
        </Button>
      )}
    </View>
  )
}

export default function SuggestionDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const justCreated = params.created === '1'
  const state = useSession()
  const signedIn = Boolean(state.token && state.me)
  const detail = useAsync(() => getSuggestion(id), `${id}:${state.me?.user.id ?? ''}`)
  const comments = useAsync(() => listComments(id), `${id}:comments`)
  const [flagging, setFlagging] = useState(false)

  const reload = async () => {
    await Promise.allSettled([detail.reload(), comments.reload()])
  }
  useRefreshOnShow(() => void reload())
  // The card a neighbour receives: the 金点子's own words and its first photo (WeChat takes a
  // picture of the page when there is none). Hidden and unmoderated ones are not shared.
  const shared = detail.data
  const shareTitle = shared ? `金点子：${shared.title}（${shared.supportCount} 人附议）` : '金点子'
  const sharePath = `/packages/suggestions/pages/detail/index?id=${id}`
  useShareAppMessage(() => ({
    title: shareTitle,
    path: sharePath,
    imageUrl: shared?.photos[0] ? photoSrc(shared.photos[0].url) : undefined,
  }))
  useShareTimeline(() => ({ title: shareTitle, query: `id=${id}` }))
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  const d = detail.data
  if (!d && detail.loading) return <Loading />
  if (!d) {
    if (isApiError(detail.error, 'NOT_FOUND')) {
      return (
        <Page>
          <Card tone="warn" title="找不到这条建议">
            <View className="paragraph">它可能还在审核中，或者已被隐藏。</View>
            <Button kind="secondary" block onClick={() => backOr('ideas')}>
              返回
            </Button>
          </Card>
        </Page>
      )
    }
    return <ErrorState error={detail.error} onRetry={() => void detail.reload()} />
  }

  const isPublic = d.status !== 'submitted' && !d.hidden
  return (
    <Page>
      <StateNotice detail={d} justCreated={justCreated} />
      {d.actedBy && <View className="notice notice--info">由 {d.actedBy} 代办</View>}

      <Card>
        <View className="facts">
          <Badge tone={STATUS_TONES[d.status]}>{d.statusLabel}</Badge>
          <Badge tone="plain">{d.categoryLabel}</Badge>
          {d.alley && <Badge tone="plain">{d.alley.name}</Badge>}
        </View>
        <View className="detail-title">{d.title}</View>
        <View className="muted">
          {d.authorLabel} · {formatDateTime(d.createdAt)} 提出
        </View>
        <AuthorIdentity identity={d.authorIdentity} />
        <View className="paragraph card-action">{d.description}</View>
        <Where detail={d} />
        <PhotoGrid photos={d.photos} />
        {d.planner && <View className="muted">跟进的街巷规划师：{d.planner.nickname}</View>}
      </Card>

      {(d.viewer.canHandle || d.viewer.canModerate) && <StaffPanel detail={d} onChanged={reload} />}

      {d.status !== 'submitted' && (
        <SupportCard detail={d} signedIn={signedIn} onChanged={reload} />
      )}

      {(d.status === 'completed' || d.rating) && (
        <RatingCard
          key={`${d.id}:${d.viewer.myRating?.stars ?? 0}`}
          detail={d}
          onChanged={reload}
        />
      )}

      {isPublic && <ShareBar />}

      {isPublic && <MeetingsBlock suggestionId={d.id} refreshKey={String(d.timeline.length)} />}

      <Timeline events={d.timeline} />

      {isPublic && (
        <Comments
          suggestionId={d.id}
          comments={comments.data?.items}
          loading={comments.loading}
          error={comments.error}
          reload={comments.reload}
          signedIn={signedIn}
          canComment={isPublic}
          canModerate={d.viewer.canModerate}
        />
      )}

      {signedIn && isPublic && !d.viewer.isAuthor && !flagging && (
        <View className="quiet-link" ariaRole="button" onClick={() => setFlagging(true)}>
          举报这条建议
        </View>
      )}
      {flagging && (
        <TextForm
          label="举报理由"
          placeholder="例如：内容不实、泄露他人隐私"
          confirmText="提交举报"
          tone="danger"
          maxLength={200}
          onCancel={() => setFlagging(false)}
          onSubmit={async (reason) => {
            await flagContent(d.id, reason)
            setFlagging(false)
            showSuccess('已举报')
          }}
        />
      )}
    </Page>
  )
}
