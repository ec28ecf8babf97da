import type { InferRequestType } from 'hono/client'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { seedDemo } from './helpers'
import {
  ballot,
  closeVote,
  count,
  createDraft,
  DAY,
  demoLogins,
  endWindow,
  expectError,
  expectStatus,
  HOUR,
  HUAISHU,
  makeResidents,
  openConsultation,
  resetRateLimits,
  rows,
  run,
  votingConvention,
} from './convention-helpers'
import { assertStatus, client, failed, rawRequest, send, succeeded } from './client'

// The rules of the 微规约 lifecycle: legal transitions only, scope, the roll fixed at opening,
// strict bodies with Chinese errors, versions and their diff, comments and replies.

const login = demoLogins()
let committee: string, committee2: string, wang: string, zhang: string, chen: string, sun: string

beforeAll(async () => {
  await seedDemo()
  ;[committee, committee2, wang, zhang, chen, sun] = (await Promise.all(
    [
      'committee-wu',
      'staff-zhao',
      'resident-wang',
      'resident-zhang',
      'newcomer-chen',
      'staff-sun',
    ].map(login),
  )) as [string, string, string, string, string, string]
})
beforeEach(resetRateLimits)

const HUAIYIN_5 = { type: 'buildings' as const, ids: ['bd-huaiyin-5'] }

async function consulting(
  scope?: { type: 'community' | 'compounds' | 'buildings'; ids?: string[] },
  articles?: string[],
) {
  const id = await createDraft(committee, { scope, articles })
  await openConsultation(committee, id)
  return id
}

function expectState(res: { status: number; body: unknown }, currentStatus: string): string {
  const message = expectError(res, 409, 'INVALID_STATE')
  expect(failed(res).body.error.details!.currentStatus).toBe(currentStatus)
  return message
}

// The 微规约 routes through the typed client, as `token` (none: a visitor).
type Convention = ReturnType<typeof client>['conventions'][':id']
type VotingBody = InferRequestType<Convention['voting']['$post']>['json']
type TextBody = InferRequestType<Convention['text']['$put']>['json']
type CommentBody = InferRequestType<Convention['comments']['$post']>['json']
type FilingBody = InferRequestType<Convention['filing']['$post']>['json']
const convention = (token?: string | null) => client(token).conventions[':id']
const postVoting = (token: string, id: string, json: VotingBody) =>
  send(convention(token).voting.$post({ param: { id }, json }))
const putText = (token: string, id: string, json: TextBody) =>
  send(convention(token).text.$put({ param: { id }, json }))
const postConsultation = (token: string, id: string, endsAt: number) =>
  send(convention(token).consultation.$post({ param: { id }, json: { endsAt } }))
const postComment = (token: string, id: string, json: CommentBody) =>
  send(convention(token).comments.$post({ param: { id }, json }))
const postFiling = (token: string, id: string, json: FilingBody) =>
  send(convention(token).filing.$post({ param: { id }, json }))
const postClose = (token: string, id: string) =>
  send(convention(token).close.$post({ param: { id } }))
const postPledge = (token: string, id: string) =>
  send(convention(token).pledges.$post({ param: { id } }))
const postAmend = (token: string, id: string) =>
  send(convention(token).amend.$post({ param: { id } }))
const getDetail = (id: string, token?: string) => send(convention(token).$get({ param: { id } }))
const getTurnout = (id: string) => send(convention().turnout.$get({ param: { id } }))
const getComments = (id: string) => send(convention().comments.$get({ param: { id } }))
const getVersions = (id: string) => send(convention().versions.$get({ param: { id } }))
const getDiff = (id: string, from: number, to: number) =>
  send(convention().diff.$get({ param: { id }, query: { from: String(from), to: String(to) } }))

const statusOf = async (id: string) =>
  (await rows<{ status: string }>('SELECT status FROM conventions WHERE id = ?', id))[0]!.status

/** Row counts of every 微规约 table, to show a refused request stored nothing. */
async function snapshot() {
  const tables = [
    'conventions',
    'convention_versions',
    'convention_events',
    'convention_comments',
    'convention_roll',
    'convention_ballots',
    'convention_pledges',
    'audit_log',
  ]
  return Object.fromEntries(
    await Promise.all(tables.map(async (t) => [t, await count(`SELECT COUNT(*) AS n FROM ${t}`)])),
  )
}

const revision = (articles: string[], changeNote = '修改条文', title = '测试公约') => ({
  title,
  preamble: '为维护公共环境，经居民协商制定本公约。',
  articles,
  changeNote,
})

