import { describe, expect, it } from 'vitest'
import { SUGGESTION_STATUSES } from '../../db/schema'
import { CreateSuggestionBody, RatingBody, SettingsBody } from '../../worker/suggestions/schemas'
import { canTransition } from '../../worker/suggestions/transitions'
import { ApiError } from '@/api/http'
import type { SuggestionStatus } from '@/packages/suggestions/api'
import {
  ageText,
  daysUntil,
  deadlineState,
  placeText,
  ratingText,
  supportText,
  trimAverage,
} from '@/packages/suggestions/lib/format'
import {
  activeFilterCount,
  emptyTitle,
  filterSummary,
  isRankedSearch,
  listKey,
  normalizeSearch,
  searchButton,
  toListQuery,
} from '@/packages/suggestions/lib/list-query'
import { ideasPowers, unreadCount } from '@/packages/suggestions/lib/viewer'
import {
  addPhotos,
  markFailed,
  markRetrying,
  markUploaded,
  MAX_PHOTO_BYTES,
  removePhoto,
  uploadSummary,
} from '@/packages/suggestions/lib/photo-list'
import { toRatingBody, validateRating } from '@/packages/suggestions/lib/rating'
import { parseSettings } from '@/packages/suggestions/lib/settings-form'
import { answerDecisions, staffActions } from '@/packages/suggestions/lib/staff-actions'
import {
  authorPreview,
  EMPTY_DRAFT,
  fieldErrorsFromApi,
  firstError,
  hasErrors,
  parseSimilarKey,
  similarKey,
  similarQueryOf,
  stepOf,
  toCreateBody,
  validateWhatAndWhere,
  type SubmitDraft,
} from '@/packages/suggestions/lib/submit-form'
import { supportButton } from '@/packages/suggestions/lib/support'

const DAY = 24 * 60 * 60 * 1000
const NOW = Date.UTC(2026, 10, 23, 4, 0) // 2026-11-23 12:00 in Shanghai

const draft = (over: Partial<SubmitDraft> = {}): SubmitDraft => ({
  ...EMPTY_DRAFT,
  title: '青石巷夜里太暗',
  description: '中段两盏路灯之间有四十多米，老人晚上看不清路。',
  category: 'lighting',
  ...over,
})

describe('金点子 numbers in words', () => {
  it('counts supports per person and per household', () => {
    expect(supportText(12, 9)).toBe('12 人附议 · 9 户')
    expect(supportText(0, 0)).toBe('还没有人附议')
  })

  it('shows the average rating without trailing zeros, and nothing before anyone rated', () => {
    expect(trimAverage('4.50')).toBe('4.5')
    expect(trimAverage('5.00')).toBe('5')
    expect(trimAverage('4.33')).toBe('4.33')
    expect(ratingText({ average: '4.50', count: 2 })).toBe('★ 4.5 分 · 2 人评价')
    expect(ratingText(null)).toBeNull()
  })

  it('says where in words, leaving out what is missing', () => {
    expect(placeText({ name: '青石巷' }, ' 12 号门口 ')).toBe('青石巷 · 12 号门口')
    expect(placeText(null, '菜场后门')).toBe('菜场后门')
    expect(placeText(null, '  ')).toBe('')
  })

  it('says how long ago, by day', () => {
    expect(ageText(NOW - 60_000, NOW)).toBe('今天')
    expect(ageText(NOW - DAY - 1, NOW)).toBe('昨天')
    expect(ageText(NOW - 5 * DAY, NOW)).toBe('5 天前')
    expect(ageText(NOW - 40 * DAY, NOW)).toBe('2026年10月14日')
  })

  it('rounds days left up: due later today is one day left', () => {
    expect(daysUntil(NOW + 2 * 3600_000, NOW)).toBe(1)
    expect(daysUntil(NOW + 3 * DAY, NOW)).toBe(3)
  })
})

