import { View } from '@tarojs/components'
import { ariaBool, FOCUSABLE } from './a11y'
import './stepper.scss'

type Props = {
  value: number
  min: number
  max: number
  onChange: (value: number) => void
  /** Words after the number, e.g. "周". */
  unit?: string
}

/** − n + with large buttons, for small counts (weeks, people). */
export function Stepper({ value, min, max, onChange, unit }: Props) {
  const set = (n: number) => onChange(Math.min(max, Math.max(min, n)))
  return (
    <View className="stepper">
      <View
        className={value <= min ? 'stepper__btn stepper__btn--off' : 'stepper__btn'}
        ariaRole="button"
        ariaLabel="减少"
        aria-disabled={ariaBool(value <= min)}
        {...FOCUSABLE}
        onClick={() => set(value - 1)}
      >
        −
      </View>
      <View className="stepper__value">
        {value}
        {unit && <View className="stepper__unit">{unit}</View>}
      </View>
      <View
        className={value >= max ? 'stepper__btn stepper__btn--off' : 'stepper__btn'}
        ariaRole="button"
        ariaLabel="增加"
        aria-disabled={ariaBool(value >= max)}
        {...FOCUSABLE}
        onClick={() => set(value + 1)}
      >
        +
      </View>
    </View>
  )
}