describe('lifecycle: an illegal transition is 409 INVALID_STATE with details.currentStatus and a Chinese message', () => {
  it('refuses opening voting twice', async () => {
    const id = await votingConvention(committee, { rule: 'household' }, HUAIYIN_5)
    const again = await postVoting(committee, id, { rule: 'simple', closesAt: Date.now() + DAY })
    expect(expectState(again, 'voting')).toContain('表决中')
    expect(failed(again).body.error.details!.action).toBe('open_voting')
    expect(succeeded(await getDetail(id)).body.voting!.rule).toBe('household')
  })

  it('opens voting once when two committee members open it at the same moment: one roll, one event, no 500', async () => {
    const id = await consulting(HUAIYIN_5)
    const [a, b] = await Promise.all(
      [committee, committee2].map((token) =>
        postVoting(token, id, { rule: 'household', closesAt: Date.now() + DAY }),
      ),
    )
    expect([a!.status, b!.status].sort()).toEqual([200, 409])
    expectState(
      [a!, b!].find((r) => r.status === 409)!,
      'voting',
    )
    expect(
      await count('SELECT COUNT(*) AS n FROM convention_roll WHERE convention_id = ?', id),
    ).toBe(12)
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM convention_events WHERE convention_id = ? AND kind = 'voting_opened'",
        id,
      ),
    ).toBe(1)
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM audit_log WHERE target_id = ? AND action = 'convention.open_voting'",
        id,
      ),
    ).toBe(1)
  })

  it('refuses revising the text while voting, keeping the versions', async () => {
    const id = await votingConvention(committee, { rule: 'simple' }, HUAIYIN_5)
    expectState(await putText(committee, id, revision(['新条文。'])), 'voting')
    expect(
      await count('SELECT COUNT(*) AS n FROM convention_versions WHERE convention_id = ?', id),
    ).toBe(1)
  })

  it('refuses opening consultation twice', async () => {
    const id = await consulting()
    expectState(await postConsultation(committee, id, Date.now() + 2 * DAY), 'consultation')
  })

  it('refuses filing a convention that is voting or was not passed', async () => {
    const filing = { number: '青梧备〔2026〕1号', date: '2026-11-20', authority: '青梧街道办事处' }
    const id = await votingConvention(committee, { rule: 'simple' }, HUAIYIN_5)
    expectState(await postFiling(committee, id, filing), 'voting')
    await closeVote(committee, id) // nobody voted: invalid, not passed
    const refused = await postFiling(committee, id, filing)
    expect(expectState(refused, 'closed')).toContain('未通过')
    expect(await statusOf(id)).toBe('closed')
  })

  it('refuses closing before the window ends, and closing what is not voting', async () => {
    const id = await votingConvention(committee, { rule: 'simple' }, HUAIYIN_5)
    expect(expectState(await postClose(committee, id), 'voting')).toContain('尚未结束')
    expect(await statusOf(id)).toBe('voting')
    const draft = await createDraft(committee)
    expectState(await postClose(committee, draft), 'draft')
  })

  it('refuses comments outside the consultation window: draft, voting, and after the consultation ended', async () => {
    const draft = await createDraft(committee)
    expect(expectState(await postComment(committee, draft, { body: '意见' }), 'draft')).toContain(
      '征求意见',
    )
    const voting = await votingConvention(committee, { rule: 'simple' }, HUAIYIN_5)
    expectState(await postComment(zhang, voting, { body: '意见' }), 'voting')
    const ended = await consulting(HUAIYIN_5)
    await run('UPDATE conventions SET consultation_ends_at = ? WHERE id = ?', Date.now() - 1, ended)
    expectState(await postComment(zhang, ended, { body: '意见' }), 'consultation')
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM convention_comments WHERE convention_id IN (?, ?, ?)',
        draft,
        voting,
        ended,
      ),
    ).toBe(0)
  })

  it('refuses ballots before voting opens, pledges before it is in force, and amending what is not in force', async () => {
    const id = await consulting(HUAIYIN_5)
    expectState(await ballot(zhang, id, 'yes'), 'consultation')
    expectState(await postPledge(zhang, id), 'consultation')
    expectState(await postAmend(committee, id), 'consultation')
    expectState(await getTurnout(id), 'consultation')
  })
})

