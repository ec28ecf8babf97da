import { Input, View } from '@tarojs/components'
import { useState } from 'react'
import {
  recordPaperBallot,
  type BallotOption,
  type BallotReceipt,
} from '@/packages/conventions/api'
import { listHouseholds } from '@/packages/identity/api'
import { getCommunity } from '@/packages/places/api'
import type { Building, StaffHousehold } from '@/api/types'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Empty, ErrorState, Loading } from '@/components/states'
import { FieldError } from '@/components/field-error'
import { InputError } from '@/lib/error-message'
import { showError } from '@/lib/errors'
import { displayName } from '@/packages/identity/labels'
import { useAsync } from '@/lib/use-async'
import { OPTION_NAMES, OPTIONS } from '@/packages/conventions/lib/labels'
import { validatePaperRef } from '@/packages/conventions/lib/forms'
import { formatReceipt } from '@/packages/conventions/lib/receipts'
import { confirm } from '@/packages/conventions/lib/taro'
import { useConvention } from '@/packages/conventions/lib/use-convention'
import { Page } from '@/components/page'
import '@/packages/conventions/conventions.scss'
import { ariaBool, FOCUSABLE } from '@/components/a11y'

/**
 * Assisted entry: a staff member types in the paper ballot of a household (or, under 一人一票,
 * of a resident). A paper ballot takes precedence over the household's online ballot.
 */
