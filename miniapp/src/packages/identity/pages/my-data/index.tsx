import { Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import {
  deleteMyAccount,
  exportMyData,
  getMyOwnership,
  updateNickname,
} from '@/packages/identity/api'
import type { MyDataExport } from '@/api/types'
import { refreshMe } from '@/packages/identity/actions'
import { session, useSession } from '@/auth/session'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { SessionLoading } from '@/packages/identity/components/session-loading'
import { showError, showSuccess } from '@/lib/errors'
import { formatArea, formatDate, formatDateTime } from '@/lib/format'
import { REQUEST_STATUS_NAMES, roleName } from '@/packages/identity/labels'
import { replaceWith } from '@/lib/nav'
import { useAsync } from '@/lib/use-async'
import { Page } from '@/components/page'
import { inputLabel } from '@/components/a11y'

const isH5 = process.env.TARO_ENV === 'h5'

function ExportView({ data }: { data: MyDataExport }) {
  const json = JSON.stringify(data, null, 2)
  const save = () => {
    if (isH5) {
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }))
      const a = document.createElement('a')
      a.href = url
      a.download = `linli-my-data-${formatDate(data.exportedAt)}.json`
      a.click()
      URL.revokeObjectURL(url)
    } else {
      void Taro.setClipboardData({ data: json })
    }
  }
  return (
    <Card title="我的全部信息">
      <View className="list-item">
        <View className="list-item__title">账号</View>
        <View className="list-item__meta">昵称：{data.account.nickname}</View>
        <View className="list-item__meta">注册于 {formatDateTime(data.account.createdAt)}</View>
      </View>
      <View className="list-item">
        <View className="list-item__title">同意隐私政策</View>
        {data.privacyConsents.length === 0 && <View className="list-item__meta">无</View>}
        {data.privacyConsents.map((c) => (
          <View className="list-item__meta" key={`${c.version}-${c.acceptedAt}`}>
            版本 {c.version} · {formatDateTime(c.acceptedAt)}
          </View>
        ))}
      </View>
      <View className="list-item">
        <View className="list-item__title">居民认证（{data.residencies.length}）</View>
        {data.residencies.map((r) => (
          <View className="list-item__meta" key={r.id}>
            {r.status === 'verified' ? '有效' : `已撤销：${r.revokeReason ?? ''}`} ·{' '}
            {formatDate(r.verifiedAt)}
            {r.realName ? ` · 登记姓名 ${r.realName}` : ''}
          </View>
        ))}
      </View>
      <View className="list-item">
        <View className="list-item__title">认证申请（{data.residencyRequests.length}）</View>
        {data.residencyRequests.map((r) => (
          <View className="list-item__meta" key={r.id}>
            {r.buildingName} {r.unit}单元 {r.room}室 · {r.realName} ·{' '}
            {REQUEST_STATUS_NAMES[r.status]}
          </View>
        ))}
      </View>
      <View className="list-item">
        <View className="list-item__title">房产登记（{data.ownership.owners.length}）</View>
        {data.ownership.owners.map((o, i) => (
          <View className="list-item__meta" key={`${String(o.householdId)}-${i}`}>
            {String(o.name)} · 登记面积 {String(o.registeredAreaM2 ?? '')} 平方米 · 证号{' '}
            {String(o.certificateNo ?? '无（开发商未售）')}
          </View>
        ))}
      </View>
      <View className="list-item">
        <View className="list-item__title">职务（{data.roles.length}）</View>
        {data.roles.map((r) => (
          <View className="list-item__meta" key={`${r.communityId}-${r.role}`}>
            {r.communityName} · {roleName(r.role)}
          </View>
        ))}
      </View>
      <Button kind="secondary" block className="card-action" onClick={save}>
        {isH5 ? '下载为文件（JSON）' : '复制全部内容'}
      </Button>
    </Card>
  )
}

