import { Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { listWords, removeWord, setWord, type ContentWords, type WordKind } from '../../api'
import { ApiError } from '@/api/http'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { FieldError } from '@/components/field-error'
import { ErrorState, Loading } from '@/components/states'
import { InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { useAsync } from '@/lib/use-async'
import { isForbidden, NoPermission, StaffGate } from '@/packages/staff/components/staff-gate'
import { useStaff } from '@/packages/staff/lib/use-staff'
import { Page } from '@/components/page'
import '@/packages/staff/staff.scss'
import '../../moderation.scss'

const KIND_LABELS: Record<WordKind, string> = { block: '拒绝发表', review: '人工审核' }

export default function ContentWordsPage() {
  const context = useStaff()
  const communityId = context.status === 'ok' ? context.communityId : ''
  const loaded = useAsync(
    () => (communityId ? listWords(communityId) : Promise.resolve(null)),
    communityId,
  )
  // Each change answers the whole list: show that, without another request.
  const [changed, setChanged] = useState<ContentWords | null>(null)
  const words = changed ?? loaded.data
  const [word, setWordText] = useState('')
  const [kind, setKind] = useState<WordKind>('block')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const add = async () => {
    if (!word.trim()) {
      setProblem('请填写词语')
      showError(new InputError('请填写词语'))
      return
    }
    setBusy(true)
    setProblem(null)
    try {
      setChanged(await setWord(communityId, word.trim(), kind))
      setWordText('')
      showSuccess('已加入词库')
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') setProblem(e.message)
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  const remove = async (w: string, isDefault: boolean) => {
    const { confirm } = await Taro.showModal({
      title: `移除“${w}”？`,
      content: isDefault
        ? '这是随应用提供的默认词，移除后本街道不再检查它（记入操作记录）。'
        : '移除后不再检查这个词（记入操作记录）。',
      confirmText: '移除',
    })
    if (!confirm) return
    try {
      setChanged(await removeWord(communityId, w))
      showSuccess('已移除')
    } catch (e) {
      showError(e)
    }
  }

  if (loaded.error && isForbidden(loaded.error)) return <NoPermission />

  return (
    <StaffGate context={context} allowed={(c) => c.canViewRolesAndAudit}>
      <Page>
        {words && (
          <View className={words.mode === 'wechat' ? 'notice notice--info' : 'notice'}>
            {words.streetName}的词库，本街道各社区共用。检查方式：{words.modeLabel}
          </View>
        )}
        {loaded.loading && !words && <Loading />}
        {loaded.error != null && !words && (
          <ErrorState error={loaded.error} onRetry={() => void loaded.reload()} />
        )}
        {words && (
          <Card title="添加词语">
            <Input
              className="input"
              value={word}
              maxlength={20}
              placeholder="例如：某个骂人的词、诈骗用语"
              placeholderClass="placeholder"
              ariaLabel="词语"
              onInput={(e) => {
                setWordText(e.detail.value)
                setProblem(null)
              }}
            />
            <FieldError text={problem} />
            <View className="chips card-action">
              {(Object.keys(KIND_LABELS) as WordKind[]).map((k) => (
                <View
                  key={k}
                  className={k === kind ? 'chip chip--on' : 'chip'}
                  ariaRole="button"
                  onClick={() => setKind(k)}
                >
                  {KIND_LABELS[k]}
                </View>
              ))}
            </View>
            <View className="muted">
              拒绝发表：居民会看到“含有不适宜的词语”并被要求修改；人工审核：先保存，您通过后其他人才看得到。
              空格、符号和全角字母不影响匹配。
            </View>
            <Button block className="card-action" busy={busy} onClick={() => void add()}>
              加入词库
            </Button>
          </Card>
        )}
        {words && (
          <Card title={`词库（${words.items.length}）`}>
            {words.items.map((w) => (
              <View className="word-row" key={w.word}>
                <View>
                  <View className="word-row__word">{w.word}</View>
                  <View className="word-row__meta">
                    {KIND_LABELS[w.kind]} · {w.source === 'default' ? '默认词' : '本街道添加'}
                  </View>
                </View>
                <Button
                  size="small"
                  kind="quiet"
                  onClick={() => void remove(w.word, w.source === 'default')}
                >
                  移除
                </Button>
              </View>
            ))}
          </Card>
        )}
        {words && words.lifted.length > 0 && (
          <Card title="本街道停用的默认词">
            <View className="muted">{words.lifted.join('、')}</View>
          </Card>
        )}
      </Page>
    </StaffGate>
  )
}
