import { View } from '@tarojs/components'
import { ariaBool, FOCUSABLE } from './a11y'

type Props<T extends string> = {
  options: { value: T; label: string }[]
  value: T
  onChange: (value: T) => void
}

export function Segmented<T extends string>({ options, value, onChange }: Props<T>) {
  return (
    <View className="segmented" ariaRole="tablist">
      {options.map((o) => (
        <View
          key={o.value}
          ariaRole="tab"
          aria-selected={ariaBool(o.value === value)}
          {...FOCUSABLE}
          className={o.value === value ? 'segmented__item segmented__item--on' : 'segmented__item'}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  )
}
