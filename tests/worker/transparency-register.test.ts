import { env } from 'cloudflare:workers'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDb } from '../../worker/lib/db'
import { shanghaiMidnight } from '../../worker/lib/time'
import { remindRegister } from '../../worker/transparency/register-service'
import { dbCount, dbRows, demoSessions, rawRequest, resetRateLimits, seedDemo } from './helpers'
import { client, expectStatus, send } from './client'

// The resolutions register: status derived from the records, following an entry, an organiser
// marking a resolution done (once, whatever the concurrency), and the reminders of the cron.
// The clock is frozen at 2026-12-18 12:00 Shanghai; 'mi-plain' is due 2026-12-20.

const NOW = shanghaiMidnight('2026-12-18') + 12 * 3600_000
const login = demoSessions()
const db = () => createDb(env.DB)

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW })
  await seedDemo()
  const t = NOW - 5 * 86_400_000
  await env.DB.batch(
    [
      // Two resolutions that no 金点子 carries, on the demo 评议会.
      `INSERT INTO meeting_agenda_items (id, meeting_id, position, title, description) VALUES
        ('mi-plain', 'mt-demo-review', 2, '后河沿晾衣区', ''), ('mi-race', 'mt-demo-review', 3, '菜场后弄照明', '')`,
      `INSERT INTO meeting_agenda_items (id, meeting_id, position, title, description, suggestion_id) VALUES
        ('mi-linked', 'mt-demo-review', 4, '槐树弄飞线', '', 'sg-demo-cables')`,
      `INSERT INTO meeting_resolutions (item_id, meeting_id, decision, owner, due_date, suggestion_move, created_by, created_at) VALUES
        ('mi-plain', 'mt-demo-review', '在后河沿划定晾衣区，设置晾衣杆', '居委会 赵书记', '2026-12-20', 'none', 'us-committee-wu', ${t}),
        ('mi-race', 'mt-demo-review', '菜场后弄加装两盏灯', '街道城管科', NULL, 'none', 'us-staff-zhao', ${t}),
        ('mi-linked', 'mt-demo-review', '联系电力公司统一整理入管', '居委会', '2027-03-01', 'none', 'us-staff-zhao', ${t})`,
      // A 微规约 in force.
      `INSERT INTO conventions (id, community_id, status, scope_type, scope_ids_json, current_version, voting_version, filing_number, filing_date, filing_authority, in_force_at, created_by, created_at, updated_at)
        VALUES ('cv-pets', 'cm-huaishu', 'in_force', 'community', '[]', 1, 1, '青梧备〔2026〕3号', '2026-11-15', '青梧街道办事处', ${t}, 'us-committee-wu', ${t}, ${t})`,
      `INSERT INTO convention_versions (convention_id, version, title, preamble, articles_json, change_note, created_by, created_at)
        VALUES ('cv-pets', 1, '文明养犬公约', '', '["遛狗牵绳"]', '', 'us-committee-wu', ${t})`,
    ].map((s) => env.DB.prepare(s)),
  )
})
afterAll(() => {
  vi.useRealTimers()
})

async function register() {
  return expectStatus(
    await send(client().communities[':id'].register.$get({ param: { id: 'cm-huaishu' } })),
    200,
  ).body
}

const anonymousFollow = () => client(null).register[':kind'][':id'].follow

