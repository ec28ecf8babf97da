import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_USERS } from '../../db/seed/demo'
import {
  dbCount,
  dbRows,
  demoSessions,
  loginNew,
  newRequest,
  newResident,
  resetRateLimits,
  seedDemo,
} from './helpers'
import { assertStatus, client, rawRequest, send } from './client'

// Who may do what, route by route, in both demo communities. Every route that names a community
// or a community-owned record is exercised by every kind of actor; denied calls must leave the
// target untouched, allowed calls must change it.

type SideKey = 'huaishu' | 'fengqiao'
type Side = {
  id: string
  building: string
  /** Households handed out to fresh residents, one per call. */
  households: string[]
  tokens: {
    staff: string
    staffNotAdmin: string
    otherStaff: string
    resident: string
    committee: string
    unverified: string
  }
}
type Actor =
  | 'anonymous'
  | 'unverified'
  | 'resident'
  | 'owner'
  | 'committee'
  | 'otherStaff'
  | 'staffNotAdmin'
  | 'staff'

/** A fresh target for one call: where to send it, and a snapshot of what it may change. */
type Target = {
  path: string
  body?: Record<string, unknown>
  ownerToken?: string
  state?: () => Promise<unknown>
}

type Route = {
  name: string
  success: 200 | 201
  adminOnly?: boolean
  hasOwner?: boolean
  prepare: (side: Side) => Promise<Target>
}

const session = demoSessions()
const sides = {} as Record<SideKey, Side>
let seq = 0
const openid = (prefix: string) => `${prefix}-${++seq}`
const nextHousehold = (side: Side) => {
  const household = side.households.shift()
  if (!household) throw new Error('out of households')
  return household
}

/** Every household of some buildings (seed naming: hh-<building>-<unit>-<floor>0<n>). */
const householdsOf = (buildings: { id: string; units: number; floors: number }[]) =>
  buildings.flatMap(({ id, units, floors }) =>
    Array.from({ length: units }, (_, u) => u + 1).flatMap((unit) =>
      Array.from({ length: floors }, (_, f) => f + 1).flatMap((floor) =>
        [1, 2].map((n) => `hh-${id}-${unit}-${floor}0${n}`),
      ),
    ),
  )

const routes: Route[] = [
  {
    name: 'GET /api/communities/:id/residency-requests',
    success: 200,
    prepare: async (side) => ({
      path: `/api/communities/${side.id}/residency-requests?status=pending`,
    }),
  },
  {
    name: 'GET /api/communities/:id/households',
    success: 200,
    prepare: async (side) => ({
      path: `/api/communities/${side.id}/households?buildingId=${side.building}`,
    }),
  },
  {
    name: 'POST /api/communities/:id/invite-codes',
    success: 201,
    prepare: async (side) => {
      const household = nextHousehold(side)
      return {
        path: `/api/communities/${side.id}/invite-codes`,
        body: { householdIds: [household] },
        state: () =>
          dbCount('SELECT COUNT(*) AS n FROM invite_codes WHERE household_id = ?', household),
      }
    },
  },
  {
    name: 'GET /api/communities/:id/residents',
    success: 200,
    prepare: async (side) => ({ path: `/api/communities/${side.id}/residents` }),
  },
  {
    name: 'GET /api/communities/:id/roles',
    success: 200,
    prepare: async (side) => ({ path: `/api/communities/${side.id}/roles` }),
  },
  {
    name: 'POST /api/communities/:id/roles',
    success: 201,
    adminOnly: true,
    prepare: async (side) => {
      const { userId } = await loginNew(openid('grantee'), { consent: false })
      return {
        path: `/api/communities/${side.id}/roles`,
        body: { userId, role: 'committee' },
        state: () => dbCount('SELECT COUNT(*) AS n FROM role_grants WHERE user_id = ?', userId),
      }
    },
  },
  {
    name: 'GET /api/communities/:id/audit',
    success: 200,
    prepare: async (side) => ({ path: `/api/communities/${side.id}/audit` }),
  },
  {
    name: 'POST /api/residency-requests/:id/approve',
    success: 200,
    hasOwner: true,
    prepare: async (side) => {
      const household = nextHousehold(side)
      const [, building, unit, room] = /^hh-(.+)-(\d)-(\d{3})$/.exec(household)!
      const asker = await newRequest(openid('asker'), {
        communityId: side.id,
        buildingId: `bd-${building}`,
        unit: unit!,
        room: room!,
        realName: '邱实',
      })
      return {
        path: `/api/residency-requests/${asker.requestId}/approve`,
        ownerToken: asker.token,
        state: async () => [
          await dbRows('SELECT status FROM residency_requests WHERE id = ?', asker.requestId),
          await dbCount('SELECT COUNT(*) AS n FROM residencies WHERE user_id = ?', asker.userId),
        ],
      }
    },
  },
  {
    name: 'POST /api/residency-requests/:id/reject',
    success: 200,
    hasOwner: true,
    prepare: async (side) => {
      const asker = await newRequest(openid('asker'), {
        communityId: side.id,
        buildingId: side.building,
        unit: '1',
        room: '101',
        realName: '邱实',
      })
      return {
        path: `/api/residency-requests/${asker.requestId}/reject`,
        body: { reason: '信息不符' },
        ownerToken: asker.token,
        state: () =>
          dbRows(
            'SELECT status, reject_reason FROM residency_requests WHERE id = ?',
            asker.requestId,
          ),
      }
    },
  },
  {
    name: 'POST /api/residencies/:id/revoke',
    success: 200,
    hasOwner: true,
    prepare: async (side) => {
      const resident = await newResident(
        openid('resident'),
        side.tokens.staff,
        side.id,
        nextHousehold(side),
      )
      return {
        path: `/api/residencies/${resident.residencyId}/revoke`,
        body: { reason: '已搬离' },
        ownerToken: resident.token,
        state: () => dbRows('SELECT status FROM residencies WHERE id = ?', resident.residencyId),
      }
    },
  },
  {
    name: 'POST /api/residencies/:id/representative',
    success: 200,
    hasOwner: true,
    prepare: async (side) => {
      const resident = await newResident(
        openid('resident'),
        side.tokens.staff,
        side.id,
        nextHousehold(side),
      )
      return {
        path: `/api/residencies/${resident.residencyId}/representative`,
        ownerToken: resident.token,
        state: () =>
          dbRows('SELECT is_representative FROM residencies WHERE id = ?', resident.residencyId),
      }
    },
  },
  {
    name: 'DELETE /api/role-grants/:id',
    success: 200,
    adminOnly: true,
    hasOwner: true,
    prepare: async (side) => {
      const grantee = await loginNew(openid('grantee'), { consent: false })
      const granted = await send(
        client(side.tokens.staff).communities[':id'].roles.$post({
          param: { id: side.id },
          json: { userId: grantee.userId, role: 'planner' },
        }),
      )
      if (granted.status !== 201) throw new Error(`grant failed: ${granted.status}`)
      return {
        path: `/api/role-grants/${granted.body.id}`,
        ownerToken: grantee.token,
        state: () => dbCount('SELECT COUNT(*) AS n FROM role_grants WHERE id = ?', granted.body.id),
      }
    },
  },
]