describe('PUT /conventions/{id}/text — every revision is a stored version', () => {
  it('stores exactly one new version when two committee members revise at once', async () => {
    const id = await consulting()
    const edits = [committee, committee2, committee, committee2].map((token, i) =>
      putText(token, id, revision([`第 ${i} 种写法。`], `修改 ${i}`)),
    )
    const responses = await Promise.all(edits)
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1)
    for (const r of responses.filter((x) => x.status !== 200)) expectError(r, 409, 'CONFLICT')
    const versions = await rows<{ version: number; change_note: string }>(
      'SELECT version, change_note FROM convention_versions WHERE convention_id = ? ORDER BY version',
      id,
    )
    expect(versions.map((v) => v.version)).toEqual([1, 2])
    const winner = responses.findIndex((r) => r.status === 200)
    expect(versions[1]!.change_note).toBe(`修改 ${winner}`)
    expect((await rows('SELECT current_version FROM conventions WHERE id = ?', id))[0]).toEqual({
      current_version: 2,
    })
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM convention_events WHERE convention_id = ? AND kind = 'revised'",
        id,
      ),
    ).toBe(1)
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM audit_log WHERE target_id = ? AND action = 'convention.revise'",
        id,
      ),
    ).toBe(1)
  })

  it('opens the vote on the version that is current when a revision races the opening', async () => {
    for (let round = 0; round < 4; round++) {
      const id = await consulting(HUAIYIN_5)
      const [revised, opened] = await Promise.all([
        putText(committee2, id, revision([`第 ${round} 轮的写法。`])),
        postVoting(committee, id, { rule: 'simple', closesAt: Date.now() + DAY }),
      ])
      expect([200, 409]).toContain(revised!.status)
      expect([200, 409]).toContain(opened!.status)
      const [row] = await rows<{
        status: string
        current_version: number
        voting_version: number | null
      }>('SELECT status, current_version, voting_version FROM conventions WHERE id = ?', id)
      if (opened!.status === 200) expect(row!.voting_version).toBe(row!.current_version)
      else
        expect(row).toMatchObject({
          status: 'consultation',
          current_version: 2,
          voting_version: null,
        })
      expect(
        await count('SELECT COUNT(*) AS n FROM convention_versions WHERE convention_id = ?', id),
      ).toBe(row!.current_version)
    }
  })
})

describe('scope: only verified residents in scope comment and vote', () => {
  it("refuses comments from residents out of scope, unverified users and other communities' staff with 403", async () => {
    const id = await consulting(HUAIYIN_5)
    for (const token of [wang, chen, sun]) {
      expect(
        expectError(await postComment(token, id, { body: '我有意见' }), 403, 'FORBIDDEN'),
      ).toContain('范围')
    }
    expectStatus(await postComment(zhang, id, { body: '我有意见' }), 201)
    expect(
      await count('SELECT COUNT(*) AS n FROM convention_comments WHERE convention_id = ?', id),
    ).toBe(1)
    const seen = succeeded(await getDetail(id, wang))
    expect(seen.body.viewer).toMatchObject({ inScope: false, canComment: false })
  })

  it('the detail says whether the viewer lives in scope, under each kind of scope', async () => {
    // 张大爷 lives in 槐荫里5弄, 王阿姨 in 梧桐苑1号楼; 小陈 is not verified, 孙 is staff elsewhere.
    const cases = [
      { scope: { type: 'community' as const }, zhang: true, wang: true },
      { scope: { type: 'compounds' as const, ids: ['cp-huaiyin'] }, zhang: true, wang: false },
      { scope: { type: 'compounds' as const, ids: ['cp-wutong'] }, zhang: false, wang: true },
      { scope: HUAIYIN_5, zhang: true, wang: false },
      { scope: { type: 'buildings' as const, ids: ['bd-huaiyin-7'] }, zhang: false, wang: false },
      {
        scope: { type: 'buildings' as const, ids: ['bd-huaiyin-7', 'bd-wutong-1'] },
        zhang: false,
        wang: true,
      },
    ]
    for (const { scope, zhang: zhangIn, wang: wangIn } of cases) {
      const id = await consulting(scope)
      const inScope = async (token?: string) =>
        succeeded(await getDetail(id, token)).body.viewer.inScope
      expect({ scope, zhang: await inScope(zhang), wang: await inScope(wang) }).toEqual({
        scope,
        zhang: zhangIn,
        wang: wangIn,
      })
      for (const token of [chen, sun, undefined]) expect(await inScope(token)).toBe(false)
    }
  })

  it('refuses ballots from residents out of scope with 403 under every rule', async () => {
    for (const rule of ['simple', 'household', 'civil_code_ordinary'] as const) {
      const id = await votingConvention(committee, { rule }, HUAIYIN_5)
      for (const token of [wang, chen, sun])
        expectError(await ballot(token, id, 'yes'), 403, 'FORBIDDEN')
      expectStatus(await ballot(zhang, id, 'yes'), 200)
      expect(
        await count('SELECT COUNT(*) AS n FROM convention_ballots WHERE convention_id = ?', id),
      ).toBe(1)
    }
  })
})

