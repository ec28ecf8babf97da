import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'

export function Badge({
  tone = 'accent',
  children,
}: {
  tone?: 'accent' | 'ok' | 'warn' | 'danger' | 'plain'
  children: ReactNode
}) {
  return <Text className={tone === 'accent' ? 'badge' : `badge badge--${tone}`}>{children}</Text>
}
