import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { FOCUSABLE } from './a11y'
import './bottom-sheet.scss'

type Props = {
  title: string
  onClose: () => void
  children: ReactNode
}

/** A panel rising from the bottom over a dimmed page; tapping the dim area or 关闭 closes it. */
export function BottomSheet({ title, onClose, children }: Props) {
  return (
    <View className="sheet">
      <View className="sheet__mask" onClick={onClose} />
      <View className="sheet__panel" ariaRole="dialog" aria-modal="true" ariaLabel={title}>
        <View className="sheet__head">
          <View className="sheet__title">{title}</View>
          <View className="sheet__close" ariaRole="button" {...FOCUSABLE} onClick={onClose}>
            关闭
          </View>
        </View>
        <View className="sheet__body">{children}</View>
      </View>
    </View>
  )
}
