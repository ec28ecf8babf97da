import { NOW, sh } from './booking-helpers'
import { HOUR } from '../../worker/lib/time'
import type { InferRequestType } from 'hono/client'
import { client, send } from './client'

// Shared by the meetings-*.test.ts files. The clock is frozen (freezeClock from
// booking-helpers) at Tuesday 2026-12-01 10:00 Shanghai; the default meeting is on Thursday
// 2026-12-03 14:00–16:00 in the 议事厅 (rm-council), sign-up open from an hour ago.

export { freezeClock, NOW, sh, verifiedResident } from './booking-helpers'
export * from './helpers'

export const COMMUNITY = 'cm-huaishu'
export const MEETING_DAY = '2026-12-03'

/** The body of POST /api/communities/{id}/meetings, from the route's schema. */
export type MeetingInput = InferRequestType<
  ReturnType<typeof client>['communities'][':id']['meetings']['$post']
>['json']

export function meetingBody(overrides: Partial<MeetingInput> = {}): MeetingInput {
  return {
    type: 'hearing',
    title: '青石巷停车听证会',
    description: '听取居民对青石巷夜间停车方案的意见。',
    startsAt: sh(MEETING_DAY, '14:00'),
    endsAt: sh(MEETING_DAY, '16:00'),
    roomId: 'rm-council',
    capacity: 20,
    signupOpensAt: NOW - HOUR,
    signupClosesAt: sh(MEETING_DAY, '12:00'),
    audience: 'residents',
    agenda: [{ title: '夜间停车方案', description: '是否在青石巷试行夜间单侧停车' }],
    ...overrides,
  }
}

/** Creates (and by default publishes) a meeting as `token`; returns its detail. */
export async function createMeeting(
  token: string,
  overrides: Partial<MeetingInput> = {},
  { publish = true } = {},
) {
  const created = await send(
    client(token).communities[':id'].meetings.$post({
      param: { id: COMMUNITY },
      json: meetingBody(overrides),
    }),
  )
  if (created.status !== 201)
    throw new Error(`create meeting: ${created.status} ${JSON.stringify(created.body)}`)
  if (!publish) return created.body
  const published = await send(
    client(token).meetings[':id'].publish.$post({ param: { id: created.body.id } }),
  )
  if (published.status !== 200)
    throw new Error(`publish meeting: ${published.status} ${JSON.stringify(published.body)}`)
  return published.body
}
