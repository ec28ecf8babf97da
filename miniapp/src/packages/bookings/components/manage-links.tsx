import { View } from '@tarojs/components'
import { Card } from '@/components/card'
import { openBooking, type BookingPage } from '@/packages/bookings/lib/routes'

const LINKS: { page: BookingPage; title: string; note: string }[] = [
  { page: 'rooms', title: '房间与规则', note: '开放时间、时长、审批、谁可预约、照片、门牌' },
  { page: 'blackouts', title: '暂停开放', note: '公益活动、维修、节假日；受影响的预约会通知' },
  { page: 'groups', title: '团队（三自组织）', note: '登记团队、负责人和成员' },
  { page: 'policy', title: '预约规则与未签到', note: '每周配额、取消截止、签到、豁免' },
  { page: 'utilisation', title: '利用率', note: '各房间和各时段的预约、签到比例' },
]

/** The manager's ways into everything else about the centre, from the approvals page. */
export function ManageLinks({ centreId }: { centreId: string }) {
  return (
    <Card title="管理邻里中心" className="manage-links">
      {LINKS.map((l) => (
        <View
          key={l.page}
          className="list-item manage-link"
          ariaRole="button"
          onClick={() => openBooking(l.page, { centre: centreId })}
        >
          <View className="list-item__row">
            <View className="list-item__title">{l.title}</View>
            <View className="manage-link__go">›</View>
          </View>
          <View className="list-item__meta">{l.note}</View>
        </View>
      ))}
    </Card>
  )
}
