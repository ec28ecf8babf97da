import type { D1Migration } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { addOtherCentre, centreManager, userWithRole } from './booking-helpers'
import {
  dbCount,
  dbRows,
  dbRun,
  demoSessions,
  rawRequest,
  resetRateLimits,
  seedDemo,
} from './helpers'
import { assertStatus, client, send, succeeded } from './client'

// 邻里中心管理员 granted per centre (decision 020): who may see, grant and revoke it, what the
// grant opens, the races on it, the 操作记录 in words, and the migration that carried today's
// community-level holders over to the centres their community is served by.

const CENTRE = 'ct-qingwu'
const FENGQIAO = 'cm-fengqiao'
const session = demoSessions()
let zhao: string // admin (and staff, committee) of 槐树社区, served by the centre
let sun: string // admin and staff of 枫桥社区, served by the centre
let qian: string // the seed's granted manager
let wang: string // a resident of 槐树社区
let servedStaff: string // staff only of 枫桥社区
let otherAdmin: string // admin of 远山社区, which the centre does not serve
let otherCentre: Awaited<ReturnType<typeof addOtherCentre>>

const grant = (token: string | undefined, userId: string, centreId = CENTRE) =>
  send(
    client(token).centres[':id']['role-grants'].$post({
      param: { id: centreId },
      json: { userId, role: 'manager' },
    }),
  )
const revoke = (token: string | undefined, grantId: string) =>
  send(client(token)['centre-role-grants'][':id'].$delete({ param: { id: grantId } }))
const list = (token: string | undefined, centreId = CENTRE) =>
  send(client(token).centres[':id']['role-grants'].$get({ param: { id: centreId } }))
/** The manager route every test uses to tell a manager from anyone else. */
const calendarStatus = async (token: string) =>
  (
    await rawRequest('GET', `/api/centres/${CENTRE}/calendar?from=0&to=${Date.now()}`, {
      token,
    })
  ).status
const liveGrants = (userId: string, centreId = CENTRE) =>
  dbCount(
    'SELECT COUNT(*) AS n FROM centre_role_grants WHERE user_id = ? AND centre_id = ? AND revoked_at IS NULL',
    userId,
    centreId,
  )
const audits = (action: string, userId: string) =>
  dbCount(
    `SELECT COUNT(*) AS n FROM audit_log WHERE action = ? AND target_id = ? AND
       json_extract(COALESCE(after_json, before_json), '$.userId') = ?`,
    action,
    CENTRE,
    userId,
  )

beforeAll(async () => {
  await seedDemo()
  otherCentre = await addOtherCentre()
  zhao = await session('staff-zhao')
  sun = await session('staff-sun')
  qian = await session('centre-qian')
  wang = await session('resident-wang')
  servedStaff = (await userWithRole('cr-fq-staff', FENGQIAO, 'staff')).token
  otherAdmin = (await userWithRole('cr-ys-admin', otherCentre.communityId, 'admin')).token
})
beforeEach(resetRateLimits)

describe('GET /api/centres/{id}/role-grants', () => {
  it("shows the seed's manager, who appointed her and since when, to staff of a served community", async () => {
    for (const token of [zhao, sun, servedStaff]) {
      const res = await list(token)
      assertStatus(res, 200)
      expect(res.body.items).toContainEqual({
        id: 'cg-centre-qian-ct-qingwu',
        centreId: CENTRE,
        userId: 'us-centre-qian',
        nickname: '钱经理',
        role: 'manager',
        grantedAt: expect.any(Number),
        grantedBy: { id: 'us-staff-zhao', nickname: '赵书记' },
        revokedAt: null,
      })
    }
  })

  it('refuses residents, the manager herself (not staff), staff of a community not served (403), anonymous (401); an unknown centre is 404', async () => {
    for (const token of [wang, qian, otherAdmin]) {
      const res = await list(token)
      assertStatus(res, 403)
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/)
      expect(JSON.stringify(res.body)).not.toContain('钱经理')
    }
    assertStatus(await list(undefined), 401)
    assertStatus(await list(zhao, 'ct-nowhere'), 404)
  })
})

