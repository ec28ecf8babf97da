import { Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ariaBool, FOCUSABLE } from '@/components/a11y'
import { Badge } from '@/components/badge'
import { BottomSheet } from '@/components/bottom-sheet'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { FieldError } from '@/components/field-error'
import { Page } from '@/components/page'
import { Empty, ErrorState, Loading } from '@/components/states'
import { errorMessage, showError, showSuccess } from '@/lib/errors'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { StaffGate } from '@/packages/staff/components/staff-gate'
import { useStaff } from '@/packages/staff/lib/use-staff'
import {
  createBuildingGroup,
  createGrid,
  findCandidates,
  getCommunityGrids,
  grantGridRole,
  revokeGridRole,
  updateBuildingGroup,
  updateGrid,
  type CommunityGrids,
  type GridCandidate,
} from '@/packages/grid/api'
import { openGrid } from '@/packages/grid/lib/routes'
import { toggle, turnoutText, validateScopeForm } from '@/packages/grid/lib/view'
import '@/packages/grid/grid.scss'

type Leader = CommunityGrids['grids'][number]['leaders'][number]
type Figures = CommunityGrids['grids'][number]['figures']
type Editing = {
  kind: 'grid' | 'building_group'
  id: string | null
  name: string
  ids: string[]
} | null
type Naming = { kind: 'grid' | 'building_group'; scopeId: string; scopeName: string } | null

/**
 * 网格与楼组 (居委会 workbench, decision 018): every 网格 side by side with its figures, the 楼组,
 * what is not yet drawn; draw and redraw them, and name or revoke 网格员 and 楼组长.
 */
export default function ManageGridsPage() {
  const context = useStaff()
  const communityId = context.status === 'ok' ? context.communityId : ''
  const grids = useAsync(
    () => (communityId ? getCommunityGrids(communityId) : Promise.resolve(null)),
    communityId,
  )
  useRefreshOnShow(() => void grids.reload())
  const [editing, setEditing] = useState<Editing>(null)
  const [naming, setNaming] = useState<Naming>(null)

  return (
    <StaffGate context={context} allowed={(c) => c.canManageResidents}>
      <Page>
        <View className="page-title">网格与楼组</View>
        <View className="lead">
          “居委大网格—小区中网格—楼组微网格”：网格由小区组成，楼组由楼栋组成。任命网格员和楼组长后，他们可以在“我的”里查看所负责楼栋的住户、认证申请、金点子和表决参与情况。
        </View>
        {grids.loading && !grids.data ? (
          <Loading />
        ) : !grids.data ? (
          <ErrorState error={grids.error} onRetry={() => void grids.reload()} />
        ) : (
          <Content
            data={grids.data}
            onEdit={setEditing}
            onName={setNaming}
            onChanged={() => void grids.reload()}
          />
        )}
        {editing && grids.data && (
          <ScopeForm
            communityId={communityId}
            data={grids.data}
            editing={editing}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null)
              void grids.reload()
            }}
          />
        )}
        {naming && (
          <NameForm
            communityId={communityId}
            naming={naming}
            onClose={() => setNaming(null)}
            onSaved={() => {
              setNaming(null)
              void grids.reload()
            }}
          />
        )}
      </Page>
    </StaffGate>
  )
}

function FigureLine({ f }: { f: Figures }) {
  return (
    <View className="grid-line__meta">
      {f.buildings} 栋 · {f.householdsWithResidents}/{f.households} 户已认证 · {f.residents} 位居民
      · 待审核 {f.pendingRequests} · 金点子 {f.suggestions}
    </View>
  )
}

function Leaders({
  leaders,
  empty,
  onChanged,
}: {
  leaders: Leader[]
  empty: string
  onChanged: () => void
}) {
  const revoke = async (l: Leader) => {
    const { confirm } = await Taro.showModal({
      title: `撤销${l.roleName}`,
      content: `撤销后，${l.nickname}将不能再查看这些楼栋的住户和申请。确定撤销吗？`,
      confirmText: '撤销',
      cancelText: '取消',
    })
    if (!confirm) return
    try {
      await revokeGridRole(l.grantId)
      showSuccess('已撤销')
      onChanged()
    } catch (e) {
      showError(e)
    }
  }
  if (leaders.length === 0) return <View className="grid-line__meta muted">{empty}</View>
  return (
    <View className="facts">
      {leaders.map((l) => (
        <View key={l.grantId} className="grid-leader">
          <Badge tone="plain">
            {l.roleName} {l.nickname}
          </Badge>
          <Button
            kind="quiet"
            size="small"
            label={`撤销${l.roleName}${l.nickname}`}
            onClick={() => void revoke(l)}
          >
            撤销
          </Button>
        </View>
      ))}
    </View>
  )
}

