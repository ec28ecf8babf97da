// 我的消息: the in-app inbox (worker/inbox/routes.ts). Later the same events go out as WeChat
// subscribe messages; the inbox stays the full record.
import { request } from './request'
import type { Ok, Page } from './types'

/**
 * NotificationSchema of worker/inbox/routes.ts, written out: that schema lives in the routes
 * file, whose imports (services, D1 types) the mini-program's typecheck cannot follow. To be
 * replaced by `z.infer` once the schema moves to a worker/inbox/schemas.ts.
 */
export type Notification = {
  id: string
  /** 'meeting.promoted', 'booking.rejected' … */
  kind: string
  title: string
  body: string
  /** A mini-program page path to open, or null. */
  link: string | null
  createdAt: number
  read: boolean
}

export const listInbox = (cursor?: string, unreadOnly = false) =>
  request<Page<Notification>>('GET', '/api/me/inbox', { query: { cursor, unread: unreadOnly ? '1' : undefined } })
export const getUnreadCount = () => request<{ unread: number }>('GET', '/api/me/inbox/unread-count')
export const markRead = (notificationId: string) => request<Ok>('POST', `/api/me/inbox/${encodeURIComponent(notificationId)}/read`)
export const markAllRead = () => request<Ok>('POST', '/api/me/inbox/read-all')
