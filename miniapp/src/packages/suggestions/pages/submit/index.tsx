import { Input, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ApiError } from '@/api/http'
import {
  createSuggestion,
  createSuggestionFor,
  findSimilarSuggestions,
  supportSuggestion,
  supportSuggestionFor,
  type SuggestionCategory,
  type SuggestionSummary,
} from '@/packages/suggestions/api'
import type { Community, Me } from '@/api/types'
import { useSession } from '@/auth/session'
import { nextStep } from '@/auth/session-store'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ChoiceChips } from '@/components/choice-chips'
import { NextStepCard } from '@/components/next-step-card'
import { SessionLoading } from '@/packages/identity/components/session-loading'
import { ErrorState, Loading } from '@/components/states'
import { showError, showSuccess } from '@/lib/errors'
import { InputError } from '@/lib/error-message'
import { FieldError, scrollToFieldError } from '@/components/field-error'
import { useAsync } from '@/lib/use-async'
import { useCurrentCommunity } from '@/packages/places/use-community'
import { getCommunity } from '@/packages/places/api'
import { supportText } from '@/packages/suggestions/lib/format'
import {
  CATEGORY_LABELS,
  EIGHT_DISORDERS,
  OTHER_CATEGORIES,
  STATUS_TONES,
} from '@/packages/suggestions/lib/labels'
import { openIdeas, redirectIdeas } from '@/packages/suggestions/lib/routes'
import { PhotoPicker } from '@/packages/suggestions/components/photo-picker'
import { clearDraft, loadDraft, saveDraft } from '@/packages/suggestions/lib/draft-store'
import { uploadSummary } from '@/packages/suggestions/lib/photo-list'
import {
  authorPreview,
  counter,
  EMPTY_DRAFT,
  fieldErrorsFromApi,
  firstError,
  hasErrors,
  LIMITS,
  parseSimilarKey,
  similarKey,
  similarQueryOf,
  stepOf,
  toCreateBody,
  validateWhatAndWhere,
  type FieldErrors,
  type SubmitDraft,
} from '@/packages/suggestions/lib/submit-form'
import { useDebounced } from '@/packages/suggestions/lib/use-debounced'
import { usePhotoUploads } from '@/packages/suggestions/lib/use-photo-uploads'
import '@/packages/suggestions/suggestions.scss'
import { askToSubscribe, useSubscribePrompt } from '@/lib/subscribe'
import { withScene } from '@/lib/scene'
import { Page } from '@/components/page'
import { ariaBool, FOCUSABLE } from '@/components/a11y'

const options = (list: SuggestionCategory[]) =>
  list.map((value) => ({ value, label: CATEGORY_LABELS[value] }))

function SimilarList({
  items,
  onSupport,
  busyId,
}: {
  items: SuggestionSummary[]
  onSupport: (id: string) => void
  busyId: string | null
}) {
  return (
    <Card tone="accent" title="邻居们提过相似的建议">
      <View className="muted">
        如果说的是同一件事，点“我也关心”为它附议，大家的声音合在一起，居委会答复得更快。
      </View>
      {items.map((s) => (
        <View className="similar__item" key={s.id}>
          <View className="similar__title">{s.title}</View>
          <View className="similar__meta">
            <Badge tone={STATUS_TONES[s.status]}>{s.statusLabel}</Badge>{' '}
            {[s.alley?.name, supportText(s.supportCount, s.supportHouseholdCount)]
              .filter(Boolean)
              .join(' · ')}
          </View>
          {s.status === 'completed' && (
            // Done already: the fix may have failed, and 未解决 reopens it rather than a second case.
            <View className="similar__meta">已完成，如未解决可评价为未解决</View>
          )}
          <View className="btn-row">
            {s.status !== 'completed' && (
              <Button busy={busyId === s.id} busyText="正在附议…" onClick={() => onSupport(s.id)}>
                我也关心
              </Button>
            )}
            <Button kind="secondary" onClick={() => openIdeas('detail', { id: s.id })}>
              看看详情
            </Button>
          </View>
        </View>
      ))}
    </Card>
  )
}

/** The draft with the poster's alley, when the draft names none and the alley is this community's. */
function withPosterAlley(draft: SubmitDraft, alleyId: string | undefined, community: Community) {
  return alleyId && !draft.alleyId && community.alleys.some((a) => a.id === alleyId)
    ? { ...draft, alleyId }
    : draft
}

