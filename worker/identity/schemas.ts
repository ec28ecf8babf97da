import { z } from '@hono/zod-openapi'
import { ROLES } from '../../db/schema'
import { requiredText as text } from '../lib/fields'

// Request and response shapes of the identity domain. The mini-program imports the inferred
// types from here, so the contract has one home.

export const RoleSchema = z.enum(ROLES).openapi('Role')

export const UserSchema = z
  .object({
    id: z.string(),
    nickname: z.string(),
    consentVersion: z.string().nullable(),
    currentCommunityId: z.string().nullable(),
  })
  .openapi('User')

export const HouseholdSchema = z
  .object({
    id: z.string(),
    compoundName: z.string(),
    buildingName: z.string(),
    unit: z.string(),
    room: z.string(),
    label: z.string().openapi({ example: '梧桐苑 3号楼 2单元 301室' }),
    floorAreaM2: z.string().openapi({ example: '89.50' }),
  })
  .openapi('Household')

export const ResidencySchema = z
  .object({
    id: z.string(),
    communityId: z.string(),
    communityName: z.string(),
    household: HouseholdSchema,
    isRepresentative: z.boolean(),
    verifiedAt: z.number(),
    via: z.enum(['invite_code', 'request']),
  })
  .openapi('Residency')

export const ResidencyRequestSchema = z
  .object({
    id: z.string(),
    communityId: z.string(),
    communityName: z.string(),
    buildingId: z.string(),
    buildingName: z.string(),
    unit: z.string(),
    room: z.string(),
    realName: z.string(),
    note: z.string().nullable(),
    status: z.enum(['pending', 'approved', 'rejected']),
    rejectReason: z.string().nullable(),
    createdAt: z.number(),
    decidedAt: z.number().nullable(),
  })
  .openapi('ResidencyRequest')

export const StaffResidencyRequestSchema = ResidencyRequestSchema.extend({
  user: z.object({ id: z.string(), nickname: z.string() }),
}).openapi('StaffResidencyRequest')

export const MeSchema = z
  .object({
    user: UserSchema,
    currentCommunity: z
      .object({ id: z.string(), name: z.string(), streetName: z.string() })
      .nullable(),
    residencies: z.array(ResidencySchema),
    roles: z.array(
      z.object({ communityId: z.string(), communityName: z.string(), role: RoleSchema }),
    ),
    residencyRequests: z.array(ResidencyRequestSchema),
  })
  .openapi('Me')

export const SessionSchema = z
  .object({ token: z.string(), expiresAt: z.number(), user: UserSchema })
  .openapi('Session')

export const WechatLoginBody = z.strictObject({ code: text(200, '登录凭证') })

export const DevLoginBody = z.union([
  z.strictObject({ demoUser: text(64, '演示用户') }),
  z.strictObject({ openid: text(128, 'openid') }),
])

export const DevUsersSchema = z.object({
  users: z.array(z.object({ key: z.string(), nickname: z.string(), description: z.string() })),
})

export const PrivacyNoticeSchema = z
  .object({ version: z.string(), title: z.string(), paragraphs: z.array(z.string()) })
  .openapi('PrivacyNotice')

export const ConsentBody = z.strictObject({ version: text(32, '隐私政策版本') })
export const ChooseCommunityBody = z.strictObject({ communityId: text(64, '社区') })
export const UpdateProfileBody = z.strictObject({ nickname: text(20, '昵称') })

export const ClaimInviteBody = z.strictObject({
  code: text(20, '邀请码').refine(
    (v) => v.replace(/[^0-9a-zA-Z]/g, '').length === 8,
    '邀请码是 8 位字母和数字，请核对',
  ),
})

export const CreateResidencyRequestBody = z.strictObject({
  communityId: text(64, '社区'),
  buildingId: text(64, '楼栋'),
  unit: text(10, '单元'),
  room: text(10, '门牌号'),
  realName: text(20, '真实姓名'),
  note: z.string().trim().max(200, '备注不能超过 200 个字').optional(),
})

export const RejectBody = z.strictObject({ reason: text(200, '理由') })

export const RequestStatusQuery = z.object({
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

export const HouseholdsQuery = z.object({ buildingId: text(64, '楼栋') })

export const StaffHouseholdSchema = HouseholdSchema.extend({
  residents: z.array(
    z.object({
      residencyId: z.string(),
      userId: z.string(),
      realName: z.string().nullable(),
      nickname: z.string(),
      isRepresentative: z.boolean(),
    }),
  ),
  openInvite: z.object({ expiresAt: z.number() }).nullable(),
}).openapi('StaffHousehold')

export const CreateInviteCodesBody = z.strictObject({
  householdIds: z
    .array(text(64, '住户'))
    .min(1, '请至少选择一户')
    .max(200, '一次最多生成 200 户的邀请码'),
})

export const InviteCodeSchema = z
  .object({
    householdId: z.string(),
    householdLabel: z.string(),
    code: z.string(),
    expiresAt: z.number(),
  })
  .openapi('InviteCode')

export const ResidentSchema = z
  .object({
    residencyId: z.string(),
    userId: z.string(),
    realName: z.string().nullable(),
    nickname: z.string(),
    household: HouseholdSchema,
    isRepresentative: z.boolean(),
    verifiedAt: z.number(),
    via: z.enum(['invite_code', 'request']),
  })
  .openapi('Resident')

export const RoleGrantSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    nickname: z.string(),
    realName: z.string().nullable(),
    role: RoleSchema,
    grantedAt: z.number(),
  })
  .openapi('RoleGrant')

export const GrantRoleBody = z.strictObject({ userId: text(64, '用户'), role: RoleSchema })

export type User = z.infer<typeof UserSchema>
export type Household = z.infer<typeof HouseholdSchema>
export type Residency = z.infer<typeof ResidencySchema>
export type ResidencyRequest = z.infer<typeof ResidencyRequestSchema>
export type Me = z.infer<typeof MeSchema>

export const MyDataExportSchema = z
  .object({
    exportedAt: z.number(),
    account: UserSchema.extend({ openid: z.string(), createdAt: z.number() }),
    privacyConsents: z.array(z.object({ version: z.string(), acceptedAt: z.number() })),
    residencies: z.array(
      z.object({
        id: z.string(),
        householdId: z.string(),
        status: z.enum(['verified', 'revoked']),
        realName: z.string().nullable(),
        verifiedAt: z.number(),
        revokedAt: z.number().nullable(),
        revokeReason: z.string().nullable(),
      }),
    ),
    residencyRequests: z.array(ResidencyRequestSchema),
    roles: z.array(
      z.object({ communityId: z.string(), communityName: z.string(), role: RoleSchema }),
    ),
    suggestions: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
    conventions: z.object({
      comments: z.array(z.record(z.string(), z.unknown())),
      pledges: z.array(z.record(z.string(), z.unknown())),
      ballots: z.string(),
    }),
    bookings: z.array(z.record(z.string(), z.unknown())),
    meetings: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  })
  .openapi('MyDataExport')
export type MyDataExport = z.infer<typeof MyDataExportSchema>