describe('the roll is fixed when voting opens', () => {
  it('under simple, refuses a resident verified after the opening (403) and keeps the roll and turnout counts', async () => {
    const id = await votingConvention(committee, { rule: 'simple' }, HUAIYIN_5)
    const before = succeeded(await getDetail(id)).body.voting!.roll.voters
    expect(before).toBe(1) // 张大爷
    const [late] = await makeResidents('late-simple', ['hh-huaiyin-5-1-101'])
    expect(expectError(await ballot(late!.token, id, 'yes'), 403, 'FORBIDDEN')).toContain('名册')
    expect(succeeded(await getDetail(id)).body.voting!.roll.voters).toBe(before)
    expect(succeeded(await getTurnout(id)).body).toMatchObject({
      eligible: before,
      cast: 0,
    })
  })

  it('under household, lets a resident verified after the opening vote for their household, which was on the roll', async () => {
    const id = await votingConvention(committee, { rule: 'household' }, HUAIYIN_5)
    const [late] = await makeResidents('late-household', ['hh-huaiyin-5-1-102'])
    expectStatus(await ballot(late!.token, id, 'yes'), 200)
    expect(succeeded(await getTurnout(id)).body).toMatchObject({
      eligible: 12,
      cast: 1,
    })
  })
})

describe('POST /conventions/{id}/voting — settings', () => {
  it('refuses quorum or approval shares for the Civil Code rules with 400, leaving the convention as it was', async () => {
    for (const rule of ['civil_code_ordinary', 'civil_code_major'] as const) {
      for (const shares of [{ quorum: { num: 1, den: 2 } }, { approval: { num: 1, den: 2 } }]) {
        const id = await consulting(HUAIYIN_5)
        const before = await snapshot()
        const res = await postVoting(committee, id, { rule, closesAt: Date.now() + DAY, ...shares })
        expect(expectError(res, 400, 'VALIDATION_FAILED')).toContain('民法典')
        expect(await statusOf(id)).toBe('consultation')
        expect(await snapshot()).toEqual(before)
      }
    }
  })

  it('refuses windows shorter than an hour or longer than 60 days, shares above 100 % and unknown rules with 400', async () => {
    const id = await consulting(HUAIYIN_5)
    const before = await snapshot()
    const cases: [VotingBody, string][] = [
      [{ rule: 'simple', closesAt: Date.now() + 30 * 60_000 }, '一小时'],
      [{ rule: 'simple', closesAt: Date.now() - HOUR }, '一小时'],
      [{ rule: 'simple', closesAt: Date.now() + 61 * DAY }, '60 天'],
      [{ rule: 'household', closesAt: Date.now() + DAY, quorum: { num: 3, den: 2 } }, '100%'],
    ]
    for (const [body, words] of cases) {
      expect(
        expectError(await postVoting(committee, id, body), 400, 'VALIDATION_FAILED'),
      ).toContain(words)
    }
    // A time as text and an unknown rule: the types forbid them.
    const forbidden: [Record<string, unknown>, string][] = [
      [{ rule: 'simple', closesAt: '2026-12-31' }, '截止时间'],
      [{ rule: 'majority', closesAt: Date.now() + DAY }, '表决规则'],
    ]
    for (const [body, words] of forbidden) {
      expect(
        expectError(
          await rawRequest('POST', `/api/conventions/${id}/voting`, { token: committee, body }),
          400,
          'VALIDATION_FAILED',
        ),
      ).toContain(words)
    }
    expect(await snapshot()).toEqual(before)
  })
})