function Content({
  data,
  onEdit,
  onName,
  onChanged,
}: {
  data: CommunityGrids
  onEdit: (e: Editing) => void
  onName: (n: Naming) => void
  onChanged: () => void
}) {
  return (
    <>
      <Card
        title="网格（并排比较）"
        extra="＋ 新建网格"
        onExtra={() => onEdit({ kind: 'grid', id: null, name: '', ids: [] })}
      >
        {data.grids.length === 0 ? (
          <Empty title="还没有网格">点“新建网格”，选择网格包含的小区。</Empty>
        ) : (
          <View className="grid-compare">
            {data.grids.map((g) => (
              <View key={g.id} className="grid-compare__col">
                <View
                  className="grid-row__name grid-link"
                  ariaRole="link"
                  {...FOCUSABLE}
                  onClick={() => openGrid('scope', { kind: 'grid', id: g.id })}
                >
                  {g.name} ›
                </View>
                <View className="grid-line__meta">{g.compounds.map((c) => c.name).join('、')}</View>
                <FigureLine f={g.figures} />
                {g.votes.map((v) => (
                  <View key={v.id} className="grid-line__meta">
                    表决“{v.title}”：{turnoutText(v.cast, v.eligible, v.unit)}
                  </View>
                ))}
                <Leaders leaders={g.leaders} empty="未任命网格员" onChanged={onChanged} />
                <ScopeActions
                  naming={{ kind: 'grid', scopeId: g.id, scopeName: g.name }}
                  editing={{
                    kind: 'grid',
                    id: g.id,
                    name: g.name,
                    ids: g.compounds.map((c) => c.id),
                  }}
                  onEdit={onEdit}
                  onName={onName}
                />
              </View>
            ))}
          </View>
        )}
        {data.unassigned.compounds.length > 0 && (
          <View className="grid-note muted">
            未划入网格的小区：{data.unassigned.compounds.map((c) => c.name).join('、')}
          </View>
        )}
      </Card>

      <Card
        title="楼组"
        extra="＋ 新建楼组"
        onExtra={() => onEdit({ kind: 'building_group', id: null, name: '', ids: [] })}
      >
        {data.buildingGroups.length === 0 ? (
          <Empty title="还没有楼组">点“新建楼组”，选择楼组包含的楼栋。</Empty>
        ) : (
          data.buildingGroups.map((g) => (
            <View key={g.id} className="grid-request">
              <View
                className="grid-row__name grid-link"
                ariaRole="link"
                {...FOCUSABLE}
                onClick={() => openGrid('scope', { kind: 'building_group', id: g.id })}
              >
                {g.name} ›
              </View>
              <View className="grid-line__meta">
                {g.buildings.map((b) => `${b.compoundName}${b.name}`).join('、')}
              </View>
              <FigureLine f={g.figures} />
              <Leaders leaders={g.leaders} empty="未任命楼组长" onChanged={onChanged} />
              <ScopeActions
                naming={{ kind: 'building_group', scopeId: g.id, scopeName: g.name }}
                editing={{
                  kind: 'building_group',
                  id: g.id,
                  name: g.name,
                  ids: g.buildings.map((b) => b.id),
                }}
                onEdit={onEdit}
                onName={onName}
              />
            </View>
          ))
        )}
        {data.unassigned.buildings.length > 0 && (
          <View className="grid-note muted">
            未划入楼组的楼栋：{data.unassigned.buildings.map((b) => b.name).join('、')}
          </View>
        )}
      </Card>
    </>
  )
}

/** A 网格's or 楼组's two actions: name who looks after it, redraw it. */
function ScopeActions({
  naming,
  editing,
  onEdit,
  onName,
}: {
  naming: NonNullable<Naming>
  editing: Editing
  onEdit: (e: Editing) => void
  onName: (n: Naming) => void
}) {
  return (
    <View className="btn-row">
      <Button kind="secondary" size="small" onClick={() => onName(naming)}>
        {naming.kind === 'grid' ? '任命网格员' : '任命楼组长'}
      </Button>
      <Button
        kind="quiet"
        size="small"
        label={`修改${naming.scopeName}`}
        onClick={() => onEdit(editing)}
      >
        修改
      </Button>
    </View>
  )
}

