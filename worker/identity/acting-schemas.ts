import { z } from '@hono/zod-openapi'
import { requiredText as text } from '../lib/fields'
import { HouseholdSchema } from './schemas'

// 代办 (decision 019): registering a resident without WeChat and acting for her. The routes of
// the acts themselves are each domain's own, with the `actingFor` query below.

const residentIdParam = z
  .string()
  .min(1)
  .max(64)
  .openapi({
    param: { name: 'residentId', in: 'path' },
    description: '代办：为这位居民办理（工作人员或她所在楼组的楼组长、网格员）',
  })

/** `…/for/{residentId}`: the resident's own act, done for her (decision 019). */
export const ActingParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
  residentId: residentIdParam,
})

/** The same, for a route with no other id (a booking names its room in the body). */
export const ActingResidentParam = z.object({ residentId: residentIdParam })

export const RegisterOfflineResidentBody = z.strictObject({
  householdId: text(64, '住户'),
  realName: text(20, '姓名'),
  nickname: text(20, '称呼'),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不对，请核对（可不填）')
    .optional(),
  consentConfirmed: z.literal(true, { error: '请先向居民说明《邻里隐私政策》并取得她的同意' }),
})
export type RegisterOfflineResidentInput = z.infer<typeof RegisterOfflineResidentBody>

export const ActingResidentSchema = z
  .object({
    userId: z.string(),
    nickname: z.string(),
    /** 姓名, only when staff or a 楼组长 entered it (registered here). */
    realName: z.string().nullable(),
    phone: z.string().nullable(),
    household: HouseholdSchema,
    /** Registered without WeChat and not yet claimed: nobody can sign in as her. */
    offline: z.boolean(),
  })
  .openapi('ActingResident')
export type ActingResident = z.infer<typeof ActingResidentSchema>

export const ActingResidentDetailSchema = ActingResidentSchema.extend({
  communityId: z.string(),
}).openapi('ActingResidentDetail')

export const ActingResidentsQuery = z.object({
  q: z.string().trim().max(20, '查找内容不能超过 20 个字').optional(),
})

export const RegisterHouseholdsQuery = z.object({
  room: requiredRoom(),
})

function requiredRoom() {
  return text(10, '门牌号')
}

export const ClaimCodeSchema = z
  .object({ code: z.string(), expiresAt: z.number() })
  .openapi('ClaimCode')