describe('strict bodies: unknown fields are refused with 400 and a Chinese message, and nothing is stored', () => {
  let consultation: string, voting: string, closed: string
  beforeAll(async () => {
    consultation = await consulting(HUAIYIN_5)
    voting = await votingConvention(committee, { rule: 'household' }, HUAIYIN_5)
    closed = await votingConvention(committee, { rule: 'household' }, HUAIYIN_5)
    await ballot(zhang, closed, 'yes')
    await closeVote(committee, closed)
  })

  const cases: [string, () => [string, string, string, Record<string, unknown>]][] = [
    [
      'POST /communities/{id}/conventions',
      () => [
        'POST',
        `/api/communities/${HUAISHU}/conventions`,
        committee,
        {
          title: '测试公约',
          articles: ['一条。'],
          scope: { type: 'community' },
          status: 'in_force',
        },
      ],
    ],
    [
      'POST /communities/{id}/conventions (inside scope)',
      () => [
        'POST',
        `/api/communities/${HUAISHU}/conventions`,
        committee,
        {
          title: '测试公约',
          articles: ['一条。'],
          scope: { type: 'community', households: ['hh-wutong-1-1-101'] },
        },
      ],
    ],
    [
      'PUT /conventions/{id}/text',
      () => [
        'PUT',
        `/api/conventions/${consultation}/text`,
        committee,
        { ...revision(['一条。']), version: 9 },
      ],
    ],
    [
      'POST /conventions/{id}/consultation',
      () => [
        'POST',
        `/api/conventions/${consultation}/consultation`,
        committee,
        { endsAt: Date.now() + DAY, startsAt: 0 },
      ],
    ],
    [
      'POST /conventions/{id}/comments',
      () => [
        'POST',
        `/api/conventions/${consultation}/comments`,
        zhang,
        { body: '意见', authorLabel: '居委会' },
      ],
    ],
    [
      'POST /conventions/{id}/voting',
      () => [
        'POST',
        `/api/conventions/${consultation}/voting`,
        committee,
        { rule: 'simple', closesAt: Date.now() + DAY, rollVoters: 1 },
      ],
    ],
    [
      'POST /conventions/{id}/ballots',
      () => ['POST', `/api/conventions/${voting}/ballots`, zhang, { option: 'yes', weight: 2 }],
    ],
    [
      'POST /conventions/{id}/paper-ballots',
      () => [
        'POST',
        `/api/conventions/${voting}/paper-ballots`,
        committee2,
        { householdId: 'hh-huaiyin-5-1-101', option: 'yes', paperRef: 'P-1', source: 'online' },
      ],
    ],
    [
      'POST /conventions/{id}/filing',
      () => [
        'POST',
        `/api/conventions/${closed}/filing`,
        committee,
        {
          number: '青梧备〔2026〕2号',
          date: '2026-11-20',
          authority: '青梧街道办事处',
          passed: true,
        },
      ],
    ],
  ]

  it.each(cases)('%s', async (_, make) => {
    const [method, path, token, body] = make()
    const before = await snapshot()
    const res = await rawRequest(method, path, { token, body })
    expect(expectError(res, 400, 'VALIDATION_FAILED')).toContain('不接受的字段')
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a missing or non-JSON body with 400 and a Chinese message', async () => {
    const before = await snapshot()
    expectError(
      await rawRequest('POST', `/api/conventions/${voting}/ballots`, { token: zhang }),
      400,
      'VALIDATION_FAILED',
    )
    expect(
      expectError(
        await rawRequest('POST', `/api/conventions/${voting}/ballots`, {
          token: zhang,
          body: '{"option":',
        }),
        400,
        'VALIDATION_FAILED',
      ),
    ).toContain('JSON')
    expectError(
      await rawRequest('POST', `/api/conventions/${voting}/ballots`, {
        token: zhang,
        body: { option: 'maybe' },
      }),
      400,
      'VALIDATION_FAILED',
    )
    expect(await snapshot()).toEqual(before)
  })
})

