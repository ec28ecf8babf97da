import { View } from '@tarojs/components'
import type { Resolution } from '@/packages/meetings/api'
import { dueDateText, MOVE_LABELS, votesText } from '@/packages/meetings/lib/labels'

/** 民事民决: the decision on one agenda item, with the vote when one was taken. */
export function ResolutionView({
  resolution: r,
  linkedSuggestion,
}: {
  resolution: Resolution
  linkedSuggestion: boolean
}) {
  const votes = votesText(r)
  const due = dueDateText(r.dueDate)
  return (
    <View className="mt-resolution">
      <View className="mt-resolution__head">决议</View>
      <View>{r.decision}</View>
      {votes && <View className="mt-resolution__line">表决：{votes}</View>}
      <View className="mt-resolution__line">责任人：{r.owner}</View>
      {due && <View className="mt-resolution__line">完成期限：{due}</View>}
      {linkedSuggestion && r.suggestionMove !== 'none' && (
        <View className="mt-resolution__line">金点子：{MOVE_LABELS[r.suggestionMove]}</View>
      )}
    </View>
  )
}
