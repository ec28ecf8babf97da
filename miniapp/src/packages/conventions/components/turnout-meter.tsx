import { View } from '@tarojs/components'
import type { Turnout } from '@/packages/conventions/api'
import { turnoutView } from '@/packages/conventions/lib/result-view'

/** The live turnout: how many more are needed for a valid vote, and participation per building. */
export function TurnoutMeter({
  turnout,
  buildings = true,
}: {
  turnout: Turnout
  buildings?: boolean
}) {
  const view = turnoutView(turnout)
  // With one building its bar would repeat the meter above.
  const perBuilding = buildings && view.buildings.length > 1
  return (
    <View className={view.reached ? 'meter meter--reached' : 'meter'}>
      <View className="meter__headline">{view.headline}</View>
      <View className="meter__detail">{view.detail}</View>
      <View className="meter__track">
        <View className="meter__fill" style={{ width: `${view.bar}%` }} />
        {view.marker !== null && (
          <View className="meter__marker" style={{ left: `${view.marker}%` }} />
        )}
      </View>
      {view.marker !== null && <View className="meter__legend">黑线处即达到有效表决</View>}
      {perBuilding && <View className="subhead">各楼栋参与情况</View>}
      {perBuilding &&
        view.buildings.map((b) => (
          <View className="bar-row" key={b.id}>
            <View className="bar-row__head">
              <View className="bar-row__name">{b.name}</View>
              <View className="bar-row__value">{b.text}</View>
            </View>
            <View className="bar-row__track">
              <View className="bar-row__fill" style={{ width: `${b.bar}%` }} />
            </View>
          </View>
        ))}
    </View>
  )
}