describe('drafting input: clear Chinese errors, nothing stored', () => {
  type Draft = InferRequestType<
    ReturnType<typeof client>['communities'][':id']['conventions']['$post']
  >['json']
  const base: Draft = {
    title: '测试公约',
    preamble: '',
    articles: ['一条。'],
    scope: { type: 'community' },
  }
  const cases: [string, Draft, string][] = [
    ['no articles', { ...base, articles: [] }, '至少需要一条条文'],
    ['a blank article', { ...base, articles: ['一条。', '   '] }, '请填写条文'],
    [
      'more than 60 articles',
      { ...base, articles: Array.from({ length: 61 }, (_, i) => `第${i}条。`) },
      '60 条',
    ],
    ['a one-character title', { ...base, title: '约' }, '标题至少 2 个字'],
    [
      'a compound scope without compounds',
      { ...base, scope: { type: 'compounds', ids: [] } },
      '请选择适用的小区或楼栋',
    ],
    [
      'a building of another community',
      { ...base, scope: { type: 'buildings', ids: ['bd-fengqiao-1'] } },
      '不属于本社区',
    ],
  ]
  it.each(cases)('refuses a draft with %s (400)', async (_, json, words) => {
    const before = await snapshot()
    expect(
      expectError(
        await send(
          client(committee).communities[':id'].conventions.$post({
            param: { id: HUAISHU },
            json,
          }),
        ),
        400,
        'VALIDATION_FAILED',
      ),
    ).toContain(words)
    expect(await snapshot()).toEqual(before)
  })

  // A missing title and an unknown scope type: the types forbid them.
  const forbidden: [string, Record<string, unknown>, string][] = [
    ['no title', { ...base, title: undefined }, '标题'],
    ['an unknown scope type', { ...base, scope: { type: 'street' } }, '适用范围'],
  ]
  it.each(forbidden)('refuses a draft with %s (400)', async (_, body, words) => {
    const before = await snapshot()
    expect(
      expectError(
        await rawRequest('POST', `/api/communities/${HUAISHU}/conventions`, {
          token: committee,
          body,
        }),
        400,
        'VALIDATION_FAILED',
      ),
    ).toContain(words)
    expect(await snapshot()).toEqual(before)
  })

  it('refuses revisions without articles or change note (400), storing no version', async () => {
    const id = await consulting()
    const before = await snapshot()
    expect(
      expectError(await putText(committee, id, revision([])), 400, 'VALIDATION_FAILED'),
    ).toContain('至少需要一条条文')
    expect(
      expectError(await putText(committee, id, revision(['一条。'], '')), 400, 'VALIDATION_FAILED'),
    ).toContain('修改说明')
    expect(await snapshot()).toEqual(before)
  })

  it('refuses consultation end dates that are too soon, too far or not a time (400)', async () => {
    const id = await createDraft(committee)
    const before = await snapshot()
    for (const [endsAt, words] of [
      [Date.now() + 10 * 60_000, '一小时'],
      [Date.now() + 91 * DAY, '90 天'],
      [Date.now() + DAY + 0.5, '截止时间'],
    ] as const) {
      expect(
        expectError(await postConsultation(committee, id, endsAt), 400, 'VALIDATION_FAILED'),
      ).toContain(words)
    }
    // Not a time at all: the types forbid it.
    expect(
      expectError(
        await rawRequest('POST', `/api/conventions/${id}/consultation`, {
          token: committee,
          body: { endsAt: '下周五' },
        }),
        400,
        'VALIDATION_FAILED',
      ),
    ).toContain('截止时间')
    expect(await statusOf(id)).toBe('draft')
    expect(await snapshot()).toEqual(before)
  })

  it('refuses filing dates that are malformed, impossible or in the future (400), leaving the convention closed', async () => {
    // A 1 % quorum: 张大爷's 赞成 passes it.
    const id = await votingConvention(
      committee,
      { rule: 'simple', quorum: { num: 1, den: 100 } },
      HUAIYIN_5,
    )
    expectStatus(await ballot(zhang, id, 'yes'), 200)
    await closeVote(committee, id)
    const before = await snapshot()
    for (const [date, words] of [
      ['2026/11/20', '格式'],
      ['2026-02-30', '日期'],
      ['2026-13-01', '日期'],
      ['2099-01-01', '不能晚于今天'],
    ] as const) {
      const res = await postFiling(committee, id, {
        number: '青梧备〔2026〕3号',
        date,
        authority: '青梧街道办事处',
      })
      expect(expectError(res, 400, 'VALIDATION_FAILED'), date).toContain(words)
    }
    expect(await statusOf(id)).toBe('closed')
    expect(await snapshot()).toEqual(before)
  })
})