describe('POST /api/centres/{id}/role-grants', () => {
  it('lets the admin of a served community appoint a manager (201), who may then run the centre; audited under her community', async () => {
    const { token, userId } = await userWithRole('cr-new-manager', FENGQIAO, 'committee')
    expect(await calendarStatus(token)).toBe(403)
    const res = await grant(sun, userId)
    assertStatus(res, 201)
    expect(res.body).toMatchObject({
      centreId: CENTRE,
      userId,
      role: 'manager',
      grantedBy: { id: 'us-staff-sun', nickname: '孙主任' },
      revokedAt: null,
    })
    expect(await calendarStatus(token)).toBe(200)
    const managed = await send(client(token).me['managed-centres'].$get())
    expect(succeeded(managed).body.items.map((c) => c.id)).toEqual([CENTRE])
    // Filed under the granting admin's community, in words.
    const log = await send(
      client(sun).communities[':id'].audit.$get({ param: { id: FENGQIAO }, query: { limit: '1' } }),
    )
    expect(succeeded(log).body.items[0]).toMatchObject({
      action: 'centre_role.grant',
      actionLabel: '任命邻里中心管理员',
      targetType: 'centre',
      targetTypeLabel: '邻里中心',
      targetName: '青梧邻里中心',
      after: { userId },
    })
    expect(succeeded(log).body.items[0]!.changes).toEqual([
      { field: 'userId', label: '居民', before: null, after: expect.any(String) },
    ])
  })

  it('lets an admin appoint herself, explicitly and audited: being admin alone was not enough', async () => {
    expect(await calendarStatus(zhao)).toBe(403)
    assertStatus(await grant(zhao, 'us-staff-zhao'), 201)
    expect(await calendarStatus(zhao)).toBe(200)
    expect(await audits('centre_role.grant', 'us-staff-zhao')).toBe(1)
  })

  it('refuses everyone but an admin of a served community (403/401) and stores nothing', async () => {
    const target = (await userWithRole('cr-refused', FENGQIAO, 'staff')).userId
    for (const token of [servedStaff, qian, wang, otherAdmin]) {
      const res = await grant(token, target)
      assertStatus(res, 403)
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/)
    }
    assertStatus(await grant(undefined, target), 401)
    // The manager of another centre cannot appoint here; 远山's admin only at 远山.
    const ysManager = await centreManager('cr-ys-manager', otherCentre.centreId)
    assertStatus(await grant(ysManager.token, target), 403)
    assertStatus(await grant(otherAdmin, target, otherCentre.centreId), 201)
    expect(await liveGrants(target)).toBe(0)
    expect(await audits('centre_role.grant', target)).toBe(0)
  })

  it('answers 409 to a second grant of a live manager, 404 to an unknown person or centre, 400 to another role', async () => {
    const dup = await grant(zhao, 'us-centre-qian')
    assertStatus(dup, 409)
    expect(dup.body.error.message).toBe('这位已经是该邻里中心的管理员')
    assertStatus(await grant(zhao, 'us-nobody'), 404)
    assertStatus(await grant(zhao, 'us-resident-li', 'ct-nowhere'), 404)
    const wrongRole = await rawRequest('POST', `/api/centres/${CENTRE}/role-grants`, {
      token: zhao,
      body: { userId: 'us-resident-li', role: 'admin' },
    })
    assertStatus(wrongRole, 400)
    expect(await liveGrants('us-resident-li')).toBe(0)
  })

  it('no longer takes 邻里中心管理员 as a community role (400, nothing stored)', async () => {
    const res = await rawRequest('POST', '/api/communities/cm-huaishu/roles', {
      token: zhao,
      body: { userId: 'us-resident-li', role: 'centre_manager' },
    })
    assertStatus(res, 400)
    expect(
      await dbCount("SELECT COUNT(*) AS n FROM role_grants WHERE role = 'centre_manager'"),
    ).toBe(0)
  })

  it('ten grants of the same person at once: one 201, nine 409, one live grant, one audit row', async () => {
    const { userId } = await userWithRole('cr-race-grant', FENGQIAO, 'staff')
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => grant(i % 2 ? zhao : sun, userId)),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)])
    expect(await liveGrants(userId)).toBe(1)
    expect(await audits('centre_role.grant', userId)).toBe(1)
  })
})

describe('DELETE /api/centre-role-grants/{id}', () => {
  it('lets an admin of a served community revoke a grant another admin made; the manager is refused at once, the row stays as the record, and she can be appointed again', async () => {
    const { token, userId } = await userWithRole('cr-revoked', FENGQIAO, 'committee')
    const granted = succeeded(await grant(sun, userId)).body
    expect(await calendarStatus(token)).toBe(200)

    assertStatus(await revoke(zhao, granted.id), 200)
    expect(await calendarStatus(token)).toBe(403)
    const [row] = await dbRows<{ revoked_by: string; revoked_at: number | null }>(
      'SELECT revoked_by, revoked_at FROM centre_role_grants WHERE id = ?',
      granted.id,
    )
    expect(row).toEqual({ revoked_by: 'us-staff-zhao', revoked_at: expect.any(Number) })
    expect(await audits('centre_role.revoke', userId)).toBe(1)
    const listed = succeeded(await list(zhao)).body.items.find((g) => g.id === granted.id)
    expect(listed?.revokedAt).toEqual(expect.any(Number))
    // Revoking again: 409, no second audit row.
    const again = await revoke(zhao, granted.id)
    assertStatus(again, 409)
    expect(again.body.error.message).toBe('这项任命已经撤销')
    expect(await audits('centre_role.revoke', userId)).toBe(1)
    // Appointed again: a new live grant beside the old row; listed once, as a manager.
    assertStatus(await grant(zhao, userId), 201)
    expect(await calendarStatus(token)).toBe(200)
    const items = succeeded(await list(zhao)).body.items.filter((g) => g.userId === userId)
    expect(items.map((g) => g.revokedAt)).toEqual([null])
  })

  it('refuses everyone but an admin of a served community (403/401), the manager herself included, and changes nothing', async () => {
    for (const token of [qian, servedStaff, wang, otherAdmin]) {
      const res = await revoke(token, 'cg-centre-qian-ct-qingwu')
      assertStatus(res, 403)
    }
    assertStatus(await revoke(undefined, 'cg-centre-qian-ct-qingwu'), 401)
    assertStatus(await revoke(zhao, 'cg-nowhere'), 404)
    expect(await liveGrants('us-centre-qian')).toBe(1)
    expect(await calendarStatus(qian)).toBe(200)
  })

  it('ten revocations at once: one 200, nine 409, one audit row', async () => {
    const { userId } = await userWithRole('cr-race-revoke', FENGQIAO, 'staff')
    const granted = succeeded(await grant(sun, userId)).body
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => revoke(i % 2 ? zhao : sun, granted.id)),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)])
    expect(await liveGrants(userId)).toBe(0)
    expect(await audits('centre_role.revoke', userId)).toBe(1)
  })
})

