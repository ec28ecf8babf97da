import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { client, expectStatus, failed, send } from './client'
import {
  dbCount,
  dbRows,
  dbRun,
  demoSessions,
  loginNew,
  rawRequest,
  resetRateLimits,
  seedDemo,
} from './helpers'
import { bookAt, freezeClock, NOW } from './booking-helpers'
import { createMeeting } from './meeting-helpers'
import { createDraft, openVoting } from './convention-helpers'

// 代办 (decision 019): staff and 楼组长 register a resident without WeChat and act for her. Every
// act counts as hers, by the domains' own SQL; who may act is one rule (identity/acting.ts).

const HUAISHU = 'cm-huaishu'
const FENGQIAO = 'cm-fengqiao'
// 楼组长 刘 leads 梧桐苑 1号楼 only; 张阿姨 lives in 1号楼, 李伯伯 in 2号楼.
const ZHANG_HOME = 'hh-wutong-1-1-302'
const WANG_HOME = 'hh-wutong-1-1-301' // resident-wang's household
const LI_HOME = 'hh-wutong-2-1-101'

// Meetings at an address: no room to book, so several can be created for the same afternoon.
const HALL = { roomId: undefined, address: '槐树社区居委会会议室' }

const session = demoSessions()
let leaderToken: string
let leaderId: string

beforeAll(async () => {
  freezeClock(NOW)
  await seedDemo()
  const leader = await loginNew('test-leader')
  leaderToken = leader.token
  leaderId = leader.userId
  // A 楼组 of 1号楼 alone with its 楼组长 (the grid's tables; its own routes are tested in the
  // grid's files). The demo seed may put 1号楼 in a larger 楼组: this file's 1号楼 is on its own.
  await dbRun(`DELETE FROM building_group_buildings WHERE building_id = 'bd-wutong-1'`)
  await dbRun(
    `INSERT INTO building_groups (id, community_id, name, sort_order, created_at, updated_at) VALUES ('bg-w1', ?, '1号楼楼组', 0, 0, 0)`,
    HUAISHU,
  )
  await dbRun(
    `INSERT INTO building_group_buildings (group_id, building_id) VALUES ('bg-w1', 'bd-wutong-1')`,
  )
  await dbRun(
    `INSERT INTO grid_role_grants (id, community_id, user_id, role, building_group_id, granted_by, granted_at)
     VALUES ('gr-liu', ?, ?, 'building_leader', 'bg-w1', 'us-staff-zhao', 0)`,
    HUAISHU,
    leaderId,
  )
})

beforeEach(() => resetRateLimits())

async function register(
  token: string | null,
  input: { householdId: string; realName: string; nickname: string; phone?: string },
  communityId = HUAISHU,
) {
  return send(
    client(token).communities[':id']['offline-residents'].$post({
      param: { id: communityId },
      json: { ...input, consentConfirmed: true },
    }),
  )
}

async function offlineResident(realName: string, nickname: string, householdId = ZHANG_HOME) {
  const res = expectStatus(
    await register(await session('staff-zhao'), { householdId, realName, nickname }),
    201,
  )
  return res.body.userId
}

