import { View } from '@tarojs/components'
import { listCentreRooms } from '@/packages/bookings/tab-api'
import { getCentre } from '@/packages/places/api'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { roomBadges } from '@/packages/bookings/lib/booking-view'
import { roomRulesText } from '@/packages/bookings/lib/rules-text'
import { openBooking } from '@/packages/bookings/lib/routes'
import { ManagerGate } from '@/packages/bookings/components/manager-gate'
import { hoursText, WHO_LABELS } from '@/packages/bookings/lib/room-form'
import { useManagedCentre } from '@/packages/bookings/lib/use-managed-centre'
import { Page } from '@/components/page'
import '@/packages/bookings/bookings.scss'

// The centre's rooms for its managers: each with its rules in a line, and the way to edit them,
// add photos and print the door sign; rooms without rules yet are marked as not bookable.

export default function ManageRoomsPage() {
  const { centreId, load } = useManagedCentre(
    '只有这个邻里中心的管理员可以管理房间',
    async (id) => {
      const [centre, rules] = await Promise.all([getCentre(id), listCentreRooms(id)])
      return { centre, rules: new Map(rules.items.map((r) => [r.id, r])) }
    },
  )

  return (
    <ManagerGate loading={!load.data} error={load.error} onRetry={() => void load.reload()}>
      {load.data && (
        <Page>
          <View className="page-title">{load.data.centre.name}的房间</View>
          <Button block onClick={() => openBooking('roomEdit', { centre: centreId })}>
            新增房间
          </Button>
          {load.data.centre.rooms.map((room) => {
            const rules = load.data!.rules.get(room.id)
            return (
              <Card key={room.id} title={room.name} className="manage-room">
                <View className="facts">
                  <Badge tone="plain">{room.capacity} 人</Badge>
                  {rules ? (
                    roomBadges(rules).map((b) => (
                      <Badge key={b.text} tone={b.tone}>
                        {b.text}
                      </Badge>
                    ))
                  ) : (
                    <Badge tone="danger">未设置预约规则</Badge>
                  )}
                  {rules && rules.photos.length > 0 && (
                    <Badge tone="plain">{rules.photos.length} 张照片</Badge>
                  )}
                </View>
                {rules ? (
                  <View>
                    <View className="list-item__meta">开放：{hoursText(rules.openingHours)}</View>
                    <View className="list-item__meta">
                      {roomRulesText(rules)} · {WHO_LABELS[rules.whoMayBook]}可预约
                    </View>
                  </View>
                ) : (
                  <View className="list-item__meta reason">
                    设置开放时间等规则后，居民才能预约这个房间。
                  </View>
                )}
                <View className="btn-row manage-room__actions">
                  <Button
                    size="small"
                    kind="secondary"
                    onClick={() => openBooking('roomEdit', { id: room.id, centre: centreId })}
                  >
                    {rules ? '编辑规则与照片' : '设置规则'}
                  </Button>
                  {rules && (
                    <Button
                      size="small"
                      kind="secondary"
                      onClick={() => openBooking('doorSign', { id: room.id })}
                    >
                      打印门牌
                    </Button>
                  )}
                </View>
              </Card>
            )
          })}
        </Page>
      )}
    </ManagerGate>
  )
}