describe('deadlineState', () => {
  const threshold = { households: 10, reachedAt: null as number | null, deadlineDays: 15 }
  const base = {
    status: 'published',
    supportHouseholdCount: 4,
    answerDueAt: null as number | null,
    isOverdue: false,
    threshold,
  }

  it('says how many more households oblige an answer', () => {
    expect(deadlineState(base, NOW)).toEqual({
      kind: 'below',
      text: '再有 6 户附议，居委会须在 15 天内答复',
    })
  })

  it('shows the deadline once the threshold is reached', () => {
    const due = NOW + 5 * DAY
    expect(
      deadlineState(
        { ...base, answerDueAt: due, threshold: { ...threshold, reachedAt: NOW - 10 * DAY } },
        NOW,
      ),
    ).toEqual({
      kind: 'due',
      daysLeft: 5,
      text: '已达 10 户答复门槛，居委会应在 2026年11月28日 前答复（还剩 5 天）',
    })
  })

  it('flags an answer past its deadline', () => {
    const s = {
      ...base,
      status: 'accepted',
      answerDueAt: NOW - DAY,
      isOverdue: true,
      threshold: { ...threshold, reachedAt: NOW - 16 * DAY },
    }
    expect(deadlineState(s, NOW)?.kind).toBe('overdue')
    expect(deadlineState(s, NOW)?.text).toContain('已超过答复期限')
  })

  it('says nothing once answered or before the suggestion is public', () => {
    for (const status of [
      'submitted',
      'adopted',
      'not_adopted',
      'in_progress',
      'completed',
      'closed_unfixed',
      'merged',
    ]) {
      expect(deadlineState({ ...base, status }, NOW)).toBeNull()
    }
  })
})

describe('list query', () => {
  it('sends only the filters in force, trimmed', () => {
    expect(toListQuery({ sort: 'new' })).toEqual({ sort: 'new', limit: 10 })
    expect(
      toListQuery(
        {
          sort: 'support',
          status: 'in_progress',
          category: 'lighting',
          alleyId: 'al-1',
          q: '  路灯  ',
          overdue: true,
        },
        'c2',
      ),
    ).toEqual({
      sort: 'support',
      status: 'in_progress',
      category: 'lighting',
      alleyId: 'al-1',
      q: '路灯',
      overdue: 'true',
      cursor: 'c2',
      limit: 10,
    })
  })

  it('drops an empty search and cuts a long one to what the API accepts', () => {
    expect(normalizeSearch('   ')).toBeUndefined()
    expect(normalizeSearch('路灯   太暗')).toBe('路灯 太暗')
    expect(normalizeSearch('灯'.repeat(60))).toHaveLength(40)
    expect(toListQuery({ sort: 'new', q: '  ' })).not.toHaveProperty('q')
  })

  it('keys the list by everything it shows, so a change starts from page one', () => {
    const a = listKey('cm-1', { sort: 'new' })
    expect(listKey('cm-1', { sort: 'new', q: ' ' })).toBe(a)
    expect(listKey('cm-1', { sort: 'support' })).not.toBe(a)
    expect(listKey('cm-2', { sort: 'new' })).not.toBe(a)
    expect(listKey('cm-1', { sort: 'new', overdue: true })).not.toBe(a)
  })

  it('summarises the filters in Chinese', () => {
    const alleys = [{ id: 'al-2', name: '青石巷' }]
    expect(filterSummary({ sort: 'new' }, alleys)).toBeNull()
    expect(
      filterSummary(
        { sort: 'new', status: 'in_progress', category: 'lighting', alleyId: 'al-2' },
        alleys,
      ),
    ).toBe('实施中 · 照明 · 青石巷')
    expect(activeFilterCount({ sort: 'new', status: 'completed', overdue: true, q: '灯' })).toBe(2)
  })

  it('explains an empty list by what was asked', () => {
    expect(emptyTitle({ sort: 'new', q: '下水道' })).toBe('没有找到与“下水道”有关的金点子')
    expect(emptyTitle({ sort: 'new', category: 'parking' })).toBe('没有符合筛选条件的金点子')
    expect(emptyTitle({ sort: 'new' })).toBe('还没有公开的金点子')
  })
})

