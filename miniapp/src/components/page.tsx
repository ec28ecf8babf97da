import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useElderMode } from '@/lib/elder-mode'
import { FOCUSABLE } from './a11y'

type Props = { children: ReactNode; className?: string }

/**
 * The wrapper of every page (padding, width, background). It carries `elder` when 长辈模式 is on:
 * WeChat has no document root a page can mark, so this is where the mode's sizes apply
 * (styles/_elder.scss, decision 023). A page marks its main action with `page__primary`: in the
 * mode it comes first. Focusable, so a page of text alone can still be scrolled from a keyboard
 * (Taro's page is the scrolling box; axe-core's scrollable-region-focusable).
 */
export function Page({ children, className }: Props) {
  const elder = useElderMode()
  return (
    <View
      className={['page', elder && 'elder', className].filter(Boolean).join(' ')}
      {...FOCUSABLE}
    >
      {children}
    </View>
  )
}
