import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { grantRole, listResidents, listRoleGrants, revokeRoleGrant } from '@/packages/identity/api'
import type { Role, RoleGrant } from '@/api/types'
import { refreshMe } from '@/packages/identity/actions'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Empty, ErrorState, Loading } from '@/components/states'
import { showError, showSuccess } from '@/lib/errors'
import { formatDate } from '@/lib/format'
import { displayName, roleName, ROLES } from '@/packages/identity/labels'
import { useAsync } from '@/lib/use-async'
import { isForbidden, NoPermission, StaffGate } from '@/packages/staff/components/staff-gate'
import { usePagedList } from '@/lib/use-paged-list'
import { useStaff } from '@/packages/staff/lib/use-staff'
import '@/packages/staff/staff.scss'

function GrantForm({ communityId, onGranted }: { communityId: string; onGranted: () => void }) {
  const residents = usePagedList((cursor) => listResidents(communityId, cursor), communityId)
  const [userId, setUserId] = useState<string | null>(null)
  const [role, setRole] = useState<Role | null>(null)
  const [busy, setBusy] = useState(false)

  const people = new Map<string, string>()
  for (const r of residents.items)
    if (!people.has(r.userId))
      people.set(r.userId, `${displayName(r.realName, r.nickname)} · ${r.household.label}`)

  const submit = async () => {
    if (!userId || !role) return
    setBusy(true)
    try {
      await grantRole(communityId, userId, role)
      showSuccess('已分配')
      setUserId(null)
      setRole(null)
      onGranted()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card title="分配职务">
      <View className="field">
        <View className="field__label">1. 选择本社区的认证居民</View>
        {residents.loading && people.size === 0 && <Loading />}
        {residents.error != null && (
          <ErrorState error={residents.error} onRetry={() => void residents.reload()} />
        )}
        {[...people].map(([id, label]) => (
          <View
            key={id}
            className={id === userId ? 'choice choice--on' : 'choice'}
            onClick={() => setUserId(id)}
          >
            <View className="list-item__meta">{label}</View>
            {id === userId && <View className="choice__mark">✓</View>}
          </View>
        ))}
        {residents.hasMore && (
          <Button
            kind="quiet"
            size="small"
            className="card-action"
            busy={residents.loading}
            onClick={() => void residents.loadMore()}
          >
            显示更多居民
          </Button>
        )}
      </View>
      <View className="field">
        <View className="field__label">2. 选择职务</View>
        <View className="chips">
          {ROLES.map((r) => (
            <View
              key={r}
              className={r === role ? 'chip chip--on' : 'chip'}
              onClick={() => setRole(r)}
            >
              {roleName(r)}
            </View>
          ))}
        </View>
      </View>
      <Button block busy={busy} disabled={!userId || !role} onClick={() => void submit()}>
        分配
      </Button>
    </Card>
  )
}

function GrantItem({
  grant,
  canRevoke,
  onRevoked,
}: {
  grant: RoleGrant
  canRevoke: boolean
  onRevoked: () => void
}) {
  const [busy, setBusy] = useState(false)
  const revoke = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤销职务',
      content: `撤销 ${displayName(grant.realName, grant.nickname)} 的“${roleName(grant.role)}”职务？`,
      confirmText: '撤销',
      cancelText: '取消',
    })
    if (!confirm) return
    setBusy(true)
    try {
      await revokeRoleGrant(grant.id)
      showSuccess('已撤销')
      onRevoked()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="list-item">
      <View className="list-item__row">
        <View className="list-item__main">
          <View className="list-item__title">{displayName(grant.realName, grant.nickname)}</View>
          <View className="list-item__meta">
            <Text className="strong">{roleName(grant.role)}</Text> · {formatDate(grant.grantedAt)}起
          </View>
        </View>
        {canRevoke && (
          <Button size="small" kind="danger" busy={busy} onClick={() => void revoke()}>
            撤销
          </Button>
        )}
      </View>
    </View>
  )
}

export default function StaffRolesPage() {
  const context = useStaff()
  const communityId = context.status === 'ok' ? context.communityId : ''
  const grants = useAsync(
    () => (communityId ? listRoleGrants(communityId) : Promise.resolve({ items: [] })),
    communityId,
  )

  if (grants.error && isForbidden(grants.error)) return <NoPermission />
  const isAdmin = context.status === 'ok' && context.canGrantRoles

  const changed = () => {
    void grants.reload()
    // My own roles may have changed.
    void refreshMe().catch(() => undefined)
  }

  return (
    <StaffGate context={context} allowed={(c) => c.canViewRolesAndAudit}>
      <View className="page">
        {!isAdmin && <View className="notice notice--info">只有管理员可以分配和撤销职务。</View>}
        {grants.loading && !grants.data && <Loading />}
        {grants.error != null && !grants.data && (
          <ErrorState error={grants.error} onRetry={() => void grants.reload()} />
        )}
        {grants.data && grants.data.items.length === 0 && <Empty title="还没有分配职务" />}
        {grants.data && grants.data.items.length > 0 && (
          <Card title="本社区的职务">
            {grants.data.items.map((g) => (
              <GrantItem key={g.id} grant={g} canRevoke={isAdmin} onRevoked={changed} />
            ))}
          </Card>
        )}
        {isAdmin && <GrantForm communityId={communityId} onGranted={changed} />}
      </View>
    </StaffGate>
  )
}