describe('who may handle 金点子 (for showing entries)', () => {
  const me = (roles: [string, string][]) =>
    ({
      roles: roles.map(([communityId, role]) => ({ communityId, communityName: '', role })),
    }) as never

  it('gives moderation to staff and admins of this community only', () => {
    expect(ideasPowers(me([['cm-1', 'staff']]), 'cm-1')).toEqual({
      canModerate: true,
      canHandle: true,
    })
    expect(ideasPowers(me([['cm-1', 'admin']]), 'cm-1')).toEqual({
      canModerate: true,
      canHandle: true,
    })
    expect(ideasPowers(me([['cm-2', 'staff']]), 'cm-1')).toEqual({
      canModerate: false,
      canHandle: false,
    })
    expect(ideasPowers(null, 'cm-1')).toEqual({ canModerate: false, canHandle: false })
  })

  it('lets planners handle (progress, overdue list) but not moderate', () => {
    expect(ideasPowers(me([['cm-1', 'planner']]), 'cm-1')).toEqual({
      canModerate: false,
      canHandle: true,
    })
    expect(ideasPowers(me([['cm-1', 'committee']]), 'cm-1')).toEqual({
      canModerate: false,
      canHandle: false,
    })
  })

  it('counts a suggestion with news once even when it is both mine and supported', () => {
    expect(
      unreadCount(
        [
          { id: 'a', unread: true },
          { id: 'b', unread: false },
        ],
        [
          { id: 'a', unread: true },
          { id: 'c', unread: true },
        ],
      ),
    ).toBe(2)
    expect(unreadCount([], [])).toBe(0)
  })
})

describe('submit form, step 1', () => {
  it('accepts a complete draft', () => {
    expect(validateWhatAndWhere(draft())).toEqual({})
  })

  it('reports every problem at once, in the API’s words', () => {
    const errors = validateWhatAndWhere({
      ...EMPTY_DRAFT,
      title: '  太暗 ',
      description: '很暗',
      landmark: '门'.repeat(61),
    })
    expect(errors).toEqual({
      title: '标题至少 4 个字',
      description: '具体描述至少 10 个字，说说是什么问题、什么时候最明显',
      category: '请选择问题类别',
      landmark: '地标描述不能超过 60 个字',
    })
    expect(firstError(errors)).toBe('标题至少 4 个字')
    expect(validateWhatAndWhere({ ...draft(), title: '' }).title).toBe('请填写标题')
    expect(validateWhatAndWhere({ ...draft(), title: '字'.repeat(41) }).title).toBe(
      '标题不能超过 40 个字',
    )
  })

  it('agrees with the API’s schema on what is acceptable', () => {
    const cases: SubmitDraft[] = [
      draft(),
      draft({ title: '三个字' }),
      draft({ title: ' 四个字呀 ' }),
      draft({ title: '字'.repeat(40) }),
      draft({ title: '字'.repeat(41) }),
      draft({ description: '九个字九个字九个字' }),
      draft({ description: '十个字十个字十个字十' }),
      draft({ description: '字'.repeat(1001) }),
      draft({ landmark: '门'.repeat(60) }),
      draft({ landmark: '门'.repeat(61) }),
      draft({
        alleyId: 'al-huaishu-2',
        location: { lat: 31.2, lng: 121.4, name: '青石巷' },
        showName: true,
      }),
    ]
    for (const d of cases) {
      const clientOk = !hasErrors(validateWhatAndWhere(d))
      // Sent as typed (not trimmed), to see the API's own verdict.
      const apiOk = CreateSuggestionBody.safeParse({
        ...toCreateBody(d, []),
        title: d.title,
        description: d.description,
        landmark: d.landmark,
      }).success
      expect(clientOk, JSON.stringify(d)).toBe(apiOk)
    }
  })

  it('builds the request without empty optional fields', () => {
    expect(toCreateBody(draft({ title: ' 青石巷夜里太暗 ', landmark: '  ' }), [])).toEqual({
      title: '青石巷夜里太暗',
      description: '中段两盏路灯之间有四十多米，老人晚上看不清路。',
      category: 'lighting',
      photoIds: [],
      showName: false,
    })
    expect(
      toCreateBody(
        draft({
          alleyId: 'al-2',
          landmark: '12 号',
          location: { lat: 31.2, lng: 121.4, name: 'x' },
          showName: true,
        }),
        ['p1'],
      ),
    ).toMatchObject({
      alleyId: 'al-2',
      landmark: '12 号',
      location: { lat: 31.2, lng: 121.4 },
      photoIds: ['p1'],
      showName: true,
    })
  })

  it('asks for similar suggestions only once there is something to compare', () => {
    expect(similarQueryOf(EMPTY_DRAFT)).toBeNull()
    expect(similarQueryOf({ ...EMPTY_DRAFT, title: '灯' })).toBeNull()
    expect(similarQueryOf({ ...EMPTY_DRAFT, alleyId: 'al-2' })).toEqual({
      title: '',
      description: '',
      alleyId: 'al-2',
    })
    const q = similarQueryOf(draft({ alleyId: 'al-2' }))
    expect(q).toEqual({
      title: '青石巷夜里太暗',
      description: '中段两盏路灯之间有四十多米，老人晚上看不清路。',
      category: 'lighting',
      alleyId: 'al-2',
    })
    expect(parseSimilarKey(similarKey(q))).toEqual(q)
    expect(similarKey(null)).toBe('')
    // Trailing spaces do not make a new request.
    expect(similarKey(similarQueryOf(draft({ title: '青石巷夜里太暗  ' })))).toBe(
      similarKey(similarQueryOf(draft())),
    )
  })

  it('shows how the author will appear', () => {
    expect(authorPreview(false, '王阿姨', '梧桐苑1号楼')).toBe('梧桐苑1号楼居民')
    expect(authorPreview(true, '王阿姨', '梧桐苑1号楼')).toBe('王阿姨')
    expect(authorPreview(false, '王阿姨', null)).toBe('某楼栋居民')
  })
})

