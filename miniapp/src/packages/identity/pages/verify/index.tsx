import { Input, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { claimInviteCode, createResidencyRequest, getPrivacyNotice } from '@/packages/identity/api'
import { getCommunity } from '@/packages/places/api'
import type { Building, Community, Me } from '@/api/types'
import { refreshMe } from '@/packages/identity/actions'
import { useSession } from '@/auth/session'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Segmented } from '@/components/segmented'
import { SessionLoading } from '@/packages/identity/components/session-loading'
import { ErrorState, Loading } from '@/components/states'
import { FieldError } from '@/components/field-error'
import { InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { formatInviteCode, isCompleteInviteCode } from '@/lib/format'
import { go, replaceWith } from '@/lib/nav'
import { useAsync } from '@/lib/use-async'
import './index.scss'
import { askToSubscribe, useSubscribePrompt } from '@/lib/subscribe'
import { Page } from '@/components/page'
import { ariaBool, FOCUSABLE } from '@/components/a11y'

type Tab = 'code' | 'request'

// The invite slip's QR code opens this page with `?code=`; a newcomer may first have to log in
// and accept the privacy notice, so the code waits in storage until it has been used.
const PENDING_CODE_KEY = 'linli.pendingInviteCode'

function pendingInviteCode(fromLink: string | undefined): string {
  const code = (fromLink ?? '').trim().toUpperCase()
  if (code) {
    Taro.setStorageSync(PENDING_CODE_KEY, code)
    return code
  }
  const saved: unknown = Taro.getStorageSync(PENDING_CODE_KEY)
  return typeof saved === 'string' ? saved : ''
}

function InviteCodeForm({ initialCode }: { initialCode: string }) {
  const [code, setCode] = useState(initialCode)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const submit = async () => {
    if (!isCompleteInviteCode(code)) {
      setProblem('邀请码是 8 位字母和数字，请核对')
      showError(new InputError('邀请码是 8 位字母和数字，请核对'))
      return
    }
    setProblem(null)
    setBusy(true)
    try {
      await claimInviteCode(formatInviteCode(code))
      Taro.removeStorageSync(PENDING_CODE_KEY)
      await refreshMe()
      showSuccess('认证成功')
      setTimeout(() => replaceWith('mine'), 800)
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card>
      <View className="field">
        <View className="field__label">邀请码</View>
        <Input
          className="input input--code"
          value={code}
          maxlength={12}
          placeholder="例如 K7PM-3QXD"
          placeholderClass="placeholder"
          onInput={(e) => setCode(e.detail.value.toUpperCase())}
          onConfirm={() => void submit()}
        />
        <FieldError text={problem} />
        <View className="field__hint">
          居委会为每户发放一张邀请码，输入后即可认证为这户的居民。字母不分大小写。
        </View>
      </View>
      <Button
        block
        busy={busy}
        busyText="正在认证…"
        disabled={!isCompleteInviteCode(code)}
        onClick={() => void submit()}
      >
        确认认证
      </Button>
    </Card>
  )
}

function RequestForm({ community, me }: { community: Community; me: Me }) {
  useSubscribePrompt()
  const [building, setBuilding] = useState<Building | null>(null)
  const [unit, setUnit] = useState('')
  const [room, setRoom] = useState('')
  const [realName, setRealName] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const pending = me.residencyRequests.find(
    (r) => r.communityId === community.id && r.status === 'pending',
  )
  if (pending) {
    return (
      <Card tone="warn" title="已提交申请，等待审核">
        <View className="paragraph">
          {pending.compoundName} {pending.buildingName} {pending.unit}单元 {pending.room}室 ·{' '}
          {pending.realName}
        </View>
        <View className="paragraph">居委会工作人员审核后，结果会显示在“我的”页面。</View>
        <Button kind="secondary" block onClick={() => go('mine')}>
          查看我的申请
        </Button>
      </Card>
    )
  }

  const ready = building && unit && room.trim() && realName.trim()

  const submit = async () => {
    if (!building || !ready) {
      const missing = !building
        ? '请选择楼栋'
        : !unit
          ? '请选择单元'
          : !room.trim()
            ? '请填写门牌号'
            : '请填写真实姓名'
      setProblem(missing)
      showError(new InputError(missing))
      return
    }
    setProblem(null)
    // WeChat's prompt must come from the tap itself: before the first await.
    const asked = askToSubscribe(['residency'])
    setBusy(true)
    try {
      await asked
      await createResidencyRequest({
        communityId: community.id,
        buildingId: building.id,
        unit,
        room: room.trim(),
        realName: realName.trim(),
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      await refreshMe()
      showSuccess('已提交申请')
      setTimeout(() => replaceWith('mine'), 800)
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card>
      <View className="field">
        <View className="field__label">1. 选择楼栋</View>
        {community.compounds.map((compound) => (
          <View key={compound.id} className="compound">
            <View className="compound__name">{compound.name}</View>
            <View className="chips">
              {compound.buildings.map((b) => (
                <View
                  key={b.id}
                  className={building?.id === b.id ? 'chip chip--on' : 'chip'}
                  ariaRole="radio"
                  aria-checked={ariaBool(building?.id === b.id)}
                  {...FOCUSABLE}
                  onClick={() => {
                    setBuilding(b)
                    setUnit(b.units.length === 1 ? (b.units[0] ?? '') : '')
                  }}
                >
                  {b.name}
                </View>
              ))}
            </View>
          </View>
        ))}
      </View>

      {building && (
        <View className="field">
          <View className="field__label">2. 选择单元</View>
          <View className="chips">
            {building.units.map((u) => (
              <View
                key={u}
                className={unit === u ? 'chip chip--on' : 'chip'}
                ariaRole="radio"
                aria-checked={ariaBool(unit === u)}
                {...FOCUSABLE}
                onClick={() => setUnit(u)}
              >
                {u}单元
              </View>
            ))}
          </View>
        </View>
      )}

      <View className="field">
        <View className="field__label">3. 门牌号</View>
        <Input
          className="input"
          value={room}
          maxlength={10}
          placeholder="例如 301"
          placeholderClass="placeholder"
          onInput={(e) => setRoom(e.detail.value)}
        />
      </View>

      <View className="field">
        <View className="field__label">4. 真实姓名</View>
        <Input
          className="input"
          value={realName}
          maxlength={20}
          placeholder="与户籍或租房登记一致"
          placeholderClass="placeholder"
          onInput={(e) => setRealName(e.detail.value)}
        />
        <View className="field__hint">只有本社区居委会工作人员能看到您的姓名和门牌号。</View>
      </View>

      <View className="field">
        <View className="field__label">备注（可不填）</View>
        <Textarea
          className="textarea"
          value={note}
          maxlength={200}
          placeholder="例如：租户，房东姓张"
          placeholderClass="placeholder"
          onInput={(e) => setNote(e.detail.value)}
        />
      </View>

      <FieldError text={problem} />
      <Button
        block
        busy={busy}
        busyText="正在提交…"
        disabled={!ready}
        onClick={() => void submit()}
      >
        提交申请
      </Button>
    </Card>
  )
}

export default function VerifyPage() {
  const { params } = useRouter()
  const [initialCode] = useState(() => pendingInviteCode(params.code))
  const state = useSession()
  const me = state.me
  const [tab, setTab] = useState<Tab>('code')
  const notice = useAsync(getPrivacyNotice, 'privacy')
  const communityId = me?.user.currentCommunityId ?? null
  const community = useAsync(
    () => (communityId ? getCommunity(communityId) : Promise.resolve(null)),
    communityId ?? '',
  )

  if (state.token && !me) return <SessionLoading />
  if (!state.token || !me) {
    return (
      <Page>
        <Card tone="accent" title="请先登录">
          <View className="paragraph">认证居民身份需要先登录。</View>
          <Button block onClick={() => replaceWith('login', { next: 'verify' })}>
            登录
          </Button>
        </Card>
      </Page>
    )
  }
  if (notice.loading && !notice.data) return <Loading />
  if (!notice.data) return <ErrorState error={notice.error} onRetry={() => void notice.reload()} />

  // Nothing personal is sent before the current privacy notice is accepted.
  if (me.user.consentVersion !== notice.data.version) {
    return (
      <Page>
        <View className="page-title">认证居民身份</View>
        <Card tone="accent" title="第一步：阅读隐私政策">
          <View className="paragraph">
            认证需要填写邀请码或您的姓名、门牌号。提交之前，请先阅读并同意隐私政策，了解这些信息谁能看到、怎样保护。
          </View>
          <Button block onClick={() => replaceWith('privacy', { next: 'verify' })}>
            阅读隐私政策
          </Button>
        </Card>
      </Page>
    )
  }

  const verifiedHere = me.residencies.filter((r) => r.communityId === communityId)

  return (
    <Page>
      <View className="page-title">认证居民身份</View>
      <View className="lead">
        {me.currentCommunity ? `${me.currentCommunity.name} · ` : ''}
        两种方式任选其一：有邀请码最快；没有邀请码可以提交申请，由居委会审核。
      </View>

      {verifiedHere.length > 0 && (
        <Card tone="ok" title="您已认证">
          {verifiedHere.map((r) => (
            <View className="paragraph" key={r.id}>
              {r.household.label}
            </View>
          ))}
          <View className="muted">如果您还住在另一户，也可以继续认证。</View>
        </Card>
      )}

      <Segmented<Tab>
        options={[
          { value: 'code', label: '输入邀请码' },
          { value: 'request', label: '申请认证' },
        ]}
        value={tab}
        onChange={setTab}
      />

      {tab === 'code' && <InviteCodeForm initialCode={initialCode} />}

      {tab === 'request' && !communityId && (
        <Card tone="accent" title="请先选择社区">
          <Button block onClick={() => go('community')}>
            选择社区
          </Button>
        </Card>
      )}
      {tab === 'request' && communityId && community.loading && !community.data && <Loading />}
      {tab === 'request' && communityId && community.error != null && !community.data && (
        <ErrorState error={community.error} onRetry={() => void community.reload()} />
      )}
      {tab === 'request' && community.data && <RequestForm community={community.data} me={me} />}
    </Page>
  )
}