export default function PaperBallotPage() {
  const convention = useConvention()
  const detail = convention.data
  const communityId = detail?.communityId ?? ''
  const community = useAsync(
    () => (communityId ? getCommunity(communityId) : Promise.resolve(null)),
    communityId,
  )
  const [building, setBuilding] = useState<Building | null>(null)
  const households = useAsync(
    () =>
      building && communityId
        ? listHouseholds(communityId, building.id)
        : Promise.resolve({ items: [] as StaffHousehold[] }),
    `${communityId}:${building?.id ?? ''}`,
  )
  const [unit, setUnit] = useState('')
  const [household, setHousehold] = useState<StaffHousehold | null>(null)
  const [userId, setUserId] = useState('')
  const [option, setOption] = useState<BallotOption | null>(null)
  const [paperRef, setPaperRef] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [done, setDone] = useState<{ receipt: BallotReceipt; label: string } | null>(null)

  if (!detail && convention.loading) return <Loading />
  if (!detail)
    return <ErrorState error={convention.error} onRetry={() => void convention.reload()} />
  if (!detail.viewer.canRecordPaper || !detail.voting) {
    return (
      <Page>
        <Card tone="warn" title="不能登记纸质票">
          <View className="paragraph">
            只有本社区工作人员可以在表决期间登记纸质表决票。当前状态：{detail.statusLabel}。
          </View>
        </Card>
      </Page>
    )
  }

  const perResident = detail.voting.rule === 'simple'
  const items = households.data?.items ?? []
  const units = [...new Set(items.map((h) => h.unit))]
  const rooms = items.filter((h) => h.unit === unit)
  const ready = household && option && paperRef.trim() && (!perResident || userId)

  const reset = () => {
    setHousehold(null)
    setUserId('')
    setOption(null)
    setPaperRef('')
  }

  const submit = async () => {
    if (!household || !option) return
    const ref = validatePaperRef(paperRef)
    if (!ref.ok || (perResident && !userId)) {
      const found = ref.ok ? '本次表决按人计票，请选择一位居民' : ref.error
      setProblem(found)
      return showError(new InputError(found))
    }
    setProblem(null)
    const who = perResident ? household.residents.find((r) => r.userId === userId) : null
    const label = `${household.label}${who ? ` ${displayName(who.realName, who.nickname)}` : ''}`
    const ok = await confirm(
      '登记纸质票',
      `${label}：“${OPTION_NAMES[option]}”，纸质票编号 ${ref.value}。纸质票优先于该户的线上投票，登记后不能更改。`,
      '登记',
    )
    if (!ok) return
    setBusy(true)
    try {
      const receipt = await recordPaperBallot(detail.id, {
        option,
        paperRef: ref.value,
        ...(perResident ? { userId } : { householdId: household.id }),
      })
      setDone({ receipt, label })
      reset()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page>
      <View className="page-title">登记纸质表决票</View>
      <View className="lead">
        《{detail.title}》· {perResident ? '按人计票' : '按户计票'}
        。一户只计一票：纸质票优先于线上投票。
      </View>

      {done && (
        <Card tone="ok" title="已登记">
          <View className="receipt">
            <View className="receipt__label">
              {done.label} 的回执码（请写在纸质票上交还居民）：
            </View>
            <View className="receipt__code">{formatReceipt(done.receipt.receipt)}</View>
          </View>
        </Card>
      )}

      <Card title="1. 选择住户">
        {community.loading && !community.data && <Loading />}
        {community.data?.compounds.map((c) => (
          <View key={c.id} className="field">
            <View className="field__hint">{c.name}</View>
            <View className="chips">
              {c.buildings.map((b) => (
                <View
                  key={b.id}
                  className={building?.id === b.id ? 'chip chip--on' : 'chip'}
                  ariaRole="radio"
                  aria-checked={ariaBool(building?.id === b.id)}
                  {...FOCUSABLE}
                  onClick={() => {
                    setBuilding(b)
                    setUnit(b.units.length === 1 ? (b.units[0] ?? '') : '')
                    setHousehold(null)
                    setUserId('')
                  }}
                >
                  {b.name}
                </View>
              ))}
            </View>
          </View>
        ))}
        {building && households.loading && <Loading />}
        {building && households.error != null && (
          <ErrorState error={households.error} onRetry={() => void households.reload()} />
        )}
        {building && !households.loading && households.error == null && items.length === 0 && (
          <Empty title="这栋楼没有登记住户" />
        )}
        {units.length > 1 && (
          <View className="field">
            <View className="field__label">单元</View>
            <View className="chips">
              {units.map((u) => (
                <View
                  key={u}
                  className={unit === u ? 'chip chip--on' : 'chip'}
                  ariaRole="radio"
                  aria-checked={ariaBool(unit === u)}
                  {...FOCUSABLE}
                  onClick={() => {
                    setUnit(u)
                    setHousehold(null)
                  }}
                >
                  {u}单元
                </View>
              ))}
            </View>
          </View>
        )}
        {unit && rooms.length > 0 && (
          <View className="field">
            <View className="field__label">门牌号</View>
            <View className="chips">
              {rooms.map((h) => (
                <View
                  key={h.id}
                  className={household?.id === h.id ? 'chip chip--on' : 'chip'}
                  ariaRole="radio"
                  aria-checked={ariaBool(household?.id === h.id)}
                  {...FOCUSABLE}
                  onClick={() => {
                    setHousehold(h)
                    setUserId('')
                  }}
                >
                  {h.room}
                </View>
              ))}
            </View>
          </View>
        )}
        {household && perResident && (
          <View className="field">
            <View className="field__label">居民</View>
            {household.residents.length === 0 && (
              <View className="muted">这户没有认证居民，按人计票时无法登记。</View>
            )}
            <View className="chips">
              {household.residents.map((r) => (
                <View
                  key={r.userId}
                  className={userId === r.userId ? 'chip chip--on' : 'chip'}
                  ariaRole="radio"
                  aria-checked={ariaBool(userId === r.userId)}
                  {...FOCUSABLE}
                  onClick={() => setUserId(r.userId)}
                >
                  {displayName(r.realName, r.nickname)}
                </View>
              ))}
            </View>
          </View>
        )}
        {household && <View className="strong">已选：{household.label}</View>}
      </Card>

      <Card title="2. 纸质票上的选择">
        {OPTIONS.map((o) => (
          <View
            key={o}
            className={option === o ? 'choice choice--on' : 'choice'}
            ariaRole="radio"
            aria-checked={ariaBool(option === o)}
            {...FOCUSABLE}
            onClick={() => setOption(o)}
          >
            <View>{OPTION_NAMES[o]}</View>
            <View className="choice__mark">{option === o ? '✓ 已选' : ''}</View>
          </View>
        ))}
        <View className="field card-action">
          <View className="field__label">纸质票编号</View>
          <Input
            className="input"
            value={paperRef}
            maxlength={40}
            placeholder="纸质票右上角的编号"
            onInput={(e) => setPaperRef(e.detail.value)}
          />
        </View>
      </Card>

      <FieldError text={problem} />
      <Button block busy={busy} disabled={!ready} onClick={() => void submit()}>
        登记这张纸质票
      </Button>
    </Page>
  )
}