const ACTOR_LABELS: Record<Actor, string> = {
  anonymous: 'an anonymous caller',
  unverified: 'a signed-in user who is no resident',
  resident: 'a resident of the community',
  owner: 'the person the record is about',
  committee: 'a committee member (not staff) of the community',
  otherStaff: 'staff and admin of the other community',
  staffNotAdmin: 'staff of the community who is not admin',
  staff: 'staff and admin of the community',
}

function expectedStatus(route: Route, actor: Actor): number {
  if (actor === 'anonymous') return 401
  if (actor === 'staff') return route.success
  if (actor === 'staffNotAdmin') return route.adminOnly ? 403 : route.success
  return 403
}

function tokenOf(side: Side, actor: Actor, target: Target): string | undefined {
  if (actor === 'anonymous') return undefined
  if (actor === 'owner') return target.ownerToken
  return side.tokens[actor]
}

beforeAll(async () => {
  await seedDemo()
  const [zhao, sun, wang, wu, chen] = await Promise.all(
    ['staff-zhao', 'staff-sun', 'resident-wang', 'committee-wu', 'newcomer-chen'].map((key) =>
      session(key),
    ),
  )
  // Planner-zhou also becomes huaishu staff (not admin); fengqiao gets a resident with a real name,
  // a committee member and a non-admin staff member of its own.
  await send(
    client(zhao).communities[':id'].roles.$post({
      param: { id: 'cm-huaishu' },
      json: { userId: 'us-planner-zhou', role: 'staff' },
    }),
  )
  const fqResident = await newRequest('fq-resident', {
    communityId: 'cm-fengqiao',
    buildingId: 'bd-fengqiao-2',
    unit: '2',
    room: '502',
    realName: '冯桥',
  })
  await send(
    client(sun)['residency-requests'][':id'].approve.$post({ param: { id: fqResident.requestId } }),
  )
  const fqCommittee = await loginNew('fq-committee')
  await send(
    client(sun).communities[':id'].roles.$post({
      param: { id: 'cm-fengqiao' },
      json: { userId: fqCommittee.userId, role: 'committee' },
    }),
  )
  const fqStaff = await loginNew('fq-staff')
  await send(
    client(sun).communities[':id'].roles.$post({
      param: { id: 'cm-fengqiao' },
      json: { userId: fqStaff.userId, role: 'staff' },
    }),
  )

  sides.huaishu = {
    id: 'cm-huaishu',
    building: 'bd-wutong-1',
    households: householdsOf([
      { id: 'wutong-2', units: 2, floors: 6 },
      { id: 'wutong-3', units: 3, floors: 6 },
    ]),
    tokens: {
      staff: zhao!,
      staffNotAdmin: await session('planner-zhou'),
      otherStaff: sun!,
      resident: wang!,
      committee: wu!,
      unverified: chen!,
    },
  }
  sides.fengqiao = {
    id: 'cm-fengqiao',
    building: 'bd-fengqiao-1',
    households: householdsOf([
      { id: 'fengqiao-1', units: 2, floors: 5 },
      { id: 'fengqiao-2', units: 2, floors: 5 },
    ]),
    tokens: {
      staff: sun!,
      staffNotAdmin: fqStaff.token,
      otherStaff: zhao!,
      resident: fqResident.token,
      committee: fqCommittee.token,
      unverified: chen!,
    },
  }
  expect(
    await dbCount(
      "SELECT COUNT(*) AS n FROM residencies WHERE user_id = ? AND status = 'verified'",
      fqResident.userId,
    ),
  ).toBe(1)
})

