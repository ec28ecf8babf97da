// 我的消息: the in-app inbox (worker/inbox/routes.ts). Later the same events go out as WeChat
// subscribe messages; the inbox stays the full record.
import type { z } from 'zod'
import type { NotificationSchema } from '@worker/inbox/schemas'
import { request } from '@/api/request'
import type { Ok, Page } from '@/api/types'

/** One notice (NotificationSchema of worker/inbox/schemas.ts). */
export type Notification = z.infer<typeof NotificationSchema>

export const listInbox = (cursor?: string, unreadOnly = false) =>
  request<Page<Notification>>('GET', '/api/me/inbox', {
    query: { cursor, unread: unreadOnly ? '1' : undefined },
  })
export const markRead = (notificationId: string) =>
  request<Ok>('POST', `/api/me/inbox/${encodeURIComponent(notificationId)}/read`)
export const markAllRead = () => request<Ok>('POST', '/api/me/inbox/read-all')
