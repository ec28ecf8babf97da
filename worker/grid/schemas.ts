import { z } from '@hono/zod-openapi'
import { GRID_ROLES } from '../../db/schema'
import { requiredText } from '../lib/fields'

// The grid's requests and answers (decision 018). Types the mini-program imports are below.

const Ids = (what: string, max: number) =>
  z
    .array(z.string().min(1).max(64), { error: `请选择${what}` })
    .min(1, `请至少选择一个${what}`)
    .max(max, `一次最多选择 ${max} 个${what}`)

export const CreateGridBody = z.strictObject({
  name: requiredText(30, '网格名称'),
  compoundIds: Ids('小区', 50),
})

export const UpdateGridBody = z.strictObject({
  name: requiredText(30, '网格名称').optional(),
  compoundIds: Ids('小区', 50).optional(),
})

export const CreateBuildingGroupBody = z.strictObject({
  name: requiredText(30, '楼组名称'),
  buildingIds: Ids('楼栋', 60),
})

export const UpdateBuildingGroupBody = z.strictObject({
  name: requiredText(30, '楼组名称').optional(),
  buildingIds: Ids('楼栋', 60).optional(),
})

export const GrantGridRoleBody = z.strictObject({
  userId: z.string({ error: '请选择居民' }).min(1, '请选择居民').max(64),
  role: z.enum(GRID_ROLES, { error: '请选择网格员或楼组长' }),
  /** The 网格 (for 网格员) or 楼组 (for 楼组长). */
  scopeId: z.string({ error: '请选择网格或楼组' }).min(1, '请选择网格或楼组').max(64),
})

export const CandidatesQuery = z.object({
  q: z.string().max(20).optional(),
})

const Leader = z.object({
  grantId: z.string(),
  userId: z.string(),
  nickname: z.string(),
  roleName: z.string(),
})

export const GridRoleGrantSchema = z
  .object({
    id: z.string(),
    role: z.enum(GRID_ROLES),
    roleName: z.string(),
    userId: z.string(),
    nickname: z.string(),
    scopeId: z.string(),
    scopeName: z.string(),
    grantedAt: z.number(),
  })
  .openapi('GridRoleGrant')

const Figures = z.object({
  buildings: z.number(),
  households: z.number(),
  /** Households with at least one verified resident. */
  householdsWithResidents: z.number(),
  residents: z.number(),
  pendingRequests: z.number(),
  suggestions: z.number(),
})

const VoteTurnout = z.object({
  id: z.string(),
  title: z.string(),
  closesAt: z.number(),
  notVotedVisibleToLeaders: z.boolean(),
  unit: z.string(),
  eligible: z.number(),
  cast: z.number(),
  byBuilding: z.array(
    z.object({
      buildingId: z.string(),
      buildingName: z.string(),
      eligible: z.number(),
      cast: z.number(),
      notYet: z.number(),
      /** "槐荫里5号楼 还差 7 户" */
      summary: z.string(),
    }),
  ),
  /** Households without a ballot — only when the vote allowed it when it opened; null otherwise. */
  notVoted: z
    .array(
      z.object({
        householdId: z.string(),
        buildingId: z.string(),
        label: z.string(),
        voters: z.number(),
      }),
    )
    .nullable(),
})

export const ScopeViewSchema = z
  .object({
    scope: z.object({
      kind: z.enum(['grid', 'building_group']),
      id: z.string(),
      name: z.string(),
      communityId: z.string(),
      communityName: z.string(),
    }),
    /** The viewer looks after these buildings (may vouch); false for staff looking in. */
    isLeader: z.boolean(),
    leaders: z.array(Leader),
    figures: Figures,
    buildings: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        households: z.number(),
        residents: z.number(),
        pendingRequests: z.number(),
      }),
    ),
    /** Under a 网格: its 楼组 rolled up (empty under a 楼组). */
    groups: z.array(
      z.object({ id: z.string(), name: z.string(), leaders: z.array(Leader), figures: Figures }),
    ),
    households: z.array(
      z.object({
        id: z.string(),
        buildingId: z.string(),
        unit: z.string(),
        room: z.string(),
        label: z.string(),
        residents: z.array(
          z.object({
            nickname: z.string(),
            realName: z.string().nullable(),
            isRepresentative: z.boolean(),
          }),
        ),
      }),
    ),
    pendingRequests: z.array(
      z.object({
        id: z.string(),
        buildingId: z.string(),
        nickname: z.string(),
        label: z.string(),
        createdAt: z.number(),
        vouches: z.number(),
        vouchedByMe: z.boolean(),
      }),
    ),
    suggestions: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        statusLabel: z.string(),
        categoryLabel: z.string(),
        buildingId: z.string(),
        authorLabel: z.string(),
        supportHouseholdCount: z.number(),
        createdAt: z.number(),
      }),
    ),
    votes: z.array(VoteTurnout),
  })
  .openapi('GridScopeView')

export const MyGridSchema = z.object({
  items: z.array(
    z.object({
      kind: z.enum(['grid', 'building_group']),
      id: z.string(),
      name: z.string(),
      roleName: z.string(),
      communityId: z.string(),
      communityName: z.string(),
    }),
  ),
})

export const CommunityGridsSchema = z
  .object({
    communityId: z.string(),
    grids: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        compounds: z.array(z.object({ id: z.string(), name: z.string() })),
        leaders: z.array(Leader),
        figures: Figures,
        /** Open votes: cast and eligible in this grid's buildings. */
        votes: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            unit: z.string(),
            eligible: z.number(),
            cast: z.number(),
          }),
        ),
      }),
    ),
    buildingGroups: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        buildings: z.array(
          z.object({ id: z.string(), name: z.string(), compoundName: z.string() }),
        ),
        leaders: z.array(Leader),
        figures: Figures,
      }),
    ),
    /** Compounds in no 网格 and buildings in no 楼组: what is left to draw. */
    unassigned: z.object({
      compounds: z.array(z.object({ id: z.string(), name: z.string() })),
      buildings: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  })
  .openapi('CommunityGrids')

export const CandidatesSchema = z.object({
  items: z.array(
    z.object({ userId: z.string(), nickname: z.string(), household: z.string().nullable() }),
  ),
})

export const VouchSchema = z.object({ ok: z.literal(true), roleName: z.string() })

export type ScopeView = z.infer<typeof ScopeViewSchema>
export type MyGrid = z.infer<typeof MyGridSchema>
export type CommunityGrids = z.infer<typeof CommunityGridsSchema>
export type GridCandidates = z.infer<typeof CandidatesSchema>
export type GridRoleGrant = z.infer<typeof GridRoleGrantSchema>
export type GrantGridRoleInput = z.infer<typeof GrantGridRoleBody>
export type CreateGridInput = z.infer<typeof CreateGridBody>
export type CreateBuildingGroupInput = z.infer<typeof CreateBuildingGroupBody>