/** 代办 (decision 019): staff or her 楼组长 fill in this same form for a resident (`?for=&name=`). */
type Acting = { residentId: string; name: string }

function SubmitForm({
  community,
  me,
  acting = null,
}: {
  community: Community
  me: Me
  acting?: Acting | null
}) {
  useSubscribePrompt()
  // A draft typed for someone else is not resumed as one's own (nor the other way round).
  const saved = acting ? null : loadDraft(community.id)
  // Opened from a back alley's poster (its 小程序码: scene alley=…), the alley is filled in.
  const posterAlley = withScene(useRouter().params).alley
  const [step, setStep] = useState<1 | 2>(saved?.step ?? 1)
  const [draft, setDraft] = useState<SubmitDraft>(() =>
    withPosterAlley(saved?.draft ?? EMPTY_DRAFT, posterAlley, community),
  )
  const [errors, setErrors] = useState<FieldErrors>({})
  const [submitting, setSubmitting] = useState(false)
  const [supportingId, setSupportingId] = useState<string | null>(null)
  const uploads = usePhotoUploads(community.id, LIMITS.photos, saved?.photos)

  useEffect(() => {
    if (!acting) saveDraft({ communityId: community.id, step, draft, photos: uploads.photos })
  }, [acting, community.id, step, draft, uploads.photos])

  const set = <K extends keyof SubmitDraft>(key: K, value: SubmitDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    if (errors[key as keyof FieldErrors]) setErrors((e) => ({ ...e, [key]: undefined }))
  }

  const query = similarQueryOf(draft)
  const settledKey = useDebounced(similarKey(query), 600)
  const similar = useAsync(() => {
    const settled = parseSimilarKey(settledKey)
    return settled ? findSimilarSuggestions(community.id, settled) : Promise.resolve({ items: [] })
  }, settledKey)

  const residency = acting ? null : me.residencies.find((r) => r.communityId === community.id)
  const buildingLabel = residency
    ? `${residency.household.compoundName}${residency.household.buildingName}`
    : null
  const alleyName = community.alleys.find((a) => a.id === draft.alleyId)?.name

  const next = () => {
    const found = validateWhatAndWhere(draft)
    setErrors(found)
    if (hasErrors(found)) {
      showError(new InputError(firstError(found) ?? '请检查填写的内容'))
      scrollToFieldError()
      return
    }
    setStep(2)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  }

  const back = () => {
    setStep(1)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  }

  const chooseOnMap = async () => {
    try {
      const place = await Taro.chooseLocation({})
      set('location', {
        lat: place.latitude,
        lng: place.longitude,
        name: place.name || place.address,
      })
      if (!draft.landmark.trim() && place.name)
        set('landmark', place.name.slice(0, LIMITS.landmarkMax))
    } catch {
      // cancelled, or the map is not available: the landmark in words is enough
    }
  }

  const supportInstead = async (id: string) => {
    const asked = acting ? Promise.resolve() : askToSubscribe(['suggestion'])
    setSupportingId(id)
    try {
      await asked
      if (acting) await supportSuggestionFor(id, acting.residentId)
      else await supportSuggestion(id)
      clearDraft()
      showSuccess(acting ? `已为${acting.name}附议` : '已附议，谢谢您')
      redirectIdeas('detail', { id })
    } catch (e) {
      showError(e)
    } finally {
      setSupportingId(null)
    }
  }

  const submit = async () => {
    const found = validateWhatAndWhere(draft)
    if (hasErrors(found)) {
      setErrors(found)
      setStep(1)
      showError(new InputError(firstError(found) ?? '请检查填写的内容'))
      scrollToFieldError()
      return
    }
    const photos = uploadSummary(uploads.photos)
    if (!photos.ready) {
      setErrors({ photos: photos.blocker ?? undefined })
      showError(new InputError(photos.blocker ?? '照片还没有准备好'))
      scrollToFieldError()
      return
    }
    // WeChat's prompt must come from the tap itself: before the first await.
    const asked = acting ? Promise.resolve() : askToSubscribe(['suggestion'])
    setSubmitting(true)
    try {
      await asked
      const body = toCreateBody(draft, photos.ids)
      if (acting) {
        await createSuggestionFor(community.id, acting.residentId, body)
        uploads.reset()
        // Back to her page: a 楼组长 may not see a 金点子 before staff publish it.
        showSuccess(`已为${acting.name}提交`)
        void Taro.navigateBack()
        return
      }
      const created = await createSuggestion(community.id, body)
      clearDraft()
      uploads.reset()
      showSuccess('已提交')
      redirectIdeas('detail', { id: created.id, created: '1' })
    } catch (e) {
      // Everything typed and uploaded stays; the problem is shown where it is.
      const found =
        e instanceof ApiError ? fieldErrorsFromApi(e) : { form: '提交没有成功，请稍后再试' }
      setErrors(found)
      if (stepOf(found) === 1) setStep(1)
      showError(e)
      scrollToFieldError()
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <Page>
      <View className="steps" ariaLabel={`第 ${step} 步，共 2 步`}>
        <View className="steps__bar steps__bar--on" />
        <View className={step === 2 ? 'steps__bar steps__bar--on' : 'steps__bar'} />
      </View>
      {acting && (
        <View className="acting-banner" ariaRole="status">
          正在为 {acting.name} 代办
        </View>
      )}
      <View className="page-title">提金点子</View>
      <View className="step-title">
        {step === 1
          ? '第 1 步（共 2 步）：说清楚是什么事、在哪里'
          : '第 2 步（共 2 步）：拍照片，然后提交'}
      </View>

      {step === 1 && (
        <>
          <Card>
            <View className="field">
              <View className="field__label">标题</View>
              <Input
                className={errors.title ? 'input input--invalid' : 'input'}
                value={draft.title}
                maxlength={LIMITS.titleMax}
                placeholder="一句话说清楚，例如：青石巷夜里太暗"
                placeholderClass="placeholder"
                onInput={(e) => set('title', e.detail.value)}
              />
              <FieldError text={errors.title} />
              <View className="field__counter">{counter(draft.title, LIMITS.titleMax)}</View>
            </View>
            <View className="field">
              <View className="field__label">具体描述</View>
              <Textarea
                className={
                  errors.description
                    ? 'textarea textarea--fit textarea--tall textarea--invalid'
                    : 'textarea textarea--fit textarea--tall'
                }
                value={draft.description}
                maxlength={LIMITS.descriptionMax}
                placeholder="是什么问题？什么时候最明显？您有什么好办法？"
                placeholderClass="placeholder"
                onInput={(e) => set('description', e.detail.value)}
              />
              <FieldError text={errors.description} />
              <View className="field__counter">
                {counter(draft.description, LIMITS.descriptionMax)}
              </View>
            </View>
          </Card>

          {similar.data && similar.data.items.length > 0 && (
            <SimilarList
              items={similar.data.items}
              busyId={supportingId}
              onSupport={(id) => void supportInstead(id)}
            />
          )}

          <Card title="问题类别">
            <View className="chip-group-label">背街小巷“八乱”</View>
            <ChoiceChips
              options={options(EIGHT_DISORDERS)}
              value={draft.category}
              onChange={(c) => set('category', c)}
            />
            <View className="chip-group-label">其他方面</View>
            <ChoiceChips
              options={options(OTHER_CATEGORIES)}
              value={draft.category}
              onChange={(c) => set('category', c)}
            />
            <FieldError text={errors.category} />
          </Card>

          <Card title="在哪里">
            <View className="field">
              <View className="field__label">哪条背街小巷（可不选）</View>
              <ChoiceChips
                options={community.alleys.map((a) => ({ value: a.id, label: a.name }))}
                value={draft.alleyId}
                noneLabel="不在这些小巷"
                onChange={(a) => set('alleyId', a)}
              />
              <FieldError text={errors.alleyId} />
            </View>
            <View className="field">
              <View className="field__label">具体位置（可不填）</View>
              <Input
                className={errors.landmark ? 'input input--invalid' : 'input'}
                value={draft.landmark}
                maxlength={LIMITS.landmarkMax}
                placeholder="例如：12 号门口、菜场后门"
                placeholderClass="placeholder"
                onInput={(e) => set('landmark', e.detail.value)}
              />
              <FieldError text={errors.landmark} />
            </View>
            {process.env.TARO_ENV === 'weapp' && (
              <View className="field">
                {draft.location ? (
                  <View className="btn-row">
                    <Button kind="secondary" onClick={() => void chooseOnMap()}>
                      📍 {draft.location.name || '已选地图位置'}
                    </Button>
                    <Button kind="quiet" size="small" onClick={() => set('location', null)}>
                      清除
                    </Button>
                  </View>
                ) : (
                  <Button kind="secondary" block onClick={() => void chooseOnMap()}>
                    在地图上标出位置（可不选）
                  </Button>
                )}
              </View>
            )}
          </Card>

          {errors.form && <View className="notice">{errors.form}</View>}
          <Button block onClick={next}>
            下一步：拍照片
          </Button>
        </>
      )}

      {step === 2 && (
        <>
          <Card title={`照片（可不传，最多 ${LIMITS.photos} 张）`}>
            <View className="muted field">
              拍下问题现场，居委会更容易看明白。照片里的拍摄位置等信息会被去除。
            </View>
            <PhotoPicker
              photos={uploads.photos}
              max={LIMITS.photos}
              onAdd={() => void uploads.choose()}
              onRemove={uploads.remove}
              onRetry={uploads.retry}
              onPreview={uploads.preview}
            />
            <FieldError text={errors.photos} />
          </Card>

          <Card title="署名">
            <View
              className="toggle-row"
              ariaRole="checkbox"
              aria-checked={ariaBool(draft.showName)}
              {...FOCUSABLE}
              onClick={() => set('showName', !draft.showName)}
            >
              <View className={draft.showName ? 'checkbox checkbox--on' : 'checkbox'}>
                {draft.showName ? '✓' : ''}
              </View>
              <View className="toggle-row__text">
                {acting ? `公开${acting.name}的称呼` : '公开我的昵称'}
              </View>
            </View>
            <View className="field__hint">
              {acting
                ? `记在${acting.name}名下，注明由您代办。`
                : `大家将看到：${authorPreview(draft.showName, me.user.nickname, buildingLabel)}。`}
              不论是否公开，居委会都能看到是谁提的。
            </View>
          </Card>

          <Card title="核对一下" extra="返回修改" onExtra={back}>
            <View className="summary-row">
              <View className="summary-row__label">标题</View>
              {draft.title.trim()}
            </View>
            <View className="summary-row">
              <View className="summary-row__label">类别</View>
              {draft.category ? CATEGORY_LABELS[draft.category] : '未选择'}
            </View>
            <View className="summary-row">
              <View className="summary-row__label">地点</View>
              {[alleyName, draft.landmark.trim(), draft.location ? '已在地图上标出' : '']
                .filter(Boolean)
                .join(' · ') || '未填写'}
            </View>
          </Card>

          {errors.form && <View className="notice">{errors.form}</View>}
          <View className="muted field">提交后由居委会审核，通过后向全社区公开。</View>
          <View className="btn-row">
            <Button kind="secondary" onClick={back}>
              上一步
            </Button>
            <Button busy={submitting} busyText="正在提交…" onClick={() => void submit()}>
              提交金点子
            </Button>
          </View>
        </>
      )}
    </Page>
  )
}

/** The form filled in for a resident: her community, whoever's is current for the helper. */
function ActingSubmit({
  acting,
  communityId,
  me,
}: {
  acting: Acting
  communityId: string
  me: Me
}) {
  const community = useAsync(() => getCommunity(communityId), communityId)
  if (community.loading && !community.data) return <Loading />
  if (!community.data)
    return <ErrorState error={community.error} onRetry={() => void community.reload()} />
  return <SubmitForm community={community.data} me={me} acting={acting} />
}

export default function SubmitPage() {
  const state = useSession()
  const community = useCurrentCommunity()
  const { params } = useRouter()

  if (state.token && !state.me) return <SessionLoading />
  if (params.for && params.communityId && state.me)
    return (
      <ActingSubmit
        acting={{ residentId: params.for, name: decodeURIComponent(params.name ?? '居民') }}
        communityId={params.communityId}
        me={state.me}
      />
    )
  if (!state.token || !state.me || nextStep(state) !== 'done') {
    return (
      <Page>
        <View className="page-title">提金点子</View>
        <View className="lead">认证为本社区居民后，就可以提出金点子，也可以为邻居的建议附议。</View>
        <NextStepCard state={state} />
      </Page>
    )
  }
  if (community.loading && !community.data) return <Loading />
  if (!community.data)
    return <ErrorState error={community.error} onRetry={() => void community.reload()} />
  return <SubmitForm community={community.data} me={state.me} />
}
