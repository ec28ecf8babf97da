import { Input, Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import {
  createConvention,
  getConvention,
  reviseConvention,
  type ConventionDetail,
  type ScopeInput,
} from '@/packages/conventions/api'
import { getCommunity } from '@/packages/places/api'
import type { Community } from '@/api/types'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Segmented } from '@/components/segmented'
import { ErrorState, Loading } from '@/components/states'
import { FieldError, scrollToFieldError } from '@/components/field-error'
import { InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { useAsync } from '@/lib/use-async'
import {
  LIMITS,
  moveItem,
  removeItem,
  validateDraft,
  validateRevision,
  type DraftField,
} from '@/packages/conventions/lib/forms'
import { backToDetail, replacePage } from '@/packages/conventions/lib/taro'
import { Page } from '@/components/page'
import '@/packages/conventions/conventions.scss'
import { ariaBool, FOCUSABLE } from '@/components/a11y'

type ScopeType = ScopeInput['type']

const SCOPE_OPTIONS: { value: ScopeType; label: string }[] = [
  { value: 'community', label: '全社区' },
  { value: 'compounds', label: '指定小区' },
  { value: 'buildings', label: '指定楼栋' },
]

function ScopePicker({
  community,
  type,
  ids,
  onType,
  onIds,
}: {
  community: Community
  type: ScopeType
  ids: string[]
  onType: (t: ScopeType) => void
  onIds: (ids: string[]) => void
}) {
  const toggle = (id: string) =>
    onIds(ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id])
  return (
    <View className="field">
      <View className="field__label">适用范围</View>
      <View className="field__hint">范围决定谁能提意见、谁有表决权。开始征求意见后不能再改。</View>
      <Segmented
        options={SCOPE_OPTIONS}
        value={type}
        onChange={(t) => {
          onType(t)
          onIds([])
        }}
      />
      {type === 'community' && <View className="muted">{community.name}全体认证居民。</View>}
      {type === 'compounds' && (
        <View className="chips">
          {community.compounds.map((c) => (
            <View
              key={c.id}
              className={ids.includes(c.id) ? 'chip chip--on' : 'chip'}
              ariaRole="checkbox"
              aria-checked={ariaBool(ids.includes(c.id))}
              {...FOCUSABLE}
              onClick={() => toggle(c.id)}
            >
              {c.name}
            </View>
          ))}
        </View>
      )}
      {type === 'buildings' &&
        community.compounds.map((c) => (
          <View key={c.id}>
            <View className="field__hint">{c.name}</View>
            <View className="chips">
              {c.buildings.map((b) => (
                <View
                  key={b.id}
                  className={ids.includes(b.id) ? 'chip chip--on' : 'chip'}
                  ariaRole="checkbox"
                  aria-checked={ariaBool(ids.includes(b.id))}
                  {...FOCUSABLE}
                  onClick={() => toggle(b.id)}
                >
                  {b.name}
                </View>
              ))}
            </View>
          </View>
        ))}
    </View>
  )
}