describe('GET /conventions/{id}/versions and /diff — any two versions, article by article', () => {
  let id: string
  beforeAll(async () => {
    id = await createDraft(committee, { title: '楼道公约', articles: ['甲。', '乙。', '丙。'] })
    await openConsultation(committee, id)
    expectStatus(
      await putText(
        committee,
        id,
        revision(['甲。', '乙改。', '丙。', '丁。'], '改乙加丁', '楼道公约'),
      ),
      200,
    )
    expectStatus(
      await putText(committee, id, {
        ...revision(['甲。', '丙。'], '删去乙和丁', '楼道堆物公约'),
        preamble: '新前言。',
      }),
      200,
    )
  })
  const changes = async (from: number, to: number) => {
    const res = expectStatus(await getDiff(id, from, to), 200)
    return res.body
  }

  it('lists every version with its change note', async () => {
    const res = succeeded(await getVersions(id))
    expect(
      res.body.items.map((v: { version: number; changeNote: string }) => [v.version, v.changeNote]),
    ).toEqual([
      [1, '初稿'],
      [2, '改乙加丁'],
      [3, '删去乙和丁'],
    ])
    expect(res.body.items[2]!.articles).toEqual(['甲。', '丙。'])
  })

  it('marks changed and added articles (1 → 2)', async () => {
    const d = await changes(1, 2)
    expect(d.articles).toEqual([
      { article: 1, fromArticle: 1, toArticle: 1, change: 'same', from: '甲。', to: '甲。' },
      { article: 2, fromArticle: 2, toArticle: 2, change: 'changed', from: '乙。', to: '乙改。' },
      { article: 3, fromArticle: 3, toArticle: 3, change: 'same', from: '丙。', to: '丙。' },
      { article: 4, fromArticle: null, toArticle: 4, change: 'added', from: null, to: '丁。' },
    ])
    expect(d.title.changed).toBe(false)
  })

  it('marks removed articles, the title and the preamble (2 → 3)', async () => {
    const d = await changes(2, 3)
    // 丙 moved up from article 3 to 2: matched as the same article, not as "changed".
    expect(d.articles.map((a: { change: string }) => a.change)).toEqual([
      'same',
      'removed',
      'same',
      'removed',
    ])
    expect(d.articles[2]).toMatchObject({ fromArticle: 3, toArticle: 2, from: '丙。' })
    expect(d.title).toEqual({ from: '楼道公约', to: '楼道堆物公约', changed: true })
    expect(d.preamble).toMatchObject({ to: '新前言。', changed: true })
  })

  it('compares non-adjacent versions in either direction, and a version with itself', async () => {
    expect((await changes(3, 1)).articles.map((a: { change: string }) => a.change)).toEqual([
      'same',
      'added',
      'same',
    ])
    expect((await changes(1, 3)).articles.map((a: { change: string }) => a.change)).toEqual([
      'same',
      'removed',
      'same',
    ])
    const self = await changes(2, 2)
    expect(self.articles.every((a: { change: string }) => a.change === 'same')).toBe(true)
    expect(self.title.changed || self.preamble.changed).toBe(false)
  })

  it('answers 404 for a version that does not exist and 400 for a version number below 1', async () => {
    expectError(await getDiff(id, 1, 4), 404, 'NOT_FOUND')
    expectError(await getDiff(id, 0, 2), 400, 'VALIDATION_FAILED')
    // A missing `to`: the types forbid it.
    expectError(
      await rawRequest('GET', `/api/conventions/${id}/diff?from=1`),
      400,
      'VALIDATION_FAILED',
    )
  })
})

describe("POST /conventions/{id}/comments — per article, and the committee's replies", () => {
  let id: string
  beforeAll(async () => {
    id = await consulting(HUAIYIN_5, ['晾晒不得越过中线。', '花盆不得放在窗台外。'])
  })

  it("takes a comment on one article or on the whole text, shown without the author's name", async () => {
    const onArticle = expectStatus(
      await postComment(zhang, id, { article: 2, body: '花盆可以放在护栏内吗？' }),
      201,
    )
    expect(onArticle.body).toMatchObject({ article: 2, version: 1, authorLabel: '居民' })
    const whole = expectStatus(await postComment(zhang, id, { body: '总体赞成。' }), 201)
    expect(whole.body.article).toBeNull()
    const list = succeeded(await getComments(id))
    expect(JSON.stringify(list.body)).not.toContain('us-resident-zhang')
    expect(JSON.stringify(list.body)).not.toContain('张')
  })

  it('refuses a comment on an article beyond the text (400), storing nothing', async () => {
    const before = await snapshot()
    expect(
      expectError(
        await postComment(zhang, id, { article: 3, body: '意见' }),
        400,
        'VALIDATION_FAILED',
      ),
    ).toContain('没有第 3 条')
    expectError(
      await postComment(zhang, id, { article: 0, body: '意见' }),
      400,
      'VALIDATION_FAILED',
    )
    expectError(
      await postComment(zhang, id, { article: 61, body: '意见' }),
      400,
      'VALIDATION_FAILED',
    )
    expectError(await postComment(zhang, id, { body: '   ' }), 400, 'VALIDATION_FAILED')
    expect(await snapshot()).toEqual(before)
  })

  it("lets the committee reply to a comment, listed under it with the member's name", async () => {
    const comment = expectStatus(
      await postComment(zhang, id, { article: 1, body: '中线怎么算？' }),
      201,
    )
    const reply = await postComment(committee, id, {
      parentId: comment.body.id,
      body: '以弄堂两侧墙面的中间为准。',
    })
    assertStatus(reply, 201)
    expect(reply.body.authorLabel).toBe('吴老师（议事会）')
    const list = succeeded(await getComments(id))
    const listed = list.body.items.find((c: { id: string }) => c.id === comment.body.id)
    expect(listed!.replies).toEqual([
      {
        id: reply.body.id,
        authorLabel: '吴老师（议事会）',
        body: '以弄堂两侧墙面的中间为准。',
        // Only the author's own held reply says 审核中 (content check, decision 013).
        review: null,
        createdAt: reply.body.createdAt,
      },
    ])
    expect(list.body.items.some((c: { id: string }) => c.id === reply.body.id)).toBe(false)
  })

  it('refuses replies from residents (403), to replies (400) and to comments of other conventions or none (404)', async () => {
    const comment = expectStatus(await postComment(zhang, id, { body: '再提一条。' }), 201)
    const reply = expectStatus(
      await postComment(committee, id, { parentId: comment.body.id, body: '收到。' }),
      201,
    )
    const before = await snapshot()
    expectError(
      await postComment(zhang, id, { parentId: comment.body.id, body: '我也回复。' }),
      403,
      'FORBIDDEN',
    )
    expectError(
      await postComment(committee, id, { parentId: reply.body.id, body: '回复的回复。' }),
      400,
      'VALIDATION_FAILED',
    )
    expectError(
      await postComment(committee, id, { parentId: 'no-such-comment', body: '回复。' }),
      404,
      'NOT_FOUND',
    )
    const other = await consulting(HUAIYIN_5)
    const beforeOther = await snapshot()
    expectError(
      await postComment(committee, other, { parentId: comment.body.id, body: '回复。' }),
      404,
      'NOT_FOUND',
    )
    expect(await snapshot()).toEqual(beforeOther)
    expect(beforeOther.convention_comments).toBe(before.convention_comments)
  })
})

