import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConventionDiff, ConventionResult, Turnout } from '@/packages/conventions/api'
import {
  cleanArticles,
  dayAfter,
  moveItem,
  removeItem,
  shanghaiDay,
  shanghaiInstant,
  validateConsultationEnd,
  validateDraft,
  validateFiling,
  validatePaperRef,
  validateRevision,
  validateVoting,
} from '@/packages/conventions/lib/forms'
import { RULE_CHOICES, ruleChoice } from '@/packages/conventions/lib/labels'
import {
  formatReceipt,
  normalizeReceipt,
  rememberReceipt,
  RECEIPTS_KEY,
  storedReceipt,
} from '@/packages/conventions/lib/receipts'
import {
  barPercent,
  formatAreaHundredths,
  formatAreaText,
  parseAreaHundredths,
  percentText,
  resultView,
  timeLeftText,
  turnoutView,
} from '@/packages/conventions/lib/result-view'
import { conventionPath, conventionShareUrl } from '@/packages/conventions/lib/routes'
import { diffView, textDiff } from '@/packages/conventions/lib/text-diff'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** 2026-11-23 10:00 in Shanghai. */
const NOW = Date.UTC(2026, 10, 23, 2, 0)

// --- compare view ----------------------------------------------------------------------------

describe('textDiff', () => {
  it('marks only the characters that changed inside an article', () => {
    expect(textDiff('晚上十点后不得喧哗', '晚上十一点后不得大声喧哗')).toEqual([
      { kind: 'same', text: '晚上十' },
      { kind: 'added', text: '一' },
      { kind: 'same', text: '点后不得' },
      { kind: 'added', text: '大声' },
      { kind: 'same', text: '喧哗' },
    ])
  })

  it('shows a replaced word as removed then added', () => {
    expect(textDiff('每户限停一辆车', '每户限停两辆车')).toEqual([
      { kind: 'same', text: '每户限停' },
      { kind: 'removed', text: '一' },
      { kind: 'added', text: '两' },
      { kind: 'same', text: '辆车' },
    ])
  })

  it('handles empty sides and identical texts', () => {
    expect(textDiff('', '新增')).toEqual([{ kind: 'added', text: '新增' }])
    expect(textDiff('删去', '')).toEqual([{ kind: 'removed', text: '删去' }])
    expect(textDiff('相同', '相同')).toEqual([{ kind: 'same', text: '相同' }])
  })

  it('rebuilds both versions from its segments', () => {
    const a = '楼道内不堆放杂物，自行车停放在车棚。电动车不得在楼道充电。'
    const b = '楼道内不得堆放任何杂物；自行车、电动车停放在指定车棚，不在楼道充电。'
    const segments = textDiff(a, b)
    expect(
      segments
        .filter((s) => s.kind !== 'added')
        .map((s) => s.text)
        .join(''),
    ).toBe(a)
    expect(
      segments
        .filter((s) => s.kind !== 'removed')
        .map((s) => s.text)
        .join(''),
    ).toBe(b)
  })

  it('keeps characters outside the BMP whole', () => {
    expect(textDiff('𠀀甲', '𠀀乙')).toEqual([
      { kind: 'same', text: '𠀀' },
      { kind: 'removed', text: '甲' },
      { kind: 'added', text: '乙' },
    ])
  })
})