describe('API errors on the submit form', () => {
  it('puts each validation issue next to its field and returns to the step that has it', () => {
    const error = new ApiError('VALIDATION_FAILED', 400, '提交的内容有误：title 标题至少 4 个字', [
      { path: 'title', message: '标题至少 4 个字' },
      { path: 'photoIds', message: '最多上传 9 张照片' },
    ])
    const errors = fieldErrorsFromApi(error)
    expect(errors).toEqual({ title: '标题至少 4 个字', photos: '最多上传 9 张照片' })
    expect(stepOf(errors)).toBe(1)
    expect(stepOf({ photos: '最多上传 9 张照片' })).toBe(2)
  })

  it('places service messages without a path by what they are about', () => {
    expect(
      fieldErrorsFromApi(
        new ApiError('VALIDATION_FAILED', 400, '所选背街小巷不属于本社区，请重新选择'),
      ),
    ).toEqual({ alleyId: '所选背街小巷不属于本社区，请重新选择' })
    expect(
      fieldErrorsFromApi(
        new ApiError('VALIDATION_FAILED', 400, '有照片未上传成功或已被使用，请重新上传'),
      ),
    ).toEqual({ photos: '有照片未上传成功或已被使用，请重新上传' })
    expect(fieldErrorsFromApi(new ApiError('FORBIDDEN', 403, '请先完成本社区的居民认证'))).toEqual({
      form: '请先完成本社区的居民认证',
    })
    expect(
      fieldErrorsFromApi(
        new ApiError('VALIDATION_FAILED', 400, 'x', [{ path: '', message: '不接受的字段：role' }]),
      ),
    ).toEqual({ form: '不接受的字段：role' })
  })
})

