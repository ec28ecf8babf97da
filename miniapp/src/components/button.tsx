import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { ariaBool, FOCUSABLE } from './a11y'

type Props = {
  children: ReactNode
  onClick?: () => void
  kind?: 'primary' | 'secondary' | 'quiet' | 'danger'
  size?: 'normal' | 'small'
  block?: boolean
  disabled?: boolean
  /** Shown instead of the label while an action runs; taps are ignored meanwhile. */
  busy?: boolean
  busyText?: string
  className?: string
  /** What the button does when its text alone does not say it (an icon, "›"). */
  label?: string
}

/** A large, high-contrast tap target (a View, so both platforms style it the same way). */
export function Button({
  children,
  onClick,
  kind = 'primary',
  size = 'normal',
  block,
  disabled,
  busy,
  busyText,
  className,
  label,
}: Props) {
  const inactive = disabled || busy
  const classes = [
    'btn',
    kind !== 'primary' && `btn--${kind}`,
    size === 'small' && 'btn--small',
    block && 'btn--block',
    inactive && 'btn--disabled',
    className,
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <View
      className={classes}
      hoverClass={inactive ? 'none' : 'btn--hover'}
      ariaRole="button"
      ariaLabel={label}
      aria-disabled={ariaBool(inactive)}
      {...FOCUSABLE}
      onClick={() => {
        if (!inactive) onClick?.()
      }}
    >
      {busy ? (busyText ?? '请稍候…') : children}
    </View>
  )
}
