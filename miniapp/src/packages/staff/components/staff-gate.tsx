import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { isApiError } from '@/lib/error-message'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { SessionLoading } from '@/packages/identity/components/session-loading'
import { backOr, replaceWith } from '@/lib/nav'
import type { StaffContext } from '@/packages/staff/lib/use-staff'
import { Page } from '@/components/page'

export function NoPermission({ text }: { text?: string }) {
  return (
    <Page>
      <Card tone="warn" title="无权限">
        <View className="paragraph">
          {text ??
            '这里是社区工作人员的工作台。您的账号没有工作人员角色，不能查看此页面。如需开通，请联系社区管理员。'}
        </View>
        <Button kind="secondary" block onClick={() => backOr('mine')}>
          返回
        </Button>
      </Card>
    </Page>
  )
}

/** Renders the page only for someone holding the needed role; the API is still the judge. */
export function StaffGate({
  context,
  allowed,
  children,
}: {
  context: StaffContext
  allowed?: (c: Extract<StaffContext, { status: 'ok' }>) => boolean
  children: ReactNode
}) {
  if (context.status === 'loading') return <SessionLoading />
  if (context.status === 'signed_out') {
    return (
      <Page>
        <Card tone="accent" title="请先登录">
          <View className="paragraph">工作台需要登录后使用。</View>
          <Button block onClick={() => replaceWith('login', { next: 'staffHome' })}>
            登录
          </Button>
        </Card>
      </Page>
    )
  }
  if (context.status === 'no_role') return <NoPermission />
  if (allowed && !allowed(context))
    return <NoPermission text="您在本社区的职务不包含这项工作。如需开通，请联系社区管理员。" />
  return <>{children}</>
}

/** A FORBIDDEN answer from the API is shown the same way as a missing role. */
export function isForbidden(error: unknown): boolean {
  return isApiError(error, 'FORBIDDEN')
}
