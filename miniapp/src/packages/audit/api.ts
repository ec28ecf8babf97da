// The audit domain's one route: a community's 操作记录 (worker/audit/routes.ts, its shape from worker/audit/schemas.ts).
import type { z } from 'zod'
import type { AuditEntrySchema } from '@worker/audit/schemas'
import { request } from '@/api/request'
import type { Page } from '@/api/types'

export type AuditEntry = z.infer<typeof AuditEntrySchema>

export const listAudit = (communityId: string, cursor?: string) =>
  request<Page<AuditEntry>>('GET', `/api/communities/${encodeURIComponent(communityId)}/audit`, {
    query: { cursor },
  })