describe('diffView', () => {
  const diff: ConventionDiff = {
    from: 1,
    to: 2,
    title: { from: '养犬公约', to: '文明养犬公约', changed: true },
    preamble: { from: '前言', to: '前言', changed: false },
    articles: [
      {
        article: 1,
        fromArticle: 1,
        toArticle: 1,
        change: 'same',
        from: '出门拴绳',
        to: '出门拴绳',
      },
      {
        article: 2,
        fromArticle: 2,
        toArticle: 2,
        change: 'changed',
        from: '及时清理粪便',
        to: '随手清理粪便',
      },
      {
        article: 3,
        fromArticle: null,
        toArticle: 3,
        change: 'added',
        from: null,
        to: '大型犬不进电梯',
      },
    ],
  }

  it('counts changes per kind and says them in one line', () => {
    const view = diffView(diff)
    expect(view.counts).toEqual({ added: 1, removed: 0, changed: 1, same: 1 })
    expect(view.summary).toBe('新增 1 条，修改 1 条；标题有改动')
  })

  it('highlights inside changed articles and shows added and removed ones whole', () => {
    const view = diffView({
      ...diff,
      articles: [
        ...diff.articles,
        { article: 4, fromArticle: 4, toArticle: null, change: 'removed', from: '旧条', to: null },
      ],
    })
    expect(view.articles[1]!.segments).toEqual([
      { kind: 'removed', text: '及时' },
      { kind: 'added', text: '随手' },
      { kind: 'same', text: '清理粪便' },
    ])
    expect(view.articles[2]!.segments).toEqual([{ kind: 'added', text: '大型犬不进电梯' }])
    expect(view.articles[3]!.segments).toEqual([{ kind: 'removed', text: '旧条' }])
    expect(view.title.segments).toEqual([
      { kind: 'added', text: '文明' },
      { kind: 'same', text: '养犬公约' },
    ])
    expect(view.preamble).toEqual({ changed: false, segments: [{ kind: 'same', text: '前言' }] })
  })

  it('says when two versions are the same', () => {
    const same = diffView({
      ...diff,
      title: { ...diff.title, to: '养犬公约', changed: false },
      articles: [diff.articles[0]!],
    })
    expect(same.summary).toBe('两个版本的内容相同')
  })
})

// --- results and turnout ---------------------------------------------------------------------

const civilResult: ConventionResult = {
  rule: 'civil_code_ordinary',
  eligible: { voters: 12, areaM2: '1085.34' },
  cast: { count: 12, areaM2: '1085.34' },
  yes: { count: 9, areaM2: '851.19' },
  no: { count: 2, areaM2: '151.91' },
  abstain: { count: 1, areaM2: '82.24' },
  valid: true,
  passed: true,
  decidedBy:
    '赞成的业主专有部分面积和人数均超过参与表决的二分之一，表决通过（民法典第二百七十八条）',
  explanation: ['第一行', '第二行'],
}

describe('areas and shares', () => {
  it('reads areas as exact hundredths of a m²', () => {
    expect(parseAreaHundredths('1085.34')).toBe(108534)
    expect(parseAreaHundredths('89.5')).toBe(8950)
    expect(parseAreaHundredths('120')).toBe(12000)
    expect(parseAreaHundredths('89.50 m²')).toBe(8950)
    expect(parseAreaHundredths('0.07')).toBe(7)
    expect(parseAreaHundredths('-3')).toBeNull()
    expect(parseAreaHundredths('1.234')).toBeNull()
  })

  it('prints areas grouped with two decimals', () => {
    expect(formatAreaHundredths(108534)).toBe('1,085.34\u00a0㎡')
    expect(formatAreaHundredths(123456789)).toBe('1,234,567.89\u00a0㎡')
    expect(formatAreaHundredths(7)).toBe('0.07\u00a0㎡')
    expect(formatAreaText('89.5')).toBe('89.50\u00a0㎡')
    expect(formatAreaText('不详')).toBe('不详')
  })

  it('never rounds a share up past a threshold', () => {
    expect(percentText(2, 3)).toBe('66.6%') // not 66.7%: two thirds are not reached by 66.66…%
    expect(percentText(1, 2)).toBe('50%')
    expect(percentText(12, 12)).toBe('100%')
    expect(percentText(1, 0)).toBe('0%')
    expect(barPercent(2, 3)).toBe(66)
    expect(barPercent(5, 4)).toBe(100)
    expect(barPercent(1, 0)).toBe(0)
  })
})

