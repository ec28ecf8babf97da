import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useSession } from '@/auth/session'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { SessionLoading } from '@/packages/identity/components/session-loading'
import { backOr, replaceWith } from '@/lib/nav'
import { ideasPowers } from '@/packages/suggestions/lib/viewer'
import { Page } from '@/components/page'

export function NoPermission() {
  return (
    <Page>
      <Card tone="warn" title="无权限">
        <View className="paragraph">
          这里是社区工作人员处理金点子的地方，您的账号在本社区没有这项职务。
        </View>
        <Button kind="secondary" block onClick={() => backOr('ideas')}>
          返回
        </Button>
      </Card>
    </Page>
  )
}

/** The community a staff page works on (`?communityId=`, else the current one), for its staff only. */
export function useStaffCommunity():
  | { status: 'loading' | 'signed_out' | 'forbidden' }
  | { status: 'ok'; communityId: string; communityName: string } {
  const { params } = useRouter()
  const { token, me } = useSession()
  if (token && !me) return { status: 'loading' }
  if (!token || !me) return { status: 'signed_out' }
  const communityId = params.communityId || me.user.currentCommunityId || ''
  if (!ideasPowers(me, communityId).canModerate) return { status: 'forbidden' }
  return {
    status: 'ok',
    communityId,
    communityName: me.roles.find((r) => r.communityId === communityId)?.communityName ?? '',
  }
}

export function StaffPageGate({
  status,
  children,
}: {
  status: ReturnType<typeof useStaffCommunity>['status']
  children: ReactNode
}) {
  if (status === 'loading') return <SessionLoading />
  if (status === 'signed_out') {
    return (
      <Page>
        <Card tone="accent" title="请先登录">
          <Button block onClick={() => replaceWith('login')}>
            登录
          </Button>
        </Card>
      </Page>
    )
  }
  if (status === 'forbidden') return <NoPermission />
  return <>{children}</>
}
