import { Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import {
  addGroupMember,
  createGroup,
  listCentreGroups,
  listGroupMembers,
  removeGroupMember,
  type CentreGroup,
  type GroupKind,
  type Person,
} from '@/packages/bookings/api'
import { getCentre } from '@/packages/places/api'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ChoiceChips } from '@/components/choice-chips'
import { showError, showSuccess } from '@/lib/errors'
import { useAsync } from '@/lib/use-async'
import { ManagerGate } from '@/packages/bookings/components/manager-gate'
import { PersonPicker } from '@/packages/bookings/components/person-picker'
import { GROUP_KIND_LABELS } from '@/packages/bookings/lib/group-kinds'
import { useManagedCentre } from '@/packages/bookings/lib/use-managed-centre'
import { Page } from '@/components/page'
import '@/packages/bookings/bookings.scss'

// 三自组织 registered with the centre: 自治 / 志愿 / 自乐 groups with a named leader (who books
// for the group, weekly if need be) and members (who see and check in to its bookings).

function Members({
  group,
  centreId,
  onChanged,
}: {
  group: CentreGroup
  centreId: string
  onChanged: () => void
}) {
  const members = useAsync(() => listGroupMembers(group.id), group.id)
  const [adding, setAdding] = useState<Person | null>(null)
  const [busy, setBusy] = useState(false)
  const changed = () => {
    void members.reload()
    onChanged()
  }
  const add = async () => {
    if (!adding) return
    setBusy(true)
    try {
      await addGroupMember(group.id, adding.id)
      showSuccess('已添加')
      setAdding(null)
      changed()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  const remove = async (userId: string, nickname: string) => {
    const { confirm } = await Taro.showModal({
      title: `移除${nickname}？`,
      content: '移除后不再看到和签到团队的预约。',
      confirmText: '移除',
      confirmColor: '#9c2525',
    })
    if (!confirm) return
    try {
      await removeGroupMember(group.id, userId)
      changed()
    } catch (e) {
      showError(e)
    }
  }
  return (
    <View className="group-members">
      {members.data?.items.map((m) => (
        <View key={m.id} className="list-item__row group-members__row">
          <View className="list-item__main">
            {m.nickname}
            {m.isLeader ? '（负责人）' : ''}
          </View>
          {!m.isLeader && (
            <View className="inline-link" onClick={() => void remove(m.id, m.nickname)}>
              移除
            </View>
          )}
        </View>
      ))}
      <PersonPicker centreId={centreId} label="添加成员" chosen={adding} onChoose={setAdding} />
      {adding && (
        <Button block busy={busy} onClick={() => void add()}>
          添加 {adding.nickname}
        </Button>
      )}
    </View>
  )
}

function NewGroup({
  centreId,
  communities,
  onCreated,
}: {
  centreId: string
  communities: { id: string; name: string }[]
  onCreated: () => void
}) {
  const [name, setName] = useState('')
  const [kind, setKind] = useState<GroupKind | null>(null)
  const [communityId, setCommunityId] = useState<string | null>(
    communities.length === 1 ? communities[0]!.id : null,
  )
  const [leader, setLeader] = useState<Person | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    const problem =
      name.trim().length < 2
        ? '团队名称至少 2 个字'
        : name.trim().length > 30
          ? '团队名称不能超过 30 个字'
          : !kind
            ? '请选择团队类型（自治 / 志愿 / 自乐）'
            : !communityId
              ? '请选择所属社区'
              : !leader
                ? '请指定负责人'
                : ''
    setError(problem)
    if (problem || !kind || !communityId || !leader) return
    setBusy(true)
    try {
      await createGroup(centreId, { name: name.trim(), kind, communityId, leaderUserId: leader.id })
      showSuccess('已登记')
      setName('')
      setKind(null)
      setLeader(null)
      onCreated()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card title="登记新团队">
      <View className="field">
        <View className="field__label">团队名称</View>
        <Input
          className="input"
          value={name}
          maxlength={30}
          placeholder="例如：槐树志愿服务队"
          onInput={(e) => setName(e.detail.value)}
        />
      </View>
      <View className="field">
        <View className="field__label">类型</View>
        <ChoiceChips
          options={(Object.keys(GROUP_KIND_LABELS) as GroupKind[]).map((k) => ({
            value: k,
            label: GROUP_KIND_LABELS[k],
          }))}
          value={kind}
          onChange={setKind}
        />
      </View>
      <View className="field">
        <View className="field__label">所属社区</View>
        <ChoiceChips
          options={communities.map((c) => ({ value: c.id, label: c.name }))}
          value={communityId}
          onChange={setCommunityId}
        />
      </View>
      <PersonPicker
        centreId={centreId}
        label="负责人（可为团队预约）"
        chosen={leader}
        onChoose={setLeader}
      />
      {error && <View className="field__hint reason">{error}</View>}
      <Button block busy={busy} onClick={() => void submit()}>
        登记团队
      </Button>
    </Card>
  )
}

export default function GroupsPage() {
  const [open, setOpen] = useState<string | null>(null)
  const { centreId, load } = useManagedCentre(
    '只有这个邻里中心的管理员可以管理团队',
    async (id) => {
      const [centre, groups] = await Promise.all([getCentre(id), listCentreGroups(id)])
      return { centre, groups: groups.items }
    },
  )

  return (
    <ManagerGate loading={!load.data} error={load.error} onRetry={() => void load.reload()}>
      {load.data && (
        <Page>
          <View className="page-title">团队（三自组织）</View>
          <Card title={`已登记（${load.data.groups.length}）`}>
            {load.data.groups.length === 0 && <View className="muted">还没有登记的团队。</View>}
            {load.data.groups.map((g) => (
              <View key={g.id} className="list-item">
                <View
                  className="list-item__row"
                  onClick={() => setOpen(open === g.id ? null : g.id)}
                >
                  <View className="list-item__title">{g.name}</View>
                  <Badge tone="accent">{GROUP_KIND_LABELS[g.kind]}</Badge>
                </View>
                <View className="list-item__meta">
                  负责人：{g.leader.nickname} · {g.memberCount} 名成员
                </View>
                <View className="inline-link" onClick={() => setOpen(open === g.id ? null : g.id)}>
                  {open === g.id ? '收起成员' : '管理成员'}
                </View>
                {open === g.id && (
                  <Members group={g} centreId={centreId} onChanged={() => void load.reload()} />
                )}
              </View>
            ))}
          </Card>
          <NewGroup
            centreId={centreId}
            communities={load.data.centre.communities}
            onCreated={() => void load.reload()}
          />
        </Page>
      )}
    </ManagerGate>
  )
}