describe('resultView', () => {
  it('states a Civil Code result by households and by area', () => {
    const view = resultView(civilResult)
    expect(view.headline).toBe('表决通过')
    expect(view.tone).toBe('ok')
    expect(view.participation).toBe('应参与 12 户，实际参与 12 户（100%）')
    expect(view.participationArea).toBe(
      '总专有面积 1,085.34\u00a0㎡，参与 1,085.34\u00a0㎡（100%）',
    )
    expect(view.options.map((o) => [o.name, o.count, o.countShare, o.area, o.areaShare])).toEqual([
      ['赞成', '9 户', '75%', '851.19\u00a0㎡', '78.4%'],
      ['反对', '2 户', '16.6%', '151.91\u00a0㎡', '13.9%'],
      ['弃权', '1 户', '8.3%', '82.24\u00a0㎡', '7.5%'],
    ])
    expect(view.decidedBy).toBe(civilResult.decidedBy)
    expect(view.explanation).toEqual(['第一行', '第二行'])
  })

  it('leaves areas out for a one-person-one-vote result and counts people', () => {
    const view = resultView({ ...civilResult, rule: 'simple', passed: false })
    expect(view.headline).toBe('表决未通过')
    expect(view.tone).toBe('danger')
    expect(view.participation).toBe('应参与 12 人，实际参与 12 人（100%）')
    expect(view.participationArea).toBeNull()
    expect(view.options[0]).toMatchObject({ count: '9 人', area: null, areaShare: null })
  })

  it('calls a vote without enough participation invalid, whatever the votes', () => {
    const view = resultView({
      ...civilResult,
      valid: false,
      passed: false,
      cast: { count: 7, areaM2: '600.00' },
    })
    expect(view.verdict).toBe('invalid')
    expect(view.headline).toBe('表决无效')
    expect(view.participation).toBe('应参与 12 户，实际参与 7 户（58.3%）')
  })
})

describe('turnoutView', () => {
  const turnout: Turnout = {
    unit: '户',
    eligible: 12,
    cast: 5,
    remainingForValidity: 3,
    areaRemainingM2: '150.5',
    summary: '',
    byBuilding: [
      { buildingId: 'b5', buildingName: '槐荫里5弄', eligible: 12, cast: 5 },
      { buildingId: 'b7', buildingName: '槐荫里7弄', eligible: 0, cast: 0 },
    ],
  }

  it('says how many more households are needed, with the area still missing', () => {
    const view = turnoutView(turnout)
    expect(view.headline).toBe('还差 3 户达到有效表决（及 150.50\u00a0㎡ 专有面积）')
    expect(view.reached).toBe(false)
    expect(view.detail).toBe('已有 5 户参与，共 12 户有表决权')
    expect(view.bar).toBe(41)
    expect(view.marker).toBe(66)
    expect(view.buildings).toEqual([
      { id: 'b5', name: '槐荫里5弄', text: '5/12 户', bar: 41 },
      { id: 'b7', name: '槐荫里7弄', text: '0/0 户', bar: 0 },
    ])
  })

  it('says when only the area is missing, and when both are reached', () => {
    expect(turnoutView({ ...turnout, remainingForValidity: 0 }).headline).toBe(
      '参与户数已够，还差 150.50\u00a0㎡ 专有面积达到有效表决',
    )
    const reached = turnoutView({ ...turnout, remainingForValidity: 0, areaRemainingM2: '0.00' })
    expect(reached.headline).toBe('已达到有效表决所需的参与')
    expect(reached.reached).toBe(true)
    expect(reached.marker).toBeNull()
    expect(
      turnoutView({ ...turnout, unit: '人', remainingForValidity: 0, areaRemainingM2: null })
        .reached,
    ).toBe(true)
  })
})

describe('timeLeftText', () => {
  it('counts down in days, hours or minutes', () => {
    expect(timeLeftText(NOW + 3 * DAY + 5 * HOUR, NOW)).toBe('还剩 3 天 5 小时')
    expect(timeLeftText(NOW + 2 * DAY, NOW)).toBe('还剩 2 天')
    expect(timeLeftText(NOW + 2 * HOUR + 30 * 60_000, NOW)).toBe('还剩 2 小时 30 分钟')
    expect(timeLeftText(NOW + 30_000, NOW)).toBe('还剩 1 分钟')
    expect(timeLeftText(NOW, NOW)).toBe('已截止')
  })
})

// --- forms -----------------------------------------------------------------------------------

