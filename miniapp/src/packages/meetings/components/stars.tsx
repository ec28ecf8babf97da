import { View } from '@tarojs/components'
import { ariaBool, FOCUSABLE } from '@/components/a11y'

/** Five large stars; tapping one rates with that many. */
export function Stars({
  value,
  onRate,
  disabled,
}: {
  value: number
  onRate: (stars: number) => void
  disabled?: boolean
}) {
  return (
    <View className="mt-stars" ariaRole="radiogroup" ariaLabel="评分">
      {[1, 2, 3, 4, 5].map((n) => (
        <View
          key={n}
          className={n <= value ? 'mt-stars__star mt-stars__star--on' : 'mt-stars__star'}
          ariaRole="radio"
          aria-checked={ariaBool(n === value)}
          {...FOCUSABLE}
          ariaLabel={`${n} 星`}
          onClick={() => {
            if (!disabled) onRate(n)
          }}
        >
          ★
        </View>
      ))}
    </View>
  )
}