describe('POST /communities/{id}/offline-residents — registering a resident without WeChat', () => {
  it('creates an account nobody can sign in to and a verified residency, audited with who did it', async () => {
    const res = expectStatus(
      await register(await session('staff-zhao'), {
        householdId: ZHANG_HOME,
        realName: '张桂芳',
        nickname: '张阿姨',
        phone: '13800000000',
      }),
      201,
    )
    expect(res.body).toMatchObject({ nickname: '张阿姨', realName: '张桂芳', offline: true })
    const [user] = await dbRows<{ openid: string; registered_by: string; claimed_at: null }>(
      'SELECT openid, registered_by, claimed_at FROM users WHERE id = ?',
      res.body.userId,
    )
    expect(user).toEqual({
      openid: `offline:${res.body.userId}`,
      registered_by: 'us-staff-zhao',
      claimed_at: null,
    })
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM residencies WHERE user_id = ? AND household_id = ? AND status = 'verified' AND via = 'registered'`,
        res.body.userId,
        ZHANG_HOME,
      ),
    ).toBe(1)
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'resident.register' AND actor_user_id = 'us-staff-zhao' AND on_behalf_of_user_id = ?`,
        res.body.userId,
      ),
    ).toBe(1)
  })

  it('cannot be signed in to, not even through the development login', async () => {
    const resident = await offlineResident('陆小妹', '陆阿姨')
    const res = await rawRequest('POST', '/api/auth/dev', {
      body: { openid: `offline:${resident}` },
    })
    expect(res.status).toBe(400)
    expect(await dbCount(`SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?`, resident)).toBe(0)
  })

  it('refuses the same name twice in one household, even when two helpers register at once', async () => {
    const staff = await session('staff-zhao')
    const input = { householdId: ZHANG_HOME, realName: '孙玉兰', nickname: '孙奶奶' }
    const results = await Promise.all([register(staff, input), register(leaderToken, input)])
    expect(results.map((r) => r.status).sort()).toEqual([201, 409])
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM residencies WHERE household_id = ? AND real_name = '孙玉兰'`,
        ZHANG_HOME,
      ),
    ).toBe(1)
    expect(await dbCount(`SELECT COUNT(*) AS n FROM users WHERE nickname = '孙奶奶'`)).toBe(1)
  })

  it('lets a 楼组长 register in her building only; residents, other staff and strangers are refused', async () => {
    const input = (n: string) => ({ householdId: ZHANG_HOME, realName: n, nickname: n })
    expect((await register(leaderToken, input('楼组登记'))).status).toBe(201)
    const elsewhere = await register(leaderToken, {
      householdId: LI_HOME,
      realName: '外楼',
      nickname: '外楼',
    })
    expect(failed(elsewhere).status).toBe(403)
    expect((await register(await session('resident-wang'), input('居民登记'))).status).toBe(403)
    expect((await register(await session('staff-sun'), input('外社区登记'))).status).toBe(403)
    expect((await register(null, input('匿名登记'))).status).toBe(401)
    // Staff of 枫桥 naming their own community with a 槐树 household: refused, nothing written.
    expect((await register(await session('staff-sun'), input('借道'), FENGQIAO)).status).toBe(403)
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM users WHERE nickname IN ('居民登记', '外社区登记', '匿名登记', '借道', '外楼')`,
      ),
    ).toBe(0)
  })

  it('requires the resident’s consent to be confirmed, in Chinese', async () => {
    const res = await rawRequest('POST', `/api/communities/${HUAISHU}/offline-residents`, {
      token: await session('staff-zhao'),
      body: { householdId: ZHANG_HOME, realName: '未同意', nickname: '未同意' },
    })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('隐私政策')
  })
})

describe('GET /communities/{id}/acting/residents — whom one may act for', () => {
  it('shows staff every resident, a 楼组长 those of her buildings, refuses the rest', async () => {
    const zhang = await offlineResident('周秀兰', '周阿姨')
    const staffList = expectStatus(
      await send(
        client(await session('staff-zhao')).communities[':id'].acting.residents.$get({
          param: { id: HUAISHU },
          query: {},
        }),
      ),
      200,
    ).body.items
    expect(staffList.map((r) => r.userId)).toContain(zhang)
    expect(staffList.map((r) => r.userId)).toContain('us-resident-li')
    const leaderList = expectStatus(
      await send(
        client(leaderToken).communities[':id'].acting.residents.$get({
          param: { id: HUAISHU },
          query: { q: '周' },
        }),
      ),
      200,
    ).body.items
    expect(leaderList.map((r) => r.userId)).toEqual([zhang])
    expect(leaderList[0]).toMatchObject({ realName: '周秀兰', offline: true })
    for (const token of [await session('resident-wang'), await session('staff-sun')]) {
      const res = await send(
        client(token).communities[':id'].acting.residents.$get({
          param: { id: HUAISHU },
          query: {},
        }),
      )
      expect(res.status).toBe(403)
    }
    expect(
      (
        await send(
          client(null).communities[':id'].acting.residents.$get({
            param: { id: HUAISHU },
            query: {},
          }),
        )
      ).status,
    ).toBe(401)
  })
})