describe('POST /conventions/{id}/amend — one amendment at a time', () => {
  it('drafts exactly one amendment when the committee asks twice at once', async () => {
    const id = await votingConvention(
      committee,
      { rule: 'simple', quorum: { num: 1, den: 100 } },
      HUAIYIN_5,
    )
    expectStatus(await ballot(zhang, id, 'yes'), 200)
    await closeVote(committee, id)
    expectStatus(
      await postFiling(committee, id, {
        number: '青梧备〔2026〕5号',
        date: '2026-11-20',
        authority: '青梧街道办事处',
      }),
      200,
    )
    const responses = await Promise.all(
      [committee, committee2, committee].map((token) => postAmend(token, id)),
    )
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1)
    for (const r of responses.filter((x) => x.status !== 201)) expectError(r, 409, 'CONFLICT')
    expect(await count('SELECT COUNT(*) AS n FROM conventions WHERE amends_id = ?', id)).toBe(1)
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'convention.create' AND after_json LIKE ?",
        `%${id}%`,
      ),
    ).toBe(1)
    // While it is open — and after it passed, until it is filed — a second one is refused.
    const amendment = succeeded(responses.find((r) => r.status === 201)!).body.id
    expectError(await postAmend(committee, id), 409, 'CONFLICT')
    await postVoting(committee, amendment, {
      rule: 'simple',
      closesAt: Date.now() + DAY,
      quorum: { num: 1, den: 100 },
    })
    expectStatus(await ballot(zhang, amendment, 'yes'), 200)
    expect((await closeVote(committee, amendment)).body.passed).toBe(true)
    expectError(await postAmend(committee, id), 409, 'CONFLICT')
    expect(await count('SELECT COUNT(*) AS n FROM conventions WHERE amends_id = ?', id)).toBe(1)
  })

  it('allows a new amendment once the previous one failed its vote', async () => {
    const id = await votingConvention(
      committee,
      { rule: 'simple', quorum: { num: 1, den: 100 } },
      HUAIYIN_5,
    )
    expectStatus(await ballot(zhang, id, 'yes'), 200)
    await closeVote(committee, id)
    expectStatus(
      await postFiling(committee, id, {
        number: '青梧备〔2026〕6号',
        date: '2026-11-20',
        authority: '青梧街道办事处',
      }),
      200,
    )
    const first = expectStatus(await postAmend(committee, id), 201).body.id
    await postVoting(committee, first, { rule: 'simple', closesAt: Date.now() + DAY })
    expect((await closeVote(committee, first)).body.passed).toBe(false)
    const second = expectStatus(await postAmend(committee, id), 201)
    expect(second.body.amends).toMatchObject({ id })
  })
})

describe('closing by the clock', () => {
  it('closes a vote whose window has passed on first sight, and the result matches the ballots', async () => {
    const id = await votingConvention(committee, { rule: 'household' }, HUAIYIN_5)
    expectStatus(await ballot(zhang, id, 'no'), 200)
    await endWindow(id)
    const seen = succeeded(await getDetail(id, wang))
    expect(seen.body.status).toBe('closed')
    expect(seen.body.result).toMatchObject({
      cast: { count: 1 },
      no: { count: 1 },
      valid: false,
      passed: false,
    })
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM convention_events WHERE convention_id = ? AND kind = 'voting_closed'",
        id,
      ),
    ).toBe(1)
    // Closing again through the API changes nothing.
    expectStatus(await postClose(committee, id), 200)
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM convention_events WHERE convention_id = ? AND kind IN ('voting_closed', 'not_passed')",
        id,
      ),
    ).toBe(2)
  })
})
