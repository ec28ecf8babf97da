import { z } from '@hono/zod-openapi'
import { CENTRE_ROLES, ROLES } from '../../db/schema'
import { DateText, requiredText as text } from '../lib/fields'

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
    via: z.enum(['invite_code', 'request', 'registered']),
  })
  .openapi('Residency')

export const ResidencyRequestSchema = z
  .object({
    id: z.string(),
    communityId: z.string(),
    communityName: z.string(),
    buildingId: z.string(),
    /** The compound (小区) of the building: "2号楼" alone is ambiguous in a community. */
    compoundName: z.string(),
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
  /** 楼组长 or 网格员 who said they know the requester (decision 018). */
  vouches: z.array(z.object({ nickname: z.string(), roleName: z.string(), createdAt: z.number() })),
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
    /** The 网格 and 楼组 I look after (网格员, 楼组长: decision 018); 我的 opens them. */
    gridRoles: z.array(
      z.object({
        kind: z.enum(['grid', 'building_group']),
        id: z.string(),
        name: z.string(),
        roleName: z.string(),
        communityId: z.string(),
      }),
    ),
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
    via: z.enum(['invite_code', 'request', 'registered']),
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
    account: UserSchema.extend({
      openid: z.string(),
      createdAt: z.number(),
      /** 代办 (decision 019): a phone staff entered, who registered her without WeChat, when she claimed it. */
      phone: z.string().nullable(),
      registeredBy: z.string().nullable(),
      registeredAt: z.number().nullable(),
      claimedAt: z.number().nullable(),
    }),
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
    /** 邻里中心管理员 grants, former ones included (decision 020). */
    centreRoles: z.array(
      z.object({
        centreId: z.string(),
        centreName: z.string(),
        role: z.enum(CENTRE_ROLES),
        grantedAt: z.number(),
        revokedAt: z.number().nullable(),
      }),
    ),
    suggestions: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
    conventions: z.object({
      comments: z.array(z.record(z.string(), z.unknown())),
      pledges: z.array(z.record(z.string(), z.unknown())),
      ballots: z.string(),
    }),
    bookings: z.array(z.record(z.string(), z.unknown())),
    meetings: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
    ownership: z.object({
      owners: z.array(z.record(z.string(), z.unknown())),
      proxiesGiven: z.array(z.record(z.string(), z.unknown())),
      proxiesHeld: z.array(z.record(z.string(), z.unknown())),
    }),
    /** What the content check held back of mine, and why (worker/moderation). */
    contentChecks: z.object({ held: z.array(z.record(z.string(), z.unknown())) }),
  })
  .openapi('MyDataExport')
export type MyDataExport = z.infer<typeof MyDataExportSchema>

// ---------- ownership (业主, decision 011): staff record it, the owner sees her own ----------

/** "89.5" / "89.50" (m², at most two decimals): read exactly into dm² by the service. */
export const AreaM2Text = z
  .string({ error: '请填写专有部分面积' })
  .trim()
  .regex(/^\d{1,5}(\.\d{1,2})?$/, '面积请填写平方米数，最多两位小数，如 89.50')
  .refine((v) => /[1-9]/.test(v), '面积必须大于 0')

/** One owner of a unit: an owner already recorded, a verified resident's account, or a name. */
export const OwnerRefSchema = z
  .strictObject({
    ownerId: z.string().min(1).max(64).optional(),
    userId: z.string().min(1).max(64).optional(),
    name: text(40, '业主姓名').optional(),
  })
  // An account may come with the name on the certificate (residents verified by invite code
  // have no real name on file); an owner already recorded comes alone.
  .refine((o) => (o.ownerId ? !o.userId && !o.name : Boolean(o.userId || o.name)), {
    message: '每位业主请选择已登记的业主、本户认证居民，或填写姓名（三选一）',
  })

