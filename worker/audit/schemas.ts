import { z } from '@hono/zod-openapi'

/** One staff action of the community's 操作记录. */
export const AuditEntrySchema = z
  .object({
    id: z.string(),
    actor: z.object({ id: z.string(), nickname: z.string() }),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    createdAt: z.number(),
  })
  .openapi('AuditEntry')

export type AuditEntry = z.infer<typeof AuditEntrySchema>