beforeEach(resetRateLimits)

for (const route of routes) {
  describe(route.name, () => {
    const actors: Actor[] = [
      'anonymous',
      'unverified',
      'resident',
      ...(route.hasOwner ? ['owner' as const] : []),
      'committee',
      'otherStaff',
      'staffNotAdmin',
      'staff',
    ]
    const cases = (['huaishu', 'fengqiao'] as const).flatMap((sideKey) =>
      actors.map((actor) => ({
        sideKey,
        actor,
        status: expectedStatus(route, actor),
        label: ACTOR_LABELS[actor],
      })),
    )

    // Denied callers share one target per community (they must leave it as it was); every allowed
    // call gets a fresh one, since it changes it.
    const shared = new Map<SideKey, Promise<Target>>()
    const targetFor = (sideKey: SideKey, allowed: boolean) => {
      if (allowed) return route.prepare(sides[sideKey])
      if (!shared.has(sideKey)) shared.set(sideKey, route.prepare(sides[sideKey]))
      return shared.get(sideKey)!
    }

    it.each(cases)('$sideKey: answers $status to $label', async ({ sideKey, actor, status }) => {
      const side = sides[sideKey]
      const target = await targetFor(sideKey, status < 400)
      const before = await target.state?.()

      const res = await rawRequest(route.name.split(' ')[0]!, target.path, {
        token: tokenOf(side, actor, target),
        body: target.body,
      })

      expect(res.status).toBe(status)
      if (status === 401) expect(res.body.error.code).toBe('UNAUTHENTICATED')
      if (status === 403) {
        expect(res.body.error.code).toBe('FORBIDDEN')
        expect(res.body.error.message).toMatch(/^只有本社区的/)
      }
      if (target.state) {
        const after = await target.state()
        if (status >= 400) expect(after).toEqual(before)
        else expect(after).not.toEqual(before)
      }
    })
  })
}

describe('real names across communities', () => {
  const huaishuNames = DEMO_USERS.filter((u) => u.residency?.communityId === 'cm-huaishu').map(
    (u) => u.residency!.realName,
  )

  it('refuses staff-sun the huaishu residents list (403) without leaking a name', async () => {
    const res = await send(
      client(sides.fengqiao.tokens.staff).communities[':id'].residents.$get({
        param: { id: 'cm-huaishu' },
        query: {},
      }),
    )

    assertStatus(res, 403)
    expect((res.body as Record<string, unknown>).items).toBeUndefined()
    for (const name of huaishuNames) expect(JSON.stringify(res.body)).not.toContain(name)
  })

  it("shows staff-sun only fengqiao's residents, with their real names", async () => {
    const res = await send(
      client(sides.fengqiao.tokens.staff).communities[':id'].residents.$get({
        param: { id: 'cm-fengqiao' },
        query: { limit: '100' },
      }),
    )

    assertStatus(res, 200)
    const body = JSON.stringify(res.body)
    expect(huaishuNames).toContain('王秀英')
    for (const name of huaishuNames) expect(body).not.toContain(name)
    expect(body).not.toContain('hh-wutong')
    expect(res.body.items.length).toBeGreaterThan(0)
    expect(
      res.body.items.every((r: { household: { id: string } }) =>
        r.household.id.startsWith('hh-fengqiao-'),
      ),
    ).toBe(true)
    expect(res.body.items.map((r: { realName: string | null }) => r.realName)).toContain('冯桥')
  })

  it("does not let staff-sun read a huaishu building through his own community's households route", async () => {
    const res = await send(
      client(sides.fengqiao.tokens.staff).communities[':id'].households.$get({
        param: { id: 'cm-fengqiao' },
        query: { buildingId: 'bd-wutong-1' },
      }),
    )

    assertStatus(res, 404)
    expect(JSON.stringify(res.body)).not.toContain('王秀英')
  })

  it('does not let staff-sun issue codes for huaishu households through his own community', async () => {
    const res = await send(
      client(sides.fengqiao.tokens.staff).communities[':id']['invite-codes'].$post({
        param: { id: 'cm-fengqiao' },
        json: { householdIds: ['hh-wutong-1-1-301'] },
      }),
    )

    assertStatus(res, 400)
    expect(
      await dbCount(
        "SELECT COUNT(*) AS n FROM invite_codes WHERE household_id = 'hh-wutong-1-1-301'",
      ),
    ).toBe(0)
  })
})
