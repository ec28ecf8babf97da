import { Text, View } from '@tarojs/components'
import type { ConventionResult } from '@/packages/conventions/api'
import { Card } from '@/components/card'
import type { RollBasis } from '@/packages/conventions/lib/labels'
import { resultView, type Fraction } from '@/packages/conventions/lib/result-view'

const MARKS = { ok: '✓', danger: '✕', warn: '!' } as const

/** The four figures 民法典 第二百七十八条 decides on, each as part / whole and its share. */
export function LegalFractions({ fractions }: { fractions: Fraction[] }) {
  return (
    <View className="fractions">
      {fractions.map((f) => (
        <View className="fractions__row" key={f.label}>
          <View className="fractions__label">{f.label}</View>
          <View className="fractions__value">
            {f.value}
            <Text className="fractions__share">（{f.share}）</Text>
          </View>
        </View>
      ))}
    </View>
  )
}

/** The result in plain words: the verdict first, then the numbers, then why. */
export function ResultCard({
  result,
  basis,
  counting = [],
  compact = false,
}: {
  result: ConventionResult
  /** Who the roll counted (the detail's voting.basis): 户 or 人 in the lines below. */
  basis?: RollBasis
  /** How an owners roll was counted (voting.counting). */
  counting?: string[]
  compact?: boolean
}) {
  const view = resultView(result, basis)
  return (
    <Card title="表决结果">
      <View className={`verdict verdict--${view.tone}`}>
        <View className="verdict__mark">{MARKS[view.tone]}</View>
        <View>{view.headline}</View>
      </View>
      <View className="result-line">{view.participation}</View>
      {view.participationArea && <View className="result-line">{view.participationArea}</View>}
      {view.fractions && (
        <>
          <View className="subhead">法定比例（民法典第二百七十八条）</View>
          <LegalFractions fractions={view.fractions} />
        </>
      )}

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
      {!compact && counting.length > 0 && (
        <View className="explain">
          <View className="subhead">怎么计算人数和面积</View>
          {counting.map((line, i) => (
            <View className="counting-line paragraph" key={i}>
              {line}
            </View>
          ))}
        </View>
      )}
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