describe('GET /api/communities/{id}/register', () => {
  it('lists resolutions and 微规约 in force with owner, due date and a status derived from the records', async () => {
    const r = await register()
    const byId = Object.fromEntries(r.items.map((e) => [e.id, e]))
    // The demo street-lights resolution: its 金点子 is completed and rated 5 and 4.
    expect(byId['mi-demo-review-1']).toMatchObject({
      kind: 'resolution',
      owner: '街巷规划师 周工',
      dueDate: '2026-11-30',
      status: 'evaluated',
      statusLabel: '已评价',
      linked: { kind: 'suggestion', id: 'sg-demo-lights', statusLabel: '已完成' },
      evaluation: { count: 2, average: '4.50' },
      canMarkDone: false,
      meeting: { id: 'mt-demo-review', typeLabel: '评议会' },
    })
    expect(byId['mi-plain']).toMatchObject({
      status: 'on_time',
      statusLabel: '按期推进',
      dueDate: '2026-12-20',
      linked: null,
      canMarkDone: true,
    })
    expect(byId['cv-pets']).toMatchObject({
      kind: 'convention',
      title: '文明养犬公约',
      owner: '槐树社区议事会',
      status: 'done',
      statusLabel: '已生效',
      decision: '居民表决通过，2026-11-15 备案（青梧街道办事处 青梧备〔2026〕3号），现行有效',
    })
    expect(r.counts).toEqual({ on_time: 3, overdue: 0, done: 1, evaluated: 1 })
    // Who published a resolution is kept for the reminders, never shown.
    expect(JSON.stringify(r)).not.toContain('us-')
  })

  it('answers 404 for a community that does not exist', async () => {
    const res = await send(client().communities[':id'].register.$get({ param: { id: 'cm-none' } }))
    expect(res.status).toBe(404)
  })
})