function Editor({
  communityId,
  existing,
}: {
  communityId: string
  existing: ConventionDetail | null
}) {
  const community = useAsync(() => getCommunity(communityId), communityId)
  const [title, setTitle] = useState(existing?.text.title ?? '')
  const [preamble, setPreamble] = useState(existing?.text.preamble ?? '')
  const [articles, setArticles] = useState<string[]>(existing?.text.articles ?? ['', ''])
  const [scopeType, setScopeType] = useState<ScopeType>('community')
  const [scopeIds, setScopeIds] = useState<string[]>([])
  const [changeNote, setChangeNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<{ field: DraftField; message: string } | null>(null)
  const problemAt = (field: DraftField) => (problem?.field === field ? problem.message : null)

  /** A check failed: said under the box in question (and as a toast), nothing is sent. */
  const refuse = (failed: { error: string; field?: DraftField }) => {
    setProblem({ field: failed.field ?? 'title', message: failed.error })
    showError(new InputError(failed.error))
    scrollToFieldError()
  }

  const setArticle = (i: number, value: string) =>
    setArticles((old) => old.map((a, j) => (j === i ? value : a)))

  const save = async () => {
    setProblem(null)
    setBusy(true)
    try {
      if (existing) {
        const checked = validateRevision({ title, preamble, articles, changeNote })
        if (!checked.ok) return refuse(checked)
        await reviseConvention(existing.id, checked.value)
        showSuccess(`已保存第 ${existing.currentVersion + 1} 版`)
        backToDetail(existing.id)
      } else {
        const checked = validateDraft({
          title,
          preamble,
          articles,
          scope: { type: scopeType, ids: scopeIds },
        })
        if (!checked.ok) return refuse(checked)
        const created = await createConvention(communityId, checked.value)
        showSuccess('草案已保存')
        replacePage('detail', { id: created.id })
      }
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page>
      <View className="page-title">
        {existing ? `修改《${existing.text.title}》` : '起草微规约'}
      </View>
      {existing && (
        <View className="lead">
          保存后成为第 {existing.currentVersion + 1} 版，之前的版本都保留，居民可以逐条对比。
        </View>
      )}

      <Card>
        <View className="field">
          <View className="field__label">标题</View>
          <Input
            className="input"
            value={title}
            maxlength={LIMITS.title[1]}
            placeholder="例如：梧桐苑文明养犬公约"
            onInput={(e) => setTitle(e.detail.value)}
          />
          <FieldError text={problemAt('title')} />
        </View>
        <View className="field">
          <View className="field__label">前言（可不填）</View>
          <Textarea
            className="textarea"
            value={preamble}
            maxlength={LIMITS.preamble}
            placeholder="为什么要订这份规约"
            onInput={(e) => setPreamble(e.detail.value)}
          />
          <FieldError text={problemAt('preamble')} />
        </View>
      </Card>

      <Card title={`条文（${articles.length} 条）`}>
        {articles.map((a, i) => (
          <View className="article-editor" key={i}>
            <View className="article-editor__head">
              <View className="article-editor__no">第{i + 1}条</View>
              <View className="article-editor__tools">
                <Button
                  size="small"
                  kind="quiet"
                  disabled={i === 0}
                  onClick={() => setArticles((old) => moveItem(old, i, -1))}
                >
                  上移
                </Button>
                <Button
                  size="small"
                  kind="quiet"
                  disabled={i === articles.length - 1}
                  onClick={() => setArticles((old) => moveItem(old, i, 1))}
                >
                  下移
                </Button>
                <Button
                  size="small"
                  kind="danger"
                  disabled={articles.length === 1}
                  onClick={() => setArticles((old) => removeItem(old, i))}
                >
                  删除
                </Button>
              </View>
            </View>
            <Textarea
              className="textarea"
              value={a}
              maxlength={LIMITS.article}
              placeholder={`第${i + 1}条的内容`}
              onInput={(e) => setArticle(i, e.detail.value)}
            />
          </View>
        ))}
        <Button
          kind="secondary"
          block
          disabled={articles.length >= LIMITS.articles}
          onClick={() => setArticles((old) => [...old, ''])}
        >
          ＋ 添加一条
        </Button>
        <View className="field__hint">没有填写内容的条文不会保存。</View>
        <FieldError text={problemAt('articles')} />
      </Card>

      {!existing && (
        <Card>
          {community.loading && !community.data && <Loading />}
          {community.error != null && !community.data && (
            <ErrorState error={community.error} onRetry={() => void community.reload()} />
          )}
          {community.data && (
            <ScopePicker
              community={community.data}
              type={scopeType}
              ids={scopeIds}
              onType={setScopeType}
              onIds={setScopeIds}
            />
          )}
          <FieldError text={problemAt('scope')} />
        </Card>
      )}

      {existing && (
        <Card>
          <View className="field">
            <View className="field__label">修改说明（必填，会公开）</View>
            <Textarea
              className="textarea"
              value={changeNote}
              maxlength={LIMITS.changeNote}
              placeholder="改了什么、为什么改，例如：采纳居民意见，放宽遛狗时间"
              onInput={(e) => setChangeNote(e.detail.value)}
            />
            <FieldError text={problemAt('changeNote')} />
          </View>
        </Card>
      )}

      <Button block busy={busy} busyText="正在保存…" onClick={() => void save()}>
        {existing ? `保存为第 ${existing.currentVersion + 1} 版` : '保存草案'}
      </Button>
    </Page>
  )
}

/** `?communityId=` drafts a new convention; `?id=` revises one (a new version). */
export default function EditConventionPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const existing = useAsync(() => (id ? getConvention(id) : Promise.resolve(null)), id)
  const [ready, setReady] = useState(false)
  useEffect(() => {
    if (!existing.loading) setReady(true)
  }, [existing.loading])

  if (!ready || (existing.loading && !existing.data)) return <Loading />
  if (id && !existing.data)
    return <ErrorState error={existing.error} onRetry={() => void existing.reload()} />
  const communityId = existing.data?.communityId ?? params.communityId ?? ''
  if (!communityId) return <ErrorState error={new InputError('请从“议事”页进入起草')} />
  return <Editor communityId={communityId} existing={existing.data ?? null} />
}
