import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { FOCUSABLE } from './a11y'

type Props = {
  title?: ReactNode
  extra?: string
  onExtra?: () => void
  tone?: 'plain' | 'accent' | 'ok' | 'warn'
  children: ReactNode
  className?: string
}

export function Card({ title, extra, onExtra, tone = 'plain', children, className }: Props) {
  return (
    <View
      className={['card', tone !== 'plain' && `card--${tone}`, className].filter(Boolean).join(' ')}
    >
      {(title || extra) && (
        <View className="card__head">
          <View className="card__title">{title}</View>
          {extra && (
            <View className="card__extra" ariaRole="button" {...FOCUSABLE} onClick={onExtra}>
              {extra}
            </View>
          )}
        </View>
      )}
      {children}
    </View>
  )
}
