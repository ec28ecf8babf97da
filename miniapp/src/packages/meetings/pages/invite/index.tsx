import { Input, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ApiError } from '../../../../api/http'
import { listResidents } from '../../../../api/identity'
import { getAttendance, getMeeting, inviteResidents } from '../../../../api/meetings'
import type { Resident } from '../../../../api/types'
import { Button } from '../../../../components/button'
import { Card } from '../../../../components/card'
import { Empty, ErrorState, Loading } from '../../../../components/states'
import { showError, showSuccess } from '../../../../lib/errors'
import { useAsync } from '../../../../lib/use-async'
import '../../meetings.scss'

// For a meeting open to invited residents only: tick residents of the community and invite
// them (they are told in their inbox). Listing residents is a 居委会 staff permission.

export default function InvitePage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const meeting = useAsync(() => getMeeting(id), id)
  const invited = useAsync(() => getAttendance(id).then((a) => new Set(a.invited.map((p) => p.userId))), id)
  const communityId = meeting.data?.communityId ?? ''
  const [residents, setResidents] = useState<Resident[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [loading, setLoading] = useState(false)
  const [query, setQuery] = useState('')
  const [chosen, setChosen] = useState<Set<string>>(new Set())
  const [busy, setBusy] = useState(false)

  const loadMore = async (from?: string) => {
    setLoading(true)
    try {
      const page = await listResidents(communityId, from)
      setResidents((list) => (from ? [...list, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setLoadError(null)
    } catch (e) {
      setLoadError(e)
    } finally {
      setLoading(false)
    }
  }
  useEffect(() => {
    if (communityId) void loadMore()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [communityId])

  if (!meeting.data) return meeting.loading ? <Loading /> : <ErrorState error={meeting.error} onRetry={() => void meeting.reload()} />
  if (loadError instanceof ApiError && loadError.status === 403) {
    // 议事会 members organise meetings but the residents list is a 居委会 staff permission: say
    // who can invite instead of a bare "no permission".
    return (
      <Empty title='请居委会工作人员邀请'>
        <View>本社区的居民名单只有居委会工作人员能查看，所以议事会成员不能在这里勾选居民。</View>
        <View>请联系居委会工作人员邀请；如果不需要限制，也可以在“修改会议”里改为本社区认证居民都能报名。</View>
      </Empty>
    )
  }
  if (loadError && residents.length === 0) return <ErrorState error={loadError} onRetry={() => void loadMore()} />

  const q = query.trim()
  const shown = residents.filter((r) => !q || [r.realName ?? '', r.nickname, r.household.label].some((s) => s.includes(q)))
  const toggle = (userId: string) =>
    setChosen((s) => {
      const next = new Set(s)
      if (next.has(userId)) next.delete(userId)
      else next.add(userId)
      return next
    })

  const invite = async () => {
    setBusy(true)
    try {
      const { invitedCount } = await inviteResidents(id, [...chosen])
      showSuccess(`已邀请 ${invitedCount} 人`)
      void Taro.navigateBack()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page'>
      <View className='page-title'>邀请居民</View>
      <View className='lead'>{meeting.data.title}：只有受邀的居民可以报名，他们会在“我的消息”里收到邀请。</View>
      <Input className='input' value={query} placeholder='按姓名、昵称或楼号查找' onInput={(e) => setQuery(e.detail.value)} />
      <Card className='card-action'>
        {shown.length === 0 && !loading && (
          // The search only looks through the residents loaded so far (the list comes in pages).
          <View className='muted'>{cursor ? '已加载的居民里没有找到，请点“加载更多”继续找。' : '没有找到居民。'}</View>
        )}
        {shown.map((r) => {
          const already = invited.data?.has(r.userId) ?? false
          const on = already || chosen.has(r.userId)
          return (
            <View className='tap-row' key={r.residencyId} ariaRole='checkbox' onClick={() => !already && toggle(r.userId)}>
              <View className='mt-toggle'>
                <View className={on ? 'checkbox checkbox--on' : 'checkbox'}>{on ? '✓' : ''}</View>
                <View>
                  <View>{r.realName ?? r.nickname}</View>
                  <View className='muted'>{r.household.label}{already ? ' · 已邀请' : ''}</View>
                </View>
              </View>
            </View>
          )
        })}
        {cursor && (
          <Button kind='quiet' block busy={loading} onClick={() => void loadMore(cursor)}>
            加载更多
          </Button>
        )}
      </Card>
      <Button block disabled={chosen.size === 0} busy={busy} onClick={() => void invite()}>
        {chosen.size > 0 ? `邀请 ${chosen.size} 位居民` : '请先勾选居民'}
      </Button>
    </View>
  )
}