describe('drafting and revising', () => {
  const text = {
    title: ' 文明养犬公约 ',
    preamble: ' 前言 ',
    articles: [' 出门拴绳 ', '', '  ', '随手清理'],
  }

  it('trims the text and drops empty article boxes', () => {
    expect(cleanArticles(text.articles)).toEqual(['出门拴绳', '随手清理'])
    expect(validateDraft({ ...text, scope: { type: 'community', ids: ['ignored'] } })).toEqual({
      ok: true,
      value: {
        title: '文明养犬公约',
        preamble: '前言',
        articles: ['出门拴绳', '随手清理'],
        scope: { type: 'community', ids: [] },
      },
    })
  })

  it('names what is missing or too long', () => {
    expect(validateDraft({ ...text, title: '公', scope: { type: 'community' } })).toEqual({
      ok: false,
      error: '标题至少 2 个字',
      field: 'title',
    })
    expect(
      validateDraft({ ...text, title: '长'.repeat(41), scope: { type: 'community' } }),
    ).toEqual({ ok: false, error: '标题不能超过 40 个字', field: 'title' })
    expect(validateDraft({ ...text, articles: ['', ' '], scope: { type: 'community' } })).toEqual({
      ok: false,
      error: '至少需要一条条文',
      field: 'articles',
    })
    expect(
      validateDraft({ ...text, articles: ['一', '长'.repeat(2001)], scope: { type: 'community' } }),
    ).toEqual({ ok: false, error: '第2条不能超过 2000 个字', field: 'articles' })
    expect(
      validateDraft({
        ...text,
        articles: Array.from({ length: 61 }, () => '条'),
        scope: { type: 'community' },
      }),
    ).toEqual({ ok: false, error: '条文不能超过 60 条', field: 'articles' })
    expect(validateDraft({ ...text, scope: { type: 'buildings', ids: [] } })).toEqual({
      ok: false,
      error: '请选择适用的楼栋',
      field: 'scope',
    })
    expect(validateDraft({ ...text, scope: { type: 'compounds' } })).toEqual({
      ok: false,
      error: '请选择适用的小区',
      field: 'scope',
    })
  })

  it('keeps chosen compounds or buildings once each', () => {
    const result = validateDraft({ ...text, scope: { type: 'buildings', ids: ['b1', 'b2', 'b1'] } })
    expect(result.ok && result.value.scope).toEqual({ type: 'buildings', ids: ['b1', 'b2'] })
  })

  it('requires a change note for a revision', () => {
    expect(validateRevision({ ...text, changeNote: '  ' })).toEqual({
      ok: false,
      error: '请填写修改说明：改了什么、为什么改',
      field: 'changeNote',
    })
    const ok = validateRevision({ ...text, changeNote: ' 采纳意见 ' })
    expect(ok.ok && ok.value.changeNote).toBe('采纳意见')
  })

  it('moves and removes articles without losing any', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    const list = ['a', 'b']
    expect(moveItem(list, 0, -1)).toBe(list)
    expect(moveItem(list, 1, 1)).toBe(list)
    expect(removeItem(['a', 'b', 'c'], 1)).toEqual(['a', 'c'])
  })
})

describe('deadlines in community time', () => {
  it('turns a Shanghai day and time into UTC and back', () => {
    expect(shanghaiInstant('2026-11-30', '20:00')).toBe(Date.UTC(2026, 10, 30, 12, 0))
    expect(shanghaiInstant('2026-12-01', '07:30')).toBe(Date.UTC(2026, 10, 30, 23, 30))
    expect(shanghaiDay(Date.UTC(2026, 10, 30, 16, 0))).toBe('2026-12-01') // 00:00 in Shanghai
    expect(dayAfter(NOW, 7)).toBe('2026-11-30')
  })

  it('rejects impossible dates and times', () => {
    expect(shanghaiInstant('2026-02-30', '10:00')).toBeNull()
    expect(shanghaiInstant('2026-11-30', '24:00')).toBeNull()
    expect(shanghaiInstant('30/11/2026', '10:00')).toBeNull()
  })

  it('keeps the consultation window between an hour and 90 days', () => {
    expect(validateConsultationEnd(null, NOW)).toEqual({
      ok: false,
      error: '请选择征求意见截止时间',
    })
    expect(validateConsultationEnd(NOW + HOUR, NOW).ok).toBe(false)
    expect(validateConsultationEnd(NOW + HOUR + 1, NOW)).toEqual({
      ok: true,
      value: NOW + HOUR + 1,
    })
    expect(validateConsultationEnd(NOW + 91 * DAY, NOW)).toEqual({
      ok: false,
      error: '征求意见期不能超过 90 天',
    })
  })
})

