import { Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { listRoleGrants } from '@/packages/identity/api'
import {
  acceptSuggestion,
  answerSuggestion,
  assignPlanner,
  completeSuggestion,
  hideSuggestion,
  listAnswerTemplates,
  mergeSuggestion,
  postProgress,
  publishSuggestion,
  unhideSuggestion,
  type AnswerDecision,
  type AnswerTemplate,
  type SuggestionDetail,
  type TemplateKind,
} from '@/packages/suggestions/api'
import { listSuggestions } from '@/packages/suggestions/tab-api'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ChoiceChips } from '@/components/choice-chips'
import { errorMessage, InputError, isApiError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { useAsync } from '@/lib/use-async'
import { supportText } from '@/packages/suggestions/lib/format'
import { normalizeSearch } from '@/packages/suggestions/lib/list-query'
import { LIMITS } from '@/packages/suggestions/lib/submit-form'
import {
  ACTION_LABELS,
  answerDecisions,
  DECISION_HINTS,
  DECISION_LABELS,
  staffActions,
  templateKindOf,
  type StaffAction,
} from '@/packages/suggestions/lib/staff-actions'
import { isOpenForSupport } from '@/packages/suggestions/lib/support'
import { uploadSummary } from '@/packages/suggestions/lib/photo-list'
import { usePhotoUploads } from '@/packages/suggestions/lib/use-photo-uploads'
import { PhotoPicker } from './photo-picker'
import { TextForm } from './text-form'
import { ariaBool, FOCUSABLE } from '@/components/a11y'

type Done = () => Promise<void>

const ofKind = (templates: AnswerTemplate[] | undefined, kind: TemplateKind) =>
  (templates ?? []).filter((t) => t.kind === kind)

/**
 * Runs a staff action; a lost race (409) shows the API's message and the state the case is in
 * now. The form closes before the page reloads, so a form opened next is not closed by this one.
 */
async function act(
  action: () => Promise<unknown>,
  done: string,
  onChanged: Done,
  onClose?: () => void,
) {
  try {
    await action()
  } catch (e) {
    if (isApiError(e, 'INVALID_STATE') || isApiError(e, 'NOT_FOUND')) await onChanged()
    throw e
  }
  onClose?.()
  showSuccess(done)
  await onChanged()
}

function AnswerForm({
  detail,
  templates,
  onClose,
  onChanged,
}: {
  detail: SuggestionDetail
  templates?: AnswerTemplate[]
  onClose: () => void
  onChanged: Done
}) {
  const decisions = answerDecisions(detail.status)
  const [decision, setDecision] = useState<AnswerDecision>(decisions[0] ?? 'close_unfixed')
  return (
    <View>
      {decisions.length > 1 && (
        <>
          <View className="field__label card-action">答复结论</View>
          <ChoiceChips
            options={decisions.map((d) => ({ value: d, label: DECISION_LABELS[d] }))}
            value={decision}
            onChange={(d) => d && setDecision(d)}
          />
        </>
      )}
      <View className="field__hint">{DECISION_HINTS[decision]}</View>
      <TextForm
        key={decision}
        label={decision === 'adopt' ? '答复内容' : '理由'}
        placeholder={DECISION_HINTS[decision]}
        confirmText={`确认${DECISION_LABELS[decision]}`}
        tone={decision === 'adopt' ? 'plain' : 'danger'}
        templates={ofKind(templates, templateKindOf(decision))}
        onCancel={onClose}
        onSubmit={(body) =>
          act(() => answerSuggestion(detail.id, { decision, body }), '已答复', onChanged, onClose)
        }
      />
    </View>
  )
}

function MergeForm({
  detail,
  templates,
  onClose,
  onChanged,
}: {
  detail: SuggestionDetail
  templates?: AnswerTemplate[]
  onClose: () => void
  onChanged: Done
}) {
  const [text, setText] = useState(detail.title.slice(0, 8))
  const [q, setQ] = useState(normalizeSearch(detail.title.slice(0, 8)))
  const [targetId, setTargetId] = useState<string | null>(null)
  const results = useAsync(
    () => listSuggestions(detail.communityId, { sort: 'support', q, limit: 10 }),
    `${detail.communityId}:${q ?? ''}`,
  )
  const candidates = (results.data?.items ?? []).filter(
    (s) => s.id !== detail.id && isOpenForSupport(s),
  )
  const target = candidates.find((s) => s.id === targetId)
  return (
    <View className="inline-form">
      <View className="field__label">合并到哪一条？</View>
      <View className="search">
        <Input
          className="input search__input"
          value={text}
          maxlength={40}
          placeholder="搜索建议标题"
          placeholderClass="placeholder"
          onInput={(e) => setText(e.detail.value)}
          onConfirm={() => setQ(normalizeSearch(text))}
        />
        <Button size="small" onClick={() => setQ(normalizeSearch(text))}>
          搜索
        </Button>
      </View>
      {results.loading && !results.data && <View className="muted">正在查找…</View>}
      {results.data && candidates.length === 0 && (
        <View className="muted">没有找到可以合并的进行中建议，换个词试试。</View>
      )}
      {candidates.map((s) => (
        <View
          key={s.id}
          className={s.id === targetId ? 'pick-row pick-row--on' : 'pick-row'}
          ariaRole="radio"
          aria-checked={ariaBool(s.id === targetId)}
          {...FOCUSABLE}
          onClick={() => setTargetId(s.id)}
        >
          <View>
            <View>{s.title}</View>
            <View className="muted">
              {s.statusLabel} · {supportText(s.supportCount, s.supportHouseholdCount)}
            </View>
          </View>
          {s.id === targetId && <View className="choice__mark">✓</View>}
        </View>
      ))}
      {target && (
        <TextForm
          label="合并说明"
          placeholder="例如：与“…”说的是同一处问题，合并处理，附议一并转入"
          confirmText="确认合并"
          templates={ofKind(templates, 'merge')}
          onCancel={onClose}
          onSubmit={(body) =>
            act(
              () => mergeSuggestion(detail.id, { targetId: target.id, body }),
              '已合并',
              onChanged,
              onClose,
            )
          }
        />
      )}
      {!target && (
        <Button kind="quiet" block className="card-action" onClick={onClose}>
          取消
        </Button>
      )}
    </View>
  )
}

function AssignForm({
  detail,
  onClose,
  onChanged,
}: {
  detail: SuggestionDetail
  onClose: () => void
  onChanged: Done
}) {
  const grants = useAsync(() => listRoleGrants(detail.communityId), detail.communityId)
  const planners = (grants.data?.items ?? []).filter((g) => g.role === 'planner')
  const [chosen, setChosen] = useState<string | null>(detail.planner?.id ?? null)
  const [busy, setBusy] = useState(false)
  const assign = async () => {
    if (!chosen) return
    setBusy(true)
    try {
      await act(() => assignPlanner(detail.id, chosen), '已指派', onChanged, onClose)
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="inline-form">
      <View className="field__label">选择街巷规划师</View>
      {grants.loading && !grants.data && <View className="muted">正在加载…</View>}
      {grants.error != null && !grants.data && (
        <View className="muted">{errorMessage(grants.error)}</View>
      )}
      {grants.data && planners.length === 0 && (
        <View className="muted">本社区还没有街巷规划师，可在“职务与权限”中添加。</View>
      )}
      {planners.map((p) => (
        <View
          key={p.id}
          className={p.userId === chosen ? 'pick-row pick-row--on' : 'pick-row'}
          ariaRole="radio"
          aria-checked={ariaBool(p.userId === chosen)}
          {...FOCUSABLE}
          onClick={() => setChosen(p.userId)}
        >
          <View>{p.realName ? `${p.realName}（${p.nickname}）` : p.nickname}</View>
          {p.userId === chosen && <View className="choice__mark">✓</View>}
        </View>
      ))}
      <View className="btn-row">
        <Button kind="quiet" onClick={onClose}>
          取消
        </Button>
        <Button
          busy={busy}
          disabled={!chosen || chosen === detail.planner?.id}
          onClick={() => void assign()}
        >
          确认指派
        </Button>
      </View>
    </View>
  )
}

function ProgressForm({
  detail,
  complete,
  templates,
  onClose,
  onChanged,
}: {
  detail: SuggestionDetail
  complete: boolean
  templates?: AnswerTemplate[]
  onClose: () => void
  onChanged: Done
}) {
  const uploads = usePhotoUploads(detail.communityId, LIMITS.photos)
  return (
    <TextForm
      label={complete ? '完工说明' : '进展说明'}
      placeholder={
        complete ? '例如：两盏路灯已安装并通电，请居民评价' : '例如：灯杆位置已确认，本周施工'
      }
      confirmText={complete ? '确认完成' : '确认发布'}
      templates={ofKind(templates, 'progress')}
      onCancel={onClose}
      onSubmit={async (body) => {
        const photos = uploadSummary(uploads.photos)
        if (!photos.ready) throw new InputError(photos.blocker ?? '照片还没有准备好')
        const send = complete ? completeSuggestion : postProgress
        await act(
          () => send(detail.id, { body, photoIds: photos.ids }),
          complete ? '已标记完成' : '已发布',
          onChanged,
          onClose,
        )
      }}
    >
      <View className="field">
        <View className="field__label">现场照片（可不传）</View>
        <PhotoPicker
          photos={uploads.photos}
          max={LIMITS.photos}
          onAdd={() => void uploads.choose()}
          onRemove={uploads.remove}
          onRetry={uploads.retry}
          onPreview={uploads.preview}
        />
      </View>
    </TextForm>
  )
}

/** Handling a suggestion, for the community's staff (and planners: progress and completion). */
export function StaffPanel({ detail, onChanged }: { detail: SuggestionDetail; onChanged: Done }) {
  const [open, setOpen] = useState<StaffAction | null>(null)
  const [busy, setBusy] = useState<StaffAction | null>(null)
  const actions = staffActions(detail)
  const templates = useAsync(
    () =>
      detail.viewer.canHandle
        ? listAnswerTemplates(detail.communityId)
        : Promise.resolve({ items: [] }),
    `${detail.communityId}:${detail.viewer.canHandle}`,
  )
  if (actions.length === 0) return null
  const items = templates.data?.items
  const close = () => setOpen(null)

  const confirmThen = async (
    action: StaffAction,
    title: string,
    content: string,
    run: () => Promise<unknown>,
    done: string,
  ) => {
    const { confirm } = await Taro.showModal({
      title,
      content,
      confirmText: '确定',
      cancelText: '取消',
    })
    if (!confirm) return
    setBusy(action)
    try {
      await act(run, done, onChanged)
    } catch (e) {
      showError(e)
    } finally {
      setBusy(null)
    }
  }

  const tap = (action: StaffAction) => {
    if (action === 'publish')
      void confirmThen(
        action,
        '审核通过',
        '公开后全社区居民都能看到并附议。',
        () => publishSuggestion(detail.id),
        '已公开',
      )
    else if (action === 'accept')
      void confirmThen(
        action,
        '受理',
        '受理后居民会看到“已受理”，请尽快答复。',
        () => acceptSuggestion(detail.id),
        '已受理',
      )
    else if (action === 'unhide')
      void confirmThen(
        action,
        '恢复公开',
        '恢复后这条建议重新出现在列表中。',
        () => unhideSuggestion(detail.id),
        '已恢复',
      )
    else setOpen(open === action ? null : action)
  }

  const label = (action: StaffAction) =>
    action === 'answer' && answerDecisions(detail.status).length === 1
      ? '关闭（未实施）'
      : ACTION_LABELS[action]

  return (
    <Card tone="accent" title="办理（工作人员）">
      <View className="facts">
        {detail.planner && <Badge tone="plain">规划师：{detail.planner.nickname}</Badge>}
        {detail.isOverdue && <Badge tone="danger">逾期未答复</Badge>}
      </View>
      <View className="staff-actions">
        {actions.map((a) => (
          <Button
            key={a}
            size="small"
            kind={a === 'hide' ? 'danger' : open === a ? 'primary' : 'secondary'}
            busy={busy === a}
            onClick={() => tap(a)}
          >
            {label(a)}
          </Button>
        ))}
      </View>
      {open === 'answer' && (
        <AnswerForm detail={detail} templates={items} onClose={close} onChanged={onChanged} />
      )}
      {open === 'merge' && (
        <MergeForm detail={detail} templates={items} onClose={close} onChanged={onChanged} />
      )}
      {open === 'assign' && <AssignForm detail={detail} onClose={close} onChanged={onChanged} />}
      {(open === 'progress' || open === 'complete') && (
        <ProgressForm
          key={open}
          detail={detail}
          complete={open === 'complete'}
          templates={items}
          onClose={close}
          onChanged={onChanged}
        />
      )}
      {open === 'hide' && (
        <TextForm
          label="隐藏理由"
          placeholder="作者会看到这条理由，例如：含有他人隐私信息"
          confirmText="确认隐藏"
          tone="danger"
          maxLength={300}
          templates={ofKind(items, 'hide')}
          onCancel={close}
          onSubmit={(reason) =>
            act(() => hideSuggestion(detail.id, reason), '已隐藏', onChanged, close)
          }
        />
      )}
    </Card>
  )
}