describe("the migration carries today's community-level centre managers explicitly", () => {
  /**
   * The data statements of the migration that created centre_role_grants, run again on rows of
   * the old shape. workerd's binding holds each migration's statements; the Node runtime's holds
   * its file (server/database.ts), split here at drizzle's breakpoints.
   */
  async function runDataMigration() {
    const statements = (env.TEST_MIGRATIONS as (D1Migration | { name: string; sql: string })[]).map(
      (m) => ('queries' in m ? m.queries : m.sql.split('--> statement-breakpoint')),
    )
    const migration = statements.find((queries) =>
      queries.some((q) => q.includes('CREATE TABLE `centre_role_grants`')),
    )
    expect(migration, 'the migration creating centre_role_grants').toBeDefined()
    const data = migration!.filter(
      (q) =>
        q.includes('INSERT INTO `centre_role_grants`') || q.includes('DELETE FROM `role_grants`'),
    )
    expect(data.length).toBe(2)
    for (const q of data) await env.DB.prepare(q).run()
  }

  it('gives each holder a grant for every centre serving her community, keeping who granted it and when; admins get none; the old rows are gone', async () => {
    // Rows as the old schema allowed them: a centre_manager of 枫桥社区 (served by 青梧 only), one
    // of 远山社区 (served by 远山 only) who also held it in 枫桥社区, and one of a community no
    // centre serves.
    await dbRun(
      "INSERT INTO communities (id, street_id, name, created_at) VALUES ('cm-lonely', 'st-qingwu', '无中心社区', 0)",
    )
    const [a, b, c] = await Promise.all(
      ['cr-old-a', 'cr-old-b', 'cr-old-c'].map((o) => userWithRole(o, FENGQIAO, 'staff')),
    )
    const old = (id: string, community: string, user: string, at: number) =>
      dbRun(
        "INSERT INTO role_grants (id, community_id, user_id, role, granted_by, granted_at) VALUES (?, ?, ?, 'centre_manager', 'us-staff-sun', ?)",
        id,
        community,
        user,
        at,
      )
    await old('rg-old-a', FENGQIAO, a!.userId, 1000)
    await old('rg-old-b1', otherCentre.communityId, b!.userId, 2000)
    await old('rg-old-b2', FENGQIAO, b!.userId, 3000)
    await old('rg-old-c', 'cm-lonely', c!.userId, 4000)
    const adminsBefore = await dbCount("SELECT COUNT(*) AS n FROM role_grants WHERE role = 'admin'")

    await runDataMigration()

    const carried = await dbRows<{
      centre_id: string
      user_id: string
      granted_by: string
      granted_at: number
    }>(
      'SELECT centre_id, user_id, granted_by, granted_at FROM centre_role_grants WHERE user_id IN (?, ?, ?) ORDER BY granted_at',
      a!.userId,
      b!.userId,
      c!.userId,
    )
    expect(carried).toEqual([
      { centre_id: CENTRE, user_id: a!.userId, granted_by: 'us-staff-sun', granted_at: 1000 },
      {
        centre_id: otherCentre.centreId,
        user_id: b!.userId,
        granted_by: 'us-staff-sun',
        granted_at: 2000,
      },
      { centre_id: CENTRE, user_id: b!.userId, granted_by: 'us-staff-sun', granted_at: 3000 },
    ])
    expect(
      await dbCount("SELECT COUNT(*) AS n FROM role_grants WHERE role = 'centre_manager'"),
    ).toBe(0)
    // Admins keep their community role and gain no centre.
    expect(await dbCount("SELECT COUNT(*) AS n FROM role_grants WHERE role = 'admin'")).toBe(
      adminsBefore,
    )
    expect(await liveGrants('us-staff-sun')).toBe(0)
    // The carried manager runs the centre through the API.
    expect(await calendarStatus(a!.token)).toBe(200)
    expect(await calendarStatus(c!.token)).toBe(403)
  })
})
