import type {
  CreateConventionInput,
  DecisionRule,
  FilingInput,
  OpenVotingInput,
  ReviseConventionInput,
  ScopeInput,
} from '@/packages/conventions/api'
import { ruleChoice } from './labels'

// The committee's and staff's forms, checked before sending with the same limits as the API's
// schemas (worker/conventions/schemas.ts) and services, so a mistake is named next to the form
// instead of after a round trip. The API still checks everything.

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
const SHANGHAI_OFFSET = 8 * HOUR

export const LIMITS = {
  title: [2, 40],
  preamble: 2000,
  article: 2000,
  articles: 60,
  changeNote: 500,
  comment: 1000,
} as const

export type DraftFields = { title: string; preamble: string; articles: string[] }
/** Which box of the drafting form a problem is about, so the page can show it right there. */
export type DraftField = 'title' | 'preamble' | 'articles' | 'scope' | 'changeNote'
export type Result<T> = { ok: true; value: T } | { ok: false; error: string; field?: DraftField }

const fail = <T>(error: string, field?: DraftField): Result<T> =>
  field ? { ok: false, error, field } : { ok: false, error }
const chars = (s: string) => Array.from(s).length

/** Blank articles are dropped (an empty box the committee did not fill), the rest trimmed. */
export function cleanArticles(articles: string[]): string[] {
  return articles.map((a) => a.trim()).filter((a) => a.length > 0)
}

function checkText(fields: DraftFields): Result<DraftFields> {
  const title = fields.title.trim()
  const preamble = fields.preamble.trim()
  const articles = cleanArticles(fields.articles)
  if (!title) return fail('请填写标题', 'title')
  if (chars(title) < LIMITS.title[0]) return fail(`标题至少 ${LIMITS.title[0]} 个字`, 'title')
  if (chars(title) > LIMITS.title[1]) return fail(`标题不能超过 ${LIMITS.title[1]} 个字`, 'title')
  if (chars(preamble) > LIMITS.preamble)
    return fail(`前言不能超过 ${LIMITS.preamble} 个字`, 'preamble')
  if (articles.length === 0) return fail('至少需要一条条文', 'articles')
  if (articles.length > LIMITS.articles)
    return fail(`条文不能超过 ${LIMITS.articles} 条`, 'articles')
  const long = articles.findIndex((a) => chars(a) > LIMITS.article)
  if (long >= 0) return fail(`第${long + 1}条不能超过 ${LIMITS.article} 个字`, 'articles')
  return { ok: true, value: { title, preamble, articles } }
}

export function validateDraft(
  fields: DraftFields & { scope: ScopeInput },
): Result<CreateConventionInput> {
  const text = checkText(fields)
  if (!text.ok) return text
  const ids = [...new Set(fields.scope.ids ?? [])]
  if (fields.scope.type !== 'community' && ids.length === 0) {
    return fail(
      fields.scope.type === 'compounds' ? '请选择适用的小区' : '请选择适用的楼栋',
      'scope',
    )
  }
  return {
    ok: true,
    value: {
      ...text.value,
      scope: { type: fields.scope.type, ids: fields.scope.type === 'community' ? [] : ids },
    },
  }
}

export function validateRevision(
  fields: DraftFields & { changeNote: string },
): Result<ReviseConventionInput> {
  const text = checkText(fields)
  if (!text.ok) return text
  const changeNote = fields.changeNote.trim()
  if (!changeNote) return fail('请填写修改说明：改了什么、为什么改', 'changeNote')
  if (chars(changeNote) > LIMITS.changeNote)
    return fail(`修改说明不能超过 ${LIMITS.changeNote} 个字`, 'changeNote')
  return { ok: true, value: { ...text.value, changeNote } }
}

export function validateComment(body: string): Result<string> {
  const text = body.trim()
  if (!text) return fail('请写下您的意见')
  if (chars(text) > LIMITS.comment) return fail(`意见不能超过 ${LIMITS.comment} 个字`)
  return { ok: true, value: text }
}

// --- articles editing ------------------------------------------------------------------------

export function moveItem<T>(items: T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return items
  const next = [...items]
  const [moved] = next.splice(index, 1)
  next.splice(target, 0, moved as T)
  return next
}

export function removeItem<T>(items: T[], index: number): T[] {
  return items.filter((_, i) => i !== index)
}

// --- dates (community time, Asia/Shanghai) -----------------------------------------------------

/** "2026-11-23" for the Shanghai day containing the instant. */
export function shanghaiDay(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET).toISOString().slice(0, 10)
}

