import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import {
  grantCentreManager,
  grantRole,
  listCentreRoleGrants,
  listResidents,
  listRoleGrants,
  revokeCentreRoleGrant,
  revokeRoleGrant,
} from '@/packages/identity/api'
import { getCommunity } from '@/packages/places/api'
import type { CentreRoleGrant, Role, RoleGrant } from '@/api/types'
import { refreshMe } from '@/packages/identity/actions'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Empty, ErrorState, Loading } from '@/components/states'
import { showError, showSuccess } from '@/lib/errors'
import { formatDate } from '@/lib/format'
import { CENTRE_MANAGER_NAME, displayName, roleName, ROLES } from '@/packages/identity/labels'
import { useAsync } from '@/lib/use-async'
import { isForbidden, NoPermission, StaffGate } from '@/packages/staff/components/staff-gate'
import { usePagedList } from '@/lib/use-paged-list'
import { useStaff } from '@/packages/staff/lib/use-staff'
import { Page } from '@/components/page'
import '@/packages/staff/staff.scss'

type Candidates = ReturnType<typeof useCandidates>

/**
 * The people an admin may pick: verified residents of the community (paged) and whoever holds a
 * role in it (staff need not live there). Loaded once for both forms of the page.
 */
function useCandidates(communityId: string, grants: RoleGrant[]) {
  const residents = usePagedList((cursor) => listResidents(communityId, cursor), communityId)
  const people = new Map<string, string>()
  for (const r of residents.items)
    if (!people.has(r.userId))
      people.set(r.userId, `${displayName(r.realName, r.nickname)} · ${r.household.label}`)
  for (const g of grants)
    if (!people.has(g.userId))
      people.set(g.userId, `${displayName(g.realName, g.nickname)} · ${roleName(g.role)}`)
  return { residents, people }
}

