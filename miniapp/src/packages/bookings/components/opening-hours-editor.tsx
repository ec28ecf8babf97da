import { Picker, View } from '@tarojs/components'
import { timeChoices } from '@/packages/bookings/lib/time'
import { WEEKDAY_NAMES, WEEKDAYS, type Range } from '@/packages/bookings/lib/room-form'

const TIMES = [...timeChoices('00:00', '23:45', 15), '24:00']

function TimePick({
  value,
  onChange,
  label,
}: {
  value: string
  onChange: (v: string) => void
  label: string
}) {
  return (
    <Picker
      mode="selector"
      range={TIMES}
      value={Math.max(0, TIMES.indexOf(value))}
      onChange={(e) => onChange(TIMES[Number(e.detail.value)] ?? value)}
    >
      <View className="hours-editor__time" ariaLabel={label}>
        {value}
      </View>
    </Picker>
  )
}

/** Opening hours per weekday, several ranges a day; a day without ranges is closed. */
export function OpeningHoursEditor({
  value,
  onChange,
}: {
  value: Record<string, Range[]>
  onChange: (v: Record<string, Range[]>) => void
}) {
  const setDay = (day: string, ranges: Range[]) => onChange({ ...value, [day]: ranges })
  return (
    <View className="hours-editor">
      {WEEKDAYS.map((day) => {
        const ranges = value[day] ?? []
        return (
          <View key={day} className="hours-editor__day">
            <View className="hours-editor__name">{WEEKDAY_NAMES[day]}</View>
            <View className="hours-editor__ranges">
              {ranges.length === 0 && <View className="muted">不开放</View>}
              {ranges.map(([open, close], i) => (
                <View key={i} className="hours-editor__range">
                  <TimePick
                    label={`${WEEKDAY_NAMES[day]}第${i + 1}段开始`}
                    value={open}
                    onChange={(v) =>
                      setDay(
                        day,
                        ranges.map((r, j) => (j === i ? [v, r[1]] : r)),
                      )
                    }
                  />
                  <View className="hours-editor__dash">–</View>
                  <TimePick
                    label={`${WEEKDAY_NAMES[day]}第${i + 1}段结束`}
                    value={close}
                    onChange={(v) =>
                      setDay(
                        day,
                        ranges.map((r, j) => (j === i ? [r[0], v] : r)),
                      )
                    }
                  />
                  <View
                    className="hours-editor__remove"
                    ariaRole="button"
                    onClick={() =>
                      setDay(
                        day,
                        ranges.filter((_, j) => j !== i),
                      )
                    }
                  >
                    删除
                  </View>
                </View>
              ))}
              <View className="hours-editor__actions">
                {ranges.length < 6 && (
                  <View
                    className="inline-link"
                    onClick={() =>
                      setDay(day, [
                        ...ranges,
                        ranges.length
                          ? [ranges[ranges.length - 1]![1], '21:00']
                          : ['09:00', '12:00'],
                      ])
                    }
                  >
                    添加时段
                  </View>
                )}
                {day === '1' && (
                  <View
                    className="inline-link hours-editor__copy"
                    onClick={() =>
                      onChange(
                        Object.fromEntries(
                          WEEKDAYS.map((d) => [d, ranges.map((r) => [...r] as Range)]),
                        ),
                      )
                    }
                  >
                    复制到每天
                  </View>
                )}
              </View>
            </View>
          </View>
        )
      })}
    </View>
  )
}
