import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { listAudit } from '../../api'
import { Card } from '@/components/card'
import { Empty, ErrorState, Loading } from '@/components/states'
import { formatDateTime } from '@/lib/format'
import { isForbidden, NoPermission, StaffGate } from '@/packages/staff/components/staff-gate'
import { changeLine, targetText } from '../../lib/audit-summary'
import { usePagedList } from '@/lib/use-paged-list'
import { useStaff } from '@/packages/staff/lib/use-staff'
import { Page } from '@/components/page'
import '@/packages/staff/staff.scss'
import '../../audit.scss'
import { ListMore } from '@/components/list-more'

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
      <Page>
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
            {list.items.map((entry) => (
              <View className="list-item audit-entry" key={entry.id}>
                <View className="list-item__title">{entry.actionLabel}</View>
                <View className="list-item__meta">
                  {entry.actor.nickname}
                  {entry.onBehalfOf ? `（代 ${entry.onBehalfOf.nickname} 办理）` : ''} ·{' '}
                  {formatDateTime(entry.createdAt)}
                </View>
                {entry.targetLink ? (
                  <View
                    className="list-item__meta audit-entry__link"
                    ariaRole="link"
                    onClick={() => void Taro.navigateTo({ url: entry.targetLink! })}
                  >
                    {targetText(entry)} ›
                  </View>
                ) : (
                  <View className="list-item__meta">{targetText(entry)}</View>
                )}
                {entry.changes.map((change) => (
                  <View className="audit-entry__change" key={change.field}>
                    {changeLine(change)}
                  </View>
                ))}
              </View>
            ))}
          </Card>
        )}
        <ListMore list={list} />
      </Page>
    </StaffGate>
  )
}
