import { Input, Picker, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import {
  fileConvention,
  openConsultation,
  openVoting,
  type ConventionDetail,
  type DecisionRule,
} from '@/packages/conventions/api'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ErrorState, Loading } from '@/components/states'
import { FieldError } from '@/components/field-error'
import { InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { formatDateTime } from '@/lib/format'
import {
  dayAfter,
  SHARE_CHOICES,
  shareLabel,
  shanghaiDay,
  shanghaiInstant,
  validateConsultationEnd,
  validateFiling,
  validateVoting,
  type Share,
} from '@/packages/conventions/lib/forms'
import { RULE_CHOICES, ruleChoice } from '@/packages/conventions/lib/labels'
import { backToDetail, confirm } from '@/packages/conventions/lib/taro'
import { useConvention } from '@/packages/conventions/lib/use-convention'
import { Page } from '@/components/page'
import '@/packages/conventions/conventions.scss'
import { ariaBool, FOCUSABLE } from '@/components/a11y'

/** A deadline: quick picks in days, or any day and time from the pickers (community time). */
function Deadline({
  label,
  quick,
  day,
  time,
  onDay,
  onTime,
}: {
  label: string
  quick: number[]
  day: string
  time: string
  onDay: (d: string) => void
  onTime: (t: string) => void
}) {
  const now = Date.now()
  const at = shanghaiInstant(day, time)
  return (
    <View className="field">
      <View className="field__label">{label}</View>
      <View className="chips">
        {quick.map((d) => {
          const value = dayAfter(now, d)
          return (
            <View
              key={d}
              className={value === day ? 'chip chip--on' : 'chip'}
              ariaRole="radio"
              aria-checked={ariaBool(value === day)}
              {...FOCUSABLE}
              onClick={() => onDay(value)}
            >
              {d}天后
            </View>
          )
        })}
      </View>
      <View className="field__hint">或点下面选择日期和时间：</View>
      <View className="deadline-pickers">
        <Picker
          className="deadline-pickers__day"
          mode="date"
          value={day}
          start={shanghaiDay(now)}
          onChange={(e) => onDay(String(e.detail.value))}
        >
          <View className="input deadline-pickers__value">{day}</View>
        </Picker>
        <Picker
          className="deadline-pickers__time"
          mode="time"
          value={time}
          onChange={(e) => onTime(String(e.detail.value))}
        >
          <View className="input deadline-pickers__value">{time}</View>
        </Picker>
      </View>
      {at !== null && <View className="field__hint">截止于 {formatDateTime(at)}（北京时间）</View>}
    </View>
  )
}

function ConsultationForm({ detail }: { detail: ConventionDetail }) {
  const [day, setDay] = useState(dayAfter(Date.now(), 14))
  const [time, setTime] = useState('20:00')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const submit = async () => {
    const checked = validateConsultationEnd(shanghaiInstant(day, time), Date.now())
    setProblem(checked.ok ? null : checked.error)
    if (!checked.ok) return showError(new InputError(checked.error))
    if (
      !(await confirm(
        '开始征求意见',
        `《${detail.title}》将向${detail.scopeLabel}的居民公开，意见截止于 ${formatDateTime(checked.value)}。`,
        '开始',
      ))
    )
      return
    setBusy(true)
    try {
      await openConsultation(detail.id, checked.value)
      showSuccess('已开始征求意见')
      backToDetail(detail.id)
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <Card title="开始征求意见">
        <View className="paragraph">
          开始后，草案向适用范围（{detail.scopeLabel}
          ）内的居民公开，大家可以对全文或某一条提意见。征求意见期间仍可以修改条文。
        </View>
        <Deadline
          label="意见截止时间"
          quick={[7, 14, 30]}
          day={day}
          time={time}
          onDay={setDay}
          onTime={setTime}
        />
      </Card>
      <FieldError text={problem} />
      <Button block busy={busy} onClick={() => void submit()}>
        开始征求意见
      </Button>
    </>
  )
}

function ShareChips({
  label,
  hint,
  value,
  onChange,
}: {
  label: string
  hint: string
  value: Share
  onChange: (s: Share) => void
}) {
  return (
    <View className="field">
      <View className="field__label">{label}</View>
      <View className="chips">
        {SHARE_CHOICES.map((c) => (
          <View
            key={c.label}
            className={
              c.share.num === value.num && c.share.den === value.den ? 'chip chip--on' : 'chip'
            }
            ariaRole="radio"
            aria-checked={ariaBool(c.share.num === value.num && c.share.den === value.den)}
            {...FOCUSABLE}
            onClick={() => onChange(c.share)}
          >
            {c.label}
          </View>
        ))}
      </View>
      <View className="field__hint">{hint}</View>
    </View>
  )
}

function VotingForm({ detail }: { detail: ConventionDetail }) {
  const [rule, setRule] = useState<DecisionRule | null>(null)
  const [day, setDay] = useState(dayAfter(Date.now(), 7))
  const [time, setTime] = useState('20:00')
  const [quorum, setQuorum] = useState<Share>({ num: 1, den: 2 })
  const [approval, setApproval] = useState<Share>({ num: 1, den: 2 })
  const [representativeOnly, setRepresentativeOnly] = useState(false)
  const [leadersSeeNotVoted, setLeadersSeeNotVoted] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const choice = rule ? ruleChoice(rule) : null

  const submit = async () => {
    const checked = validateVoting(
      {
        rule,
        closesAt: shanghaiInstant(day, time),
        quorum,
        approval,
        representativeOnly,
        notVotedVisibleToLeaders: leadersSeeNotVoted,
      },
      Date.now(),
    )
    setProblem(checked.ok ? null : checked.error)
    if (!checked.ok) return showError(new InputError(checked.error))
    const body = checked.value
    const settings = [
      `规则：${ruleChoice(body.rule).name}`,
      body.quorum && `有效表决：参与达到${shareLabel(body.quorum)}`,
      body.approval && `通过：赞成达到参与的${shareLabel(body.approval)}`,
      body.representativeOnly && '只由户代表投票',
      body.notVotedVisibleToLeaders && '楼组长可查看未投票的户',
      `截止：${formatDateTime(body.closesAt)}`,
    ].filter(Boolean)
    const ok = await confirm(
      '开始表决',
      `${settings.join('；')}。开始后条文、规则和名册都不能再改，表决期满前不能提前结束。`,
      '开始表决',
    )
    if (!ok) return
    setBusy(true)
    try {
      await openVoting(detail.id, body)
      showSuccess('表决已开始')
      backToDetail(detail.id)
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Card title="选择表决规则">
        <View className="paragraph">
          表决的是第 {detail.currentVersion} 版条文。名册（谁有表决权）在开始时按适用范围（
          {detail.scopeLabel}）确定。
        </View>
        {RULE_CHOICES.map((r) => (
          <View
            key={r.rule}
            className={rule === r.rule ? 'choice rule-card choice--on' : 'choice rule-card'}
            ariaRole="radio"
            aria-checked={ariaBool(rule === r.rule)}
            {...FOCUSABLE}
            onClick={() => setRule(r.rule)}
          >
            <View className="rule-card__name">
              {rule === r.rule ? '✓ ' : ''}
              {r.name}
            </View>
            <View className="rule-card__summary">{r.summary}</View>
            <View className="rule-card__when">{r.when}</View>
          </View>
        ))}
      </Card>

      {choice && (
        <Card title="规则设置">
          {choice.sharesEditable.quorum && (
            <ShareChips
              label="有效表决需要的参与比例"
              hint={`参与表决的${choice.unit}数达到有表决权${choice.unit}数的这个比例，表决才有效（弃权也算参与）。`}
              value={quorum}
              onChange={setQuorum}
            />
          )}
          {choice.sharesEditable.approval && (
            <ShareChips
              label="通过需要的赞成比例"
              hint="赞成的户数达到参与户数的这个比例即通过。"
              value={approval}
              onChange={setApproval}
            />
          )}
          {!choice.sharesEditable.quorum && (
            <View className="paragraph">比例由《民法典》第二百七十八条规定，不能修改。</View>
          )}
          {choice.representativeSetting && (
            <View
              className="switch-row"
              ariaRole="checkbox"
              aria-checked={ariaBool(representativeOnly)}
              {...FOCUSABLE}
              onClick={() => setRepresentativeOnly((v) => !v)}
            >
              <View className={representativeOnly ? 'checkbox checkbox--on' : 'checkbox'}>
                {representativeOnly ? '✓' : ''}
              </View>
              <View>只由户代表投票（不勾选时，户内任一认证居民都可以投，以最后一次为准）</View>
            </View>
          )}
        </Card>
      )}

      <Card title="楼组长提醒">
        <View
          className="switch-row"
          ariaRole="checkbox"
          aria-checked={ariaBool(leadersSeeNotVoted)}
          {...FOCUSABLE}
          onClick={() => setLeadersSeeNotVoted((v) => !v)}
        >
          <View className={leadersSeeNotVoted ? 'checkbox checkbox--on' : 'checkbox'}>
            {leadersSeeNotVoted ? '✓' : ''}
          </View>
          <View>
            允许楼组长和网格员查看所负责楼栋中哪些户还没有投票，以便上门提醒（看不到投了什么；开始后不能更改，投票页会告诉居民）
          </View>
        </View>
      </Card>

      <Card>
        <Deadline
          label="表决截止时间"
          quick={[3, 7, 14]}
          day={day}
          time={time}
          onDay={setDay}
          onTime={setTime}
        />
      </Card>
      <FieldError text={problem} />
      <Button block busy={busy} disabled={!rule} onClick={() => void submit()}>
        开始表决
      </Button>
    </>
  )
}

function FilingForm({ detail }: { detail: ConventionDetail }) {
  const today = shanghaiDay(Date.now())
  const [number, setNumber] = useState('')
  const [date, setDate] = useState(today)
  const [authority, setAuthority] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const submit = async () => {
    const checked = validateFiling({ number, date, authority }, shanghaiDay(Date.now()))
    setProblem(checked.ok ? null : checked.error)
    if (!checked.ok) return showError(new InputError(checked.error))
    if (
      !(await confirm(
        '登记备案',
        `《${detail.title}》将正式生效并公示：${checked.value.authority}，${checked.value.number}，${checked.value.date}。`,
        '登记',
      ))
    )
      return
    setBusy(true)
    try {
      await fileConvention(detail.id, checked.value)
      showSuccess('已生效')
      backToDetail(detail.id)
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <Card title="登记备案">
        <View className="paragraph">
          表决通过的微规约报街道备案后，在这里登记备案信息。登记后规约正式生效，生成公示页，居民可以承诺遵守。
        </View>
        <View className="field">
          <View className="field__label">备案机关</View>
          <Input
            className="input"
            value={authority}
            maxlength={40}
            placeholder="例如：青梧街道办事处"
            onInput={(e) => setAuthority(e.detail.value)}
          />
        </View>
        <View className="field">
          <View className="field__label">备案编号</View>
          <Input
            className="input"
            value={number}
            maxlength={40}
            placeholder="例如：青梧备〔2026〕12号"
            onInput={(e) => setNumber(e.detail.value)}
          />
        </View>
        <View className="field">
          <View className="field__label">备案日期</View>
          <Picker
            mode="date"
            value={date}
            end={today}
            onChange={(e) => setDate(String(e.detail.value))}
          >
            <View className="input">{date}</View>
          </Picker>
        </View>
      </Card>
      <FieldError text={problem} />
      <Button block busy={busy} onClick={() => void submit()}>
        登记备案并生效
      </Button>
    </>
  )
}

const TITLES = { consultation: '开始征求意见', voting: '开始表决', filing: '登记备案' } as const

/** The committee's forms: `?id=…&action=consultation|voting|filing`. */
export default function ManagePage() {
  const { params } = useRouter()
  const convention = useConvention()
  const action = (params.action ?? '') as keyof typeof TITLES
  const detail = convention.data
  if (!detail && convention.loading) return <Loading />
  if (!detail)
    return <ErrorState error={convention.error} onRetry={() => void convention.reload()} />
  if (!detail.viewer.canManage || !(action in TITLES)) {
    return (
      <Page>
        <Card tone="warn" title="无权限">
          <View className="paragraph">只有本社区议事会成员可以进行这项操作。</View>
        </Card>
      </Page>
    )
  }
  return (
    <Page>
      <View className="page-title">{detail.title}</View>
      {action === 'consultation' && <ConsultationForm detail={detail} />}
      {action === 'voting' && <VotingForm detail={detail} />}
      {action === 'filing' && <FilingForm detail={detail} />}
    </Page>
  )
}