describe('opening the vote', () => {
  const base = {
    closesAt: NOW + 7 * DAY,
    quorum: { num: 2, den: 3 },
    approval: { num: 3, den: 4 },
    representativeOnly: true,
  }

  it('sends shares only where the rule lets the committee set them', () => {
    expect(validateVoting({ ...base, rule: 'simple' }, NOW)).toEqual({
      ok: true,
      value: { rule: 'simple', closesAt: base.closesAt, quorum: { num: 2, den: 3 } },
    })
    expect(validateVoting({ ...base, rule: 'household' }, NOW)).toEqual({
      ok: true,
      value: {
        rule: 'household',
        closesAt: base.closesAt,
        quorum: { num: 2, den: 3 },
        approval: { num: 3, den: 4 },
        representativeOnly: true,
      },
    })
    // The Civil Code fixes its own shares (sending any is refused by the API), and its voters
    // are the owners, not a household's representative.
    expect(validateVoting({ ...base, rule: 'civil_code_major' }, NOW)).toEqual({
      ok: true,
      value: { rule: 'civil_code_major', closesAt: base.closesAt },
    })
  })

  it('needs a rule and a window between an hour and 60 days', () => {
    expect(validateVoting({ ...base, rule: null }, NOW)).toEqual({
      ok: false,
      error: '请选择表决规则',
    })
    expect(validateVoting({ ...base, rule: 'simple', closesAt: null }, NOW)).toEqual({
      ok: false,
      error: '请选择表决截止时间',
    })
    expect(validateVoting({ ...base, rule: 'simple', closesAt: NOW + 30 * 60_000 }, NOW)).toEqual({
      ok: false,
      error: '表决截止时间应至少在一小时之后',
    })
    expect(validateVoting({ ...base, rule: 'simple', closesAt: NOW + 61 * DAY }, NOW)).toEqual({
      ok: false,
      error: '表决期不能超过 60 天',
    })
    expect(
      validateVoting({ ...base, rule: 'household', approval: { num: 5, den: 4 } }, NOW),
    ).toEqual({ ok: false, error: '通过比例无效' })
  })

  it('explains all four rules', () => {
    expect(RULE_CHOICES.map((r) => r.rule)).toEqual([
      'simple',
      'household',
      'civil_code_ordinary',
      'civil_code_major',
    ])
    expect(ruleChoice('civil_code_major').when).toContain('维修资金')
    expect(ruleChoice('simple').unit).toBe('人')
  })
})

describe('filing and paper ballots', () => {
  it('checks the filing record', () => {
    const filing = {
      number: ' 青梧备〔2026〕12号 ',
      date: '2026-11-23',
      authority: ' 青梧街道办事处 ',
    }
    expect(validateFiling(filing, '2026-11-23')).toEqual({
      ok: true,
      value: { number: '青梧备〔2026〕12号', date: '2026-11-23', authority: '青梧街道办事处' },
    })
    expect(validateFiling(filing, '2026-11-22')).toEqual({
      ok: false,
      error: '备案日期不能晚于今天',
    })
    expect(validateFiling({ ...filing, number: '' }, '2026-11-23')).toEqual({
      ok: false,
      error: '请填写备案编号',
    })
    expect(validateFiling({ ...filing, date: '2026-13-01' }, '2026-12-31')).toEqual({
      ok: false,
      error: '请选择备案日期',
    })
    expect(validateFiling({ ...filing, authority: ' ' }, '2026-11-23')).toEqual({
      ok: false,
      error: '请填写备案机关',
    })
  })

  it('requires the paper reference', () => {
    expect(validatePaperRef(' 5弄-104 ')).toEqual({ ok: true, value: '5弄-104' })
    expect(validatePaperRef('')).toEqual({ ok: false, error: '请填写纸质票编号' })
  })
})

