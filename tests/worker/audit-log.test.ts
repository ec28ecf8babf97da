import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  AUDIT_ACTIONS,
  AUDIT_FIELD_LABELS_BY_ACTION,
  AUDIT_FIELDS,
  AUDIT_TARGETS,
} from '../../worker/lib/audit-labels'
import { createDraft, openVoting } from './convention-helpers'
import { createMeeting, freezeClock, meetingBody, sh } from './meeting-helpers'
import { demoSessions, issueCodes, resetRateLimits, seedDemo } from './helpers'
import { assertStatus, client, send } from './client'

// The 操作记录 reads in Chinese (issue 17): it showed `meeting.cancel`, `startsAt：1796862596667`,
// `shares：{"quorum"…}`, `voter：h:hh-…` and `对象：社区 cm-huaishu`. An action or field that has no
// label does not compile (lib/audit.ts types them by lib/audit-labels.ts); these tests read the
// log back through the API as a 居委会 worker does.

const HUAISHU = 'cm-huaishu'
const CJK = /[\u3400-\u9fff]/
/** Something a person should never read in the log: a code name, an id, a raw epoch or JSON. */
const MACHINE = /[a-z]+[._][a-z_]+|\b(?:us|hh|cm|bd|rm|mt|sg)-[\w-]+|\d{12,}|[{}"]/

const session = demoSessions()
let zhao: string, wu: string

beforeAll(async () => {
  await seedDemo()
  // Meetings are created relative to the frozen Tuesday 2026-12-01 (meeting-helpers).
  freezeClock()
  ;[zhao, wu] = await Promise.all([session('staff-zhao'), session('committee-wu')])
})
beforeEach(resetRateLimits)

async function auditPage(limit = 50) {
  const res = await send(
    client(zhao).communities[':id'].audit.$get({
      param: { id: HUAISHU },
      query: { limit: String(limit) },
    }),
  )
  assertStatus(res, 200)
  return res.body.items
}

/** Everything the 操作记录 page shows of an entry. */
const shown = (e: Awaited<ReturnType<typeof auditPage>>[number]) =>
  [
    e.actionLabel,
    e.targetTypeLabel,
    e.targetName ?? '',
    ...e.changes.flatMap((c) => [c.label, c.before ?? '', c.after ?? '']),
  ].join(' ')

describe('the labels of the audit log', () => {
  it('names every action, object and field in Chinese', () => {
    for (const table of [AUDIT_ACTIONS, AUDIT_TARGETS]) {
      for (const [code, label] of Object.entries(table))
        expect([code, CJK.test(label)]).toEqual([code, true])
    }
    for (const [field, { label }] of Object.entries(AUDIT_FIELDS))
      expect([field, CJK.test(label)]).toEqual([field, true])
    for (const [action, fields] of Object.entries(AUDIT_FIELD_LABELS_BY_ACTION)) {
      expect(action in AUDIT_ACTIONS).toBe(true)
      for (const field of Object.keys(fields ?? {}))
        expect([action, field in AUDIT_FIELDS]).toEqual([action, true])
    }
  })
})

describe('GET /api/communities/:id/audit in words', () => {
  it('says a cancelled meeting by name with its page, and a moved time as people read it', async () => {
    const m = await createMeeting(wu, {
      title: '操作记录测试会',
      roomId: undefined,
      address: '居委会二楼',
    })
    assertStatus(
      await send(
        client(wu).meetings[':id'].$put({
          param: { id: m.id },
          json: meetingBody({
            title: '操作记录测试会',
            roomId: undefined,
            address: '居委会二楼',
            startsAt: sh('2026-12-04', '19:00'),
            endsAt: sh('2026-12-04', '20:30'),
            signupClosesAt: sh('2026-12-04', '17:00'),
          }),
        }),
      ),
      200,
    )
    assertStatus(
      await send(
        client(wu).meetings[':id'].cancel.$post({
          param: { id: m.id },
          json: { reason: '与街道活动冲突，改期' },
        }),
      ),
      200,
    )
    const entries = (await auditPage()).filter((e) => e.targetId === m.id)
    const cancel = entries.find((e) => e.action === 'meeting.cancel')!
    expect(cancel).toMatchObject({
      actionLabel: '取消会议',
      targetTypeLabel: '会议',
      targetName: '操作记录测试会',
      targetLink: `/packages/meetings/pages/detail/index?id=${m.id}`,
      changes: [{ field: 'reason', label: '理由', before: null, after: '与街道活动冲突，改期' }],
    })
    const update = entries.find((e) => e.action === 'meeting.update')!
    expect(update.actionLabel).toBe('修改会议')
    expect(update.changes).toContainEqual({
      field: 'startsAt',
      label: '开始时间',
      before: '2026年12月3日（周四）14:00',
      after: '2026年12月4日（周五）19:00',
    })
    // Fields that did not change are not listed.
    expect(update.changes.map((c) => c.field)).not.toContain('capacity')
    for (const e of entries) expect(shown(e)).not.toMatch(MACHINE)
  })

  it('writes out a vote’s rule and shares, and a paper ballot’s household, never codes', async () => {
    const id = await createDraft(wu, { title: '操作记录测试公约' })
    await openVoting(wu, id, {
      rule: 'household',
      quorum: { num: 2, den: 3 },
      approval: { num: 1, den: 2 },
    })
    assertStatus(
      await send(
        client(zhao).conventions[':id']['paper-ballots'].$post({
          param: { id },
          json: { householdId: 'hh-wutong-1-2-101', option: 'yes', paperRef: 'ZP-0001' },
        }),
      ),
      200,
    )
    const entries = (await auditPage()).filter((e) => e.targetId === id)
    const opened = entries.find((e) => e.action === 'convention.open_voting')!
    expect(opened).toMatchObject({ actionLabel: '开始表决', targetName: '操作记录测试公约' })
    expect(opened.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', label: '状态', before: '草案', after: '表决中' },
        { field: 'rule', label: '表决规则', before: null, after: '一户一票' },
        { field: 'shares', label: '比例', before: null, after: '参与 2/3，赞成 1/2' },
      ]),
    )
    const paper = entries.find((e) => e.action === 'convention.paper_ballot')!
    expect(paper.changes).toContainEqual({
      field: 'voter',
      label: '投票人',
      before: null,
      after: '梧桐苑 1号楼 2单元 101室',
    })
    // The log says a paper ballot of this household was recorded, never how it voted.
    expect(JSON.stringify(paper)).not.toMatch(/赞成票|"yes"/)
    for (const e of entries) expect(shown(e)).not.toMatch(MACHINE)
  })

  it('names the community, the households of invite codes and a settings change with their units', async () => {
    await issueCodes(zhao, HUAISHU, ['hh-wutong-1-2-102'])
    assertStatus(
      await send(
        client(zhao).communities[':id']['suggestion-settings'].$put({
          param: { id: HUAISHU },
          json: { responseThresholdHouseholds: 8, answerDeadlineDays: 10 },
        }),
      ),
      200,
    )
    const page = await auditPage(10)
    const codes = page.find((e) => e.action === 'invite_codes.issue')
    const settings = page.find((e) => e.action === 'suggestion_settings.update')
    expect(codes).toMatchObject({
      actionLabel: '生成邀请码',
      targetTypeLabel: '社区',
      targetName: '槐树社区',
    })
    expect(codes!.changes.find((c) => c.field === 'householdIds')?.after).toBe(
      '1 户：梧桐苑 1号楼 2单元 102室',
    )
    expect(codes!.changes.find((c) => c.field === 'expiresAt')?.after).toMatch(
      /^\d{4}年\d{1,2}月\d{1,2}日（周.）\d{2}:\d{2}$/,
    )
    expect(settings!.changes).toEqual([
      { field: 'responseThresholdHouseholds', label: '答复门槛', before: '10 户', after: '8 户' },
      { field: 'answerDeadlineDays', label: '答复期限', before: '15 天', after: '10 天' },
    ])
    for (const e of [settings!, codes!]) expect(shown(e)).not.toMatch(MACHINE)
  })

  it('every entry the demo and these tests wrote reads in Chinese, with no code names or ids', async () => {
    for (const e of await auditPage(100)) {
      expect([e.action, CJK.test(e.actionLabel)]).toEqual([e.action, true])
      expect([e.action, shown(e)]).not.toEqual([e.action, expect.stringMatching(MACHINE)])
    }
  })
})
