import { View } from '@tarojs/components'
import { Page } from '@/components/page'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Empty, ErrorState, Loading } from '@/components/states'
import { showError, showSuccess } from '@/lib/errors'
import { formatDateTime } from '@/lib/format'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { getActingResident, issueClaimCode, type ClaimCode } from '@/packages/acting/api'
import { actingBannerText } from '@/packages/acting/lib/register-form'
import { supportSuggestionFor } from '@/packages/suggestions/api'
import { listSuggestions } from '@/packages/suggestions/tab-api'
import { ideasUrl } from '@/packages/suggestions/lib/routes'
import { supportText } from '@/packages/suggestions/lib/format'
import { signUpFor } from '@/packages/meetings/api'
import { listMeetings } from '@/packages/meetings/tab-api'
import { SIGNUP_LABELS } from '@/packages/meetings/lib/list-labels'
import { getCommunity } from '@/packages/places/api'
import { listCentreRooms } from '@/packages/bookings/tab-api'
import { bookingUrl } from '@/packages/bookings/lib/routes'
import { listConventions } from '@/packages/conventions/tab-api'
import { PaperBallotForm } from '@/packages/acting/components/paper-ballot-form'
import '@/packages/acting/acting.scss'

const SIGNING_UP = new Set(['open', 'waitlist', 'invited_only'])
// The states in which a 金点子 takes supports (worker/suggestions/transitions.ts OPEN_STATUSES).
const SUPPORTABLE = new Set(['published', 'accepted', 'adopted', 'in_progress', 'reopened'])

/**
 * Acting for one resident (decision 019): the banner says for whom, and each act is her own act
 * through the domain's route (…/for/{id}) — her 金点子 (the residents' own form), her support,
 * her seat at a meeting. It counts exactly like hers and she sees "由 您 代办" when she signs in.
 */
