import { Input, View } from '@tarojs/components'
import { useState } from 'react'
import {
  getCentrePolicy,
  listNoShows,
  overrideNoShow,
  updateCentrePolicy,
  waiveNoShow,
  type CentrePolicy,
  type NoShows,
} from '@/packages/bookings/api'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Stepper } from '@/components/stepper'
import { showError, showSuccess } from '@/lib/errors'
import { bookingWhen, shanghaiDay } from '@/packages/bookings/lib/time'
import { ManagerGate } from '@/packages/bookings/components/manager-gate'
import { RejectForm } from '@/packages/bookings/components/reject-form'
import {
  policyDraft,
  POLICY_FIELDS,
  readPolicy,
  type PolicyDraft,
} from '@/packages/bookings/lib/policy-form'
import { useManagedCentre } from '@/packages/bookings/lib/use-managed-centre'
import { Page } from '@/components/page'
import '@/packages/bookings/bookings.scss'
import { inputLabel } from '@/components/a11y'

// The centre's fairness rules (weekly quotas, cancel cutoff, check-in window, no-show rule) and
// what staff may do about a missed check-in: waive one booking, or lift a resident's freeze.
// Both are recorded in the audit log with the reason.

function PolicyForm({
  centreId,
  policy,
  onSaved,
}: {
  centreId: string
  policy: CentrePolicy
  onSaved: () => void
}) {
  const [draft, setDraft] = useState<PolicyDraft>(() => policyDraft(policy))
  const [error, setError] = useState<{ key: string; error: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const save = async () => {
    const read = readPolicy(draft)
    if ('error' in read) {
      setError(read)
      return
    }
    setError(null)
    setBusy(true)
    try {
      await updateCentrePolicy(centreId, read.policy)
      showSuccess('已保存')
      onSaved()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card title="预约规则">
      {POLICY_FIELDS.map((f) => (
        <View key={f.key} className="field policy-field">
          <View className="field__label">{f.label}</View>
          <View className="policy-field__row">
            <Input
              {...inputLabel(f.label)}
              className="input policy-field__input"
              type="digit"
              maxlength={5}
              value={draft[f.key]}
              onInput={(e) => setDraft((d) => ({ ...d, [f.key]: e.detail.value }))}
            />
            <View className="policy-field__unit">{f.unit}</View>
          </View>
          {error?.key === f.key && <View className="field__hint reason">{error.error}</View>}
        </View>
      ))}
      <Button block busy={busy} onClick={() => void save()}>
        保存规则
      </Button>
    </Card>
  )
}

function Waive({ bookingId, onDone }: { bookingId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false)
  if (!open)
    return (
      <Button size="small" kind="secondary" onClick={() => setOpen(true)}>
        豁免
      </Button>
    )
  return (
    <RejectForm
      label="豁免理由（记入审计）"
      placeholder="例如：当天停电，房间无法使用"
      submitText="确认豁免"
      danger={false}
      onCancel={() => setOpen(false)}
      onSubmit={async (reason) => {
        await waiveNoShow(bookingId, reason)
        showSuccess('已豁免')
        onDone()
      }}
    />
  )
}

function Override({
  centreId,
  userId,
  onDone,
}: {
  centreId: string
  userId: string
  onDone: () => void
}) {
  const [open, setOpen] = useState(false)
  const [days, setDays] = useState(14)
  if (!open)
    return (
      <Button size="small" onClick={() => setOpen(true)}>
        解除限制
      </Button>
    )
  return (
    <View>
      <View className="field__label">解除多少天</View>
      <Stepper value={days} min={1} max={90} unit="天" onChange={setDays} />
      <RejectForm
        label="理由（记入审计）"
        placeholder="例如：已核实因住院未能到场"
        submitText={`解除 ${days} 天`}
        danger={false}
        onCancel={() => setOpen(false)}
        onSubmit={async (reason) => {
          await overrideNoShow(centreId, { userId, days, reason })
          showSuccess('已解除')
          onDone()
        }}
      />
    </View>
  )
}

function NoShowsCard({
  centreId,
  data,
  onChanged,
}: {
  centreId: string
  data: NoShows
  onChanged: () => void
}) {
  const now = Date.now()
  return (
    <View>
      <Card title={`暂停预约中（${data.frozen.length}）`}>
        {data.frozen.length === 0 && (
          <View className="muted">目前没有居民因未签到被暂停预约。</View>
        )}
        {data.frozen.map((f) => (
          <View key={f.user.id} className="list-item">
            <View className="list-item__row">
              <View className="list-item__title">{f.user.nickname}</View>
              <Badge tone="danger">{shanghaiDay(f.until)} 前暂停</Badge>
            </View>
            <View className="list-item__meta">30 天内未签到 {f.count} 次</View>
            <Override centreId={centreId} userId={f.user.id} onDone={onChanged} />
          </View>
        ))}
      </Card>
      <Card title="近 60 天的未签到">
        {data.items.length === 0 && <View className="muted">没有未签到记录。</View>}
        {data.items.map((n) => (
          <View key={n.bookingId} className="list-item">
            <View className="list-item__row">
              <View className="list-item__title">
                {n.user.nickname} · {n.room}
              </View>
              <Badge tone={n.waived ? 'ok' : 'warn'}>
                {n.waived ? '已豁免' : n.kind === 'released' ? '未签到' : '临近取消'}
              </Badge>
            </View>
            <View className="list-item__meta">{bookingWhen(n.startsAt, n.endsAt, now)}</View>
            {!n.waived && <Waive bookingId={n.bookingId} onDone={onChanged} />}
          </View>
        ))}
      </Card>
    </View>
  )
}

export default function PolicyPage() {
  const { centreId, load } = useManagedCentre(
    '只有这个邻里中心的管理员可以修改规则',
    async (id) => {
      const [policy, noShows] = await Promise.all([getCentrePolicy(id), listNoShows(id)])
      return { policy, noShows }
    },
  )

  return (
    <ManagerGate loading={!load.data} error={load.error} onRetry={() => void load.reload()}>
      {load.data && (
        <Page>
          <View className="page-title">预约规则与未签到</View>
          <PolicyForm
            centreId={centreId}
            policy={load.data.policy}
            onSaved={() => void load.reload()}
          />
          <NoShowsCard
            centreId={centreId}
            data={load.data.noShows}
            onChanged={() => void load.reload()}
          />
        </Page>
      )}
    </ManagerGate>
  )
}
