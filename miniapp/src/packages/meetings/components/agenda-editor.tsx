import { Input, Textarea, View } from '@tarojs/components'
import type { AgendaCandidate } from '@/packages/meetings/api'
import type { ConventionSummary } from '@/packages/conventions/api'
import { Button } from '@/components/button'
import { isLinked, newAgendaItem, type AgendaDraft } from '@/packages/meetings/lib/meeting-form'

type Props = {
  agenda: AgendaDraft[]
  onChange: (agenda: AgendaDraft[]) => void
  candidates: AgendaCandidate[]
  conventions: ConventionSummary[]
}

/**
 * The agenda: items with a title and an optional note, each maybe linked to a 金点子 or a
 * 微规约. Suggestions over their response threshold and the community's conventions are offered
 * as one-tap items, so the organiser rarely types a title.
 */
export function AgendaEditor({ agenda, onChange, candidates, conventions }: Props) {
  const update = (key: string, change: Partial<AgendaDraft>) =>
    onChange(agenda.map((i) => (i.key === key ? { ...i, ...change } : i)))
  const remove = (key: string) => onChange(agenda.filter((i) => i.key !== key))
  const offeredIdeas = candidates.filter((c) => !isLinked(agenda, 'suggestion', c.id))
  const offeredConventions = conventions.filter(
    (c) => c.status !== 'draft' && !isLinked(agenda, 'convention', c.id),
  )

  return (
    <View>
      {agenda.length === 0 && (
        <View className="muted">还没有议题。点下面的金点子直接加入，或者“添加议题”自己写。</View>
      )}
      {agenda.map((item, i) => (
        <View className="mt-agenda-edit" key={item.key}>
          <View className="mt-agenda-edit__head">
            <View>第 {i + 1} 个议题</View>
            <Button kind="quiet" size="small" onClick={() => remove(item.key)}>
              删除
            </Button>
          </View>
          <Input
            className="input"
            value={item.title}
            maxlength={80}
            placeholder="议题标题"
            onInput={(e) => update(item.key, { title: e.detail.value })}
          />
          <Textarea
            className="textarea card-action"
            value={item.description}
            maxlength={1000}
            placeholder="议题说明（可不填）"
            onInput={(e) => update(item.key, { description: e.detail.value })}
          />
          {item.link && (
            <View className="mt-agenda-edit__linked">
              关联{item.link.kind === 'suggestion' ? '金点子' : '微规约'}：{item.link.title}
              <View className="mt-link" onClick={() => update(item.key, { link: null })}>
                取消关联
              </View>
            </View>
          )}
        </View>
      ))}
      <Button
        kind="secondary"
        block
        className="card-action"
        onClick={() => onChange([...agenda, newAgendaItem()])}
      >
        添加议题
      </Button>

      {offeredIdeas.length > 0 && (
        <View className="card-action">
          <View className="field__label">附议达到门槛的金点子（点一下加入议程）</View>
          {offeredIdeas.map((c) => (
            <View
              className="choice agenda-candidate"
              key={c.id}
              ariaRole="button"
              onClick={() =>
                onChange([
                  ...agenda,
                  newAgendaItem({ kind: 'suggestion', id: c.id, title: c.title }),
                ])
              }
            >
              <View>{c.title}</View>
              <View className="choice__mark">{c.supportHouseholdCount} 户附议 ＋</View>
            </View>
          ))}
        </View>
      )}
      {offeredConventions.length > 0 && (
        <View className="card-action">
          <View className="field__label">微规约（点一下加入议程）</View>
          {offeredConventions.map((c) => (
            <View
              className="choice"
              key={c.id}
              ariaRole="button"
              onClick={() =>
                onChange([
                  ...agenda,
                  newAgendaItem({ kind: 'convention', id: c.id, title: c.title }),
                ])
              }
            >
              <View>{c.title}</View>
              <View className="choice__mark">{c.statusLabel} ＋</View>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
