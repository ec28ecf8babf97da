import { z } from '@hono/zod-openapi'
import { cursorQuery } from '../lib/pagination'

export const NotificationSchema = z
  .object({
    id: z.string(),
    /** 'meeting.promoted', 'booking.rejected' … (domain.event) */
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    /** A mini-program page path to open, or null. */
    link: z.string().nullable(),
    createdAt: z.number(),
    read: z.boolean(),
  })
  .openapi('Notification')

export const InboxQuery = z.object({
  ...cursorQuery,
  unread: z
    .enum(['1', '0'])
    .optional()
    .transform((v) => v === '1'),
})
