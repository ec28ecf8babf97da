import { Text, View } from '@tarojs/components'
import type { ConventionResult } from '@/packages/conventions/api'
import { Card } from '@/components/card'
import { resultView } from '@/packages/conventions/lib/result-view'

const MARKS = { ok: '✓', danger: '✕', warn: '!' } as const

/** The result in plain words: the verdict first, then the numbers, then why. */
export function ResultCard({
  result,
  compact = false,
}: {
  result: ConventionResult
  compact?: boolean
}) {
  const view = resultView(result)
  return (
    <Card title="表决结果">
      <View className={`verdict verdict--${view.tone}`}>
        <View className="verdict__mark">{MARKS[view.tone]}</View>
        <View>{view.headline}</View>
      </View>
      <View className="result-line">{view.participation}</View>
      {view.participationArea && <View className="result-line">{view.participationArea}</View>}

      <View className="subhead">各选项票数</View>
      {view.options.map((o) => (
        <View className="option-row" key={o.option}>
          <View className="option-row__head">
            <View className="option-row__name">{o.name}</View>
            <View className="option-row__count">
              {o.count}
              <Text className="option-row__share">占 {o.countShare}</Text>
            </View>
          </View>
          {o.area && (
            <View className="option-row__area">
              专有面积 {o.area}，占参与面积 {o.areaShare}
            </View>
          )}
          <View className="bar-row__track">
            <View
              className={`bar-row__fill bar-row__fill--${o.option}`}
              style={{ width: `${o.bar}%` }}
            />
          </View>
        </View>
      ))}
      <View className="muted">{view.note}</View>

      <View className="decided-by">{view.decidedBy}</View>
      {!compact && (
        <View className="explain">
          {view.explanation.map((line, i) => (
            <View className="explain__line" key={i}>
              <View className="explain__no">{i + 1}.</View>
              <View>{line}</View>
            </View>
          ))}
        </View>
      )}
    </Card>
  )
}
