import { View } from '@tarojs/components'
import { ariaBool, FOCUSABLE } from './a11y'

type Props<T extends string> = {
  /** What is being chosen, read out before the choices (e.g. 问题类别). */
  label?: string
  options: { value: T; label: string }[]
  value: T | null
  onChange: (value: T | null) => void
  /** Adds a first chip meaning "none / all" (value null), e.g. "全部". */
  noneLabel?: string
}

/** One choice among large chips (radio semantics); tapping the chosen one keeps it. */
export function ChoiceChips<T extends string>({
  label,
  options,
  value,
  onChange,
  noneLabel,
}: Props<T>) {
  const all = noneLabel ? [{ value: null, label: noneLabel }, ...options] : options
  return (
    <View className="chips" ariaRole="radiogroup" ariaLabel={label}>
      {all.map((o) => (
        <View
          key={o.value ?? '__none'}
          className={o.value === value ? 'chip chip--on' : 'chip'}
          ariaRole="radio"
          aria-checked={ariaBool(o.value === value)}
          {...FOCUSABLE}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  )
}