export default function MyDataPage() {
  const { token, me } = useSession()
  const savedNickname = me?.user.nickname ?? ''
  const [nickname, setNickname] = useState(savedNickname)
  // Fill the field once /api/me arrives (and after saving).
  useEffect(() => setNickname(savedNickname), [savedNickname])
  const [saving, setSaving] = useState(false)
  const [exported, setExported] = useState<MyDataExport | null>(null)
  const [exporting, setExporting] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const ownership = useAsync(() => (token ? getMyOwnership() : Promise.resolve(null)), token ?? '')

  if (token && !me) return <SessionLoading />
  if (!me) {
    return (
      <Page>
        <Card tone="accent" title="请先登录">
          <Button block onClick={() => replaceWith('login', { next: 'myData' })}>
            登录
          </Button>
        </Card>
      </Page>
    )
  }

  const saveNickname = async () => {
    setSaving(true)
    try {
      await updateNickname(nickname.trim())
      await refreshMe()
      showSuccess('已保存')
    } catch (e) {
      showError(e)
    } finally {
      setSaving(false)
    }
  }

  const loadExport = async () => {
    setExporting(true)
    try {
      setExported(await exportMyData())
    } catch (e) {
      showError(e)
    } finally {
      setExporting(false)
    }
  }

  const deleteAccount = async () => {
    const first = await Taro.showModal({
      title: '注销账号',
      content:
        '注销后，您的姓名、门牌号等个人信息将被删除，居民认证和职务全部取消，无法恢复。已公开的建议会显示为“已注销用户”。居委会登记的房产（业主名册）保留，只是不再与这个账号关联。',
      confirmText: '继续',
      cancelText: '取消',
    })
    if (!first.confirm) return
    const second = await Taro.showModal({
      title: '再次确认',
      content: '确定要注销账号吗？',
      confirmText: '注销',
      cancelText: '取消',
    })
    if (!second.confirm) return
    setDeleting(true)
    try {
      await deleteMyAccount()
      session.signOut()
      showSuccess('账号已注销')
      replaceWith('home')
    } catch (e) {
      showError(e)
    } finally {
      setDeleting(false)
    }
  }

  return (
    <Page>
      <Card title="昵称">
        <View className="field">
          <Input
            {...inputLabel('昵称')}
            className="input"
            value={nickname}
            maxlength={20}
            onInput={(e) => setNickname(e.detail.value)}
          />
          <View className="field__hint">其他居民看到的是您的昵称，不是真实姓名。</View>
        </View>
        <Button
          block
          busy={saving}
          disabled={!nickname.trim() || nickname.trim() === me.user.nickname}
          onClick={() => void saveNickname()}
        >
          保存昵称
        </Button>
      </Card>

      {ownership.data &&
        (ownership.data.units.length > 0 || ownership.data.proxiesHeld.length > 0) && (
          <Card title="我的房产登记">
            {ownership.data.units.map((u) => (
              <View className="list-item" key={u.household.id}>
                <View className="list-item__title">{u.household.label}</View>
                <View className="list-item__meta">
                  登记面积 {formatArea(u.registeredAreaM2)}
                  {u.coOwners.length > 0 ? ` · 共有人 ${u.coOwners.join('、')}` : ''}
                </View>
              </View>
            ))}
            {ownership.data.proxiesGiven.map((p) => (
              <View className="list-item__meta" key={p.id}>
                您已书面委托 {p.proxyName} 代您投票（{p.document}）
              </View>
            ))}
            {ownership.data.proxiesHeld.map((p) => (
              <View className="list-item" key={p.id}>
                <View className="list-item__title">受 {p.ownerName} 委托</View>
                <View className="list-item__meta">{p.units.join('、')}</View>
              </View>
            ))}
            <View className="muted card-action">
              按《民法典》表决时，由登记的业主投票。登记有误，请带不动产权证到居委会更正。
            </View>
          </Card>
        )}

      {exported ? (
        <ExportView data={exported} />
      ) : (
        <Card title="查看和导出我的信息">
          <View className="paragraph">列出“邻里”保存的您的全部个人信息。</View>
          <Button kind="secondary" block busy={exporting} onClick={() => void loadExport()}>
            查看我的信息
          </Button>
        </Card>
      )}

      <Card title="注销账号">
        <View className="paragraph">删除您的个人信息并退出所有设备。</View>
        <Button kind="danger" block busy={deleting} onClick={() => void deleteAccount()}>
          注销账号
        </Button>
      </Card>
    </Page>
  )
}