describe('photos while they upload', () => {
  let n = 0
  const key = () => `k${++n}`

  it('adds at most up to the limit and says how many were left out', () => {
    const first = addPhotos([], [{ path: 'a' }, { path: 'b' }], 3, key)
    expect(first.list.map((p) => p.status)).toEqual(['uploading', 'uploading'])
    const second = addPhotos(first.list, [{ path: 'c' }, { path: 'd' }, { path: 'e' }], 3, key)
    expect(second.list.map((p) => p.filePath)).toEqual(['a', 'b', 'c'])
    expect(second.dropped).toBe(2)
    expect(addPhotos(second.list, [{ path: 'f' }], 3, key)).toMatchObject({ added: [], dropped: 1 })
  })

  it('fails an oversized photo before sending it', () => {
    const { added } = addPhotos(
      [],
      [
        { path: 'big', size: MAX_PHOTO_BYTES + 1 },
        { path: 'ok', size: 1000 },
      ],
      9,
      key,
    )
    expect(added.map((p) => [p.status, p.error])).toEqual([
      ['failed', '照片不能超过 5MB，请换一张'],
      ['uploading', undefined],
    ])
  })

  it('lets the form go only when every photo is uploaded, in order', () => {
    let { list } = addPhotos([], [{ path: 'a' }, { path: 'b' }, { path: 'c' }], 9, key)
    const [a, b, c] = list.map((p) => p.key) as [string, string, string]
    expect(uploadSummary(list)).toMatchObject({
      ready: false,
      uploading: 3,
      blocker: '还有 3 张照片正在上传，请稍候',
    })
    list = markUploaded(list, b, 'photo-b')
    list = markUploaded(list, a, 'photo-a')
    list = markFailed(list, c, '只支持 JPEG、PNG、WebP 格式的照片')
    expect(uploadSummary(list)).toMatchObject({
      ready: false,
      failed: 1,
      blocker: '有 1 张照片没有上传成功，请点“重试”或删除',
    })
    list = markRetrying(list, c)
    expect(list.find((p) => p.key === c)).toMatchObject({ status: 'uploading', error: undefined })
    list = removePhoto(list, c)
    expect(uploadSummary(list)).toEqual({
      ids: ['photo-a', 'photo-b'],
      uploading: 0,
      failed: 0,
      ready: true,
      blocker: null,
    })
  })
})

describe('staff actions mirror the API’s state machine', () => {
  const staff = { canHandle: true, canModerate: true }
  const planner = { canHandle: true, canModerate: false }
  const resident = { canHandle: false, canModerate: false }

  it('offers exactly the transitions the API allows from each state', () => {
    for (const status of SUGGESTION_STATUSES as readonly SuggestionStatus[]) {
      const actions = staffActions({ status, hidden: false, viewer: staff })
      expect([status, actions.includes('publish')]).toEqual([
        status,
        canTransition('publish', status),
      ])
      expect([status, actions.includes('accept')]).toEqual([
        status,
        canTransition('accept', status),
      ])
      expect([status, actions.includes('merge')]).toEqual([status, canTransition('merge', status)])
      expect([status, actions.includes('progress')]).toEqual([
        status,
        canTransition('progress', status),
      ])
      expect([status, actions.includes('complete')]).toEqual([
        status,
        canTransition('complete', status),
      ])
      const decisions = answerDecisions(status)
      for (const decision of ['adopt', 'not_adopt', 'close_unfixed'] as const) {
        expect([status, decision, decisions.includes(decision)]).toEqual([
          status,
          decision,
          canTransition(decision, status),
        ])
      }
      expect([status, actions.includes('answer')]).toEqual([status, decisions.length > 0])
    }
  })

  it('gives planners progress and completion only, and residents nothing', () => {
    expect(staffActions({ status: 'in_progress', hidden: false, viewer: planner })).toEqual([
      'progress',
      'complete',
    ])
    expect(staffActions({ status: 'accepted', hidden: false, viewer: planner })).toEqual([])
    expect(staffActions({ status: 'published', hidden: false, viewer: resident })).toEqual([])
  })

  it('offers only “restore” on hidden content', () => {
    expect(staffActions({ status: 'published', hidden: true, viewer: staff })).toEqual(['unhide'])
    expect(staffActions({ status: 'published', hidden: true, viewer: planner })).toEqual([])
  })
})

