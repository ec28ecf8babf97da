import { Input, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import {
  getMeeting,
  inviteResidents,
  listInviteCandidates,
  type InviteCandidate,
} from '@/packages/meetings/api'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ErrorState, Loading } from '@/components/states'
import { showError, showSuccess } from '@/lib/errors'
import { useAsync } from '@/lib/use-async'
import { Page } from '@/components/page'
import '@/packages/meetings/meetings.scss'
import { ariaBool, FOCUSABLE } from '@/components/a11y'

// For a meeting open to invited residents only: find residents of the community by nickname or
// building, tick them and invite them (they are told in their inbox). The search runs on the
// server (GET /meetings/{id}/invitees, for 议事会 members and 居委会 staff alike), so a name is
// found however many residents the community has; it shows nicknames and buildings only.

/** The server answers at most this many; more means the organiser should narrow the search. */
const PAGE_LIMIT = 50
const TYPING_PAUSE_MS = 300

export default function InvitePage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const meeting = useAsync(() => getMeeting(id), id)
  const [query, setQuery] = useState('')
  const [searched, setSearched] = useState<string | null>(null)
  const found = useAsync(
    () =>
      searched === null
        ? Promise.resolve(null)
        : listInviteCandidates(id, searched).then((r) => r.items),
    `${id}:${searched ?? ''}`,
  )
  const [chosen, setChosen] = useState<Map<string, InviteCandidate>>(new Map())
  const [busy, setBusy] = useState(false)

  // Search once typing pauses, not on every keystroke.
  useEffect(() => {
    const timer = setTimeout(
      () => setSearched(query.trim()),
      searched === null ? 0 : TYPING_PAUSE_MS,
    )
    return () => clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query])

  if (!meeting.data)
    return meeting.loading ? (
      <Loading />
    ) : (
      <ErrorState error={meeting.error} onRetry={() => void meeting.reload()} />
    )

  const toggle = (r: InviteCandidate) =>
    setChosen((s) => {
      const next = new Map(s)
      if (next.has(r.userId)) next.delete(r.userId)
      else next.set(r.userId, r)
      return next
    })

  const invite = async () => {
    setBusy(true)
    try {
      const { invitedCount } = await inviteResidents(id, [...chosen.keys()])
      showSuccess(`已邀请 ${invitedCount} 人`)
      setChosen(new Map())
      void found.reload()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  const items = found.data ?? []
  return (
    <Page>
      <View className="page-title">邀请居民</View>
      <View className="lead">
        {meeting.data.title}：只有受邀的居民可以报名，他们会在“我的消息”里收到邀请。
      </View>
      <Input
        className="input"
        value={query}
        maxlength={30}
        placeholder="输入昵称或楼栋查找，例如：梧桐苑2号楼"
        onInput={(e) => setQuery(e.detail.value)}
      />
      {chosen.size > 0 && (
        <View className="muted card-action">
          已勾选：{[...chosen.values()].map((r) => r.nickname).join('、')}
        </View>
      )}
      <Card className="card-action">
        {found.loading && !found.data && <Loading text="正在查找…" />}
        {found.error !== null && !found.data && (
          <ErrorState error={found.error} onRetry={() => void found.reload()} />
        )}
        {found.data && items.length === 0 && (
          <View className="muted">没有找到居民，换个昵称或楼栋试试。</View>
        )}
        {items.map((r) => {
          const on = r.invited || chosen.has(r.userId)
          return (
            <View
              className="tap-row"
              key={r.userId}
              ariaRole="checkbox"
              aria-checked={ariaBool(on)}
              {...FOCUSABLE}
              onClick={() => !r.invited && toggle(r)}
            >
              <View className="mt-toggle">
                <View className={on ? 'checkbox checkbox--on' : 'checkbox'}>{on ? '✓' : ''}</View>
                <View>
                  <View>{r.nickname}</View>
                  <View className="muted">
                    {r.building}
                    {r.invited ? ' · 已邀请' : ''}
                  </View>
                </View>
              </View>
            </View>
          )
        })}
        {items.length >= PAGE_LIMIT && (
          <View className="muted">只显示前 {PAGE_LIMIT} 位，请输入昵称或楼栋缩小范围。</View>
        )}
      </Card>
      <Button block disabled={chosen.size === 0} busy={busy} onClick={() => void invite()}>
        {chosen.size > 0 ? `邀请 ${chosen.size} 位居民` : '请先勾选居民'}
      </Button>
    </Page>
  )
}
