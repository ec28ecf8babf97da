import { Input, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import {
  findOwners,
  getUnitOwnership,
  listHouseholds,
  recordProxy,
  recordTitle,
  revokeProxy,
} from '@/packages/identity/api'
import { getCommunity } from '@/packages/places/api'
import type { Building, Owner, OwnershipUnit, StaffHousehold } from '@/api/types'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { FieldError } from '@/components/field-error'
import { ErrorState, Loading } from '@/components/states'
import { InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { formatArea, formatDate } from '@/lib/format'
import { useAsync } from '@/lib/use-async'
import { displayName } from '@/packages/identity/labels'
import {
  addEntry,
  entriesOf,
  validateProxyDate,
  validateTitle,
  type OwnerEntry,
  type TitleProblem,
} from '@/packages/staff/lib/ownership-form'
import { isForbidden, NoPermission, StaffGate } from '@/packages/staff/components/staff-gate'
import { useStaff } from '@/packages/staff/lib/use-staff'
import { Page } from '@/components/page'
import '@/packages/staff/staff.scss'
import { ariaBool, FOCUSABLE, inputLabel } from '@/components/a11y'

/** Shanghai's calendar day today, "2026-11-20" (a 委托's last day is a Shanghai date). */
function shanghaiToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** Record or correct the title from the certificate: area, number, owners, or the developer's mark. */
function TitleForm({
  unit,
  communityId,
  onSaved,
}: {
  unit: OwnershipUnit
  communityId: string
  onSaved: (unit: OwnershipUnit) => void
}) {
  const [areaM2, setArea] = useState(unit.title?.registeredAreaM2 ?? unit.household.floorAreaM2)
  const [certificateNo, setCertificate] = useState(unit.title?.certificateNo ?? '')
  const [developerUnsold, setDeveloper] = useState(unit.title?.developerUnsold ?? false)
  const [owners, setOwners] = useState<OwnerEntry[]>(entriesOf(unit))
  const [newName, setNewName] = useState('')
  const [search, setSearch] = useState('')
  const [found, setFound] = useState<Owner[] | null>(null)
  const [problem, setProblem] = useState<TitleProblem | null>(null)
  const [busy, setBusy] = useState(false)

  const toggleDeveloper = () => {
    setDeveloper(!developerUnsold)
    setOwners([])
    setFound(null)
  }
  const lookUp = async () => {
    try {
      const { items } = await findOwners(
        communityId,
        search.trim(),
        developerUnsold ? 'developer' : 'person',
      )
      setFound(items)
    } catch (e) {
      showError(e)
    }
  }
  const addName = () => {
    const name = newName.trim()
    if (!name) {
      showError(new InputError(developerUnsold ? '请填写开发商名称' : '请填写业主姓名'))
      return
    }
    setOwners(
      developerUnsold
        ? [{ ref: { name }, label: name }]
        : addEntry(owners, { ref: { name }, label: name }),
    )
    setNewName('')
  }
  const save = async () => {
    const checked = validateTitle({ areaM2, certificateNo, developerUnsold, owners })
    if (!checked.ok) {
      setProblem(checked.problem)
      showError(new InputError(checked.problem.message))
      return
    }
    setProblem(null)
    setBusy(true)
    try {
      const saved = await recordTitle(unit.household.id, checked.value)
      showSuccess('已登记')
      onSaved(saved)
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  const problemOf = (field: TitleProblem['field']) =>
    problem?.field === field ? problem.message : null

  return (
    <Card title={unit.title ? '更正产权登记' : '登记产权'}>
      <View className="field">
        <View className="field__label">专有部分面积（平方米，按证书）</View>
        <Input
          className="input"
          type="digit"
          value={areaM2}
          maxlength={8}
          {...inputLabel('专有部分面积')}
          onInput={(e) => setArea(e.detail.value)}
        />
        <View className="field__hint">
          台账面积 {formatArea(unit.household.floorAreaM2)}，以不动产登记的面积为准。
        </View>
        <FieldError text={problemOf('areaM2')} />
      </View>

      <View
        className="check-row"
        ariaRole="checkbox"
        aria-checked={ariaBool(developerUnsold)}
        {...FOCUSABLE}
        onClick={toggleDeveloper}
      >
        <View className={developerUnsold ? 'checkbox checkbox--on' : 'checkbox'}>
          {developerUnsold ? '✓' : ''}
        </View>
        <View>开发商未售 / 未交付（开发商的这类房屋合计按一人计）</View>
      </View>

      {!developerUnsold && (
        <View className="field">
          <View className="field__label">不动产权证（房产证）号</View>
          <Input
            className="input"
            value={certificateNo}
            maxlength={60}
            placeholder="如 浙(2019)杭州市不动产权第0012345号"
            placeholderClass="placeholder"
            {...inputLabel('不动产权证号')}
            onInput={(e) => setCertificate(e.detail.value)}
          />
          <View className="field__hint">
            只有本社区工作人员能看到证号，查看和修改都记入操作日志。
          </View>
          <FieldError text={problemOf('certificateNo')} />
        </View>
      )}

      <View className="field">
        <View className="field__label">
          {developerUnsold ? '开发商' : '业主（几位共有人都登记，共投一票）'}
        </View>
        {owners.length === 0 && <View className="muted">还没有登记。</View>}
        {owners.map((o, i) => (
          <View className="list-item list-item__row owner-entry" key={`${o.label}-${i}`}>
            <View className="list-item__main">{o.label}</View>
            <View
              className="link"
              ariaRole="button"
              onClick={() => setOwners(owners.filter((_, j) => j !== i))}
            >
              移除
            </View>
          </View>
        ))}
        <FieldError text={problemOf('owners')} />
      </View>

      {!developerUnsold && unit.residents.length > 0 && (
        <View className="field">
          <View className="field__hint">本户认证居民中的业主（用小程序投票）：</View>
          <View className="chips">
            {unit.residents.map((r) => (
              <View
                key={r.userId}
                className="chip"
                onClick={() =>
                  setOwners(
                    addEntry(owners, {
                      ref: r.realName
                        ? { userId: r.userId, name: r.realName }
                        : { userId: r.userId },
                      label: `${displayName(r.realName, r.nickname)}（本户居民）`,
                    }),
                  )
                }
              >
                ＋ {displayName(r.realName, r.nickname)}
              </View>
            ))}
          </View>
        </View>
      )}

      <View className="field">
        <View className="field__hint">
          {developerUnsold
            ? '查找已登记的开发商：'
            : '同一业主有多套房时，查找已登记的业主（按一人计）：'}
        </View>
        <View className="inline-form">
          <Input
            className="input"
            value={search}
            maxlength={20}
            placeholder={developerUnsold ? '开发商名称' : '业主姓名'}
            placeholderClass="placeholder"
            {...inputLabel('查找已登记的业主')}
            onInput={(e) => setSearch(e.detail.value)}
            onConfirm={() => void lookUp()}
          />
          <Button kind="secondary" onClick={() => void lookUp()}>
            查找
          </Button>
        </View>
        {found && found.length === 0 && <View className="muted">没有找到。</View>}
        {found && found.length > 0 && (
          <View className="chips card-action">
            {found.map((o) => (
              <View
                key={o.id}
                className="chip"
                onClick={() => {
                  const entry = { ref: { ownerId: o.id }, label: o.name }
                  setOwners(developerUnsold ? [entry] : addEntry(owners, entry))
                }}
              >
                ＋ {o.name}
                {o.units.length > 0 ? `（已有 ${o.units.length} 套）` : ''}
              </View>
            ))}
          </View>
        )}
      </View>

      <View className="field">
        <View className="field__hint">
          {developerUnsold ? '或填写开发商名称：' : '不用小程序的业主，填写证书上的姓名：'}
        </View>
        <View className="inline-form">
          <Input
            className="input"
            value={newName}
            maxlength={40}
            placeholder={developerUnsold ? '如 青梧置业有限公司' : '业主姓名'}
            placeholderClass="placeholder"
            {...inputLabel(developerUnsold ? '开发商名称' : '业主姓名')}
            onInput={(e) => setNewName(e.detail.value)}
          />
          <Button kind="secondary" onClick={addName}>
            添加
          </Button>
        </View>
      </View>

      <Button block busy={busy} busyText="正在保存…" onClick={() => void save()}>
        保存产权登记
      </Button>
    </Card>
  )
}

/** Record a written 委托 for one owner: the proxy is a verified resident, found by building and room. */
function ProxyForm({
  ownerId,
  ownerName,
  communityId,
  onDone,
}: {
  ownerId: string
  ownerName: string
  communityId: string
  onDone: () => void
}) {
  const community = useAsync(() => getCommunity(communityId), communityId)
  const [building, setBuilding] = useState<Building | null>(null)
  const households = useAsync(
    () =>
      building
        ? listHouseholds(communityId, building.id)
        : Promise.resolve({ items: [] as StaffHousehold[] }),
    `${communityId}:${building?.id ?? ''}`,
  )
  const [room, setRoom] = useState('')
  const [proxy, setProxy] = useState<{ userId: string; name: string } | null>(null)
  const [document, setDocument] = useState('')
  const [until, setUntil] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const residents = (households.data?.items ?? [])
    .filter((h) => room.trim() && h.room.includes(room.trim()))
    .flatMap((h) =>
      h.residents.map((r) => ({
        userId: r.userId,
        name: displayName(r.realName, r.nickname),
        where: `${h.unit}单元 ${h.room}室`,
      })),
    )

  const submit = async () => {
    const dateProblem = validateProxyDate(until, shanghaiToday())
    const message = !proxy
      ? '请选择受托人'
      : document.trim().length < 2
        ? '请写明委托书（日期、编号等）'
        : dateProblem
    if (message) {
      setProblem(message)
      showError(new InputError(message))
      return
    }
    setProblem(null)
    setBusy(true)
    try {
      await recordProxy(ownerId, {
        proxyUserId: proxy!.userId,
        document: document.trim(),
        ...(until.trim() ? { validUntil: until.trim() } : {}),
      })
      showSuccess('已登记委托')
      onDone()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="proxy-form">
      <View className="paragraph strong">登记 {ownerName} 的书面委托</View>
      <View className="field">
        <View className="field__hint">1. 受托人住在哪栋楼（须为本社区认证居民）</View>
        <View className="chips">
          {(community.data?.compounds ?? []).flatMap((c) =>
            c.buildings.map((b) => (
              <View
                key={b.id}
                className={building?.id === b.id ? 'chip chip--on' : 'chip'}
                onClick={() => {
                  setBuilding(b)
                  setProxy(null)
                }}
              >
                {c.name}
                {b.name}
              </View>
            )),
          )}
        </View>
      </View>
      {building && (
        <View className="field">
          <View className="field__hint">2. 门牌号</View>
          <Input
            className="input"
            value={room}
            maxlength={10}
            placeholder="例如 302"
            placeholderClass="placeholder"
            {...inputLabel('受托人门牌号')}
            onInput={(e) => setRoom(e.detail.value)}
          />
          {room.trim() && residents.length === 0 && !households.loading && (
            <View className="muted">这个门牌号没有认证居民。</View>
          )}
          <View className="chips card-action">
            {residents.map((r) => (
              <View
                key={r.userId}
                className={proxy?.userId === r.userId ? 'chip chip--on' : 'chip'}
                onClick={() => setProxy({ userId: r.userId, name: r.name })}
              >
                {r.name}（{r.where}）
              </View>
            ))}
          </View>
        </View>
      )}
      <View className="field">
        <View className="field__hint">3. 委托书（签署日期、编号，原件由居委会存档）</View>
        <Input
          className="input"
          value={document}
          maxlength={100}
          placeholder="如 2026年11月20日签署，编号 W-001"
          placeholderClass="placeholder"
          {...inputLabel('委托书说明')}
          onInput={(e) => setDocument(e.detail.value)}
        />
      </View>
      <View className="field">
        <View className="field__hint">4. 委托截止日期（可不填，撤销前一直有效）</View>
        <Input
          className="input"
          value={until}
          maxlength={10}
          placeholder="如 2026-12-31"
          placeholderClass="placeholder"
          {...inputLabel('委托截止日期')}
          onInput={(e) => setUntil(e.detail.value)}
        />
      </View>
      <FieldError text={problem} />
      <Button block busy={busy} busyText="正在登记…" onClick={() => void submit()}>
        登记委托{proxy ? `给 ${proxy.name}` : ''}
      </Button>
    </View>
  )
}

export default function StaffOwnershipUnitPage() {
  const context = useStaff()
  const { params } = useRouter()
  const householdId = params.householdId ?? ''
  const communityId = context.status === 'ok' ? context.communityId : ''
  const loaded = useAsync(
    () =>
      householdId
        ? getUnitOwnership(householdId)
        : Promise.reject(new InputError('缺少房屋，请从房屋产权登记进入')),
    householdId,
  )
  const [unit, setUnit] = useState<OwnershipUnit | null>(null)
  const [proxyFor, setProxyFor] = useState<string | null>(null)
  useEffect(() => {
    if (loaded.data) setUnit(loaded.data)
  }, [loaded.data])

  if (loaded.error && isForbidden(loaded.error)) return <NoPermission />

  const revoke = async (proxyId: string, who: string) => {
    const { confirm } = await Taro.showModal({
      title: '撤销委托',
      content: `撤销后，${who} 不能再代业主投票。`,
      confirmText: '撤销',
      cancelText: '取消',
    })
    if (!confirm) return
    try {
      await revokeProxy(proxyId)
      showSuccess('已撤销')
      void loaded.reload()
    } catch (e) {
      showError(e)
    }
  }

  return (
    <StaffGate context={context} allowed={(c) => c.canManageResidents}>
      <Page>
        {!unit && loaded.loading && <Loading />}
        {!unit && loaded.error != null && (
          <ErrorState error={loaded.error} onRetry={() => void loaded.reload()} />
        )}
        {unit && (
          <>
            <View className="page-title">{unit.household.label}</View>
            {unit.title && (
              <View className="facts">
                <Badge tone="ok">已登记</Badge>
                <Badge tone="plain">
                  {unit.title.recordedBy} 于 {formatDate(unit.title.recordedAt)} 登记
                </Badge>
              </View>
            )}
            <TitleForm
              key={`${unit.household.id}:${unit.title?.recordedAt ?? 0}`}
              unit={unit}
              communityId={communityId}
              onSaved={(saved) => {
                setUnit(saved)
                void loaded.reload()
              }}
            />

            {unit.title && !unit.title.developerUnsold && (
              <Card title="书面委托（代业主投票）">
                <View className="muted">
                  业主可以书面委托本社区的一位认证居民代为投票；凭签字的委托书登记。业主本人投的票优先于受托人的票。
                </View>
                {unit.owners.map((o) => {
                  const live = unit.proxies.find((p) => p.ownerId === o.id)
                  return (
                    <View className="list-item" key={o.id}>
                      <View className="list-item__title">{o.name}</View>
                      {live ? (
                        <View className="list-item__row">
                          <View className="list-item__main">
                            委托 {live.proxyName}（{live.document}
                            {live.validUntil ? `，至 ${formatDate(live.validUntil - 1)}` : ''}）
                          </View>
                          <View
                            className="link"
                            ariaRole="button"
                            onClick={() => void revoke(live.id, live.proxyName)}
                          >
                            撤销
                          </View>
                        </View>
                      ) : (
                        <View className="muted">未委托他人</View>
                      )}
                      {proxyFor === o.id ? (
                        <ProxyForm
                          ownerId={o.id}
                          ownerName={o.name}
                          communityId={communityId}
                          onDone={() => {
                            setProxyFor(null)
                            void loaded.reload()
                          }}
                        />
                      ) : (
                        <Button
                          kind="secondary"
                          block
                          className="card-action"
                          onClick={() => setProxyFor(o.id)}
                        >
                          {live ? '改为委托他人' : '登记委托'}
                        </Button>
                      )}
                    </View>
                  )
                })}
              </Card>
            )}
          </>
        )}
      </Page>
    </StaffGate>
  )
}
