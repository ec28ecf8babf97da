import { Input, View } from '@tarojs/components'
import { useState } from 'react'
import { listOwnership } from '@/packages/identity/api'
import { getCommunity } from '@/packages/places/api'
import type { Building, OwnershipList } from '@/api/types'
import { Badge } from '@/components/badge'
import { Card } from '@/components/card'
import { Empty, ErrorState, Loading } from '@/components/states'
import { formatArea } from '@/lib/format'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { openStaffPage } from '../../lib/routes'
import { ownershipStatus } from '@/packages/staff/lib/ownership-form'
import { isForbidden, NoPermission, StaffGate } from '@/packages/staff/components/staff-gate'
import { useStaff } from '@/packages/staff/lib/use-staff'
import { Page } from '@/components/page'
import '@/packages/staff/staff.scss'

/**
 * 房屋产权登记: each unit's owners, registered area and certificate, as the Civil Code votes
 * count them (decision 011). Pick a building, find a room, tap it to record or correct.
 */
export default function StaffOwnershipPage() {
  const context = useStaff()
  const communityId = context.status === 'ok' ? context.communityId : ''
  const community = useAsync(
    () => (communityId ? getCommunity(communityId) : Promise.resolve(null)),
    communityId,
  )
  const [building, setBuilding] = useState<Building | null>(null)
  const [room, setRoom] = useState('')
  const units = useAsync(
    () =>
      building
        ? listOwnership(communityId, building.id)
        : Promise.resolve<OwnershipList>({ recorded: 0, total: 0, items: [] }),
    `${communityId}:${building?.id ?? ''}`,
  )
  // Back from recording a unit: show what was saved.
  useRefreshOnShow(() => void units.reload())

  if (units.error && isForbidden(units.error)) return <NoPermission />

  const query = room.trim()
  const shown = (units.data?.items ?? []).filter(
    (u) =>
      !query ||
      u.household.room.includes(query) ||
      `${u.household.unit}-${u.household.room}`.includes(query),
  )

  return (
    <StaffGate context={context} allowed={(c) => c.canManageResidents}>
      <Page>
        <View className="notice notice--info">
          {
            '按不动产权证（房产证）登记每套房屋的业主和面积。按《民法典》表决时，由登记的业主投票，面积和人数都以这里为准；租户等非业主不参加。'
          }
        </View>
        {community.loading && !community.data && <Loading />}
        {community.error != null && !community.data && (
          <ErrorState error={community.error} onRetry={() => void community.reload()} />
        )}
        {community.data && (
          <Card title="选择楼栋">
            {community.data.compounds.map((compound) => (
              <View key={compound.id} className="field">
                <View className="field__hint">{compound.name}</View>
                <View className="chips">
                  {compound.buildings.map((b) => (
                    <View
                      key={b.id}
                      className={building?.id === b.id ? 'chip chip--on' : 'chip'}
                      onClick={() => setBuilding(b)}
                    >
                      {b.name}
                    </View>
                  ))}
                </View>
              </View>
            ))}
          </Card>
        )}

        {building && units.loading && !units.data?.items.length && <Loading />}
        {building && units.error != null && (
          <ErrorState error={units.error} onRetry={() => void units.reload()} />
        )}
        {building && units.data && units.data.total === 0 && <Empty title="这栋楼还没有登记住户" />}
        {building && units.data && units.data.total > 0 && (
          <Card title={`${building.name} · 已登记 ${units.data.recorded}/${units.data.total} 套`}>
            <Input
              className="input"
              value={room}
              maxlength={10}
              placeholder="按门牌号查找，例如 301 或 1-301"
              placeholderClass="placeholder"
              ariaLabel="按门牌号查找"
              onInput={(e) => setRoom(e.detail.value)}
            />
            {shown.length === 0 && (
              <View className="muted card-action">这栋楼没有门牌号含“{query}”的房屋。</View>
            )}
            {shown.map((u) => {
              const status = ownershipStatus(u)
              return (
                <View
                  key={u.household.id}
                  className="menu-row ownership-row"
                  ariaRole="button"
                  onClick={() =>
                    openStaffPage('staffOwnershipUnit', {
                      communityId,
                      householdId: u.household.id,
                    })
                  }
                >
                  <View>
                    <View className="menu-row__title">
                      {u.household.unit}单元 {u.household.room}室
                    </View>
                    <View className="menu-row__desc">
                      {u.title
                        ? `登记面积 ${formatArea(u.title.registeredAreaM2)}`
                        : `台账面积 ${formatArea(u.household.floorAreaM2)}`}
                    </View>
                    <View className="facts">
                      <Badge tone={status.tone}>{status.text}</Badge>
                      {u.proxies.map((p) => (
                        <Badge key={p.id} tone="plain">
                          {p.ownerName} 委托 {p.proxyName}
                        </Badge>
                      ))}
                    </View>
                  </View>
                  <View className="menu-row__arrow">›</View>
                </View>
              )
            })}
          </Card>
        )}
      </Page>
    </StaffGate>
  )
}
