import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { listResidents, revokeResidency, setRepresentative } from '@/packages/identity/api'
import type { Resident } from '@/api/types'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Empty, ErrorState, Loading } from '@/components/states'
import { showError, showSuccess } from '@/lib/errors'
import { formatDate } from '@/lib/format'
import { displayName, VIA_NAMES } from '@/packages/identity/labels'
import { ReasonForm } from '@/packages/staff/components/reason-form'
import { isForbidden, NoPermission, StaffGate } from '@/packages/staff/components/staff-gate'
import { usePagedList } from '@/lib/use-paged-list'
import { useStaff } from '@/packages/staff/lib/use-staff'
import { Page } from '@/components/page'
import '@/packages/staff/staff.scss'
import { ListMore } from '@/components/list-more'

function ResidentItem({
  resident,
  onRevoked,
  onRepresentative,
}: {
  resident: Resident
  onRevoked: () => void
  onRepresentative: () => void
}) {
  const [revoking, setRevoking] = useState(false)
  const [busy, setBusy] = useState(false)

  const makeRepresentative = async () => {
    const { confirm } = await Taro.showModal({
      title: '设为户代表',
      content: `设 ${displayName(resident.realName, resident.nickname)} 为 ${resident.household.label} 的户代表？这户原来的户代表会被取消。`,
      confirmText: '确定',
      cancelText: '取消',
    })
    if (!confirm) return
    setBusy(true)
    try {
      await setRepresentative(resident.residencyId)
      showSuccess('已设为户代表')
      onRepresentative()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="list-item">
      <View className="list-item__title">
        {displayName(resident.realName, resident.nickname)}
        {resident.isRepresentative && <Badge>户代表</Badge>}
      </View>
      <View className="list-item__meta strong">{resident.household.label}</View>
      <View className="list-item__meta">
        {VIA_NAMES[resident.via]} · {formatDate(resident.verifiedAt)}
      </View>
      {!revoking && (
        <View className="list-item__actions">
          {!resident.isRepresentative && (
            <Button
              size="small"
              kind="secondary"
              busy={busy}
              onClick={() => void makeRepresentative()}
            >
              设为户代表
            </Button>
          )}
          <Button size="small" kind="danger" onClick={() => setRevoking(true)}>
            撤销认证
          </Button>
        </View>
      )}
      {revoking && (
        <ReasonForm
          label="撤销理由"
          placeholder="例如：已搬离本户"
          confirmText="确认撤销"
          onCancel={() => setRevoking(false)}
          onSubmit={async (reason) => {
            await revokeResidency(resident.residencyId, reason)
            showSuccess('已撤销')
            onRevoked()
          }}
        />
      )}
    </View>
  )
}

export default function StaffResidentsPage() {
  const context = useStaff()
  const communityId = context.status === 'ok' ? context.communityId : ''
  const list = usePagedList(
    (cursor) => listResidents(communityId, cursor),
    communityId,
    Boolean(communityId),
  )
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })

  if (list.error && isForbidden(list.error)) return <NoPermission />

  return (
    <StaffGate context={context} allowed={(c) => c.canManageResidents}>
      <Page>
        <View className="lead">
          真实姓名和门牌号只有本社区工作人员可见，每次查看都会记入操作记录。
        </View>
        {list.loading && list.items.length === 0 && <Loading />}
        {list.error != null && list.items.length === 0 && (
          <ErrorState error={list.error} onRetry={() => void list.reload()} />
        )}
        {!list.loading && list.error == null && list.items.length === 0 && (
          <Empty title="还没有认证居民" />
        )}
        {list.items.length > 0 && (
          <Card>
            {list.items.map((r) => (
              <ResidentItem
                key={r.residencyId}
                resident={r}
                onRevoked={() => list.removeWhere((x) => x.residencyId === r.residencyId)}
                // The previous representative of the household changes too: reload the list.
                onRepresentative={() => void list.reload()}
              />
            ))}
          </Card>
        )}
        <ListMore list={list} />
      </Page>
    </StaffGate>
  )
}