// --- receipts and links ----------------------------------------------------------------------

describe('receipts kept on the phone', () => {
  const memory = new Map<string, string>()
  const storage = {
    get: (k: string) => memory.get(k) ?? null,
    set: (k: string, v: string) => void memory.set(k, v),
    remove: (k: string) => void memory.delete(k),
  }
  beforeEach(() => memory.clear())

  it('keeps the latest receipt per convention, never the option', () => {
    rememberReceipt(storage, 'cv1', { receipt: 'AAAA-BBBB', at: 1, source: 'online' })
    rememberReceipt(storage, 'cv2', { receipt: 'CCCC-DDDD', at: 2, source: 'online' })
    rememberReceipt(storage, 'cv1', { receipt: 'EEEE-FFFF', at: 3, source: 'online' })
    expect(storedReceipt(storage, 'cv1')).toEqual({ receipt: 'EEEE-FFFF', at: 3, source: 'online' })
    expect(storedReceipt(storage, 'cv2')?.receipt).toBe('CCCC-DDDD')
    expect(storedReceipt(storage, 'cv3')).toBeNull()
    expect(memory.get(RECEIPTS_KEY)).not.toMatch(/yes|no|abstain|赞成|反对|弃权/)
  })

  it('survives damaged storage', () => {
    memory.set(RECEIPTS_KEY, '{not json')
    expect(storedReceipt(storage, 'cv1')).toBeNull()
    rememberReceipt(storage, 'cv1', { receipt: 'AAAA-BBBB', at: 1, source: 'paper' })
    expect(storedReceipt(storage, 'cv1')?.receipt).toBe('AAAA-BBBB')
  })

  it('reads a typed receipt in the form the API matches', () => {
    expect(normalizeReceipt(' k7pm 3qxd ')).toBe('K7PM-3QXD')
    expect(normalizeReceipt('K7PM-3QXD')).toBe('K7PM-3QXD')
    expect(formatReceipt('k7pm3qxd')).toBe('K7PM-3QXD')
  })
})

describe('links', () => {
  it('builds page paths and the QR address of a convention', () => {
    expect(conventionPath('manage', { id: 'cv 1', action: 'voting', empty: '' })).toBe(
      '/packages/conventions/pages/manage/index?id=cv%201&action=voting',
    )
    expect(conventionShareUrl('https://linli.example.cn/', 'abc')).toBe(
      'https://linli.example.cn/#/packages/conventions/pages/detail/index?id=abc',
    )
  })
})

// The API client is exercised through a fake Taro.request, like the identity client.
const taro = vi.hoisted(() => ({
  request: vi.fn(),
  getStorageSync: () => '',
  setStorageSync: () => undefined,
  removeStorageSync: () => undefined,
}))
vi.mock('@tarojs/taro', () => ({ default: taro }))

describe('conventions API functions', () => {
  it('asks for a diff and a receipt with query parameters', async () => {
    const api = await import('@/packages/conventions/api')
    taro.request.mockResolvedValue({ statusCode: 200, data: { items: [] } })
    await api.diffVersions('cv1', 1, 3)
    await api.listReceipts('cv1', 'K7PM-3QXD')
    await api.castBallot('cv1', 'abstain')
    expect(taro.request.mock.calls.map((c) => [c[0].method, c[0].url, c[0].data])).toEqual([
      ['GET', 'http://127.0.0.1:8787/api/conventions/cv1/diff?from=1&to=3', undefined],
      ['GET', 'http://127.0.0.1:8787/api/conventions/cv1/receipts?receipt=K7PM-3QXD', undefined],
      ['POST', 'http://127.0.0.1:8787/api/conventions/cv1/ballots', { option: 'abstain' }],
    ])
  })
})
