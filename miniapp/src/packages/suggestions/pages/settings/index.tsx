import { Input, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import {
  createAnswerTemplate,
  deleteAnswerTemplate,
  getSuggestionSettings,
  listAnswerTemplates,
  updateSuggestionSettings,
  type SuggestionSettings,
  type TemplateKind,
} from '@/packages/suggestions/api'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ChoiceChips } from '@/components/choice-chips'
import { ErrorState, Loading } from '@/components/states'
import { FieldError } from '@/components/field-error'
import { InputError, isApiError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { useAsync } from '@/lib/use-async'
import { parseSettings, type SettingsErrors } from '@/packages/suggestions/lib/settings-form'
import { TEMPLATE_KIND_LABELS, TEMPLATE_KINDS } from '@/packages/suggestions/lib/staff-actions'
import {
  NoPermission,
  StaffPageGate,
  useStaffCommunity,
} from '@/packages/suggestions/components/staff-page-gate'
import { Page } from '@/components/page'
import '@/packages/suggestions/suggestions.scss'
import { inputLabel } from '@/components/a11y'

function SettingsForm({
  communityId,
  initial,
}: {
  communityId: string
  initial: SuggestionSettings
}) {
  const [threshold, setThreshold] = useState(String(initial.responseThresholdHouseholds))
  const [days, setDays] = useState(String(initial.answerDeadlineDays))
  const [errors, setErrors] = useState<SettingsErrors>({})
  const [busy, setBusy] = useState(false)
  const save = async () => {
    const parsed = parseSettings(threshold, days)
    if ('errors' in parsed) {
      setErrors(parsed.errors)
      showError(new InputError(parsed.errors.threshold ?? parsed.errors.days ?? '请检查填写的内容'))
      return
    }
    setErrors({})
    setBusy(true)
    try {
      const saved = await updateSuggestionSettings(communityId, parsed.value)
      setThreshold(String(saved.responseThresholdHouseholds))
      setDays(String(saved.answerDeadlineDays))
      showSuccess('已保存')
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card title="答复门槛">
      <View className="paragraph muted">
        附议的户数达到门槛后，居委会必须在期限内答复，并列入下次议事会议题。
      </View>
      <View className="field">
        <View className="field__label">附议达到</View>
        <View className="number-input">
          <Input
            {...inputLabel('附议达到的户数')}
            className="input"
            type="number"
            value={threshold}
            maxlength={4}
            onInput={(e) => setThreshold(e.detail.value)}
          />
          <View className="number-input__unit">户</View>
        </View>
        <FieldError text={errors.threshold} />
      </View>
      <View className="field">
        <View className="field__label">须在几天内答复</View>
        <View className="number-input">
          <Input
            {...inputLabel('须在几天内答复')}
            className="input"
            type="number"
            value={days}
            maxlength={2}
            onInput={(e) => setDays(e.detail.value)}
          />
          <View className="number-input__unit">天</View>
        </View>
        <FieldError text={errors.days} />
      </View>
      <Button block busy={busy} busyText="正在保存…" onClick={() => void save()}>
        保存
      </Button>
    </Card>
  )
}

function Templates({ communityId }: { communityId: string }) {
  const list = useAsync(() => listAnswerTemplates(communityId), communityId)
  const [kind, setKind] = useState<TemplateKind>('adopt')
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [busy, setBusy] = useState(false)
  const [problems, setProblems] = useState<{ title?: string; body?: string }>({})

  const add = async () => {
    const found = {
      title: title.trim() ? undefined : '请填写模板名称',
      body: body.trim() ? undefined : '请填写模板内容',
    }
    setProblems(found)
    if (found.title || found.body) {
      showError(new InputError(found.title ?? found.body ?? ''))
      return
    }
    setBusy(true)
    try {
      await createAnswerTemplate(communityId, { kind, title: title.trim(), body: body.trim() })
      setTitle('')
      setBody('')
      showSuccess('已添加')
      await list.reload()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  const remove = async (templateId: string, name: string) => {
    const { confirm } = await Taro.showModal({
      title: '删除模板',
      content: `删除“${name}”？`,
      confirmText: '删除',
      cancelText: '取消',
    })
    if (!confirm) return
    try {
      await deleteAnswerTemplate(templateId)
      showSuccess('已删除')
      await list.reload()
    } catch (e) {
      showError(e)
    }
  }

  return (
    <Card title="答复模板">
      <View className="paragraph muted">
        常用的答复写成模板，答复时点一下就能填入，再按实际情况修改。
      </View>
      {list.loading && !list.data && <Loading />}
      {!list.data && list.error != null && (
        <ErrorState error={list.error} onRetry={() => void list.reload()} />
      )}
      {list.data?.items.length === 0 && <View className="muted field">还没有模板。</View>}
      {list.data?.items.map((t) => (
        <View className="list-item" key={t.id}>
          <View className="list-item__row">
            <View className="list-item__title">
              {t.title}
              <Badge tone="plain">{TEMPLATE_KIND_LABELS[t.kind as TemplateKind] ?? t.kind}</Badge>
            </View>
            <View
              className="comment__link"
              ariaRole="button"
              onClick={() => void remove(t.id, t.title)}
            >
              删除
            </View>
          </View>
          <View className="list-item__meta">{t.body}</View>
        </View>
      ))}
      <View className="inline-form">
        <View className="field__label">新模板用于</View>
        <ChoiceChips
          options={TEMPLATE_KINDS.map((k) => ({ value: k, label: TEMPLATE_KIND_LABELS[k] }))}
          value={kind}
          onChange={(k) => k && setKind(k)}
        />
        <View className="field">
          <View className="field__label">模板名称</View>
          <Input
            className="input"
            value={title}
            maxlength={30}
            placeholder="例如：转交城管"
            placeholderClass="placeholder"
            onInput={(e) => setTitle(e.detail.value)}
          />
          <FieldError text={problems.title} />
        </View>
        <View className="field">
          <View className="field__label">内容</View>
          <Textarea
            className="textarea textarea--fit textarea--tall"
            value={body}
            maxlength={1000}
            placeholder="答复居民的话"
            placeholderClass="placeholder"
            onInput={(e) => setBody(e.detail.value)}
          />
          <FieldError text={problems.body} />
        </View>
        <Button block busy={busy} onClick={() => void add()}>
          添加模板
        </Button>
      </View>
    </Card>
  )
}

function Settings({ communityId, communityName }: { communityId: string; communityName: string }) {
  const settings = useAsync(() => getSuggestionSettings(communityId), communityId)
  if (isApiError(settings.error, 'FORBIDDEN')) return <NoPermission />
  return (
    <Page>
      <View className="page-title">答复门槛与模板</View>
      <View className="lead">{communityName}</View>
      {settings.loading && !settings.data && <Loading />}
      {!settings.data && settings.error != null && (
        <ErrorState error={settings.error} onRetry={() => void settings.reload()} />
      )}
      {settings.data && <SettingsForm communityId={communityId} initial={settings.data} />}
      <Templates communityId={communityId} />
    </Page>
  )
}

export default function SuggestionSettingsPage() {
  const staff = useStaffCommunity()
  return (
    <StaffPageGate status={staff.status}>
      {staff.status === 'ok' && (
        <Settings communityId={staff.communityId} communityName={staff.communityName} />
      )}
    </StaffPageGate>
  )
}
