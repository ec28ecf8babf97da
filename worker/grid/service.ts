import { sql } from 'drizzle-orm'
import type { Db } from '../lib/env'
import { auditStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import { requireUser } from '../lib/auth'
import { forbidden, notFound } from '../lib/errors'
import { assertStaffOf, holdsRole } from '../identity/authz'
import { gridRolesOfUser, liveGridGrants, type GridRoleGrant } from '../identity/grid-roles-service'
import { leadsBuildingGroup, leadsGrid } from '../identity/grid-scope'
import {
  gridCandidates,
  householdsOfBuildings,
  pendingRequestsOfBuildings,
  peopleByBuilding,
  type BuildingPeople,
} from '../identity/grid-residents'
import {
  buildingIdsOfGrid,
  buildingIdsOfGroup,
  gridShapes,
  loadBuildingGroup,
  loadGrid,
} from '../places/grids-service'
import { notVotedHouseholds, openVotesInBuildings, turnoutByBuilding } from '../conventions/public'
import {
  publicSuggestionCountsByBuilding,
  publicSuggestionsFromBuildings,
} from '../suggestions/public'
import type { CommunityGrids, MyGrid, ScopeView } from './schemas'

// What 楼组长, 网格员 and staff see of the grid (decision 018). This layer sits above the domains
// (it reads 金点子 and 微规约 through their public.ts) and writes nothing but the audit row of a
// view: the grid's places are places', its roles and vouches identity's.

type Figures = ScopeView['figures']

function sumFigures(
  buildingIds: readonly string[],
  people: Map<string, BuildingPeople>,
  suggestions: Map<string, number>,
): Figures {
  const figures: Figures = {
    buildings: buildingIds.length,
    households: 0,
    householdsWithResidents: 0,
    residents: 0,
    pendingRequests: 0,
    suggestions: 0,
  }
  for (const id of buildingIds) {
    const p = people.get(id)
    figures.households += p?.households ?? 0
    figures.householdsWithResidents += p?.householdsWithResidents ?? 0
    figures.residents += p?.residents ?? 0
    figures.pendingRequests += p?.pendingRequests ?? 0
    figures.suggestions += suggestions.get(id) ?? 0
  }
  return figures
}

const leadersOf = (grants: GridRoleGrant[], scopeId: string) =>
  grants
    .filter((g) => g.scopeId === scopeId)
    .map((g) => ({ grantId: g.id, userId: g.userId, nickname: g.nickname, roleName: g.roleName }))

async function communityName(db: Db, communityId: string) {
  const row = await db.get<{ name: string }>(
    sql`SELECT name FROM communities WHERE id = ${communityId}`,
  )
  return row?.name ?? ''
}

/** The buildings of a community with "小区+楼" names, in the places' order. */
async function buildingNames(db: Db, communityId: string) {
  return db.all<{ id: string; name: string; compoundId: string }>(sql`
    SELECT b.id AS id, cp.name || b.name AS name, b.compound_id AS compoundId
    FROM buildings b JOIN compounds cp ON cp.id = b.compound_id
    WHERE b.community_id = ${communityId}
    ORDER BY cp.sort_order, b.sort_order, b.id`)
}

/** Per open vote in the buildings: turnout by building, and who has not voted when allowed. */
async function votesIn(
  db: Db,
  ballotSecret: string,
  communityId: string,
  buildingIds: readonly string[],
): Promise<ScopeView['votes']> {
  const votes = await openVotesInBuildings(db, communityId, buildingIds)
  return Promise.all(
    votes.map(async (v) => {
      const [byBuilding, notVoted] = await Promise.all([
        turnoutByBuilding(db, v.id, buildingIds),
        v.notVotedVisibleToLeaders
          ? notVotedHouseholds(db, ballotSecret, v.id, buildingIds)
          : Promise.resolve(null),
      ])
      const unit = byBuilding[0]?.unit ?? '户'
      return {
        id: v.id,
        title: v.title,
        closesAt: v.closesAt,
        notVotedVisibleToLeaders: v.notVotedVisibleToLeaders,
        unit,
        eligible: byBuilding.reduce((n, b) => n + b.eligible, 0),
        cast: byBuilding.reduce((n, b) => n + b.cast, 0),
        byBuilding: byBuilding.map((b) => ({
          buildingId: b.buildingId,
          buildingName: b.buildingName,
          eligible: b.eligible,
          cast: b.cast,
          notYet: b.notYet,
          summary:
            b.notYet > 0
              ? `${b.buildingName} 还差 ${b.notYet} ${b.unit}`
              : `${b.buildingName} 已全部参与`,
        })),
        notVoted,
      }
    }),
  )
}

/**
 * One scope's page: its buildings' people, requests, 金点子 and open votes. The caller has
 * decided who may look; the view of neighbours' nicknames and rooms is audited.
 */
async function scopeView(
  db: Db,
  ballotSecret: string,
  viewer: SessionUser,
  scope: { kind: 'grid' | 'building_group'; id: string; name: string; communityId: string },
  buildingIds: string[],
  isLeader: boolean,
): Promise<ScopeView> {
  const [name, names, grants, people, suggestionCounts, households, pending, suggestions, votes] =
    await Promise.all([
      communityName(db, scope.communityId),
      buildingNames(db, scope.communityId),
      liveGridGrants(db, scope.communityId),
      peopleByBuilding(db, scope.communityId),
      publicSuggestionCountsByBuilding(db, scope.communityId),
      householdsOfBuildings(db, buildingIds),
      pendingRequestsOfBuildings(db, viewer.id, buildingIds),
      publicSuggestionsFromBuildings(db, scope.communityId, buildingIds),
      votesIn(db, ballotSecret, scope.communityId, buildingIds),
    ])
  const inScope = new Set(buildingIds)
  let groups: ScopeView['groups'] = []
  if (scope.kind === 'grid') {
    const shapes = await gridShapes(db, scope.communityId)
    groups = shapes.buildingGroups
      .filter((g) => g.buildings.length > 0 && g.buildings.every((b) => inScope.has(b.id)))
      .map((g) => ({
        id: g.id,
        name: g.name,
        leaders: leadersOf(grants, g.id),
        figures: sumFigures(
          g.buildings.map((b) => b.id),
          people,
          suggestionCounts,
        ),
      }))
  }
  await auditStatement(db, {
    communityId: scope.communityId,
    actorUserId: viewer.id,
    action: 'identities.view',
    targetType: scope.kind,
    targetId: scope.id,
    after: { view: 'grid_residents' },
  })
  return {
    scope: { ...scope, communityName: name },
    isLeader,
    leaders: leadersOf(grants, scope.id),
    figures: sumFigures(buildingIds, people, suggestionCounts),
    buildings: names
      .filter((b) => inScope.has(b.id))
      .map((b) => ({
        id: b.id,
        name: b.name,
        households: people.get(b.id)?.households ?? 0,
        residents: people.get(b.id)?.residents ?? 0,
        pendingRequests: people.get(b.id)?.pendingRequests ?? 0,
      })),
    groups,
    households,
    pendingRequests: pending,
    suggestions: suggestions.map((s) => ({
      id: s.id,
      title: s.title,
      statusLabel: s.statusLabel,
      categoryLabel: s.categoryLabel,
      buildingId: s.buildingId,
      authorLabel: s.authorLabel,
      supportHouseholdCount: s.supportHouseholdCount,
      createdAt: s.createdAt,
    })),
    votes,
  }
}

/** Staff of the community look at any scope; a leader only at hers (403 otherwise). */
async function assertMayView(
  db: Db,
  user: SessionUser,
  communityId: string,
  leads: boolean,
  what: string,
): Promise<void> {
  if (leads) return
  if (await holdsRole(db, user, communityId, ['staff', 'admin'])) return
  throw forbidden(`只有${what}和本社区工作人员可以查看`)
}

/** 楼组长 (of this 楼组), the 网格员 of a grid holding all its buildings, or staff. */
export async function buildingGroupView(
  db: Db,
  ballotSecret: string,
  actor: SessionUser | null,
  groupId: string,
): Promise<ScopeView> {
  const user = requireUser(actor)
  const group = await loadBuildingGroup(db, groupId)
  const leads = await leadsBuildingGroup(db, user.id, groupId)
  await assertMayView(db, user, group.communityId, leads, '这个楼组的楼组长、所在网格的网格员')
  return scopeView(
    db,
    ballotSecret,
    user,
    { kind: 'building_group', id: group.id, name: group.name, communityId: group.communityId },
    await buildingIdsOfGroup(db, groupId),
    leads,
  )
}

/** 网格员 (of this 网格) or staff. */
export async function gridView(
  db: Db,
  ballotSecret: string,
  actor: SessionUser | null,
  gridId: string,
): Promise<ScopeView> {
  const user = requireUser(actor)
  const grid = await loadGrid(db, gridId)
  const leads = await leadsGrid(db, user.id, gridId)
  await assertMayView(db, user, grid.communityId, leads, '这个网格的网格员')
  return scopeView(
    db,
    ballotSecret,
    user,
    { kind: 'grid', id: grid.id, name: grid.name, communityId: grid.communityId },
    await buildingIdsOfGrid(db, gridId),
    leads,
  )
}

/** The scopes I look after (我的 → 楼组 / 网格). */
export async function myGrid(db: Db, actor: SessionUser | null): Promise<MyGrid> {
  const user = requireUser(actor)
  const roles = await gridRolesOfUser(db, user.id)
  const names = new Map<string, string>()
  for (const id of new Set(roles.map((r) => r.communityId)))
    names.set(id, await communityName(db, id))
  return {
    items: roles.map((r) => ({
      kind: r.role === 'grid_worker' ? ('grid' as const) : ('building_group' as const),
      id: r.scopeId,
      name: r.scopeName,
      roleName: r.roleName,
      communityId: r.communityId,
      communityName: names.get(r.communityId) ?? '',
    })),
  }
}

/** Staff: every 网格 and 楼组 of the community side by side, with who leads them and what is left. */
export async function communityGrids(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
): Promise<CommunityGrids> {
  await assertStaffOf(db, actor, communityId)
  const [shapes, names, grants, people, suggestionCounts] = await Promise.all([
    gridShapes(db, communityId),
    buildingNames(db, communityId),
    liveGridGrants(db, communityId),
    peopleByBuilding(db, communityId),
    publicSuggestionCountsByBuilding(db, communityId),
  ])
  if (names.length === 0 && shapes.grids.length === 0) {
    const exists = await db.get<{ one: number }>(
      sql`SELECT 1 AS one FROM communities WHERE id = ${communityId}`,
    )
    if (!exists) throw notFound('社区')
  }
  const allBuildings = names.map((b) => b.id)
  const votes = await openVotesInBuildings(db, communityId, allBuildings)
  const turnouts = await Promise.all(votes.map((v) => turnoutByBuilding(db, v.id)))
  const gridded = new Set(shapes.grids.flatMap((g) => g.compounds.map((c) => c.id)))
  const grouped = new Set(shapes.buildingGroups.flatMap((g) => g.buildings.map((b) => b.id)))
  const compoundNames = await db.all<{ id: string; name: string }>(sql`
    SELECT id, name FROM compounds WHERE community_id = ${communityId} ORDER BY sort_order, id`)
  return {
    communityId,
    grids: shapes.grids.map((g) => {
      const inGrid = new Set(g.compounds.map((c) => c.id))
      const ids = names.filter((b) => inGrid.has(b.compoundId)).map((b) => b.id)
      const idSet = new Set(ids)
      return {
        id: g.id,
        name: g.name,
        compounds: g.compounds,
        leaders: leadersOf(grants, g.id),
        figures: sumFigures(ids, people, suggestionCounts),
        // Only the votes whose roll reaches this grid's buildings.
        votes: votes
          .map((v, i) => {
            const rows = (turnouts[i] ?? []).filter((t) => idSet.has(t.buildingId))
            return {
              id: v.id,
              title: v.title,
              unit: rows[0]?.unit ?? '户',
              eligible: rows.reduce((n, t) => n + t.eligible, 0),
              cast: rows.reduce((n, t) => n + t.cast, 0),
            }
          })
          .filter((v) => v.eligible > 0),
      }
    }),
    buildingGroups: shapes.buildingGroups.map((g) => ({
      id: g.id,
      name: g.name,
      buildings: g.buildings,
      leaders: leadersOf(grants, g.id),
      figures: sumFigures(
        g.buildings.map((b) => b.id),
        people,
        suggestionCounts,
      ),
    })),
    unassigned: {
      compounds: compoundNames.filter((c) => !gridded.has(c.id)),
      buildings: names.filter((b) => !grouped.has(b.id)).map(({ id, name }) => ({ id, name })),
    },
  }
}

/** Staff pick a person to name 网格员 or 楼组长 (nicknames and rooms: an audited view). */
export async function candidates(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
  q: string | undefined,
) {
  const staff = await assertStaffOf(db, actor, communityId)
  const items = await gridCandidates(db, communityId, q)
  await auditStatement(db, {
    communityId,
    actorUserId: staff.id,
    action: 'identities.view',
    targetType: 'community',
    targetId: communityId,
    after: { view: 'grid_candidates', q: q ?? '' },
  })
  return { items }
}