describe('the 附议 button', () => {
  const s = (over: {
    status?: SuggestionStatus
    hidden?: boolean
    isAuthor?: boolean
    supported?: boolean
    canSupport?: boolean
  }) => ({
    status: over.status ?? 'published',
    hidden: over.hidden ?? false,
    viewer: {
      isAuthor: over.isAuthor ?? false,
      supported: over.supported ?? false,
      canSupport: over.canSupport ?? false,
    },
  })

  it('depends on who is looking', () => {
    expect(supportButton(s({ canSupport: true }), true)).toBe('support')
    expect(supportButton(s({ supported: true }), true)).toBe('withdraw')
    expect(supportButton(s({ isAuthor: true, supported: true }), true)).toBe('author')
    expect(supportButton(s({}), false)).toBe('login')
    expect(supportButton(s({}), true)).toBe('verify')
  })

  it('is closed once the case no longer collects supports', () => {
    for (const status of [
      'submitted',
      'not_adopted',
      'merged',
      'completed',
      'closed_unfixed',
    ] as const) {
      expect(supportButton(s({ status, canSupport: false }), true)).toBe('closed')
      expect(supportButton(s({ status, supported: true }), true)).toBe('closed')
    }
    expect(supportButton(s({ hidden: true }), false)).toBe('closed')
  })
})

describe('rating and settings forms agree with the API', () => {
  it('requires stars, and a reason for “未解决”', () => {
    expect(validateRating({ stars: 0, unresolved: false, reason: '' })).toBe('请选择 1 到 5 颗星')
    expect(validateRating({ stars: 2, unresolved: true, reason: '  ' })).toBe(
      '选择“未解决”时请说明理由',
    )
    expect(validateRating({ stars: 2, unresolved: true, reason: '灯还是不亮' })).toBeNull()
    expect(toRatingBody({ stars: 5, unresolved: false, reason: ' ' })).toEqual({
      stars: 5,
      unresolved: false,
    })
    for (const d of [
      { stars: 0, unresolved: false, reason: '' },
      { stars: 3, unresolved: true, reason: '' },
      { stars: 4, unresolved: true, reason: '没修好' },
      { stars: 5, unresolved: false, reason: '' },
    ]) {
      expect(validateRating(d) === null).toBe(RatingBody.safeParse(toRatingBody(d)).success)
    }
  })

  it('reads the threshold and deadline as whole numbers within the API’s limits', () => {
    expect(parseSettings(' 10 ', '15')).toEqual({
      value: { responseThresholdHouseholds: 10, answerDeadlineDays: 15 },
    })
    expect(parseSettings('', '0')).toEqual({
      errors: { threshold: '请填写户数（整数）', days: '答复期限至少 1 天' },
    })
    expect(parseSettings('1001', '91')).toEqual({
      errors: { threshold: '门槛不能超过 1000 户', days: '答复期限不能超过 90 天' },
    })
    expect(parseSettings('2.5', '7')).toEqual({ errors: { threshold: '请填写户数（整数）' } })
    for (const [t, d] of [
      ['1', '1'],
      ['1000', '90'],
      ['0', '5'],
      ['5', '91'],
    ] as const) {
      expect('value' in parseSettings(t, d)).toBe(
        SettingsBody.safeParse({
          responseThresholdHouseholds: Number(t),
          answerDeadlineDays: Number(d),
        }).success,
      )
    }
  })
})

describe('the search box of the 金点子 tab', () => {
  it('offers 清除 only while the box shows the search in force; typing something new brings 搜索 back', () => {
    expect(searchButton('', undefined)).toBe('搜索')
    expect(searchButton('路灯', undefined)).toBe('搜索')
    expect(searchButton(' 路灯 ', '路灯')).toBe('清除')
    expect(searchButton('路灯不亮', '路灯')).toBe('搜索')
    expect(searchButton('', '路灯')).toBe('搜索')
  })

  it('knows when the list is ranked by match (the sort chips then do not apply)', () => {
    expect(isRankedSearch('路灯坏了')).toBe(true)
    expect(isRankedSearch('12')).toBe(true)
    expect(isRankedSearch('灯')).toBe(false)
    expect(isRankedSearch(undefined)).toBe(false)
  })
})