describe('acting routes — the authorization matrix', () => {
  let resident: string
  let suggestionId: string
  let meetingId: string
  beforeAll(async () => {
    resident = await offlineResident('吴凤英', '吴阿姨')
    const created = await send(
      client(await session('resident-li')).communities[':id'].suggestions.$post({
        param: { id: HUAISHU },
        json: {
          title: '楼道灯不亮',
          description: '二号楼一单元楼道灯坏了一周，晚上看不清台阶。',
          category: 'facilities',
          photoIds: [],
          showName: false,
        },
      }),
    )
    suggestionId = expectStatus(created, 201).body.id
    await dbRun(`UPDATE suggestions SET status = 'published' WHERE id = ?`, suggestionId)
    meetingId = (await createMeeting(await session('staff-zhao'), HALL)).id
  })

  const acts = {
    submit: (token: string | null, residentId: string) =>
      send(
        client(token).communities[':id'].suggestions.for[':residentId'].$post({
          param: { id: HUAISHU, residentId },
          json: {
            title: '门口台阶加扶手',
            description: '单元门口三级台阶没有扶手，老人进出不方便。',
            category: 'facilities',
            photoIds: [],
            showName: false,
          },
        }),
      ),
    support: (token: string | null, residentId: string) =>
      send(
        client(token).suggestions[':id'].support.for[':residentId'].$post({
          param: { id: suggestionId, residentId },
        }),
      ),
    signUp: (token: string | null, residentId: string) =>
      send(
        client(token).meetings[':id'].registration.for[':residentId'].$post({
          param: { id: meetingId, residentId },
        }),
      ),
    book: (token: string | null, residentId: string) =>
      send(
        client(token).bookings.for[':residentId'].$post({
          param: { residentId },
          json: {
            roomId: 'rm-art',
            startsAt: Date.parse('2026-12-02T14:00:00+08:00'),
            endsAt: Date.parse('2026-12-02T15:00:00+08:00'),
            purpose: '读报小组',
            headcount: 3,
          },
        }),
      ),
    detail: (token: string | null, residentId: string) =>
      send(client(token).acting.residents[':id'].$get({ param: { id: residentId } })),
    claimCode: (token: string | null, residentId: string) =>
      send(
        client(token).acting.residents[':id']['claim-code'].$post({ param: { id: residentId } }),
      ),
  }

  for (const [name, act] of Object.entries(acts)) {
    it(`${name}: another resident 403, staff of another community 403, anonymous 401, a 楼组长 of another building 403`, async () => {
      expect((await act(await session('resident-wang'), resident)).status).toBe(403)
      expect((await act(await session('staff-sun'), resident)).status).toBe(403)
      expect((await act(null, resident)).status).toBe(401)
      // 李伯伯 (resident-li) lives in 2号楼: outside 刘's 楼组.
      expect((await act(leaderToken, 'us-resident-li')).status).toBe(403)
    })
  }

  it('lets staff and her 楼组长 do each act, marked with who did it and audited', async () => {
    const staff = await session('staff-zhao')
    const submitted = expectStatus(await acts.submit(staff, resident), 201).body
    // Her 楼组长 too, and she is answered with it although 楼组长 see only published 金点子.
    const byLeader = expectStatus(await acts.submit(leaderToken, resident), 201).body
    expect(byLeader).toMatchObject({ status: 'submitted', actedBy: expect.any(String) })
    expect(byLeader.viewer.isAuthor).toBe(true)
    expect(expectStatus(await acts.support(leaderToken, resident), 200).body.supported).toBe(true)
    expect(expectStatus(await acts.signUp(leaderToken, resident), 200).body).toBeTruthy()
    expect(expectStatus(await acts.book(staff, resident), 201).body.booked).toHaveLength(1)
    expect(expectStatus(await acts.detail(leaderToken, resident), 200).body.nickname).toBe('吴阿姨')
    expect(
      await dbRows(
        `SELECT author_user_id AS who, acted_by AS by FROM suggestions WHERE id IN (?, ?) ORDER BY acted_by = ?`,
        submitted.id,
        byLeader.id,
        leaderId,
      ),
    ).toEqual([
      { who: resident, by: 'us-staff-zhao' },
      { who: resident, by: leaderId },
    ])
    expect(
      await dbRows(
        `SELECT acted_by AS by FROM suggestion_supports WHERE suggestion_id = ? AND user_id = ?`,
        suggestionId,
        resident,
      ),
    ).toEqual([{ by: leaderId }])
    expect(
      await dbRows(
        `SELECT acted_by AS by FROM meeting_registrations WHERE meeting_id = ? AND user_id = ?`,
        meetingId,
        resident,
      ),
    ).toEqual([{ by: leaderId }])
    expect(await dbRows(`SELECT acted_by AS by FROM bookings WHERE user_id = ?`, resident)).toEqual(
      [{ by: 'us-staff-zhao' }],
    )
    const audited = await dbRows<{ action: string }>(
      `SELECT action FROM audit_log WHERE on_behalf_of_user_id = ? ORDER BY action`,
      resident,
    )
    expect(audited.map((a) => a.action)).toEqual([
      'booking.acting_create',
      'meeting.acting_signup',
      'resident.register',
      'suggestion.acting_submit',
      'suggestion.acting_submit',
      'suggestion.acting_support',
    ])
    // Acting for oneself is refused: there is nothing to act for.
    expect((await acts.support(staff, 'us-staff-zhao')).status).toBe(400)
  })
})

