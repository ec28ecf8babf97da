import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { approveHold, listHolds, rejectHold, type ContentHold } from '../../api'
import { apiUrl } from '@/api/request'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Empty, ErrorState, Loading } from '@/components/states'
import { showError, showSuccess } from '@/lib/errors'
import { formatDateTime } from '@/lib/format'
import { useAsync } from '@/lib/use-async'
import { isForbidden, NoPermission, StaffGate } from '@/packages/staff/components/staff-gate'
import { useStaff } from '@/packages/staff/lib/use-staff'
import { openIdeas } from '@/packages/suggestions/lib/routes'
import { TextForm } from '@/packages/suggestions/components/text-form'
import '@/packages/staff/staff.scss'
import '../../moderation.scss'
import { Photo } from '@/components/photo'
import { Page } from '@/components/page'

/** One held text or photo: what it is, why it was held, and the two decisions. */
function HoldCard({ hold, onDecided }: { hold: ContentHold; onDecided: () => Promise<void> }) {
  const [busy, setBusy] = useState(false)
  const [rejecting, setRejecting] = useState(false)
  const approve = async () => {
    setBusy(true)
    try {
      await approveHold(hold.id)
      showSuccess('已通过')
      await onDecided()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="list-item">
      <View className="list-item__title">
        {hold.targetLabel}
        <View className="badge badge--warn">{hold.statusLabel}</View>
      </View>
      <View className="list-item__meta">
        {hold.author.nickname} · {formatDateTime(hold.createdAt)}
      </View>
      {hold.text !== null && <View className="hold__text">{hold.text}</View>}
      {hold.photoUrl && (
        <Photo
          alt="待审核的照片"
          className="hold__photo"
          src={apiUrl(hold.photoUrl)}
          mode="aspectFit"
          onClick={() => void Taro.previewImage({ urls: [apiUrl(hold.photoUrl!)] })}
        />
      )}
      <View className="list-item__meta">原因：{hold.reason}</View>
      {hold.matchedWords.length > 0 && (
        <View className="list-item__meta">
          命中词语：{hold.matchedWords.map((w) => `「${w}」`).join('')}
        </View>
      )}
      {rejecting ? (
        <TextForm
          label="驳回理由"
          placeholder="例如：含有广告（作者会收到这条理由）"
          confirmText="驳回"
          tone="danger"
          maxLength={200}
          onCancel={() => setRejecting(false)}
          onSubmit={async (reason) => {
            await rejectHold(hold.id, reason)
            setRejecting(false)
            showSuccess('已驳回')
            await onDecided()
          }}
        />
      ) : (
        <View className="hold__actions">
          <Button className="hold__action" busy={busy} onClick={() => void approve()}>
            通过，向所有人展示
          </Button>
          <Button
            className="hold__action hold__action--last"
            kind="danger"
            disabled={busy}
            onClick={() => setRejecting(true)}
          >
            驳回
          </Button>
        </View>
      )}
    </View>
  )
}

export default function ModerationQueuePage() {
  const context = useStaff()
  const communityId = context.status === 'ok' ? context.communityId : ''
  const queue = useAsync(
    () => (communityId ? listHolds(communityId) : Promise.resolve(null)),
    communityId,
  )
  usePullDownRefresh(() => {
    void queue.reload().finally(() => Taro.stopPullDownRefresh())
  })
  if (queue.error && isForbidden(queue.error)) return <NoPermission />

  return (
    <StaffGate context={context} allowed={(c) => c.canViewRolesAndAudit}>
      <Page>
        <View className="lead">
          机器审核扣下的内容：作者本人看得到（标着“审核中”），其他人看不到，直到您通过或微信审核通过。
        </View>
        {queue.data && (
          <View className={queue.data.mode === 'wechat' ? 'notice notice--info' : 'notice'}>
            检查方式：{queue.data.modeLabel}
          </View>
        )}
        {queue.loading && !queue.data && <Loading />}
        {queue.error != null && !queue.data && (
          <ErrorState error={queue.error} onRetry={() => void queue.reload()} />
        )}
        {queue.data && queue.data.items.length === 0 && <Empty title="没有待处理的内容" />}
        {queue.data && queue.data.items.length > 0 && (
          <Card title={`待处理（${queue.data.items.length}）`}>
            {queue.data.items.map((hold) => (
              <HoldCard key={hold.id} hold={hold} onDecided={queue.reload} />
            ))}
          </Card>
        )}
        <Card title="其他">
          <View
            className="menu-row"
            ariaRole="button"
            onClick={() => openIdeas('moderation', { communityId })}
          >
            <View>
              <View className="menu-row__title">居民举报与待公开的金点子</View>
              <View className="menu-row__desc">举报的评论和金点子；机器扣下的金点子也标在那里</View>
            </View>
            <View className="menu-row__arrow">›</View>
          </View>
          <View
            className="menu-row"
            ariaRole="button"
            onClick={() =>
              void Taro.navigateTo({
                url: `/packages/moderation/pages/words/index?communityId=${encodeURIComponent(communityId)}`,
              })
            }
          >
            <View>
              <View className="menu-row__title">敏感词库</View>
              <View className="menu-row__desc">本街道拒绝或需要人工审核的词语</View>
            </View>
            <View className="menu-row__arrow">›</View>
          </View>
        </Card>
      </Page>
    </StaffGate>
  )
}
