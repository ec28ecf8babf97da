import { ScrollView, View } from '@tarojs/components'
import { ariaBool, FOCUSABLE } from './a11y'
import './date-strip.scss'

export type DateStripItem = { value: string; top: string; bottom: string; disabled?: boolean }

type Props = {
  /** What the days are for, read out before them (default 日期). */
  label?: string
  items: DateStripItem[]
  value: string
  onChange: (value: string) => void
}

/** A row of large day buttons that scrolls sideways ("今天 11/24", "明天 11/25", "周三 11/26" …). */
export function DateStrip({ label = '日期', items, value, onChange }: Props) {
  return (
    <ScrollView
      className="date-strip"
      scrollX
      scrollWithAnimation
      scrollIntoView={`ds-${value}`}
      aria-label={label}
    >
      {items.map((item) => (
        <View
          key={item.value}
          id={`ds-${item.value}`}
          ariaRole="radio"
          aria-checked={ariaBool(item.value === value)}
          aria-disabled={ariaBool(item.disabled)}
          {...FOCUSABLE}
          className={[
            'date-strip__day',
            item.value === value && 'date-strip__day--on',
            item.disabled && 'date-strip__day--off',
          ]
            .filter(Boolean)
            .join(' ')}
          onClick={() => {
            if (!item.disabled) onChange(item.value)
          }}
        >
          <View className="date-strip__top">{item.top}</View>
          <View className="date-strip__bottom">{item.bottom}</View>
        </View>
      ))}
    </ScrollView>
  )
}
