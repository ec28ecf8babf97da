import { z } from '@hono/zod-openapi'

/** One staff action of the community's 操作记录, raw and in words. */
export const AuditEntrySchema = z
  .object({
    id: z.string(),
    actor: z.object({ id: z.string(), nickname: z.string() }),
    /** The resident the staff member acted for (代办), if any. */
    onBehalfOf: z.object({ id: z.string(), nickname: z.string() }).nullable(),
    action: z.string(),
    /** "取消会议": the action in Chinese (worker/lib/audit-labels.ts). */
    actionLabel: z.string(),
    targetType: z.string(),
    /** "会议" */
    targetTypeLabel: z.string(),
    targetId: z.string(),
    /** The object by name ("青石巷停车听证会"), null when it no longer exists and the entry did not record one. */
    targetName: z.string().nullable(),
    /** The mini-program page the object opens on, when it has one. */
    targetLink: z.string().nullable(),
    /** Each recorded field in words: label, value before and after (times, people, rooms, statuses written out). */
    changes: z.array(
      z.object({
        field: z.string(),
        label: z.string(),
        before: z.string().nullable(),
        after: z.string().nullable(),
      }),
    ),
    before: z.unknown(),
    after: z.unknown(),
    createdAt: z.number(),
  })
  .openapi('AuditEntry')

export type AuditEntry = z.infer<typeof AuditEntrySchema>