describe('following an entry', () => {
  it('asks a visitor to sign in, and answers 404 for an entry that is not in the register', async () => {
    const anonymous = await send(
      anonymousFollow().$post({ param: { kind: 'resolution', id: 'mi-plain' } }),
    )
    expect(anonymous.status).toBe(401)
    const wang = await login('resident-wang')
    for (const [kind, id] of [
      ['resolution', 'mi-none'],
      ['convention', 'mi-plain'],
      ['resolution', 'cv-pets'],
    ] as const) {
      const res = await send(
        client(wang).register[':kind'][':id'].follow.$post({ param: { kind, id } }),
      )
      expect(res.status, `${kind} ${id}`).toBe(404)
    }
    const bad = await rawRequest('POST', '/api/register/meeting/mi-plain/follow', { token: wang })
    expect(bad.status).toBe(400)
  })

  it('records one follow per person however many arrive at once, and lists it as mine', async () => {
    const wang = await login('resident-wang')
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        send(
          client(wang).register[':kind'][':id'].follow.$post({
            param: { kind: 'resolution', id: 'mi-plain' },
          }),
        ),
      ),
    )
    for (const res of results) expect(expectStatus(res, 200).body.following).toBe(true)
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM register_follows WHERE entry_id = 'mi-plain' AND user_id = 'us-resident-wang'`,
      ),
    ).toBe(1)
    const mine = expectStatus(await send(client(wang).me['register-follows'].$get()), 200)
    expect(mine.body.items).toEqual([{ kind: 'resolution', entryId: 'mi-plain' }])
    expect((await register()).items.find((e) => e.id === 'mi-plain')!.followers).toBe(1)

    const off = expectStatus(
      await send(
        client(wang).register[':kind'][':id'].follow.$delete({
          param: { kind: 'resolution', id: 'mi-plain' },
        }),
      ),
      200,
    )
    expect(off.body).toEqual({ following: false, followers: 0 })
    // Follow again for the reminder tests below.
    await send(
      client(wang).register[':kind'][':id'].follow.$post({
        param: { kind: 'resolution', id: 'mi-plain' },
      }),
    )
  })
})

describe('POST /api/register/resolution/{id}/done', () => {
  const done = (token: string | null, id: string, note = '已安装两盏路灯并通电') =>
    send(client(token).register.resolution[':id'].done.$post({ param: { id }, json: { note } }))

  it('is for the community’s organisers: a visitor, a resident and staff of another community are refused', async () => {
    expect((await done(null, 'mi-race')).status).toBe(401)
    expect((await done(await login('resident-li'), 'mi-race')).status).toBe(403)
    expect((await done(await login('staff-sun'), 'mi-race')).status).toBe(403)
    const short = await done(await login('committee-wu'), 'mi-race', '好')
    expect(short.status).toBe(400)
    expect(await dbCount(`SELECT COUNT(*) AS n FROM register_done_marks`)).toBe(0)
  })

  it('refuses a resolution that a 金点子 carries: it is done when the 金点子 is completed', async () => {
    const res = await done(await login('committee-wu'), 'mi-linked')
    expect(res.status).toBe(409)
    expect(JSON.stringify(res.body)).toContain('请在金点子里发布完工进展')
  })

  it('marks it done once when ten arrive at once: one mark, one audit row, each follower told once', async () => {
    const li = await login('resident-li')
    await send(
      client(li).register[':kind'][':id'].follow.$post({
        param: { kind: 'resolution', id: 'mi-race' },
      }),
    )
    await resetRateLimits()
    const wu = await login('committee-wu')
    const results = await Promise.all(Array.from({ length: 10 }, () => done(wu, 'mi-race')))
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409])
    const ok = results.find((r) => r.status === 200)!
    expect(expectStatus(ok, 200).body).toMatchObject({
      id: 'mi-race',
      status: 'done',
      statusLabel: '已完成',
      doneNote: '已安装两盏路灯并通电',
      canMarkDone: false,
    })
    expect(
      await dbCount(`SELECT COUNT(*) AS n FROM register_done_marks WHERE item_id = 'mi-race'`),
    ).toBe(1)
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'register.mark_done' AND target_id = 'mi-race'`,
      ),
    ).toBe(1)
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM notifications WHERE kind = 'register.done' AND user_id = 'us-resident-li'`,
      ),
    ).toBe(1)
  })
})

describe('reminders (cron)', () => {
  const notices = (kind: string, userId: string) =>
    dbRows<{ title: string; body: string; link: string }>(
      `SELECT title, body, link FROM notifications WHERE kind = ? AND user_id = ?`,
      kind,
      userId,
    )

  it('reminds the organiser who published a resolution within 3 days of its due date, once', async () => {
    await remindRegister(db(), NOW)
    await remindRegister(db(), NOW + 600_000)
    const soon = await notices('register.due_soon', 'us-committee-wu')
    expect(soon).toEqual([
      {
        title: '决议即将到期',
        body: expect.stringContaining(
          '“后河沿晾衣区”的完成期限是 2026-12-20（责任人：居委会 赵书记）',
        ),
        link: '/packages/transparency/pages/register/index?communityId=cm-huaishu&entry=resolution-mi-plain',
      },
    ])
    // The demo resolution is done: no reminder for it.
    expect(
      await dbCount(
        `SELECT COUNT(*) AS n FROM notifications WHERE kind LIKE 'register.%' AND body LIKE '%青石巷%' AND kind <> 'register.done' AND kind <> 'register.evaluated'`,
      ),
    ).toBe(0)
  })

  it('after the due date: the organiser again, and the followers, once each; the page says overdue', async () => {
    const later = shanghaiMidnight('2026-12-21') + 9 * 3600_000
    await remindRegister(db(), later)
    await remindRegister(db(), later + 300_000)
    expect(await notices('register.overdue_owner', 'us-committee-wu')).toHaveLength(1)
    expect(await notices('register.overdue', 'us-resident-wang')).toEqual([
      {
        title: '您关注的决议已逾期',
        body: '“后河沿晾衣区”已超过完成期限 2026-12-20（责任人：居委会 赵书记）。',
        link: '/packages/transparency/pages/register/index?communityId=cm-huaishu&entry=resolution-mi-plain',
      },
    ])
    vi.setSystemTime(later)
    const entry = (await register()).items.find((e) => e.id === 'mi-plain')!
    expect(entry).toMatchObject({ status: 'overdue', statusLabel: '已逾期' })
    vi.setSystemTime(NOW)
  })

  it('tells the followers of an evaluated entry that it is done and evaluated, once', async () => {
    const zhang = await login('resident-zhang')
    await send(
      client(zhang).register[':kind'][':id'].follow.$post({
        param: { kind: 'resolution', id: 'mi-demo-review-1' },
      }),
    )
    await remindRegister(db(), NOW)
    await remindRegister(db(), NOW + 1000)
    expect(await notices('register.done', 'us-resident-zhang')).toHaveLength(1)
    expect(await notices('register.evaluated', 'us-resident-zhang')).toEqual([
      expect.objectContaining({ body: '“青石巷中段加装路灯”：2 人评价，平均 4.50 分。' }),
    ])
  })
})
