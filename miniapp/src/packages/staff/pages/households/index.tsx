import { Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { createInviteCodes, listHouseholds } from '@/packages/identity/api'
import { getCommunity } from '@/packages/places/api'
import type { Building, StaffHousehold } from '@/api/types'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Empty, ErrorState, Loading } from '@/components/states'
import { showError } from '@/lib/errors'
import { formatArea, formatDate } from '@/lib/format'
import { displayName } from '@/packages/identity/labels'
import { openStaffPage } from '../../lib/routes'
import { useAsync } from '@/lib/use-async'
import { isForbidden, NoPermission, StaffGate } from '@/packages/staff/components/staff-gate'
import { matchesRoom } from '@/packages/staff/lib/household-search'
import { keepIssuedCodes } from '@/packages/staff/lib/invite-codes-store'
import { useStaff } from '@/packages/staff/lib/use-staff'
import { Page } from '@/components/page'
import '@/packages/staff/staff.scss'

function HouseholdRow({
  household,
  checked,
  onToggle,
}: {
  household: StaffHousehold
  checked: boolean
  onToggle: () => void
}) {
  return (
    <View className="household" onClick={onToggle}>
      <View className={checked ? 'checkbox checkbox--on' : 'checkbox'}>{checked ? '✓' : ''}</View>
      <View className="household__body">
        <View className="list-item__title">
          {household.unit}单元 {household.room}室
        </View>
        <View className="list-item__meta">
          {household.compoundName} · 专有面积 {formatArea(household.floorAreaM2)}
        </View>
        {household.residents.length === 0 && <View className="list-item__meta">尚无认证居民</View>}
        {household.residents.map((r) => (
          <View className="list-item__meta" key={r.residencyId}>
            居民：{displayName(r.realName, r.nickname)}
            {r.isRepresentative && <Badge>户代表</Badge>}
          </View>
        ))}
        {household.openInvite && (
          <View className="facts">
            <Badge tone="warn">
              邀请码未使用 · {formatDate(household.openInvite.expiresAt)}到期
            </Badge>
          </View>
        )}
      </View>
    </View>
  )
}

export default function StaffHouseholdsPage() {
  const context = useStaff()
  const communityId = context.status === 'ok' ? context.communityId : ''
  const community = useAsync(
    () => (communityId ? getCommunity(communityId) : Promise.resolve(null)),
    communityId,
  )
  const [building, setBuilding] = useState<Building | null>(null)
  const households = useAsync(
    () =>
      building
        ? listHouseholds(communityId, building.id)
        : Promise.resolve({ items: [] as StaffHousehold[] }),
    `${communityId}:${building?.id ?? ''}`,
  )
  const [selected, setSelected] = useState<string[]>([])
  const [issuing, setIssuing] = useState(false)
  const [roomQuery, setRoomQuery] = useState('')

  if (households.error && isForbidden(households.error)) return <NoPermission />

  const items = households.data?.items ?? []
  const shown = items.filter((h) => matchesRoom(h, roomQuery))
  const toggle = (id: string) =>
    setSelected((old) => (old.includes(id) ? old.filter((x) => x !== id) : [...old, id]))
  const withoutResidents = items.filter((h) => h.residents.length === 0).map((h) => h.id)

  const issue = async () => {
    if (!building || selected.length === 0) return
    const replacing = items.filter((h) => selected.includes(h.id) && h.openInvite).length
    const { confirm } = await Taro.showModal({
      title: '生成邀请码',
      content:
        `为 ${selected.length} 户生成邀请码。邀请码只显示一次，请生成后立即打印。` +
        (replacing ? `其中 ${replacing} 户已有未使用的邀请码，旧码将作废。` : ''),
      confirmText: '生成',
      cancelText: '取消',
    })
    if (!confirm) return
    setIssuing(true)
    try {
      const result = await createInviteCodes(communityId, selected)
      keepIssuedCodes({
        communityName: community.data?.name ?? '',
        buildingName: building.name,
        items: result.items,
        issuedAt: Date.now(),
      })
      setSelected([])
      void households.reload()
      openStaffPage('staffInviteCodes', { communityId })
    } catch (e) {
      showError(e)
    } finally {
      setIssuing(false)
    }
  }

  return (
    <StaffGate context={context} allowed={(c) => c.canManageResidents}>
      <Page>
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
                      onClick={() => {
                        setBuilding(b)
                        setSelected([])
                        setRoomQuery('')
                      }}
                    >
                      {b.name}
                    </View>
                  ))}
                </View>
              </View>
            ))}
          </Card>
        )}

        {building && households.loading && <Loading />}
        {building && !households.loading && households.error != null && (
          <ErrorState error={households.error} onRetry={() => void households.reload()} />
        )}
        {building && !households.loading && households.error == null && items.length === 0 && (
          <Empty title="这栋楼还没有登记住户" />
        )}

        {building && items.length > 0 && (
          <>
            <Card
              title={`${building.name} · ${items.length} 户`}
              extra={withoutResidents.length > 0 ? '选中未认证的住户' : undefined}
              onExtra={() => setSelected(withoutResidents)}
            >
              <Input
                className="input"
                value={roomQuery}
                maxlength={20}
                placeholder="按门牌号查找，例如 301 或 1-301"
                placeholderClass="placeholder"
                ariaLabel="按门牌号查找"
                onInput={(e) => setRoomQuery(e.detail.value)}
              />
              {shown.length === 0 && (
                <View className="muted card-action">这栋楼没有门牌号含“{roomQuery}”的住户。</View>
              )}
              {shown.map((h) => (
                <HouseholdRow
                  key={h.id}
                  household={h}
                  checked={selected.includes(h.id)}
                  onToggle={() => toggle(h.id)}
                />
              ))}
            </Card>
            <View className="toolbar">
              <Button
                block
                busy={issuing}
                busyText="正在生成…"
                disabled={selected.length === 0}
                onClick={() => void issue()}
              >
                {selected.length > 0 ? `为选中的 ${selected.length} 户生成邀请码` : '请先勾选住户'}
              </Button>
            </View>
          </>
        )}
      </Page>
    </StaffGate>
  )
}