export default function ActingResidentPage() {
  const { params } = useRouter()
  const residentId = params.id ?? ''
  const resident = useAsync(() => getActingResident(residentId), residentId)
  const communityId = resident.data?.communityId ?? ''
  const ideas = useAsync(
    () =>
      communityId
        ? listSuggestions(communityId, { sort: 'support', limit: 10 })
        : Promise.resolve(null),
    `ideas:${communityId}`,
  )
  // Every meeting she could be signed up for, not a first page: a helper at the counter looks
  // for the one the resident names, however far ahead (the API's largest page, 100).
  const meetings = useAsync(
    () =>
      communityId ? listMeetings(communityId, 'upcoming', undefined, 100) : Promise.resolve(null),
    `meetings:${communityId}`,
  )
  // Rooms residents may book in the 邻里中心 serving her community.
  const rooms = useAsync(async () => {
    if (!communityId) return []
    const community = await getCommunity(communityId)
    const lists = await Promise.all(
      community.centres.map(async (centre) =>
        (await listCentreRooms(centre.id)).items
          .filter((r) => r.whoMayBook === 'residents')
          .map((room) => ({ room, centre })),
      ),
    )
    return lists.flat()
  }, `rooms:${communityId}`)
  const votes = useAsync(
    () =>
      communityId
        ? listConventions(communityId).then((r) => r.items.filter((c) => c.status === 'voting'))
        : Promise.resolve([]),
    `votes:${communityId}`,
  )
  const [busy, setBusy] = useState<string | null>(null)
  const [done, setDone] = useState<Record<string, string>>({})
  const [code, setCode] = useState<ClaimCode | null>(null)
  useRefreshOnShow(() => void ideas.reload())

  if (resident.loading && !resident.data) return <Loading />
  if (!resident.data)
    return <ErrorState error={resident.error} onRetry={() => void resident.reload()} />
  const her = resident.data
  const name = her.nickname

  const act = async (key: string, run: () => Promise<string>) => {
    setBusy(key)
    try {
      const said = await run()
      setDone((d) => ({ ...d, [key]: said }))
      showSuccess(said)
    } catch (e) {
      showError(e)
    } finally {
      setBusy(null)
    }
  }

  const openSubmit = () =>
    void Taro.navigateTo({ url: ideasUrl('submit', { for: her.userId, name, communityId }) })

  const claim = async () => {
    setBusy('claim')
    try {
      setCode(await issueClaimCode(her.userId))
    } catch (e) {
      showError(e)
    } finally {
      setBusy(null)
    }
  }

  const openIdeas = (ideas.data?.items ?? []).filter((s) => SUPPORTABLE.has(s.status))
  const upcoming = (meetings.data?.items ?? []).filter((m) => SIGNING_UP.has(m.signup))

  return (
    <Page>
      <View className="acting-banner" ariaRole="status">
        <View>
          <View>{actingBannerText(name)}</View>
          <View className="acting-banner__hint">
            {her.household.label}
            {her.realName ? ` · ${her.realName}` : ''}
            {her.phone ? ` · ${her.phone}` : ''}
            {her.offline ? ' · 没有微信' : ''}
          </View>
        </View>
      </View>

      <Card title="提金点子">
        <View className="paragraph">用居民提金点子的同一张表，记在她名下，注明由您代办。</View>
        <Button block onClick={openSubmit}>
          为{name}提金点子
        </Button>
      </Card>

      <Card title="报名会议">
        {meetings.loading && !meetings.data ? (
          <Loading />
        ) : upcoming.length === 0 ? (
          <Empty title="近期没有可以报名的会议" />
        ) : (
          upcoming.map((m) => (
            <View className="act-row" key={m.id}>
              <View className="act-row__body">
                <View className="act-row__title">{m.title}</View>
                <View className="act-row__meta">
                  {formatDateTime(m.startsAt)} · {m.place}
                </View>
                <View className="facts">
                  <Badge tone={SIGNUP_LABELS[m.signup].tone}>{SIGNUP_LABELS[m.signup].text}</Badge>
                  {done[`meeting:${m.id}`] && <Badge tone="ok">{done[`meeting:${m.id}`]}</Badge>}
                </View>
              </View>
              <Button
                size="small"
                busy={busy === `meeting:${m.id}`}
                busyText="报名中…"
                label={`为她报名：${m.title}`}
                onClick={() =>
                  void act(`meeting:${m.id}`, async () => {
                    const result = await signUpFor(m.id, her.userId)
                    return result.meeting.my?.status === 'waitlisted' ? '已为她候补' : '已为她报名'
                  })
                }
              >
                为她报名
              </Button>
            </View>
          ))
        )}
      </Card>

      <Card title="预约活动室">
        {rooms.loading && !rooms.data ? (
          <Loading />
        ) : (rooms.data ?? []).length === 0 ? (
          <Empty title="她所在社区的邻里中心没有居民可预约的房间" />
        ) : (
          (rooms.data ?? []).map(({ room, centre }) => (
            <View className="act-row" key={room.id}>
              <View className="act-row__body">
                <View className="act-row__title">{room.name}</View>
                <View className="act-row__meta">
                  {centre.name} · 可容纳 {room.capacity} 人
                </View>
              </View>
              <Button
                size="small"
                kind="secondary"
                label={`为她预约：${room.name}`}
                onClick={() =>
                  void Taro.navigateTo({
                    url: bookingUrl('room', {
                      id: room.id,
                      centre: centre.id,
                      for: her.userId,
                      name,
                    }),
                  })
                }
              >
                为她预约
              </Button>
            </View>
          ))
        )}
      </Card>

      <Card title="附议金点子">
        {ideas.loading && !ideas.data ? (
          <Loading />
        ) : openIdeas.length === 0 ? (
          <Empty title="现在没有征集附议的金点子" />
        ) : (
          openIdeas.map((s) => (
            <View className="act-row" key={s.id}>
              <View className="act-row__body">
                <View className="act-row__title">{s.title}</View>
                <View className="act-row__meta">
                  {supportText(s.supportCount, s.supportHouseholdCount)}
                </View>
                {done[`idea:${s.id}`] && <Badge tone="ok">{done[`idea:${s.id}`]}</Badge>}
              </View>
              <Button
                size="small"
                kind="secondary"
                busy={busy === `idea:${s.id}`}
                busyText="附议中…"
                label={`为她附议：${s.title}`}
                onClick={() =>
                  void act(`idea:${s.id}`, async () => {
                    await supportSuggestionFor(s.id, her.userId)
                    void ideas.reload()
                    return '已为她附议'
                  })
                }
              >
                为她附议
              </Button>
            </View>
          ))
        )}
      </Card>

      {(votes.data ?? []).length > 0 && (
        <Card title="登记她的纸质表决票">
          <View className="paragraph">
            她在纸质表决票上签字后，由您登记。一户只计一票，纸质票优先于她家的线上投票。
          </View>
          {(votes.data ?? []).map((c) => (
            <PaperBallotForm
              key={c.id}
              convention={c}
              residentId={her.userId}
              householdId={her.household.id}
              name={name}
            />
          ))}
        </Card>
      )}

      {her.offline && (
        <Card title="她有了微信以后">
          <View className="paragraph">
            生成认领码交给她：她用自己的微信登录，在“居民认证”里输入认领码，就能接手这个账号，代办的记录都在。
          </View>
          {code ? (
            <View>
              <View className="muted">认领码</View>
              <View className="claim-code">{code.code}</View>
              <View className="muted">
                有效期至 {formatDateTime(code.expiresAt)}，只显示这一次。
              </View>
            </View>
          ) : (
            <Button
              kind="secondary"
              block
              busy={busy === 'claim'}
              busyText="正在生成…"
              onClick={() => void claim()}
            >
              生成认领码
            </Button>
          )}
        </Card>
      )}
    </Page>
  )
}
