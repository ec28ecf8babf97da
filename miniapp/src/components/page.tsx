import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useElderMode } from '@/lib/elder-mode'

type Props = { children: ReactNode; className?: string }

/**
 * The wrapper of every page (padding, width, background). It carries `elder` when 长辈模式 is on:
 * WeChat has no document root a page can mark, so this is where the mode's sizes apply
 * (styles/_elder.scss, decision 022). A page marks its main action with `page__primary`: in the
 * mode it comes first.
 */
export function Page({ children, className }: Props) {
  const elder = useElderMode()
  return (
    <View className={['page', elder && 'elder', className].filter(Boolean).join(' ')}>
      {children}
    </View>
  )
}
