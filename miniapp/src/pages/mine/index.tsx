import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { logout, refreshMe } from '@/packages/identity/actions'
import { useSession } from '@/auth/session'
import { Badge } from '@/components/badge'
import { FOCUSABLE } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ElderModeSwitch } from '@/components/elder-mode-switch'
import { NextStepCard } from '@/components/next-step-card'
import { SessionLoading } from '@/packages/identity/components/session-loading'
import { showError } from '@/lib/errors'
import { formatDate, formatDateTime } from '@/lib/format'
import { REQUEST_STATUS_NAMES, roleName, VIA_NAMES } from '@/packages/identity/labels'
import { go } from '@/lib/nav'
import { useRefreshOnShow } from '@/lib/use-async'
import { INBOX_PAGE, INBOX_SETTINGS_PAGE } from '@/packages/inbox/lib/routes'
import { meetingUrl } from '@/packages/meetings/lib/routes'
import { bookingUrl } from '@/packages/bookings/lib/routes'
import { ideasUrl } from '@/packages/suggestions/lib/routes'
import { syncUnreadBadge } from '@/packages/inbox/unread-badge'
import { Page } from '@/components/page'

const STATUS_TONES = { pending: 'warn', approved: 'ok', rejected: 'danger' } as const

export default function MinePage() {
  const state = useSession()
  const me = state.me
  const [leaving, setLeaving] = useState(false)
  const [unread, setUnread] = useState(0)
  const signedIn = Boolean(state.token && me)
  // Every time the tab shows: the count on the 我的消息 entry and as the tab's badge.
  useDidShow(() => void syncUnreadBadge(signedIn).then(setUnread))
  useEffect(() => void syncUnreadBadge(signedIn).then(setUnread), [signedIn])

  const refresh = () => refreshMe().catch(showError)
  useRefreshOnShow(() => void refresh())
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh())
  })

  if (state.token && !me) return <SessionLoading />
  if (!state.token || !me) {
    return (
      <Page>
        <View className="page-title">我的</View>
        <NextStepCard state={state} />
        <ElderModeSwitch />
        <Card>
          <View className="tap-row" ariaRole="link" {...FOCUSABLE} onClick={() => go('privacy')}>
            <View>隐私政策</View>
            <View className="tap-row__arrow">›</View>
          </View>
        </Card>
      </Page>
    )
  }

  const onLogout = async () => {
    const { confirm } = await Taro.showModal({
      title: '退出登录',
      content: '确定要退出登录吗？',
      confirmText: '退出',
      cancelText: '取消',
    })
    if (!confirm) return
    setLeaving(true)
    try {
      await logout()
      void Taro.switchTab({ url: '/pages/home/index' })
    } catch (e) {
      showError(e)
    } finally {
      setLeaving(false)
    }
  }

  return (
    <Page>
      <View className="hero">
        <View className="hero__eyebrow">您好</View>
        <View className="hero__title">{me.user.nickname}</View>
        <View className="hero__sub">
          {me.currentCommunity
            ? `${me.currentCommunity.streetName} · ${me.currentCommunity.name}`
            : '还没有选择社区'}
        </View>
        <View className="hero__link" ariaRole="link" {...FOCUSABLE} onClick={() => go('community')}>
          {me.currentCommunity ? '更换社区' : '选择社区'}
        </View>
      </View>

      <ElderModeSwitch />

      <Card title="我的住户">
        {me.residencies.length === 0 && <View className="muted">还没有认证的住户。</View>}
        {me.residencies.map((r) => (
          <View className="list-item" key={r.id}>
            <View className="list-item__title">
              {r.household.label}
              {r.isRepresentative && <Badge>户代表</Badge>}
            </View>
            <View className="list-item__meta">
              {r.communityName} · {VIA_NAMES[r.via]} · {formatDate(r.verifiedAt)}
            </View>
          </View>
        ))}
        {me.currentCommunity &&
          !me.residencies.some((r) => r.communityId === me.currentCommunity?.id) && (
            <Button kind="secondary" block className="card-action" onClick={() => go('verify')}>
              认证居民身份
            </Button>
          )}
      </Card>

      {me.residencyRequests.length > 0 && (
        <Card title="我的认证申请">
          {me.residencyRequests.map((req) => (
            <View className="list-item" key={req.id}>
              <View className="list-item__row">
                <View className="list-item__title">
                  {req.communityName} {req.compoundName} {req.buildingName} {req.unit}单元{' '}
                  {req.room}室
                </View>
                <Badge tone={STATUS_TONES[req.status]}>{REQUEST_STATUS_NAMES[req.status]}</Badge>
              </View>
              <View className="list-item__meta">提交于 {formatDateTime(req.createdAt)}</View>
              {req.status === 'rejected' && req.rejectReason && (
                <View className="list-item__meta reason">未通过原因：{req.rejectReason}</View>
              )}
            </View>
          ))}
        </Card>
      )}

      {/* 楼组长 / 网格员 (decision 018); a session cached before grid roles existed has none. */}
      {me.gridRoles?.length > 0 && (
        <Button kind="secondary" block onClick={() => go('gridHome')}>
          我负责的楼组
        </Button>
      )}

      {me.roles.length > 0 && (
        <Card title="我的职务">
          <View className="facts">
            {me.roles.map((r) => (
              <Badge key={`${r.communityId}-${r.role}`} tone="plain">
                {r.communityName} · {roleName(r.role)}
              </Badge>
            ))}
          </View>
          <Button block className="card-action" onClick={() => go('staffHome')}>
            进入工作台
          </Button>
        </Card>
      )}

      <Card>
        <View
          className="tap-row inbox-entry"
          ariaRole="link"
          {...FOCUSABLE}
          onClick={() => void Taro.navigateTo({ url: INBOX_PAGE })}
        >
          <View>
            我的消息
            {unread > 0 && <Badge tone="danger">{unread} 条未读</Badge>}
          </View>
          <View className="tap-row__arrow">›</View>
        </View>
        {/* What I started or signed up for, whichever tab it lives on. */}
        {(
          [
            ['我的金点子', ideasUrl('mine')],
            ['我的预约', bookingUrl('mine')],
            ['我的会议', meetingUrl('mine')],
            ['消息设置', INBOX_SETTINGS_PAGE],
          ] as const
        ).map(([label, url]) => (
          <View
            className="tap-row"
            ariaRole="link"
            {...FOCUSABLE}
            key={label}
            onClick={() => void Taro.navigateTo({ url })}
          >
            <View>{label}</View>
            <View className="tap-row__arrow">›</View>
          </View>
        ))}
      </Card>

      <Card>
        <View className="tap-row" ariaRole="link" {...FOCUSABLE} onClick={() => go('myData')}>
          <View>我的信息（昵称、导出、注销）</View>
          <View className="tap-row__arrow">›</View>
        </View>
        <View className="tap-row" ariaRole="link" {...FOCUSABLE} onClick={() => go('privacy')}>
          <View>隐私政策</View>
          <View className="tap-row__arrow">›</View>
        </View>
        <View className="tap-row" ariaRole="link" {...FOCUSABLE} onClick={() => go('community')}>
          <View>更换社区</View>
          <View className="tap-row__arrow">›</View>
        </View>
      </Card>

      <Button kind="quiet" block busy={leaving} onClick={() => void onLogout()}>
        退出登录
      </Button>
    </Page>
  )
}