/** Create or redraw a 网格 (its compounds) or a 楼组 (its buildings). */
function ScopeForm({
  communityId,
  data,
  editing,
  onClose,
  onSaved,
}: {
  communityId: string
  data: CommunityGrids
  editing: NonNullable<Editing>
  onClose: () => void
  onSaved: () => void
}) {
  const isGrid = editing.kind === 'grid'
  const what = isGrid ? '小区' : '楼栋'
  const [name, setName] = useState(editing.name)
  const [ids, setIds] = useState(editing.ids)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // What may be chosen: the unassigned ones and this scope's own members.
  const options = isGrid
    ? [
        ...(data.grids.find((g) => g.id === editing.id)?.compounds ?? []),
        ...data.unassigned.compounds,
      ]
    : [
        ...(data.buildingGroups
          .find((g) => g.id === editing.id)
          ?.buildings.map((b) => ({ id: b.id, name: `${b.compoundName}${b.name}` })) ?? []),
        ...data.unassigned.buildings,
      ]
  const order = options.map((o) => o.id)

  const save = async () => {
    const error = validateScopeForm(name, ids, what)
    setProblem(error)
    if (error) return
    setBusy(true)
    try {
      if (isGrid) {
        const grid = { name: name.trim(), compoundIds: ids }
        await (editing.id ? updateGrid(editing.id, grid) : createGrid(communityId, grid))
      } else {
        const group = { name: name.trim(), buildingIds: ids }
        await (editing.id
          ? updateBuildingGroup(editing.id, group)
          : createBuildingGroup(communityId, group))
      }
      showSuccess('已保存')
      onSaved()
    } catch (e) {
      setProblem(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <BottomSheet
      title={`${editing.id ? '修改' : '新建'}${isGrid ? '网格' : '楼组'}`}
      onClose={onClose}
    >
      <View className="field">
        <View className="field__label">{isGrid ? '网格名称' : '楼组名称'}</View>
        <Input
          className="input"
          value={name}
          maxlength={30}
          ariaLabel={isGrid ? '网格名称' : '楼组名称'}
          placeholder={isGrid ? '例如：梧桐苑网格' : '例如：3号楼楼组'}
          placeholderClass="placeholder"
          onInput={(e) => setName(e.detail.value)}
        />
      </View>
      <View className="field">
        <View className="field__label">
          包含的{what}（{isGrid ? '一个小区只能属于一个网格' : '一栋楼只能属于一个楼组'}）
        </View>
        {options.length === 0 ? (
          <View className="muted">
            所有{what}都已划分。要调整，请先修改原来的{isGrid ? '网格' : '楼组'}。
          </View>
        ) : (
          <View className="chips" ariaRole="group" ariaLabel={`选择${what}`}>
            {options.map((o) => (
              <View
                key={o.id}
                className={ids.includes(o.id) ? 'chip chip--on' : 'chip'}
                ariaRole="checkbox"
                aria-checked={ariaBool(ids.includes(o.id))}
                {...FOCUSABLE}
                onClick={() => setIds(toggle(ids, o.id, order))}
              >
                {ids.includes(o.id) ? '✓ ' : ''}
                {o.name}
              </View>
            ))}
          </View>
        )}
      </View>
      <FieldError text={problem} />
      <Button block busy={busy} onClick={() => void save()}>
        保存
      </Button>
    </BottomSheet>
  )
}

/** Name a 网格员 or 楼组长: find the person by nickname or room. */
function NameForm({
  communityId,
  naming,
  onClose,
  onSaved,
}: {
  communityId: string
  naming: NonNullable<Naming>
  onClose: () => void
  onSaved: () => void
}) {
  const role = naming.kind === 'grid' ? 'grid_worker' : 'building_leader'
  const roleName = naming.kind === 'grid' ? '网格员' : '楼组长'
  const [q, setQ] = useState('')
  const [query, setQuery] = useState('')
  const [busy, setBusy] = useState<string | null>(null)
  const candidates = useAsync(() => findCandidates(communityId, query), `${communityId}:${query}`)

  const grant = async (c: GridCandidate) => {
    setBusy(c.userId)
    try {
      await grantGridRole(communityId, { userId: c.userId, role, scopeId: naming.scopeId })
      showSuccess(`已任命${roleName}`)
      onSaved()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(null)
    }
  }

  return (
    <BottomSheet title={`任命${naming.scopeName}的${roleName}`} onClose={onClose}>
      <View className="field">
        <View className="field__label">按昵称或门牌号查找本社区的居民或工作人员</View>
        <View className="btn-row">
          <Input
            className="input"
            value={q}
            maxlength={20}
            ariaLabel="按昵称或门牌号查找"
            placeholder="例如：刘阿姨、302"
            placeholderClass="placeholder"
            confirmType="search"
            onInput={(e) => setQ(e.detail.value)}
            onConfirm={() => setQuery(q)}
          />
          <Button kind="secondary" onClick={() => setQuery(q)}>
            查找
          </Button>
        </View>
      </View>
      {candidates.loading && !candidates.data ? (
        <Loading />
      ) : !candidates.data ? (
        <ErrorState error={candidates.error} onRetry={() => void candidates.reload()} />
      ) : candidates.data.items.length === 0 ? (
        <Empty title="没有找到">只能任命本社区已认证的居民或工作人员。</Empty>
      ) : (
        candidates.data.items.map((c) => (
          <View key={c.userId} className="grid-request">
            <View className="grid-line__name">{c.nickname}</View>
            <View className="grid-line__meta">{c.household ?? '社区工作人员'}</View>
            <Button
              kind="secondary"
              size="small"
              busy={busy === c.userId}
              label={`任命为${roleName}：${c.nickname}`}
              onClick={() => void grant(c)}
            >
              任命为{roleName}
            </Button>
          </View>
        ))
      )}
    </BottomSheet>
  )
}