function PersonChoice({
  candidates,
  value,
  onChange,
}: {
  candidates: Candidates
  value: string | null
  onChange: (userId: string) => void
}) {
  const { residents, people } = candidates
  return (
    <View>
      {residents.loading && people.size === 0 && <Loading />}
      {residents.error != null && (
        <ErrorState error={residents.error} onRetry={() => void residents.reload()} />
      )}
      {[...people].map(([id, label]) => (
        <View
          key={id}
          className={id === value ? 'choice choice--on' : 'choice'}
          onClick={() => onChange(id)}
        >
          <View className="list-item__meta">{label}</View>
          {id === value && <View className="choice__mark">✓</View>}
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
  )
}

function GrantForm({
  communityId,
  candidates,
  onGranted,
}: {
  communityId: string
  candidates: Candidates
  onGranted: () => void
}) {
  const [userId, setUserId] = useState<string | null>(null)
  const [role, setRole] = useState<Role | null>(null)
  const [busy, setBusy] = useState(false)

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
        <PersonChoice candidates={candidates} value={userId} onChange={setUserId} />
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

/** One manager (or former manager) of a centre: revoke, or appoint again. */
function CentreGrantItem({
  grant,
  isAdmin,
  onChanged,
}: {
  grant: CentreRoleGrant
  isAdmin: boolean
  onChanged: () => void
}) {
  const [busy, setBusy] = useState(false)
  const live = grant.revokedAt === null
  const act = async () => {
    if (live) {
      const { confirm } = await Taro.showModal({
        title: `撤销${CENTRE_MANAGER_NAME}`,
        content: `撤销 ${grant.nickname} 的${CENTRE_MANAGER_NAME}职务？撤销后将不能再审批预约、查看预约日历和预约人。`,
        confirmText: '撤销',
        cancelText: '取消',
      })
      if (!confirm) return
    }
    setBusy(true)
    try {
      if (live) await revokeCentreRoleGrant(grant.id)
      else await grantCentreManager(grant.centreId, grant.userId)
      showSuccess(live ? '已撤销' : '已任命')
      onChanged()
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
          <View className="list-item__title">{grant.nickname}</View>
          <View className="list-item__meta">
            {live
              ? `${formatDate(grant.grantedAt)}起${grant.grantedBy ? ` · ${grant.grantedBy.nickname}任命` : ''}`
              : `已于 ${formatDate(grant.revokedAt!)} 撤销`}
          </View>
        </View>
        {isAdmin && (
          <Button
            size="small"
            kind={live ? 'danger' : 'secondary'}
            busy={busy}
            onClick={() => void act()}
          >
            {live ? '撤销' : '重新任命'}
          </Button>
        )}
      </View>
    </View>
  )
}

/**
 * 邻里中心管理员 of the centres serving this community: a role granted per centre (decision 020),
 * never implied by being an admin here. Admins appoint by picking a centre and a person.
 */
function CentreManagers({
  communityId,
  isAdmin,
  candidates,
}: {
  communityId: string
  isAdmin: boolean
  candidates: Candidates | null
}) {
  const community = useAsync(() => getCommunity(communityId), communityId)
  const centres = community.data?.centres ?? []
  const [chosen, setChosen] = useState<string | null>(null)
  const centreId = chosen && centres.some((c) => c.id === chosen) ? chosen : (centres[0]?.id ?? '')
  const grants = useAsync(
    () => (centreId ? listCentreRoleGrants(centreId) : Promise.resolve({ items: [] })),
    centreId,
  )
  const [userId, setUserId] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  if (community.error != null && !community.data)
    return <ErrorState error={community.error} onRetry={() => void community.reload()} />
  if (centres.length === 0) return null
  const live = grants.data?.items.filter((g) => g.revokedAt === null) ?? []
  const former = grants.data?.items.filter((g) => g.revokedAt !== null) ?? []

  const submit = async () => {
    if (!userId || !centreId) return
    setBusy(true)
    try {
      await grantCentreManager(centreId, userId)
      showSuccess('已任命')
      setUserId(null)
      void grants.reload()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card title={CENTRE_MANAGER_NAME}>
      <View className="paragraph muted">
        邻里中心管理员可以审批预约，查看预约日历、预约人和未签到记录。这个职务按邻里中心单独任命，社区管理员本身不是邻里中心管理员。
      </View>
      {centres.length > 1 && (
        <View className="chips">
          {centres.map((c) => (
            <View
              key={c.id}
              className={c.id === centreId ? 'chip chip--on' : 'chip'}
              ariaRole="button"
              onClick={() => setChosen(c.id)}
            >
              {c.name}
            </View>
          ))}
        </View>
      )}
      {grants.loading && !grants.data && <Loading />}
      {grants.error != null && !grants.data && (
        <ErrorState error={grants.error} onRetry={() => void grants.reload()} />
      )}
      {grants.data && live.length === 0 && (
        <View className="list-item__meta">
          {centres.find((c) => c.id === centreId)?.name}还没有管理员。
        </View>
      )}
      {live.map((g) => (
        <CentreGrantItem
          key={g.id}
          grant={g}
          isAdmin={isAdmin}
          onChanged={() => void grants.reload()}
        />
      ))}
      {former.length > 0 && <View className="field__label">以前的管理员</View>}
      {former.map((g) => (
        <CentreGrantItem
          key={g.id}
          grant={g}
          isAdmin={isAdmin}
          onChanged={() => void grants.reload()}
        />
      ))}
      {isAdmin && candidates && (
        <View className="field">
          <View className="field__label">
            任命{centres.find((c) => c.id === centreId)?.name}的管理员：选择人员
          </View>
          <PersonChoice candidates={candidates} value={userId} onChange={setUserId} />
          <Button block busy={busy} disabled={!userId} onClick={() => void submit()}>
            任命为{CENTRE_MANAGER_NAME}
          </Button>
        </View>
      )}
    </Card>
  )
}

/** What only an admin sees: the two forms, sharing one list of people. */
function AdminForms({
  communityId,
  grants,
  onGranted,
}: {
  communityId: string
  grants: RoleGrant[]
  onGranted: () => void
}) {
  const candidates = useCandidates(communityId, grants)
  return (
    <View>
      <GrantForm communityId={communityId} candidates={candidates} onGranted={onGranted} />
      <CentreManagers communityId={communityId} isAdmin candidates={candidates} />
    </View>
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
      <Page>
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
        {isAdmin && grants.data && (
          <AdminForms communityId={communityId} grants={grants.data.items} onGranted={changed} />
        )}
        {!isAdmin && communityId && (
          <CentreManagers communityId={communityId} isAdmin={false} candidates={null} />
        )}
      </Page>
    </StaffGate>
  )
}
