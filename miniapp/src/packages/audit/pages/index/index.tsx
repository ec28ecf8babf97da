import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { listAudit } from '../../api'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Empty, ErrorState, Loading } from '@/components/states'
import { formatDateTime } from '@/lib/format'
import { isForbidden, NoPermission, StaffGate } from '@/packages/staff/components/staff-gate'
import { auditActionName, summarizeChange, targetTypeName } from '../../lib/audit-summary'
import { usePagedList } from '@/lib/use-paged-list'
import { useStaff } from '@/packages/staff/lib/use-staff'
import '@/packages/staff/staff.scss'

export default function StaffAuditPage() {
  const context = useStaff()
  const communityId = context.status === 'ok' ? context.communityId : ''
  const list = usePagedList(
    (cursor) => listAudit(communityId, cursor),
    communityId,
    Boolean(communityId),
  )
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })

  if (list.error && isForbidden(list.error)) return <NoPermission />

  return (
    <StaffGate context={context} allowed={(c) => c.canViewRolesAndAudit}>
      <View className="page">
        <View className="lead">
          工作人员的每一次操作（包括查看居民身份信息）都记录在这里，新的在前。
        </View>
        {list.loading && list.items.length === 0 && <Loading />}
        {list.error != null && list.items.length === 0 && (
          <ErrorState error={list.error} onRetry={() => void list.reload()} />
        )}
        {!list.loading && list.error == null && list.items.length === 0 && (
          <Empty title="还没有操作记录" />
        )}
        {list.items.length > 0 && (
          <Card>
            {list.items.map((entry) => {
              const change = summarizeChange(entry.before, entry.after)
              return (
                <View className="list-item" key={entry.id}>
                  <View className="list-item__title">{auditActionName(entry.action)}</View>
                  <View className="list-item__meta">
                    {entry.actor.nickname} · {formatDateTime(entry.createdAt)}
                  </View>
                  <View className="list-item__meta">
                    对象：{targetTypeName(entry.targetType)} {entry.targetId}
                  </View>
                  {change && <View className="json">{change}</View>}
                </View>
              )
            })}
          </Card>
        )}
        {list.hasMore && (
          <Button kind="secondary" block busy={list.loading} onClick={() => void list.loadMore()}>
            加载更多
          </Button>
        )}
      </View>
    </StaffGate>
  )
}