export const RecordTitleBody = z
  .strictObject({
    areaM2: AreaM2Text,
    /** 开发商未售/未交付: the one owner is the developer. */
    developerUnsold: z.boolean().default(false),
    certificateNo: z.string().trim().max(60, '不动产权证号不能超过 60 个字').optional(),
    owners: z.array(OwnerRefSchema).max(10, '共有人不能超过 10 位'),
  })
  .superRefine((b, ctx) => {
    if (b.owners.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['owners'],
        message: b.developerUnsold ? '请填写或选择开发商' : '请至少登记一位业主',
      })
    if (b.developerUnsold && b.owners.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['owners'],
        message: '开发商未售的房屋只登记开发商一方',
      })
    if (!b.developerUnsold && !b.certificateNo)
      ctx.addIssue({
        code: 'custom',
        path: ['certificateNo'],
        message: '请填写不动产权证（房产证）号',
      })
  })

export const OwnershipQuery = z.object({
  buildingId: text(64, '楼栋'),
  /** Part of a room number: "301" finds 1单元301室 and 2单元301室. */
  room: z.string().trim().max(10, '房号不能超过 10 个字').optional(),
})

export const OwnersQuery = z.object({
  q: z.string().trim().max(20, '查找内容不能超过 20 个字').optional(),
  kind: z.enum(['person', 'developer']).optional(),
})

export const RecordProxyBody = z.strictObject({
  proxyUserId: text(64, '受托人'),
  document: text(100, '委托书说明', 2),
  /** Last day of the 委托 (Shanghai); none: until revoked. */
  validUntil: DateText.optional(),
})

export const OwnerSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['person', 'developer']),
    name: z.string(),
    userId: z.string().nullable(),
    nickname: z.string().nullable(),
    /** Every unit of the community this owner holds, by label. */
    units: z.array(z.string()),
  })
  .openapi('Owner')

export const OwnerProxySchema = z
  .object({
    id: z.string(),
    ownerId: z.string(),
    ownerName: z.string(),
    proxyUserId: z.string(),
    proxyName: z.string(),
    document: z.string(),
    validUntil: z.number().nullable(),
    recordedAt: z.number(),
  })
  .openapi('OwnerProxy')

export const OwnershipUnitSchema = z
  .object({
    household: HouseholdSchema,
    title: z
      .object({
        registeredAreaM2: z.string(),
        certificateNo: z.string().nullable(),
        developerUnsold: z.boolean(),
        recordedAt: z.number(),
        recordedBy: z.string(),
      })
      .nullable(),
    owners: z.array(OwnerSchema),
    proxies: z.array(OwnerProxySchema),
    /** Verified residents of the unit (an owner who uses the app is linked from here). */
    residents: z.array(
      z.object({ userId: z.string(), realName: z.string().nullable(), nickname: z.string() }),
    ),
  })
  .openapi('OwnershipUnit')

export const OwnershipListSchema = z
  .object({
    /** Units of the building with a recorded title / all units of the building. */
    recorded: z.number(),
    total: z.number(),
    items: z.array(OwnershipUnitSchema),
  })
  .openapi('OwnershipList')

export const MyOwnershipSchema = z
  .object({
    units: z.array(
      z.object({
        communityName: z.string(),
        household: HouseholdSchema,
        registeredAreaM2: z.string(),
        /** The other owners of the unit (共有人), by name. */
        coOwners: z.array(z.string()),
      }),
    ),
    proxiesGiven: z.array(OwnerProxySchema),
    proxiesHeld: z.array(OwnerProxySchema.extend({ units: z.array(z.string()) })),
  })
  .openapi('MyOwnership')

// ── 邻里中心管理员: a role granted per centre (decision 020) ──────────────────────────────────

export const CentreRoleSchema = z.enum(CENTRE_ROLES).openapi('CentreRole')

export const CentreRoleGrantSchema = z
  .object({
    id: z.string(),
    centreId: z.string(),
    userId: z.string(),
    nickname: z.string(),
    role: CentreRoleSchema,
    grantedAt: z.number(),
    /** Null for a grant carried over from the old community role without a recorded author. */
    grantedBy: z.object({ id: z.string(), nickname: z.string() }).nullable(),
    /** Set once revoked: the list keeps former managers, so one can be appointed again. */
    revokedAt: z.number().nullable(),
  })
  .openapi('CentreRoleGrant')

export const GrantCentreRoleBody = z.strictObject({
  userId: text(64, '人员'),
  role: CentreRoleSchema,
})

export type CentreRoleGrant = z.infer<typeof CentreRoleGrantSchema>
