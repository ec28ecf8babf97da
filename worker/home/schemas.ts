import { z } from '@hono/zod-openapi'

export const HomeQuery = z.object({
  /** The community the home is about; the person's current one when left out. */
  communityId: z.string().min(1).max(64).optional(),
})

export const HomeSchema = z
  .object({
    /** null when the person has no current community yet. */
    communityId: z.string().nullable(),
    /** Running votes where I still have a ballot to cast, closing first. */
    votes: z.array(z.object({ id: z.string(), title: z.string(), closesAt: z.number() })),
    /** Meetings I signed up for (or wait for) in the next days. */
    meetings: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        startsAt: z.number(),
        place: z.string(),
        waitlisted: z.boolean(),
      }),
    ),
    /** My room bookings in the next days. */
    bookings: z.array(
      z.object({
        id: z.string(),
        roomName: z.string(),
        startsAt: z.number(),
        endsAt: z.number(),
        pending: z.boolean(),
      }),
    ),
    /** Unread news of the 金点子 I wrote or support (from my inbox). */
    news: z.object({
      unread: z.number(),
      items: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          body: z.string(),
          link: z.string().nullable(),
          createdAt: z.number(),
        }),
      ),
    }),
    /** What waits for the 居委会 (staff and admins of the community only, else null). */
    staff: z
      .object({
        moderation: z.number(),
        residencyRequests: z.number(),
        answersDue: z.number(),
        overdue: z.number(),
      })
      .nullable(),
    /** Bookings waiting for my approval (邻里中心 managers only, else null). */
    bookingsToApprove: z.number().nullable(),
  })
  .openapi('Home')

export type Home = z.infer<typeof HomeSchema>
