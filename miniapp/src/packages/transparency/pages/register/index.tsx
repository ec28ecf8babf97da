import { Textarea, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ChoiceChips } from '@/components/choice-chips'
import { Empty, ErrorState, Loading } from '@/components/states'
import { useSession } from '@/auth/session'
import { currentCommunityId } from '@/auth/session-store'
import { InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { formatDate } from '@/lib/format'
import { go } from '@/lib/nav'
import { useAsync } from '@/lib/use-async'
import { ideasUrl } from '@/packages/suggestions/lib/routes'
import { meetingUrl } from '@/packages/meetings/lib/routes'
import { conventionPath } from '@/packages/conventions/lib/routes'
import {
  followEntry,
  getRegister,
  markResolutionDone,
  myRegisterFollows,
  unfollowEntry,
  type RegisterEntry,
  type RegisterStatus,
} from '../../api'
import { dueText, entryKey, orderEntries, REGISTER_FILTERS, STATUS_TONES } from '../../lib/register'
import { Page } from '@/components/page'
import '../../transparency.scss'

const ORGANISER_ROLES = ['committee', 'staff', 'admin']

/** The resolutions register: what the 议事会 decided, who carries it out, by when, where it stands. */
export default function RegisterPage() {
  const { params } = useRouter()
  const session = useSession()
  const communityId = params.communityId || currentCommunityId(session) || ''
  const register = useAsync(() => getRegister(communityId), communityId)
  const follows = useAsync(
    () => (session.token ? myRegisterFollows() : Promise.resolve({ items: [] })),
    session.token ?? '',
  )
  const [filter, setFilter] = useState<RegisterStatus | null>(null)
  usePullDownRefresh(() => {
    void Promise.all([register.reload(), follows.reload()]).finally(() =>
      Taro.stopPullDownRefresh(),
    )
  })

  if (!register.data && register.loading) return <Loading />
  if (!register.data)
    return <ErrorState error={register.error} onRetry={() => void register.reload()} />
  const r = register.data
  const organiser = (session.me?.roles ?? []).some(
    (g) => g.communityId === communityId && ORGANISER_ROLES.includes(g.role),
  )
  const following = new Set((follows.data?.items ?? []).map((f) => `${f.kind}-${f.entryId}`))
  const shown = orderEntries(r.items, params.entry).filter((e) => !filter || e.status === filter)

  return (
    <Page className="tp-page">
      <View className="page-title">{r.community.name}决议台账</View>
      <View className="lead">
        议事会公布的每项决议和现行的微规约：谁负责、什么期限、进展如何。关注一项，逾期、完成或有居民评价时会收到消息。
      </View>
      <Card>
        <View className="tp-line">
          按期推进 {r.counts.on_time} 项 · 已逾期 {r.counts.overdue} 项 · 已完成 {r.counts.done} 项
          · 已评价 {r.counts.evaluated} 项
        </View>
        <ChoiceChips
          options={REGISTER_FILTERS}
          value={filter}
          onChange={setFilter}
          noneLabel="全部"
        />
      </Card>
      {shown.length === 0 && <Empty title="没有这样的事项" />}
      {shown.map((e) => (
        <Entry
          key={entryKey(e)}
          entry={e}
          focused={params.entry === entryKey(e)}
          following={following.has(entryKey(e))}
          organiser={organiser}
          signedIn={Boolean(session.token)}
          onChanged={() => void Promise.all([register.reload(), follows.reload()])}
        />
      ))}
    </Page>
  )
}

function Entry({
  entry: e,
  focused,
  following,
  organiser,
  signedIn,
  onChanged,
}: {
  entry: RegisterEntry
  focused: boolean
  following: boolean
  organiser: boolean
  signedIn: boolean
  onChanged: () => void
}) {
  const [busy, setBusy] = useState(false)
  const [marking, setMarking] = useState(false)
  const [note, setNote] = useState('')

  const toggleFollow = async () => {
    if (!signedIn) return go('login')
    setBusy(true)
    try {
      if (following) await unfollowEntry(e.kind, e.id)
      else await followEntry(e.kind, e.id)
      showSuccess(following ? '已取消关注' : '已关注')
      onChanged()
    } catch (error) {
      showError(error)
    } finally {
      setBusy(false)
    }
  }

  const markDone = async () => {
    if (note.trim().length < 2) return showError(new InputError('请写明完成情况（至少 2 个字）'))
    setBusy(true)
    try {
      await markResolutionDone(e.id, note.trim())
      showSuccess('已标记完成')
      setMarking(false)
      onChanged()
    } catch (error) {
      showError(error)
    } finally {
      setBusy(false)
    }
  }

  const openLinked = () => {
    if (!e.linked) return
    const url =
      e.linked.kind === 'suggestion'
        ? ideasUrl('detail', { id: e.linked.id })
        : conventionPath('detail', { id: e.linked.id })
    void Taro.navigateTo({ url })
  }

  return (
    <Card tone={focused ? 'accent' : 'plain'} className="tp-entry">
      <View className="tp-entry__head">
        <Badge tone={STATUS_TONES[e.status]}>{e.statusLabel}</Badge>
        <View className="tp-entry__title">{e.title}</View>
      </View>
      <View className="paragraph">{e.decision}</View>
      <View className="list-item__meta">
        责任人：{e.owner} · {dueText(e)}
      </View>
      {e.meeting && (
        <View
          className="tp-entry__link"
          onClick={() => void Taro.navigateTo({ url: meetingUrl('detail', { id: e.meeting!.id }) })}
        >
          {formatDate(e.meeting.startsAt)} {e.meeting.typeLabel}“{e.meeting.title}”
        </View>
      )}
      {e.linked && (
        <View className="tp-entry__link" onClick={openLinked}>
          {e.linked.kind === 'suggestion' ? '金点子' : '微规约'}：{e.linked.title}（
          {e.linked.statusLabel}）
        </View>
      )}
      {e.doneNote && <View className="list-item__meta">完成情况：{e.doneNote}</View>}
      {e.evaluation && (
        <View className="list-item__meta">
          居民评价：{e.evaluation.count} 人，平均 {e.evaluation.average} 分
        </View>
      )}
      <View className="tp-entry__actions">
        <Button
          kind={following ? 'quiet' : 'secondary'}
          size="small"
          busy={busy}
          onClick={toggleFollow}
        >
          {following ? `已关注（${e.followers}）` : `关注（${e.followers}）`}
        </Button>
        {organiser && e.canMarkDone && !marking && (
          <Button kind="secondary" size="small" onClick={() => setMarking(true)}>
            标记完成
          </Button>
        )}
      </View>
      {marking && (
        <View className="field">
          <View className="field__label">完成情况（关注的居民会收到）</View>
          <Textarea
            className="textarea"
            value={note}
            maxlength={300}
            placeholder="例如：已在后河沿划定晾衣区，安装晾衣杆 6 组"
            onInput={(ev) => setNote(ev.detail.value)}
          />
          <Button block busy={busy} onClick={markDone}>
            确认完成
          </Button>
        </View>
      )}
    </Card>
  )
}
