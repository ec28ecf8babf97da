// The audit domain's one route: a community's 操作记录 (worker/audit/routes.ts).
import { request } from '@/api/request'
import type { Page } from '@/api/types'

/** worker/audit/routes.ts keeps its schema private; this mirrors it. */
export type AuditEntry = {
  id: string
  actor: { id: string; nickname: string }
  action: string
  targetType: string
  targetId: string
  before: unknown
  after: unknown
  createdAt: number
}

export const listAudit = (communityId: string, cursor?: string) =>
  request<Page<AuditEntry>>('GET', `/api/communities/${encodeURIComponent(communityId)}/audit`, { query: { cursor } })
