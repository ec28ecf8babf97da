import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import {
  approveResidencyRequest,
  listResidencyRequests,
  rejectResidencyRequest,
} from '@/packages/identity/api'
import type { ResidencyRequestStatus, StaffResidencyRequest } from '@/api/types'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Segmented } from '@/components/segmented'
import { Empty, ErrorState, Loading } from '@/components/states'
import { showError, showSuccess } from '@/lib/errors'
import { formatDateTime } from '@/lib/format'
import { REQUEST_STATUS_NAMES } from '@/packages/identity/labels'
import { ReasonForm } from '@/packages/staff/components/reason-form'
import { isForbidden, NoPermission, StaffGate } from '@/packages/staff/components/staff-gate'
import { usePagedList } from '@/lib/use-paged-list'
import { useStaff } from '@/packages/staff/lib/use-staff'
import { Page } from '@/components/page'
import '@/packages/staff/staff.scss'
import { ListMore } from '@/components/list-more'

function RequestItem({ item, onDone }: { item: StaffResidencyRequest; onDone: () => void }) {
  const [rejecting, setRejecting] = useState(false)
  const [approving, setApproving] = useState(false)

  const approve = async () => {
    const { confirm } = await Taro.showModal({
      title: '通过认证',
      content: `确认 ${item.realName} 住在 ${item.compoundName} ${item.buildingName} ${item.unit}单元 ${item.room}室？`,
      confirmText: '通过',
      cancelText: '取消',
    })
    if (!confirm) return
    setApproving(true)
    try {
      await approveResidencyRequest(item.id)
      showSuccess('已通过')
      onDone()
    } catch (e) {
      showError(e)
    } finally {
      setApproving(false)
    }
  }

  return (
    <View className="list-item">
      <View className="list-item__row">
        <View className="list-item__title">
          {item.realName}
          <Badge tone="plain">{item.user.nickname}</Badge>
        </View>
        {item.status !== 'pending' && (
          <Badge tone={item.status === 'approved' ? 'ok' : 'danger'}>
            {REQUEST_STATUS_NAMES[item.status]}
          </Badge>
        )}
      </View>
      <View className="list-item__meta strong">
        {item.compoundName} {item.buildingName} {item.unit}单元 {item.room}室
      </View>
      {item.note && <View className="list-item__meta">备注：{item.note}</View>}
      {item.vouches.length > 0 && (
        <View className="list-item__meta">
          <Badge tone="ok">
            {item.vouches.map((v) => `${v.roleName} ${v.nickname}`).join('、')} 作证：认识申请人
          </Badge>
        </View>
      )}
      <View className="list-item__meta">提交于 {formatDateTime(item.createdAt)}</View>
      {item.rejectReason && (
        <View className="list-item__meta reason">未通过原因：{item.rejectReason}</View>
      )}
      {item.status === 'pending' && !rejecting && (
        <View className="btn-row reason-form__actions">
          <Button busy={approving} onClick={() => void approve()}>
            通过
          </Button>
          <Button kind="danger" onClick={() => setRejecting(true)}>
            驳回
          </Button>
        </View>
      )}
      {rejecting && (
        <ReasonForm
          label="驳回理由"
          placeholder="例如：门牌号与登记不符，请到居委会核实"
          confirmText="确认驳回"
          onCancel={() => setRejecting(false)}
          onSubmit={async (reason) => {
            await rejectResidencyRequest(item.id, reason)
            showSuccess('已驳回')
            onDone()
          }}
        />
      )}
    </View>
  )
}

export default function StaffRequestsPage() {
  const context = useStaff()
  const communityId = context.status === 'ok' ? context.communityId : ''
  const [status, setStatus] = useState<ResidencyRequestStatus>('pending')
  const list = usePagedList(
    (cursor) => listResidencyRequests(communityId, status, cursor),
    `${communityId}:${status}`,
    Boolean(communityId),
  )
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })

  if (list.error && isForbidden(list.error)) return <NoPermission />

  return (
    <StaffGate context={context} allowed={(c) => c.canManageResidents}>
      <Page>
        <Segmented<ResidencyRequestStatus>
          options={[
            { value: 'pending', label: '待审核' },
            { value: 'approved', label: '已通过' },
            { value: 'rejected', label: '未通过' },
          ]}
          value={status}
          onChange={setStatus}
        />
        {list.loading && list.items.length === 0 && <Loading />}
        {list.error != null && list.items.length === 0 && (
          <ErrorState error={list.error} onRetry={() => void list.reload()} />
        )}
        {!list.loading && list.error == null && list.items.length === 0 && (
          <Empty title={status === 'pending' ? '没有待审核的申请' : '没有记录'} />
        )}
        {list.items.length > 0 && (
          <Card>
            {list.items.map((item) => (
              <RequestItem
                key={item.id}
                item={item}
                onDone={() => list.removeWhere((r) => r.id === item.id)}
              />
            ))}
          </Card>
        )}
        <ListMore list={list} />
      </Page>
    </StaffGate>
  )
}