/** UTC ms of "YYYY-MM-DD" + "HH:mm" in Shanghai; null if either is malformed. */
export function shanghaiInstant(day: string, time: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  const t = /^(\d{2}):(\d{2})$/.exec(time)
  if (!d || !t) return null
  const [y, m, dd, h, min] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ]
  if (m < 1 || m > 12 || dd < 1 || dd > 31 || h > 23 || min > 59) return null
  const ms = Date.UTC(y, m - 1, dd, h, min) - SHANGHAI_OFFSET
  // Rejects 2026-02-30 and the like (Date.UTC would roll it over).
  return shanghaiDay(ms) === day ? ms : null
}

/** The Shanghai day `days` after the one containing `now`. */
export function dayAfter(now: number, days: number): string {
  return shanghaiDay(now + days * DAY)
}

export function validateConsultationEnd(endsAt: number | null, now: number): Result<number> {
  if (endsAt === null) return fail('请选择征求意见截止时间')
  if (endsAt <= now + HOUR) return fail('征求意见截止时间应至少在一小时之后')
  if (endsAt > now + 90 * DAY) return fail('征求意见期不能超过 90 天')
  return { ok: true, value: endsAt }
}

// --- opening the vote ------------------------------------------------------------------------

export type Share = { num: number; den: number }

export const SHARE_CHOICES: { share: Share; label: string }[] = [
  { share: { num: 1, den: 2 }, label: '二分之一' },
  { share: { num: 2, den: 3 }, label: '三分之二' },
  { share: { num: 3, den: 4 }, label: '四分之三' },
]

export function shareLabel(s: Share): string {
  return (
    SHARE_CHOICES.find((c) => c.share.num === s.num && c.share.den === s.den)?.label ??
    `${s.num}/${s.den}`
  )
}

export type VotingFields = {
  rule: DecisionRule | null
  closesAt: number | null
  quorum: Share
  approval: Share
  representativeOnly: boolean
  /** 楼组长提醒: 楼组长 and 网格员 may see which households have not voted yet (decision 018). */
  notVotedVisibleToLeaders?: boolean
}

function validShare(s: Share): boolean {
  return (
    Number.isInteger(s.num) &&
    Number.isInteger(s.den) &&
    s.num >= 1 &&
    s.den >= 1 &&
    s.den <= 100 &&
    s.num <= s.den
  )
}

/** Builds the request body: shares only where the rule lets the committee set them. */
export function validateVoting(fields: VotingFields, now: number): Result<OpenVotingInput> {
  if (!fields.rule) return fail('请选择表决规则')
  if (fields.closesAt === null) return fail('请选择表决截止时间')
  if (fields.closesAt <= now + HOUR) return fail('表决截止时间应至少在一小时之后')
  if (fields.closesAt > now + 60 * DAY) return fail('表决期不能超过 60 天')
  const choice = ruleChoice(fields.rule)
  const body: OpenVotingInput = { rule: fields.rule, closesAt: fields.closesAt }
  if (choice.sharesEditable.quorum) {
    if (!validShare(fields.quorum)) return fail('有效表决的参与比例无效')
    body.quorum = fields.quorum
  }
  if (choice.sharesEditable.approval) {
    if (!validShare(fields.approval)) return fail('通过比例无效')
    body.approval = fields.approval
  }
  if (choice.representativeSetting) body.representativeOnly = fields.representativeOnly
  if (fields.notVotedVisibleToLeaders) body.notVotedVisibleToLeaders = true
  return { ok: true, value: body }
}

// --- filing and paper ballots ------------------------------------------------------------------

export function validateFiling(fields: FilingInput, today: string): Result<FilingInput> {
  const number = fields.number.trim()
  const authority = fields.authority.trim()
  if (!number) return fail('请填写备案编号')
  if (chars(number) > 40) return fail('备案编号不能超过 40 个字')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.date) || shanghaiInstant(fields.date, '00:00') === null)
    return fail('请选择备案日期')
  if (fields.date > today) return fail('备案日期不能晚于今天')
  if (!authority) return fail('请填写备案机关')
  if (chars(authority) > 40) return fail('备案机关不能超过 40 个字')
  return { ok: true, value: { number, date: fields.date, authority } }
}

export function validatePaperRef(ref: string): Result<string> {
  const text = ref.trim()
  if (!text) return fail('请填写纸质票编号')
  if (chars(text) > 40) return fail('纸质票编号不能超过 40 个字')
  return { ok: true, value: text }
}
