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

export const TopicSchema = z.enum(['suggestion', 'meeting', 'booking', 'vote', 'residency'])

export const SubscriptionSchema = z
  .object({
    topic: TopicSchema,
    /** 金点子进展, 会议通知 … */
    name: z.string(),
    /** What it covers, in a resident's words. */
    covers: z.string(),
    /** The WeChat template to ask for with requestSubscribeMessage. */
    templateId: z.string(),
    /** A long-term subscription (one accept is enough); else each accept is one message. */
    longTerm: z.boolean(),
    /** My switch: off means nothing is sent, whatever WeChat allows. */
    enabled: z.boolean(),
    /** Messages WeChat still lets us send me (one-time subscriptions). */
    credits: z.number(),
    lastAnswer: z.enum(['accept', 'reject', 'ban']).nullable(),
    /** I have answered WeChat's prompt or used my switch: when off, the app stops asking at taps. */
    answered: z.boolean(),
  })
  .openapi('Subscription')

export const SubscriptionsSchema = z
  .object({
    /** Only the topics this deployment has a template for; empty when WeChat is not set up. */
    items: z.array(SubscriptionSchema),
  })
  .openapi('Subscriptions')

export const SubscribeAnswersBody = z
  .object({
    /** wx.requestSubscribeMessage's answer per template id. */
    answers: z
      .array(
        z
          .object({
            templateId: z.string().min(1).max(128),
            answer: z.enum(['accept', 'reject', 'ban', 'filter']),
          })
          .strict(),
      )
      .min(1)
      .max(3, '一次最多订阅 3 种消息'),
  })
  .strict()

export const SubscriptionSwitchBody = z.object({ enabled: z.boolean() }).strict()

export const TopicParam = z.object({
  topic: TopicSchema.openapi({ param: { name: 'topic', in: 'path' } }),
})