describe('代办 acts count exactly like her own', () => {
  it('one support per person and her household counted once (she shares it with 王阿姨)', async () => {
    const mother = await offlineResident('王桂兰', '王奶奶', WANG_HOME)
    const wang = await session('resident-wang')
    const created = await send(
      client(await session('resident-li')).communities[':id'].suggestions.$post({
        param: { id: HUAISHU },
        json: {
          title: '垃圾房异味',
          description: '垃圾房夏天异味很重，希望增加清运次数。',
          category: 'litter',
          photoIds: [],
          showName: false,
        },
      }),
    )
    const id = expectStatus(created, 201).body.id
    await dbRun(`UPDATE suggestions SET status = 'published' WHERE id = ?`, id)
    expectStatus(await send(client(wang).suggestions[':id'].support.$post({ param: { id } })), 200)
    const staff = await session('staff-zhao')
    const twice = await Promise.all(
      [1, 2, 3].map(() =>
        send(
          client(staff).suggestions[':id'].support.for[':residentId'].$post({
            param: { id, residentId: mother },
          }),
        ),
      ),
    )
    expect(twice.map((r) => r.status)).toEqual([200, 200, 200])
    const [counts] = await dbRows<{ people: number; households: number }>(
      `SELECT support_count AS people, support_household_count AS households FROM suggestions WHERE id = ?`,
      id,
    )
    // The author (李), 王阿姨 and her mother: three people, two households.
    expect(counts).toEqual({ people: 3, households: 2 })
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM suggestion_supports WHERE suggestion_id = ? AND user_id = ?`,
        id,
        mother,
      ),
    ).toBe(1)
  })

  it('her weekly booking quota holds for bookings made for her', async () => {
    const resident = await offlineResident('郑淑珍', '郑阿姨')
    const staff = await session('staff-zhao')
    const forHer = (from: string, to: string) =>
      send(
        client(staff).bookings.for[':residentId'].$post({
          param: { residentId: resident },
          json: {
            roomId: 'rm-art',
            startsAt: Date.parse(`2026-12-03T${from}:00+08:00`),
            endsAt: Date.parse(`2026-12-03T${to}:00+08:00`),
            purpose: '编织小组',
            headcount: 4,
          },
        }),
      )
    // The demo centre allows a resident 6 hours a week: 3 h + 3 h fit, the next hour does not.
    expectStatus(await forHer('09:00', '12:00'), 201)
    expectStatus(await forHer('14:00', '17:00'), 201)
    const over = await forHer('17:00', '18:00')
    expect(failed(over).status).toBe(409)
    expect(failed(over).body.error.message).toContain('上限')
    // She sees who booked for her (after claiming the account, in 我的预约).
    const [made] = await dbRows<{ id: string }>(
      `SELECT id FROM bookings WHERE user_id = ? ORDER BY starts_at LIMIT 1`,
      resident,
    )
    const { token: hers } = await loginNew('zheng-view')
    await dbRun(
      `UPDATE sessions SET user_id = ? WHERE user_id = (SELECT id FROM users WHERE openid = 'zheng-view')`,
      resident,
    )
    const mine = expectStatus(await send(client(hers).me.bookings.$get()), 200).body.items
    expect(mine.find((b) => b.id === made!.id)).toMatchObject({ actedBy: '赵书记', isOwner: true })
    // The staff member's own quota is untouched: she books for herself as before.
    expectStatus(await bookAt(staff, 'rm-art', '2026-12-03', '17:00', '18:00'), 201)
    expect(await dbCount(`SELECT COUNT(*) AS n FROM bookings WHERE user_id = ?`, resident)).toBe(2)
  })

  it('meeting capacity holds: signed up for her, she takes a seat or waits like anyone', async () => {
    const staff = await session('staff-zhao')
    const meeting = await createMeeting(staff, { ...HALL, capacity: 1 })
    const first = await offlineResident('冯秀英', '冯阿姨')
    const second = await offlineResident('陈玉珍', '陈阿姨')
    const results = await Promise.all(
      [first, second, first].map((residentId) =>
        send(
          client(leaderToken).meetings[':id'].registration.for[':residentId'].$post({
            param: { id: meeting.id, residentId },
          }),
        ),
      ),
    )
    expect(results.map((r) => r.status)).toEqual([200, 200, 200])
    const rows = await dbRows<{ user_id: string; status: string }>(
      `SELECT user_id, status FROM meeting_registrations WHERE meeting_id = ? ORDER BY seq`,
      meeting.id,
    )
    expect(rows).toHaveLength(2)
    expect(rows.map((r) => r.status).sort()).toEqual(['confirmed', 'waitlisted'])
  })
})

describe('paper ballots are 代办-aware', () => {
  it('an online ballot of her household and a 代办 paper ballot fired at once leave exactly one, the paper', async () => {
    const staff = await session('staff-zhao')
    const committee = await session('committee-wu')
    const wang = await session('resident-wang')
    const mother = await offlineResident('王美华', '王外婆', WANG_HOME)
    for (let round = 0; round < 3; round++) {
      const id = await createDraft(committee, { title: `楼道公约${round}` })
      await openVoting(committee, id, { rule: 'household' })
      const [online, paper] = await Promise.all([
        send(
          client(wang).conventions[':id'].ballots.$post({ param: { id }, json: { option: 'no' } }),
        ),
        send(
          client(round === 1 ? leaderToken : staff).conventions[':id']['paper-ballots'].$post({
            param: { id },
            json: {
              householdId: WANG_HOME,
              option: 'yes',
              paperRef: `DB-${round}`,
              actingFor: mother,
            },
          }),
        ),
      ])
      expect(paper.status).toBe(200)
      expect([200, 409]).toContain(online.status)
      const stored = await dbRows<{ source: string; option: string }>(
        `SELECT source, option FROM convention_ballots WHERE convention_id = ?`,
        id,
      )
      expect(stored).toEqual([{ source: 'paper', option: 'yes' }])
      // Who recorded it for her is in the audit entry, not beside the option (ballot secrecy).
      expect(
        await dbCount(
          `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'convention.paper_ballot' AND target_id = ? AND on_behalf_of_user_id = ? AND actor_user_id = ?`,
          id,
          mother,
          round === 1 ? leaderId : 'us-staff-zhao',
        ),
      ).toBe(1)
      await resetRateLimits()
    }
  })

  it('refuses a 代办 paper ballot for a household she does not live in, and a 楼组长 outside her building', async () => {
    const committee = await session('committee-wu')
    const resident = await offlineResident('钱秀芝', '钱阿姨')
    const id = await createDraft(committee, { title: '停车公约' })
    await openVoting(committee, id, { rule: 'household' })
    const paper = (token: string, householdId: string, actingFor: string) =>
      send(
        client(token).conventions[':id']['paper-ballots'].$post({
          param: { id },
          json: { householdId, option: 'yes', paperRef: 'X-1', actingFor },
        }),
      )
    expect((await paper(leaderToken, WANG_HOME, resident)).status).toBe(400)
    expect((await paper(leaderToken, 'hh-wutong-2-2-502', 'us-resident-li')).status).toBe(403)
    // Without actingFor a 楼组长 records nothing: paper ballots in general stay staff work.
    const plain = await send(
      client(leaderToken).conventions[':id']['paper-ballots'].$post({
        param: { id },
        json: { householdId: ZHANG_HOME, option: 'yes', paperRef: 'X-2' },
      }),
    )
    expect(plain.status).toBe(403)
    expect(
      await dbCount(`SELECT COUNT(*) AS n FROM convention_ballots WHERE convention_id = ?`, id),
    ).toBe(0)
  })
})

describe('claiming the account with an invite code', () => {
  it('hands her everything done for her: 金点子, supports, sign-ups, bookings stay hers', async () => {
    const staff = await session('staff-zhao')
    const resident = await offlineResident('林月娥', '林阿姨')
    const suggestion = expectStatus(
      await send(
        client(staff).communities[':id'].suggestions.for[':residentId'].$post({
          param: { id: HUAISHU, residentId: resident },
          json: {
            title: '小区门口加长椅',
            description: '等公交的老人没有地方坐，希望在门口加两张长椅。',
            category: 'facilities',
            photoIds: [],
            showName: false,
          },
        }),
      ),
      201,
    ).body
    const meeting = await createMeeting(staff, HALL)
    expectStatus(
      await send(
        client(leaderToken).meetings[':id'].registration.for[':residentId'].$post({
          param: { id: meeting.id, residentId: resident },
        }),
      ),
      200,
    )
    expectStatus(
      await send(
        client(leaderToken).suggestions[':id'].support.for[':residentId'].$post({
          param: { id: 'sg-demo-bench', residentId: resident },
        }),
      ),
      200,
    )
    const code = expectStatus(
      await send(
        client(leaderToken).acting.residents[':id']['claim-code'].$post({
          param: { id: resident },
        }),
      ),
      201,
    ).body.code

    // She signs in with her own WeChat (a new account) and enters the code.
    const phone = await loginNew('lin-wechat')
    const claimed = await send(client(phone.token).residency.claim.$post({ json: { code } }))
    expect(expectStatus(claimed, 200).body.household.id).toBe(ZHANG_HOME)
    const me = expectStatus(await send(client(phone.token).me.$get()), 200).body
    expect(me.user.id).toBe(resident)
    const mine = expectStatus(
      await send(client(phone.token).me.suggestions.$get({ query: { tab: 'mine' } })),
      200,
    ).body.items
    expect(mine.map((s) => s.id)).toContain(suggestion.id)
    // What her 楼组长 supported for her says so, on 我附议的 and on the 金点子's page.
    const [leader] = await dbRows<{ nickname: string }>(
      `SELECT nickname FROM users WHERE id = ?`,
      leaderId,
    )
    const supported = expectStatus(
      await send(client(phone.token).me.suggestions.$get({ query: { tab: 'supported' } })),
      200,
    ).body.items
    expect(supported.map((s) => [s.id, s.supportActedBy])).toEqual([
      ['sg-demo-bench', leader!.nickname],
    ])
    const page = expectStatus(
      await send(client(phone.token).suggestions[':id'].$get({ param: { id: 'sg-demo-bench' } })),
      200,
    ).body
    expect(page.viewer).toMatchObject({ supported: true, supportActedBy: leader!.nickname })
    const own = expectStatus(
      await send(
        client(await session('resident-zhang')).me.suggestions.$get({
          query: { tab: 'supported' },
        }),
      ),
      200,
    ).body.items
    // Her neighbour 张大爷 supported it himself.
    expect(own.find((s) => s.id === 'sg-demo-bench')?.supportActedBy).toBeNull()
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM meeting_registrations WHERE meeting_id = ? AND user_id = ? AND status <> 'cancelled'`,
        meeting.id,
        resident,
      ),
    ).toBe(1)
    // Her WeChat now opens her account; the empty one is retired, the code is spent.
    const [accounts] = await dbRows<{ mine: string; retired: string }>(
      `SELECT (SELECT openid FROM users WHERE id = ?) AS mine, (SELECT openid FROM users WHERE id = ?) AS retired`,
      resident,
      phone.userId,
    )
    expect(accounts).toEqual({ mine: 'lin-wechat', retired: `claimed:${phone.userId}` })
    const again = await loginNew('lin-wechat', { consent: false })
    expect(again.userId).toBe(resident)
    const reuse = await loginNew('someone-else')
    expect((await send(client(reuse.token).residency.claim.$post({ json: { code } }))).status).toBe(
      400,
    )
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'resident.claim' AND target_id = ?`,
        resident,
      ),
    ).toBe(1)
  })

  it('refuses an account that is already a resident, keeping the offline account as it was', async () => {
    const resident = await offlineResident('黄翠英', '黄阿姨')
    const code = expectStatus(
      await send(
        client(await session('staff-zhao')).acting.residents[':id']['claim-code'].$post({
          param: { id: resident },
        }),
      ),
      201,
    ).body.code
    const wang = await session('resident-wang')
    const res = await send(client(wang).residency.claim.$post({ json: { code } }))
    expect(failed(res).status).toBe(409)
    expect(await dbRows(`SELECT openid, claimed_at FROM users WHERE id = ?`, resident)).toEqual([
      { openid: `offline:${resident}`, claimed_at: null },
    ])
  })

  it('two phones racing with one code: one takes the account', async () => {
    const resident = await offlineResident('何桂香', '何阿姨')
    const code = expectStatus(
      await send(
        client(await session('staff-zhao')).acting.residents[':id']['claim-code'].$post({
          param: { id: resident },
        }),
      ),
      201,
    ).body.code
    const phones = await Promise.all([loginNew('he-phone-1'), loginNew('he-phone-2')])
    const results = await Promise.all(
      phones.map((p) => send(client(p.token).residency.claim.$post({ json: { code } }))),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, 400])
    const [row] = await dbRows<{ openid: string }>(
      `SELECT openid FROM users WHERE id = ?`,
      resident,
    )
    expect(['he-phone-1', 'he-phone-2']).toContain(row!.openid)
    // The winner's empty account is retired; the loser keeps her own account, still empty.
    const accounts = await dbRows<{ openid: string }>(
      `SELECT openid FROM users WHERE id IN (?, ?) ORDER BY openid`,
      phones[0]!.userId,
      phones[1]!.userId,
    )
    expect(accounts.filter((a) => a.openid.startsWith('claimed:'))).toHaveLength(1)
    expect(accounts.filter((a) => a.openid.startsWith('he-phone-'))).toHaveLength(1)
  })
})

describe('her personal data while she cannot sign in (staff, on her request)', () => {
  it('exports everything held about her, acts done for her with who did them', async () => {
    const staff = await session('staff-zhao')
    const resident = await offlineResident('罗素琴', '罗阿姨')
    await dbRun(`UPDATE users SET phone = '13900000000' WHERE id = ?`, resident)
    expectStatus(
      await send(
        client(staff).communities[':id'].suggestions.for[':residentId'].$post({
          param: { id: HUAISHU, residentId: resident },
          json: {
            title: '楼下路灯不亮',
            description: '楼下那盏路灯坏了半个月，晚上下楼倒垃圾看不见路。',
            category: 'facilities',
            photoIds: [],
            showName: false,
          },
        }),
      ),
      201,
    )
    const exported = expectStatus(
      await send(
        client(staff)['offline-residents'][':id'].export.$get({ param: { id: resident } }),
      ),
      200,
    ).body
    expect(exported.account).toMatchObject({
      id: resident,
      phone: '13900000000',
      registeredBy: 'us-staff-zhao',
      claimedAt: null,
    })
    expect(JSON.stringify(exported.suggestions)).toContain('楼下路灯不亮')
    expect(JSON.stringify(exported.suggestions)).toContain('us-staff-zhao')
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'resident.export' AND on_behalf_of_user_id = ?`,
        resident,
      ),
    ).toBe(1)
  })

  it('deletes her account like 注销: her name, phone and residency go, her public acts stay anonymous', async () => {
    const staff = await session('staff-zhao')
    const resident = await offlineResident('邓秀梅', '邓阿姨')
    await dbRun(`UPDATE users SET phone = '13700000000' WHERE id = ?`, resident)
    expectStatus(
      await send(client(staff)['offline-residents'][':id'].$delete({ param: { id: resident } })),
      200,
    )
    expect(
      await dbRows(`SELECT nickname, phone, openid FROM users WHERE id = ?`, resident),
    ).toEqual([{ nickname: '已注销用户', phone: null, openid: `deleted:${resident}` }])
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM residencies WHERE user_id = ? AND (status = 'verified' OR real_name IS NOT NULL)`,
        resident,
      ),
    ).toBe(0)
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'resident.delete' AND on_behalf_of_user_id = ?`,
        resident,
      ),
    ).toBe(1)
  })

  it('is for staff of her community only, and only while she cannot do it herself', async () => {
    const resident = await offlineResident('谢桂英', '谢阿姨')
    const tries = (token: string | null) =>
      Promise.all([
        send(client(token)['offline-residents'][':id'].export.$get({ param: { id: resident } })),
        send(client(token)['offline-residents'][':id'].$delete({ param: { id: resident } })),
      ])
    for (const [token, status] of [
      [leaderToken, 403],
      [await session('resident-wang'), 403],
      [await session('staff-sun'), 403],
      [null, 401],
    ] as const) {
      expect((await tries(token)).map((r) => r.status)).toEqual([status, status])
    }
    // 王阿姨 signs in herself: staff send her to 我的.
    const online = await send(
      client(await session('staff-zhao'))['offline-residents'][':id'].export.$get({
        param: { id: 'us-resident-wang' },
      }),
    )
    expect(online.status).toBe(409)
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM users WHERE id = ? AND nickname = '谢阿姨'`,
        resident,
      ),
    ).toBe(1)
  })
})
